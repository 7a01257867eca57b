import path from 'node:path';

/** Everything ceu-ledger reads from the environment, read once, here. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** PostgreSQL connection string; when unset the embedded SQLite database is used. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** Lets a development client name its caller with the `X-Dev-Identity` header. */
  devIdentity: boolean;
  /** Fill an empty database with demo data at start. */
  seedDemo: boolean;
  bodyLimit: string;
  corsOrigins: string[];
  logLevel: string;
}

export class ConfigError extends Error {}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  }
  const devIdentity = bool('CEU_DEV_IDENTITY', env.CEU_DEV_IDENTITY, mode !== 'production');
  if (devIdentity && mode === 'production') {
    throw new ConfigError('CEU_DEV_IDENTITY cannot be on when NODE_ENV=production');
  }
  return {
    env: mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    sqlitePath: path.resolve(env.SQLITE_PATH ?? './data/ceu-ledger.sqlite'),
    devIdentity,
    seedDemo: bool('SEED_DEMO', env.SEED_DEMO, mode === 'development'),
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
  };
}
