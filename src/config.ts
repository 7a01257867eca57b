import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import path from 'node:path';
import { DEFAULT_COST_PER_MINUTE } from './common/cost';
import { DEFAULT_LIMITS, QueryLimits } from './common/limits';
import { DEFAULT_JIT_CACHE_SIZE } from './common/jit-executor';

/** Everything ceu-ledger reads from the environment, read once, here. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** PostgreSQL connection string; when unset the embedded SQLite database is used. */
  databaseUrl: string | null;
  /**
   * Redis for the rate limits' counters (redis:// or rediss://), shared by every instance; when
   * unset they live in PostgreSQL with DATABASE_URL, else in memory.
   */
  redisUrl: string | null;
  /** Starts every rate-limit key in Redis, so that applications sharing one Redis do not meet. */
  redisKeyPrefix: string;
  sqlitePath: string;
  /**
   * Portal and staff tokens: HS256 secret, or a JWKS URL for asymmetric keys; the longest life a
   * token may have (its `exp` from now, and from its `iat`), in seconds.
   */
  jwt: { secret: string | null; jwksUrl: string | null; issuer: string; audience: string; maxLifetimeSeconds: number };
  /** Fill an empty database with demo data at start. */
  seedDemo: boolean;
  bodyLimit: string;
  corsOrigins: string[];
  logLevel: string;
  limits: QueryLimits;
  /** Requests per minute per client (credential, or address when anonymous); 0 turns it off. */
  rateLimitPerMinute: number;
  /** Query cost points per minute per client, spent by each operation's cost; 0 turns it off. */
  queryCostPerMinute: number;
  /** Failed authentications per minute per address before its credentials are refused unchecked; 0: off. */
  authFailuresPerMinute: number;
  /** Mutations per hour per address from callers without credentials (applyAsProvider); 0: off. */
  anonymousMutationsPerHour: number;
  /** PostgreSQL connections each instance may open. */
  databasePoolSize: number;
  /**
   * Which proxies in front of the server to believe about the client's address
   * (X-Forwarded-For), as Express's `trust proxy`: false (none), a hop count, or addresses,
   * subnets and the names loopback, linklocal, uniquelocal.
   */
  trustProxy: boolean | number | string;
  /** Serve the GraphiQL explorer at GET /graphql for browsers (never in production). */
  explorer: boolean;
  /**
   * The address clients reach this API at (no trailing slash): the issuer of transcript
   * credentials and the base of its key URLs. Null outside production when unset: the server's
   * own http://localhost:<port>.
   */
  publicUrl: string | null;
  /**
   * Days a provider's completion report (reportCompletions' answer) is kept after the day it was
   * made; older reports are no longer shown and are deleted by later reports.
   */
  completionReportRetentionDays: number;
  /** Transcript credentials: the Ed25519 key that signs them, and earlier keys still published. */
  credentials: { signingKey: KeyObject; previousKeys: KeyObject[] };
  webhooks: WebhookSettings;
  /**
   * How operations are executed: `graphql-js` (the default) interprets each document on every
   * request; `jit` compiles it once with graphql-jit, kept in an LRU cache of `jitCacheSize`
   * documents. Both answer the same (test/e2e/examples.e2e.test.ts); on this API's operations
   * jit measured no gain in CPU per request, so it is not the default.
   */
  graphqlExecutor: 'jit' | 'graphql-js';
  jitCacheSize: number;
}

/** Outgoing webhooks: how the dispatcher of each instance sends the outbox's events. */
export interface WebhookSettings {
  /** Run the dispatcher in this process (WEBHOOK_DISPATCH); events are recorded either way. */
  dispatch: boolean;
  /** Encrypts endpoints' signing secrets at rest (AES-256-GCM; the key is SHA-256 of this). */
  secretKey: string;
  /** How often the dispatcher looks for work, in ms. */
  pollMs: number;
  /** Deliveries are retried for this long after the event, then FAILED; an endpoint failing this long is disabled. */
  retryForMs: number;
  /** The first retry's delay; each next one doubles, up to `retryMaxDelayMs`, with jitter. */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** One attempt's limit, connection to last byte read. */
  timeoutMs: number;
  /** Attempts in flight at once per instance. */
  concurrency: number;
  /** How long an instance holds a delivery it attempts; after that another may take it (a crashed instance). */
  leaseMs: number;
  /** Delivered and failed deliveries, and their events, are deleted after this long. */
  retentionMs: number;
  /** Deliveries to loopback and private addresses, for tests and development only; refused in production. */
  allowPrivateAddresses: boolean;
}

/** Encrypts webhook secrets in development and tests; public, hence refused in production. */
export const DEVELOPMENT_WEBHOOK_SECRET_KEY = 'ceu-ledger-development-webhook-key-do-not-use-in-production';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Signs development tokens; never accepted in production, where JWT_SECRET or a JWKS is required. */
export const DEVELOPMENT_JWT_SECRET = 'ceu-ledger-development-secret-do-not-use-in-production';

/**
 * Signs transcript credentials in development and tests, so that they verify across restarts.
 * Public, hence never accepted in production, where CREDENTIAL_SIGNING_KEY is required.
 */
export const DEVELOPMENT_CREDENTIAL_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIGP2W0LyuUY0kBOwkjv0pefEtjQUg2xhKxYacFa9cU0s
-----END PRIVATE KEY-----`;

/** Days a completion report is kept by default (COMPLETION_REPORT_RETENTION_DAYS). */
export const DEFAULT_REPORT_RETENTION_DAYS = 400;

/** The longest life of a portal or staff token by default (JWT_MAX_LIFETIME): a working day and then some. */
export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 24 * 3600;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads settings, collecting every bad value so that one start reports them all. */
class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The raw value; unset and empty are the same. */
  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  count(name: string, fallback: number, min = 0): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      this.problem(`${name} must be a whole number${min ? ` of at least ${min}` : ''}, got "${value}"`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    this.problem(`${name} must be true or false, got "${value}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problem(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  matching(name: string, pattern: RegExp, what: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && !pattern.test(value)) {
      this.problem(`${name} must be ${what}, got "${value}"`);
      return undefined;
    }
    return value;
  }
}

function trustProxy(settings: SettingsReader): boolean | number | string {
  const value = settings.raw('TRUST_PROXY');
  if (value === undefined || /^(0|false|no|off)$/i.test(value)) return false;
  if (/^(true|yes|on)$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const names = value.split(',').map((part) => part.trim());
  const known = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
  if (names.some((name) => !known.test(name))) {
    settings.problem(
      `TRUST_PROXY must be true, false, a hop count, or addresses, subnets and loopback/linklocal/uniquelocal, got "${value}"`,
    );
    return false;
  }
  return names.join(',');
}

/** An Ed25519 key from PEM (PKCS#8 private, SPKI public) or a JWK in JSON; null when it is not one. */
function ed25519Key(text: string, kind: 'private' | 'public'): KeyObject | null {
  try {
    const trimmed = text.trim();
    const source = trimmed.startsWith('{')
      ? { key: JSON.parse(trimmed) as Record<string, unknown>, format: 'jwk' as const }
      : trimmed.replace(/\\n/g, '\n');
    const key = kind === 'private' ? createPrivateKey(source) : createPublicKey(source);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function credentialKeys(settings: SettingsReader, mode: AppConfig['env']): AppConfig['credentials'] {
  const given = settings.raw('CREDENTIAL_SIGNING_KEY');
  let signingKey = ed25519Key(given ?? DEVELOPMENT_CREDENTIAL_KEY, 'private')!;
  if (given === undefined) {
    if (mode === 'production') settings.problem('CREDENTIAL_SIGNING_KEY is required when NODE_ENV=production');
  } else {
    const key = ed25519Key(given, 'private');
    if (!key) {
      settings.problem(
        'CREDENTIAL_SIGNING_KEY must be an Ed25519 private key, as PKCS#8 PEM (openssl genpkey -algorithm ed25519) or a JWK',
      );
    } else if (mode === 'production' && given.trim() === DEVELOPMENT_CREDENTIAL_KEY) {
      settings.problem('CREDENTIAL_SIGNING_KEY must not be the public development key when NODE_ENV=production');
    } else {
      signingKey = key;
    }
  }
  const previousKeys: KeyObject[] = [];
  const previous = settings.raw('CREDENTIAL_PREVIOUS_KEYS');
  if (previous !== undefined) {
    let list: unknown;
    try {
      list = JSON.parse(previous);
    } catch {
      list = null;
    }
    const keys = Array.isArray(list) ? list.map((jwk) => ed25519Key(JSON.stringify(jwk), 'public')) : [null];
    if (keys.some((key) => key === null)) {
      settings.problem('CREDENTIAL_PREVIOUS_KEYS must be a JSON array of Ed25519 public keys as JWKs');
    } else {
      previousKeys.push(...(keys as KeyObject[]));
    }
  }
  return { signingKey, previousKeys };
}

function publicUrl(settings: SettingsReader, mode: AppConfig['env']): string | null {
  const value = settings.raw('PUBLIC_URL');
  if (value === undefined) {
    if (mode === 'production') settings.problem('PUBLIC_URL is required when NODE_ENV=production');
    return null;
  }
  try {
    const url = new URL(value);
    if (/^https?:$/.test(url.protocol) && !url.search && !url.hash && !url.username) {
      return url.href.replace(/\/+$/, '');
    }
  } catch {
    // reported below
  }
  settings.problem(`PUBLIC_URL must be an http(s) address such as https://api.example.com, got "${value}"`);
  return null;
}

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A span of time such as 500ms, 5s, 90m or 3d (a bare number is milliseconds), in ms. */
function millis(settings: SettingsReader, name: string, fallback: number, min: number): number {
  const value = settings.raw(name);
  if (value === undefined) return fallback;
  const m = /^(\d{1,10})\s*(ms|s|m|h|d)?$/i.exec(value.trim());
  const ms = m ? Number(m[1]) * MS_PER_UNIT[(m[2] ?? 'ms').toLowerCase()] : NaN;
  if (!(ms >= min)) {
    settings.problem(`${name} must be a duration of at least ${min} ms, such as 500ms, 5s, 90m or 3d, got "${value}"`);
    return fallback;
  }
  return ms;
}

function webhookSettings(settings: SettingsReader, mode: AppConfig['env']): WebhookSettings {
  const given = settings.raw('WEBHOOK_SECRET_KEY');
  if (given === undefined && mode === 'production') {
    settings.problem('WEBHOOK_SECRET_KEY is required when NODE_ENV=production (it encrypts webhook signing secrets)');
  } else if (given !== undefined && given.length < 32) {
    settings.problem('WEBHOOK_SECRET_KEY must be at least 32 characters');
  } else if (given === DEVELOPMENT_WEBHOOK_SECRET_KEY && mode === 'production') {
    settings.problem('WEBHOOK_SECRET_KEY must not be the public development key when NODE_ENV=production');
  }
  const webhooks: WebhookSettings = {
    dispatch: settings.bool('WEBHOOK_DISPATCH', true),
    secretKey: given ?? DEVELOPMENT_WEBHOOK_SECRET_KEY,
    pollMs: millis(settings, 'WEBHOOK_POLL_INTERVAL', 1000, 10),
    retryForMs: millis(settings, 'WEBHOOK_RETRY_FOR', 3 * MS_PER_UNIT.d, 1000),
    retryBaseMs: millis(settings, 'WEBHOOK_RETRY_BASE', 10_000, 10),
    retryMaxDelayMs: millis(settings, 'WEBHOOK_RETRY_MAX_DELAY', 6 * MS_PER_UNIT.h, 10),
    timeoutMs: millis(settings, 'WEBHOOK_TIMEOUT', 5000, 100),
    concurrency: settings.count('WEBHOOK_CONCURRENCY', 8, 1),
    leaseMs: millis(settings, 'WEBHOOK_LEASE', 60_000, 200),
    retentionMs: millis(settings, 'WEBHOOK_RETENTION', 30 * MS_PER_UNIT.d, 1000),
    allowPrivateAddresses: settings.bool('WEBHOOK_ALLOW_PRIVATE_ADDRESSES', false),
  };
  if (webhooks.allowPrivateAddresses && mode === 'production') {
    settings.problem('WEBHOOK_ALLOW_PRIVATE_ADDRESSES must be false when NODE_ENV=production');
  }
  if (webhooks.leaseMs <= webhooks.timeoutMs) {
    settings.problem(
      `WEBHOOK_LEASE (${webhooks.leaseMs} ms) must be longer than WEBHOOK_TIMEOUT (${webhooks.timeoutMs} ms), so that no attempt outlives its hold`,
    );
  }
  return webhooks;
}

/** A span of time such as 24h, 90m, 1d or 3600 (seconds), in seconds. */
function duration(settings: SettingsReader, name: string, fallback: number, min: number): number {
  const value = settings.raw(name);
  if (value === undefined) return fallback;
  const m = /^(\d{1,9})\s*(s|m|h|d)?$/i.exec(value.trim());
  const seconds = m ? Number(m[1]) * SECONDS_PER_UNIT[(m[2] ?? 's').toLowerCase()] : NaN;
  if (!(seconds >= min)) {
    settings.problem(`${name} must be a duration of at least ${min} s, such as 8h, 90m or 1d, got "${value}"`);
    return fallback;
  }
  return seconds;
}

function corsOrigins(settings: SettingsReader): string[] {
  const origins = (settings.raw('CORS_ORIGINS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let valid = false;
    try {
      const url = new URL(origin);
      valid = /^https?:$/.test(url.protocol) && url.origin === origin;
    } catch {
      valid = false;
    }
    if (!valid) settings.problem(`CORS_ORIGINS must list origins such as https://portal.example.com, got "${origin}"`);
  }
  return origins;
}

/**
 * Reads and checks every setting. All bad values are reported together, each with what was
 * expected, in one ConfigError; the server refuses to start with any.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const settings = new SettingsReader(env);
  const mode = settings.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const port = settings.count('PORT', 4000);
  if (port > 65535) settings.problem(`PORT must be a port number (0 to 65535), got "${env.PORT}"`);
  const jwksUrl = settings.matching('JWT_JWKS_URL', /^https?:\/\/\S+$/, 'an http(s) URL') ?? null;
  let secret = settings.raw('JWT_SECRET') ?? null;
  if (mode === 'production') {
    if (!secret && !jwksUrl && !settings.raw('JWT_JWKS_URL')) {
      settings.problem('JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production');
    }
    if (secret && secret.length < 32) settings.problem('JWT_SECRET must be at least 32 characters');
  } else if (!secret && !jwksUrl) {
    // Development and tests only: a fixed, public secret that `npm run token` also uses.
    secret = DEVELOPMENT_JWT_SECRET;
  }
  const config: AppConfig = {
    env: mode,
    port,
    host: settings.raw('HOST') ?? '0.0.0.0',
    databaseUrl:
      settings.matching('DATABASE_URL', /^postgres(ql)?:\/\/\S+$/, 'a postgres:// connection string') ?? null,
    redisUrl: settings.matching('REDIS_URL', /^rediss?:\/\/\S+$/, 'a redis:// or rediss:// address') ?? null,
    redisKeyPrefix:
      settings.matching('REDIS_KEY_PREFIX', /^[\w.:-]{1,64}$/, 'letters, digits and . _ : - (at most 64)') ??
      'ceu-ledger',
    sqlitePath: path.resolve(settings.raw('SQLITE_PATH') ?? './data/ceu-ledger.sqlite'),
    jwt: {
      secret,
      jwksUrl,
      issuer: settings.raw('JWT_ISSUER') ?? 'ceu-ledger',
      audience: settings.raw('JWT_AUDIENCE') ?? 'ceu-ledger-api',
      maxLifetimeSeconds: duration(settings, 'JWT_MAX_LIFETIME', DEFAULT_JWT_MAX_LIFETIME_SECONDS, 60),
    },
    seedDemo: settings.bool('SEED_DEMO', mode === 'development'),
    bodyLimit:
      settings.matching('BODY_LIMIT', /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'a size such as 1mb or 500kb') ?? '1mb',
    corsOrigins: corsOrigins(settings),
    logLevel: settings.oneOf('LOG_LEVEL', LOG_LEVELS, mode === 'test' ? 'silent' : 'info'),
    limits: {
      maxDepth: settings.count('QUERY_MAX_DEPTH', DEFAULT_LIMITS.maxDepth, 1),
      maxAliases: settings.count('QUERY_MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 1),
      maxDirectives: settings.count('QUERY_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 1),
      maxFields: settings.count('QUERY_MAX_FIELDS', DEFAULT_LIMITS.maxFields, 1),
      maxMutations: settings.count('QUERY_MAX_MUTATIONS', DEFAULT_LIMITS.maxMutations, 1),
      maxTokens: settings.count('QUERY_MAX_TOKENS', DEFAULT_LIMITS.maxTokens, 1),
      maxCost: settings.count('QUERY_MAX_COST', DEFAULT_LIMITS.maxCost, 1),
    },
    rateLimitPerMinute: settings.count('RATE_LIMIT_PER_MINUTE', 1200),
    queryCostPerMinute: settings.count('QUERY_COST_PER_MINUTE', DEFAULT_COST_PER_MINUTE),
    authFailuresPerMinute: settings.count('AUTH_FAILURES_PER_MINUTE', 30),
    anonymousMutationsPerHour: settings.count('ANONYMOUS_MUTATIONS_PER_HOUR', 20),
    databasePoolSize: settings.count('DATABASE_POOL_SIZE', 10, 1),
    trustProxy: trustProxy(settings),
    explorer: settings.bool('EXPLORER', mode === 'development'),
    publicUrl: publicUrl(settings, mode),
    completionReportRetentionDays: settings.count('COMPLETION_REPORT_RETENTION_DAYS', DEFAULT_REPORT_RETENTION_DAYS, 1),
    credentials: credentialKeys(settings, mode),
    webhooks: webhookSettings(settings, mode),
    graphqlExecutor: settings.oneOf('GRAPHQL_EXECUTOR', ['jit', 'graphql-js'] as const, 'graphql-js'),
    jitCacheSize: settings.count('GRAPHQL_JIT_CACHE_SIZE', DEFAULT_JIT_CACHE_SIZE, 1),
  };
  if (config.queryCostPerMinute > 0 && config.queryCostPerMinute < config.limits.maxCost) {
    // A query within the limit that no minute's budget could ever pay for would be refused forever.
    settings.problem(
      `QUERY_COST_PER_MINUTE must be 0 (off) or at least QUERY_MAX_COST (${config.limits.maxCost}), got "${config.queryCostPerMinute}"`,
    );
  }
  if (config.explorer && mode === 'production') {
    settings.problem('EXPLORER must be false when NODE_ENV=production');
  }
  // The demo data carries a published API key and made-up people: never on a production server.
  if (config.seedDemo && mode === 'production') {
    settings.problem('SEED_DEMO must be false when NODE_ENV=production');
  }
  if (settings.problems.length) throw new ConfigError(settings.problems);
  return config;
}
