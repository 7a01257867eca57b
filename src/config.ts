import path from 'node:path';
import { DEFAULT_LIMITS, QueryLimits } from './common/limits';

/** Everything ceu-ledger reads from the environment, read once, here. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** PostgreSQL connection string; when unset the embedded SQLite database is used. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** Portal and staff tokens: HS256 secret, or a JWKS URL for asymmetric keys. */
  jwt: { secret: string | null; jwksUrl: string | null; issuer: string; audience: string };
  /** Fill an empty database with demo data at start. */
  seedDemo: boolean;
  bodyLimit: string;
  corsOrigins: string[];
  logLevel: string;
  limits: QueryLimits;
  /** Requests per minute per client (credential, or address when anonymous); 0 turns it off. */
  rateLimitPerMinute: number;
  /** PostgreSQL connections each instance may open. */
  databasePoolSize: number;
  /**
   * Which proxies in front of the server to believe about the client's address
   * (X-Forwarded-For), as Express's `trust proxy`: false (none), a hop count, or addresses,
   * subnets and the names loopback, linklocal, uniquelocal.
   */
  trustProxy: boolean | number | string;
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
  return n;
}

export class ConfigError extends Error {}

/** Signs development tokens; never accepted in production, where JWT_SECRET or a JWKS is required. */
export const DEVELOPMENT_JWT_SECRET = 'ceu-ledger-development-secret-do-not-use-in-production';

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || /^(0|false|no|off)$/i.test(value)) return false;
  if (/^(true|yes|on)$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const names = value.split(',').map((part) => part.trim());
  const known = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
  if (names.some((name) => !known.test(name))) {
    throw new ConfigError(
      `TRUST_PROXY must be true, false, a hop count, or addresses, subnets and loopback/linklocal/uniquelocal, got "${value}"`,
    );
  }
  return names.join(',');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  }
  const jwksUrl = env.JWT_JWKS_URL || null;
  let secret = env.JWT_SECRET || null;
  if (mode === 'production') {
    if (!secret && !jwksUrl) throw new ConfigError('JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production');
    if (secret && secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  } else if (!secret && !jwksUrl) {
    // Development and tests only: a fixed, public secret that `npm run token` also uses.
    secret = DEVELOPMENT_JWT_SECRET;
  }
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) throw new ConfigError('JWT_JWKS_URL must be an http(s) URL');
  return {
    env: mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    sqlitePath: path.resolve(env.SQLITE_PATH ?? './data/ceu-ledger.sqlite'),
    jwt: { secret, jwksUrl, issuer: env.JWT_ISSUER ?? 'ceu-ledger', audience: env.JWT_AUDIENCE ?? 'ceu-ledger-api' },
    seedDemo: bool('SEED_DEMO', env.SEED_DEMO, mode === 'development'),
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    limits: {
      maxDepth: count('QUERY_MAX_DEPTH', env.QUERY_MAX_DEPTH, DEFAULT_LIMITS.maxDepth),
      maxAliases: count('QUERY_MAX_ALIASES', env.QUERY_MAX_ALIASES, DEFAULT_LIMITS.maxAliases),
      maxDirectives: count('QUERY_MAX_DIRECTIVES', env.QUERY_MAX_DIRECTIVES, DEFAULT_LIMITS.maxDirectives),
      maxTokens: count('QUERY_MAX_TOKENS', env.QUERY_MAX_TOKENS, DEFAULT_LIMITS.maxTokens),
      maxCost: count('QUERY_MAX_COST', env.QUERY_MAX_COST, DEFAULT_LIMITS.maxCost),
    },
    rateLimitPerMinute: count('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 1200),
    databasePoolSize: Math.max(1, count('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10)),
    trustProxy: trustProxy(env.TRUST_PROXY),
  };
}
