/**
 * The outbox survives a crash: a real server process killed with SIGKILL while it is delivering
 * loses nothing. A restarted server (same database) delivers every event, the one that was in
 * flight again (at least once).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { signToken } from '../../src/common/tokens';
import { FAST_WEBHOOKS, WebhookReceiver } from '../support/webhook-receiver';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'dist/src/index.js');
const PG_URL = process.env.DATABASE_URL;

interface Server {
  child: ChildProcess;
  url: string;
}

/** Starts `node dist/src/index.js` on the database, and waits until it listens. */
function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      QUERY_COST_PER_MINUTE: '0',
      ANONYMOUS_MUTATIONS_PER_HOUR: '0',
      ...FAST_WEBHOOKS,
      WEBHOOK_LEASE: '1500ms',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /"url":"(http:\/\/localhost:\d+\/graphql)"/.exec(stdout)?.[1];
      if (url) {
        clearTimeout(guard);
        resolve({ child, url });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`the server exited with ${code}: ${stderr}`));
    });
  });
}

function killed(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

async function gql(server: Server, query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, { provider?: { id: string } }>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

describe('webhooks: a server killed with SIGKILL mid-delivery loses nothing', () => {
  let dir: string;
  let database: Record<string, string>;
  let dropDatabase: (() => Promise<void>) | null = null;
  let receiver: WebhookReceiver;
  const servers: Server[] = [];

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build-if-stale.js'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status).toBe(0);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ceu-crash-'));
    if (PG_URL) {
      // A database of its own: the server process is given only a connection string.
      const name = `ceu_crash_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const admin = new Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      database = { DATABASE_URL: url.href };
      dropDatabase = async () => {
        const client = new Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      };
    } else {
      database = { SQLITE_PATH: path.join(dir, 'crash.sqlite') };
    }
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await receiver?.close();
    await dropDatabase?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('after a restart every event is delivered, the one in flight again', async () => {
    const staff = await signToken(loadConfig({ NODE_ENV: 'test' }).jwt, { role: 'STAFF', sub: 'crash.test' });
    const first = await startServer(database);
    servers.push(first);
    await gql(
      first,
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id } } }`,
      { input: { url: receiver.url, eventTypes: ['PROVIDER_APPROVED'] } },
      staff,
    );
    // The receiver holds every request open: the first delivery is in flight when the server dies.
    receiver.answerWith('hang');
    const providers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const applied = await gql(
        first,
        `mutation($input: ApplyAsProviderInput!) { applyAsProvider(input: $input) { provider { id } } }`,
        { input: { name: `Crash Provider ${i}`, contactEmail: `ce${i}@crash.example` } },
      );
      const providerId = applied.applyAsProvider.provider!.id;
      providers.push(providerId);
      await gql(
        first,
        `mutation($input: ProviderDecisionInput!) { approveProvider(input: $input) { userErrors { code } } }`,
        { input: { providerId } },
        staff,
      );
    }
    const [inFlight] = await receiver.waitFor(1);
    await killed(first);
    const beforeRestart = receiver.received.length;
    expect(beforeRestart).toBeLessThan(5); // the rest was still in the outbox

    receiver.answerWith(200);
    const second = await startServer(database);
    servers.push(second);
    const deadline = Date.now() + 20_000;
    const delivered = () => new Set(receiver.received.slice(beforeRestart).map((r) => r.payload.data.provider));
    while (delivered().size < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...delivered()].sort()).toEqual([...providers].sort());
    // The event that was in flight when the server died was sent again after the restart.
    expect(
      receiver.received.filter((r) => r.headers['webhook-id'] === inFlight.headers['webhook-id']).length,
    ).toBeGreaterThanOrEqual(2);
    await killed(second);
  }, 90_000);
});
