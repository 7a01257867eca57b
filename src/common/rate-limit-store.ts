import Redis from 'ioredis';
import { ConfigError } from '../config';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export interface LimiterOptions {
  /** Names the counter; keys of different limiters never meet. */
  keyPrefix: string;
  points: number;
  /** Seconds a window lasts. */
  duration: number;
  /** Once a key has spent this many points, refuse it in this process until its window ends, without asking the store. */
  inMemoryBlockOnConsumed?: number;
}

/** Where the rate limits' counters live: this process's memory, or a store every instance shares. */
export interface LimiterStore {
  kind: 'memory' | 'postgres' | 'redis';
  limiter(options: LimiterOptions): RateLimiterAbstract;
  close(): Promise<void>;
}

/** The table of counters, in the application's own schema (tests give each run a schema of its own). */
const TABLE = 'rate_limit';
/** Connections of the counters' own pool: one short statement per limit and request. */
const POOL_SIZE = 4;
/** A store that does not answer within this is treated as unreachable for that request. */
const STORE_TIMEOUT_MS = 2000;
const WARN_EVERY_MS = 60_000;

function memoryStore(): LimiterStore {
  return {
    kind: 'memory',
    limiter: (options) => new RateLimiterMemory(options),
    close: async () => undefined,
  };
}

/**
 * Counts in memory while the shared store cannot be reached, and says so in the log at most once
 * a minute. rate-limiter-flexible calls its insurance limiter in place of the store on any store
 * error, so limits still hold, per instance, rather than failing open or refusing everyone.
 */
class Insurance extends RateLimiterMemory {
  constructor(
    options: LimiterOptions,
    private readonly used: () => void,
  ) {
    super({ keyPrefix: options.keyPrefix, points: options.points, duration: options.duration });
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): Promise<RateLimiterRes> {
    this.used();
    return super.consume(...args);
  }

  override get(...args: Parameters<RateLimiterMemory['get']>): Promise<RateLimiterRes | null> {
    this.used();
    return super.get(...args);
  }
}

/** Logs, at most once a minute, that counting fell back to this instance's memory. */
function insuranceWarning(logger: Logger): () => void {
  let warned = 0;
  return () => {
    const now = Date.now();
    if (now - warned < WARN_EVERY_MS) return;
    warned = now;
    logger.warn('rate-limit store unreachable: counting in this instance’s memory until it answers');
  };
}

/**
 * Redis (REDIS_URL): the library's atomic Lua increment per key. Keys start with REDIS_KEY_PREFIX.
 * A Redis that does not answer is the same case as an unreachable PostgreSQL: count in memory.
 */
async function redisStore(url: string, prefix: string, logger: Logger): Promise<LimiterStore> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: STORE_TIMEOUT_MS,
    commandTimeout: STORE_TIMEOUT_MS,
    // A request waits for no reconnection: while Redis is away the insurance limiter answers.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  });
  client.on('error', (error: Error) => logger.warn({ err: error }, 'rate-limit store connection lost'));
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    // The operator's to fix, said like a bad setting (no stack trace, exit 1).
    throw new ConfigError([
      `REDIS_URL: Redis does not answer (${(error as Error).message}); start it, or correct or unset REDIS_URL`,
    ]);
  }
  const insuranceUsed = insuranceWarning(logger);
  return {
    kind: 'redis',
    limiter: (options) =>
      new RateLimiterRedis({
        storeClient: client,
        ...options,
        keyPrefix: `${prefix}:${options.keyPrefix}`,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new Insurance(options, insuranceUsed),
      }),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

async function postgresStore(url: string, pgSchema: string | undefined, logger: Logger): Promise<LimiterStore> {
  const pool = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: STORE_TIMEOUT_MS,
    query_timeout: STORE_TIMEOUT_MS,
    ...(pgSchema ? { options: `-c search_path=${pgSchema}` } : {}),
  });
  // An idle connection that the server drops must not take the process down; the next query reconnects.
  pool.on('error', (error) => logger.warn({ err: error }, 'rate-limit store connection lost'));
  const insuranceUsed = insuranceWarning(logger);
  const common = { storeClient: pool, storeType: 'pool', tableName: TABLE };
  // The library creates the table (CREATE TABLE IF NOT EXISTS, tolerating an instance that creates
  // it at the same moment); every other limiter is told it exists.
  await new Promise<void>((resolve, reject) => {
    new RateLimiterPostgres(
      { ...common, keyPrefix: 'setup', points: 1, duration: 1, clearExpiredByTimeout: false },
      (error?: Error) => (error ? reject(error) : resolve()),
    );
  }).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  let first = true;
  return {
    kind: 'postgres',
    limiter: (options) => {
      // One limiter deletes rows an hour past their window, every 5 minutes, for the whole table.
      const clearExpiredByTimeout = first;
      first = false;
      return new RateLimiterPostgres({
        ...common,
        ...options,
        tableCreated: true,
        clearExpiredByTimeout,
        insuranceLimiter: new Insurance(options, insuranceUsed),
      });
    },
    close: () => pool.end(),
  };
}

/**
 * Redis when REDIS_URL is given; else PostgreSQL when the application runs on it (instances share
 * its counters); else memory (one SQLite instance).
 */
export function openLimiterStore(
  settings: { url: string | null; redisUrl?: string | null; redisKeyPrefix?: string; pgSchema?: string },
  logger: Logger,
): Promise<LimiterStore> {
  if (settings.redisUrl) return redisStore(settings.redisUrl, settings.redisKeyPrefix ?? 'ceu-ledger', logger);
  return settings.url ? postgresStore(settings.url, settings.pgSchema, logger) : Promise.resolve(memoryStore());
}
