import { Pool } from 'pg';
import type { Logger } from 'pino';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

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
  kind: 'memory' | 'postgres';
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
  let warned = 0;
  const insuranceUsed = () => {
    const now = Date.now();
    if (now - warned < WARN_EVERY_MS) return;
    warned = now;
    logger.warn('rate-limit store unreachable: counting in this instance’s memory until it answers');
  };
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

/** PostgreSQL when the application runs on it (instances share its counters), else memory (one SQLite instance). */
export function openLimiterStore(
  settings: { url: string | null; pgSchema?: string },
  logger: Logger,
): Promise<LimiterStore> {
  return settings.url ? postgresStore(settings.url, settings.pgSchema, logger) : Promise.resolve(memoryStore());
}
