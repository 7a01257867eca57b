import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { POSTGRES_MIGRATIONS } from '../../migrations/postgres';
import { SQLITE_MIGRATIONS } from '../../migrations/sqlite';
import { signToken } from '../../src/common/tokens';
import { loadConfig } from '../../src/config';
import { PRODUCTION_ENV, usingPostgres } from '../support/harness';

/**
 * The server as operators run it: a real process (`src/index.ts`, transpiled on load), JSON
 * logs on stdout, liveness and readiness probes, and SIGTERM letting in-flight requests finish.
 */
const ROOT = path.resolve(__dirname, '../..');
const SECRET = 'operations-test-secret-0123456789abcdef';

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

interface Server {
  process: ChildProcess;
  url: string;
  logs: LogLine[];
  /** What the process wrote to stderr so far. */
  stderr: () => string;
  exited: Promise<number | null>;
}

/** A database of its own: a temporary SQLite file, or a PostgreSQL schema. */
async function scratch(): Promise<{
  env: Record<string, string>;
  drop: () => Promise<void>;
}> {
  if (usingPostgres) {
    const schema = `ops_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      env: { DATABASE_URL: url.toString() },
      async drop() {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ceu-ops-'));
  const file = path.join(dir, 'ops.sqlite');
  return {
    env: { SQLITE_PATH: file },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'src/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      ...PRODUCTION_ENV,
      JWT_SECRET: SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        const entry = JSON.parse(line) as LogLine;
        logs.push(entry);
        if (typeof entry.url === 'string') resolve(entry.url);
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { process: child, url, logs, stderr: () => stderr, exited };
}

describe('operations: a real server process', () => {
  let db: Awaited<ReturnType<typeof scratch>>;
  let server: Server;
  let staff: string;
  const base = () => server.url.replace(/\/graphql$/, '');

  beforeAll(async () => {
    db = await scratch();
    server = await startServer(db.env);
    staff = await signToken(loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET }).jwt, { role: 'STAFF', sub: 'ops' });
  }, 60_000);
  afterAll(async () => {
    if (server.process.exitCode === null) server.process.kill('SIGKILL');
    await db.drop();
  });

  function post(query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) {
    return fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  }

  it('start-up says which migrations ran, whether demo data was written, and where the API and the explorer are', async () => {
    const migrations = (usingPostgres ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS).map((M) => new M().name ?? M.name);
    for (let i = 0; i < 50 && !server.logs.some((l) => 'explorerUrl' in l); i++) await sleep(20);
    const startup = server.logs.filter((l) => ['migrations', 'demoData', 'url', 'explorerUrl'].some((k) => k in l));
    expect(
      startup.map(({ msg, migrations, demoData, url, explorerUrl }) => ({
        msg,
        migrations,
        demoData,
        url,
        explorerUrl,
      })),
    ).toEqual([
      {
        msg: `${migrations.length} migrations run: ${migrations.join(', ')}`,
        migrations,
        demoData: undefined,
        url: undefined,
        explorerUrl: undefined,
      },
      {
        msg: 'demo data: off (SEED_DEMO=false)',
        migrations: undefined,
        demoData: 'off',
        url: undefined,
        explorerUrl: undefined,
      },
      {
        msg: `ceu-ledger listening on ${server.url}`,
        migrations: undefined,
        demoData: undefined,
        url: server.url,
        explorerUrl: undefined,
      },
      {
        msg: 'explorer: off (EXPLORER=false or production)',
        migrations: undefined,
        demoData: undefined,
        url: undefined,
        explorerUrl: null,
      },
    ]);
    expect(migrations.length).toBeGreaterThan(0);
  });

  it('/healthz says the process is alive; /readyz that its database takes changes, without naming it', async () => {
    const alive = await fetch(`${base()}/healthz`);
    expect([alive.status, await alive.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${base()}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('each request is one JSON log line with its ID, operation, status, duration and SQL count', async () => {
    const res = await post('query Catalogue { courses(first: 5) { nodes { id } } }', { 'x-request-id': 'ops-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('ops-1');
    const fresh = await post('{ viewer { role } }');
    const freshId = fresh.headers.get('x-request-id');
    expect(freshId).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = server.logs.filter((l) => l.msg === 'graphql request');
    expect(lines.find((l) => l.requestId === 'ops-1')).toEqual(
      expect.objectContaining({
        level: 30,
        operation: 'Catalogue',
        status: 200,
        ms: expect.any(Number),
        statements: 1,
        documentCached: false,
      }),
    );
    expect(lines.find((l) => l.requestId === freshId)).toEqual(
      expect.objectContaining({ operation: 'query', status: 200, statements: 0 }),
    );
    // Production answers do not carry the development headers.
    expect(res.headers.get('x-statement-count')).toBeNull();
  });

  it('a transcript download is logged with its full path (never its query string) and SQL count', async () => {
    const res = await fetch(`${base()}/transcripts/crt_zzzzzzzz.pdf?asOf=2026-01-01`, {
      headers: { authorization: `Bearer ${staff}`, 'x-request-id': 'ops-download' },
    });
    expect(res.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.logs.find((l) => l.requestId === 'ops-download')).toEqual(
      expect.objectContaining({
        msg: 'download request',
        path: '/transcripts/crt_zzzzzzzz.pdf',
        status: 404,
        ms: expect.any(Number),
        statements: expect.any(Number),
      }),
    );
  });

  it('no secret reaches the logs: tokens, API keys, webhook signing secrets and the server’s own keys', async () => {
    const gql = async <T>(query: string, variables: Record<string, unknown>, bearer?: string): Promise<T> => {
      const res = await post(query, bearer ? { authorization: `Bearer ${bearer}` } : {}, variables);
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const created = await gql<{ createWebhookEndpoint: { webhookEndpoint: { id: string }; secret: string } }>(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id } secret } }`,
      { input: { url: 'https://hooks.ceu-ops.invalid/events' } },
      staff,
    );
    const applied = await gql<{ applyAsProvider: { provider: { id: string } } }>(
      `mutation($input: ApplyAsProviderInput!) { applyAsProvider(input: $input) { provider { id } } }`,
      { input: { name: 'Secrets Test Academy', contactEmail: 'ops@secrets.example' } },
    );
    const providerId = applied.applyAsProvider.provider.id;
    await gql(
      `mutation($input: ProviderDecisionInput!) { approveProvider(input: $input) { userErrors { code } } }`,
      { input: { providerId } },
      staff,
    );
    const key = await gql<{ createApiKey: { token: string } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { token } }`,
      { input: { providerId, label: 'ops' } },
      staff,
    );
    const token = key.createApiKey.token;
    expect(token).toMatch(/^ceu_live_/);
    expect(await gql<{ viewer: { role: string } }>('{ viewer { role } }', {}, token)).toEqual({
      viewer: { role: 'PROVIDER' },
    });
    const rotated = await gql<{ updateWebhookEndpoint: { secret: string } }>(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { secret } }`,
      { input: { endpointId: created.createWebhookEndpoint.webhookEndpoint.id, rotateSecret: true } },
      staff,
    );
    // A wrong key and a forged token are refused, and logged as refusals.
    const wrongKey = `${token.slice(0, -4)}XXXX`;
    const forged = `${staff.slice(0, -6)}AAAAAA`;
    for (const bad of [wrongKey, forged]) {
      const res = await post('{ viewer { role } }', { authorization: `Bearer ${bad}` });
      expect(res.status).toBe(401);
    }
    // The dispatcher tries the provider's events on the unresolvable host; a failure is recorded on the delivery.
    await sleep(300);

    const secrets = {
      'the staff token': staff,
      'the forged token': forged,
      'the API key': token,
      'the API key’s secret part': token.slice(token.lastIndexOf('_') + 1),
      'the wrong key': wrongKey,
      'the webhook secret': created.createWebhookEndpoint.secret,
      'its key material': created.createWebhookEndpoint.secret.replace(/^whsec_/, ''),
      'the rotated webhook secret': rotated.updateWebhookEndpoint.secret,
      JWT_SECRET: SECRET,
      WEBHOOK_SECRET_KEY: PRODUCTION_ENV.WEBHOOK_SECRET_KEY,
      'the credential signing key': PRODUCTION_ENV.CREDENTIAL_SIGNING_KEY.split('\n')[1],
    };
    const written = server.logs.map((l) => JSON.stringify(l)).join('\n') + server.stderr();
    // The requests above were logged (so the check below reads real lines)…
    expect(server.logs.filter((l) => l.msg === 'graphql request').length).toBeGreaterThanOrEqual(8);
    expect(server.logs.filter((l) => l.status === 401)).toHaveLength(2);
    // …and none of them, nor anything else the server wrote, holds a secret.
    const found = Object.entries(secrets).filter(([, value]) => value.length >= 12 && written.includes(value));
    expect(found.map(([name]) => name)).toEqual([]);
  });

  it('SIGTERM lets the request in flight finish, then the process exits cleanly', async () => {
    // A request whose body is still arriving when the signal comes: in flight for certain.
    const body = JSON.stringify({
      query:
        'mutation { setProgramPolicy(input: { auditDocumentsDays: 45, reason: "Drain test" }) { userErrors { code } } }',
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${staff}`,
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        server.process.kill('SIGTERM');
        setTimeout(() => {
          // Still running: the request holds the shutdown until it is answered.
          expect(server.process.exitCode).toBeNull();
          req.end(body.slice(20));
        }, 500);
      }, 200);
    });
    const res = await answer;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ data: { setProgramPolicy: { userErrors: [] } } });
    expect(await server.exited).toBe(0);
    // In order: the signal, the drain (after the answer), the database closed; then exit 0.
    const shutdown = server.logs.filter((l) =>
      ['shutting down', 'requests drained', 'database closed'].includes(l.msg),
    );
    expect(shutdown.map((l) => l.msg)).toEqual(['shutting down', 'requests drained', 'database closed']);
    expect(shutdown[0].signal).toBe('SIGTERM');
    // The port is closed: no new connection is taken.
    await expect(fetch(`${base()}/healthz`)).rejects.toThrow();
  }, 30_000);
});

describe('operations: a bad setting stops the start with a message for each', () => {
  it('names every bad value and exits 1 without a stack trace', async () => {
    const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: 'eighty', LOG_LEVEL: 'loud' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Configuration error:');
    expect(stderr).toContain('  - PORT must be a whole number, got "eighty"');
    expect(stderr).toContain('  - JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production');
    expect(stderr).toContain('  - LOG_LEVEL must be one of');
    expect(stderr).toContain('  - PUBLIC_URL is required when NODE_ENV=production');
    expect(stderr).toContain('  - CREDENTIAL_SIGNING_KEY is required when NODE_ENV=production');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
