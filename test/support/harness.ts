import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { App, startApp } from '../../src/app';
import { Clock, fixedClock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config';
import { signToken } from '../../src/common/tokens';
import { fromGlobalId } from '../../src/common/ids';
import { ApiKey } from '../../src/modules/api-key/api-key.entity';
import { hashSecret, newApiKey } from '../../src/modules/api-key/api-key.hash';
import { OpenDatabase } from '../../src/database/data-source';
import { RandomSource } from '../../src/rules/audit';

/** Who a test request speaks as: nobody, staff, or a trainer or provider by global ID. */
export type As = undefined | 'staff' | { trainer: string } | { provider: string };

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  statements: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[] };
}

export interface TestApp {
  app: App;
  url: string;
  db: OpenDatabase;
  clock: MutableClock;
  /** Sends one GraphQL operation over HTTP, as a client would. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: As,
  ): Promise<GqlResponse<T>>;
  /** The `Authorization` header value for a caller (a JWT, or a provider's API key). */
  credentials(as: As): Promise<string | undefined>;
  /** Sends a raw HTTP request to the server (paths relative to the server root). */
  http(pathname: string, init?: RequestInit): Promise<Response>;
  /**
   * Starts another full server (own HTTP listener, connection pool, loaders, rate limiter and
   * caches) on this one's database and clock, as a second instance behind a load balancer would
   * run. Its close leaves the database alone; the first app's close also closes its siblings.
   */
  startSibling(options?: SiblingOptions): Promise<TestApp>;
  close(): Promise<void>;
}

export interface SiblingOptions {
  /** Environment of the sibling, over the first app's (same JWT settings, same database). */
  env?: Record<string, string>;
  random?: RandomSource;
}

export interface MutableClock extends Clock {
  /** Moves the server's "today" (UTC, at noon). */
  setToday(date: string): void;
}

export function mutableClock(date: string): MutableClock {
  let current = fixedClock(`${date}T12:00:00.000Z`);
  return {
    now: () => current.now(),
    setToday(day: string) {
      current = fixedClock(`${day}T12:00:00.000Z`);
    },
  };
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

/** A random source that replays the given numbers, then repeats the last one. */
export function scriptedRandom(...values: number[]): RandomSource & { remaining: () => number } {
  let i = 0;
  return {
    next: () => values[Math.min(i++, values.length - 1)],
    remaining: () => Math.max(0, values.length - i),
  };
}

/**
 * Settings of a server started in production mode by a test: a JWT secret and a credential
 * signing key of its own (never the development defaults), the public address, and no logs.
 */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: 'ceu-ledger-test-suite-production-secret-0123456789',
  CREDENTIAL_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  PUBLIC_URL: 'https://ceu.example.org',
  WEBHOOK_SECRET_KEY: 'ceu-ledger-test-suite-webhook-secret-key-0123456789',
  LOG_LEVEL: 'silent',
};

/** The staff member the harness acts as when it needs to create credentials. */
export const HARNESS_STAFF = 'test.harness';

function testConfig(env: Record<string, string> | undefined): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    // Tests send hundreds of requests a minute; the rate-limit tests turn the limits on for themselves.
    RATE_LIMIT_PER_MINUTE: '0',
    QUERY_COST_PER_MINUTE: '0',
    AUTH_FAILURES_PER_MINUTE: '0',
    ANONYMOUS_MUTATIONS_PER_HOUR: '0',
    // The webhook tests start the dispatcher for themselves; elsewhere events are only recorded.
    WEBHOOK_DISPATCH: 'false',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...env,
  });
}

/** One database shared by a test app and its siblings. */
interface SharedDatabase {
  settings: { sqlitePath: string; pgSchema: string | undefined; poolSize: number };
  /** The first app's environment overrides, which its siblings start from. */
  env: Record<string, string>;
  clock: MutableClock;
  /** API keys the harness created for provider callers: valid on every instance. */
  providerKeys: Map<string, Promise<string>>;
}

/**
 * Starts the real server on an ephemeral port over a fresh database built by the migrations:
 * a temporary SQLite file, or with DATABASE_URL a PostgreSQL schema of its own, dropped at close.
 */
export async function startTestApp(
  options: {
    today?: string;
    env?: Record<string, string>;
    random?: RandomSource;
    /** Fills the scratch database before the server opens (and migrates) it, e.g. from a fixture of an earlier release. */
    restore?: (database: { sqlitePath: string; pgSchema: string | undefined; url: string | null }) => Promise<void>;
  } = {},
): Promise<TestApp> {
  const clock = mutableClock(options.today ?? '2026-06-15');
  const config = testConfig(options.env);
  const dir = config.databaseUrl ? null : mkdtempSync(path.join(os.tmpdir(), 'ceu-test-'));
  const pgSchema = config.databaseUrl ? `test_${randomUUID().replace(/-/g, '').slice(0, 16)}` : undefined;
  const shared: SharedDatabase = {
    settings: { sqlitePath: dir ? path.join(dir, 'test.sqlite') : '', pgSchema, poolSize: 5 },
    env: options.env ?? {},
    clock,
    providerKeys: new Map(),
  };
  await options.restore?.({ sqlitePath: shared.settings.sqlitePath, pgSchema, url: config.databaseUrl });
  return launch(config, shared, options.random, async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (pgSchema && config.databaseUrl) {
      const client = new Client({ connectionString: config.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
      await client.end();
    }
  });
}

/** Starts one server on the shared database; `dispose` runs after it (and its siblings) closed. */
async function launch(
  config: AppConfig,
  shared: SharedDatabase,
  random: RandomSource | undefined,
  dispose: (() => Promise<void>) | null,
): Promise<TestApp> {
  const { clock, providerKeys } = shared;
  const app = await startApp({
    config,
    clock,
    // Audits (R11) are drawn from this source: by default never selected, so tests opt in.
    random: random ?? { next: () => 0.999999 },
    database: shared.settings,
  });
  const base = app.url.replace(/\/graphql$/, '');
  const siblings = new Set<TestApp>();
  const credentials = async (as: As): Promise<string | undefined> => {
    if (!as) return undefined;
    if (as === 'staff') return `Bearer ${await signToken(config.jwt, { role: 'STAFF', sub: 'test.reviewer' })}`;
    if ('trainer' in as) return `Bearer ${await signToken(config.jwt, { role: 'TRAINER', sub: as.trainer })}`;
    // Providers call with an API key; the harness writes one per provider, once. It writes the
    // row itself, so that providers `createApiKey` refuses (pending, rejected) can call too.
    let key = providerKeys.get(as.provider);
    if (!key) {
      const providerId = fromGlobalId('Provider', as.provider);
      if (!providerId) throw new Error(`not a provider ID: ${as.provider}`);
      const { token, prefix, secret } = newApiKey();
      key = hashSecret(secret)
        .then((secretHash) =>
          app.db.uow.run((em) =>
            em.insert(ApiKey, {
              providerId,
              prefix,
              secretHash,
              label: 'Test harness',
              createdBy: HARNESS_STAFF,
              createdAt: clock.now().toISOString(),
              lastUsedAt: null,
              revokedAt: null,
            }),
          ),
        )
        .then(() => token);
      providerKeys.set(as.provider, key);
    }
    return `Bearer ${await key}`;
  };
  let closing: Promise<void> | null = null;
  return {
    app,
    url: app.url,
    db: app.db,
    clock,
    credentials,
    async gql(query, variables, as) {
      const authorization = await credentials(as);
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: res.status,
        statements: Number(res.headers.get('x-statement-count') ?? NaN),
        body: (await res.json()) as GqlResponse['body'] as never,
      };
    },
    http(pathname, init) {
      return fetch(`${base}${pathname}`, init);
    },
    async startSibling(options = {}) {
      const sibling = await launch(testConfig({ ...shared.env, ...options.env }), shared, options.random, null);
      siblings.add(sibling);
      return sibling;
    },
    close() {
      closing ??= (async () => {
        await Promise.all([...siblings].map((sibling) => sibling.close()));
        await app.close();
        await dispose?.();
      })();
      return closing;
    },
  };
}

/** The data of a response, failing the test with the errors when there are any. */
export function data<T>(res: GqlResponse<T>): T {
  if (res.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.body.errors)}`);
  return res.body.data as T;
}
