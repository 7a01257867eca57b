import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { fixedClock } from '../../src/common/clock';
import { fromGlobalId } from '../../src/common/ids';
import { ConfigError, loadConfig } from '../../src/config';
import { openDatabase } from '../../src/database/data-source';
import { DEMO_API_KEY, seedDemo, writeDemoKey } from '../../src/seed/demo';
import { answer, Answer, collect, expectNoLeaks, outcome, post, startProduction } from '../support/attack-kit';
import { approvedProvider, createTrainer, TrainerFixture } from '../support/fixtures';
import { PRODUCTION_ENV, startTestApp, TestApp, usingPostgres } from '../support/harness';

/**
 * The production server probed at its edges (issue 13, points 7–9): what it refuses to start
 * with, which credentials it refuses whatever its database holds, what "ready" means, and that
 * no answer names the software behind it. Start-up failures are checked on the real process
 * (`node dist/src/index.js`, built first), as an operator starts it.
 */

const TODAY = '2026-06-15';
const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'dist/src/index.js');
const VIEWER = JSON.stringify({ query: '{ viewer { role staffId trainer { id } provider { id } } }' });
const DEMO_TOKEN = `${DEMO_API_KEY.prefix}_${DEMO_API_KEY.secret}`;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

/** A staff or trainer token with the given times, signed with the production test secret. */
function token(role: string, sub: string, times: { exp: number; iat?: number }): Promise<string> {
  const jwt = new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('ceu-ledger')
    .setAudience('ceu-ledger-api')
    .setExpirationTime(times.exp);
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  return jwt.sign(new TextEncoder().encode(PRODUCTION_ENV.JWT_SECRET));
}

const viewer = (t: TestApp, credential: string) => post(t, VIEWER, { authorization: `Bearer ${credential}` });
const REFUSED = { status: 401, codes: ['UNAUTHENTICATED'], data: undefined };
const staffViewer = (staffId: string) => ({
  status: 200,
  codes: undefined,
  data: { viewer: { role: 'STAFF', staffId, trainer: null, provider: null } },
});

// ---------------------------------------------------------------------------------------------
// The real start process.

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
  /** It listened instead of refusing (and was then stopped). */
  started: boolean;
}

/** As root, permissions deny nothing: the permission cases run the server as `nobody` instead. */
const RUNS_AS_ROOT = process.getuid?.() === 0;
const OTHER_USER = { uid: 65534, gid: 65534 };

/**
 * The user the server runs as must reach the checkout: a clone in a folder made by `mktemp -d`
 * (mode 0700) is closed to it. Folders above the checkout that others may not enter are opened
 * for search only (o+x: no listing) while the cases run, and given back their modes after.
 */
function openPathToOtherUser(): () => void {
  if (!RUNS_AS_ROOT) return () => undefined;
  const changed: [string, number][] = [];
  for (let at = ROOT; ; at = path.dirname(at)) {
    const mode = statSync(at).mode & 0o7777;
    if (!(mode & 0o001)) {
      chmodSync(at, mode | 0o001);
      changed.push([at, mode]);
    }
    if (path.dirname(at) === at) break;
  }
  return () => {
    for (const [at, mode] of changed) chmodSync(at, mode);
  };
}

/** Starts `node dist/src/index.js` in production mode; stops it if it gets as far as listening. */
function startProcess(env: Record<string, string>, options: { unprivileged?: boolean } = {}): Promise<Exit> {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...PRODUCTION_ENV,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.unprivileged && RUNS_AS_ROOT ? OTHER_USER : {}),
  });
  const exit: Exit = { code: null, stderr: '', stdout: '', started: false };
  child.stderr.on('data', (chunk: Buffer) => (exit.stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    exit.stdout += chunk.toString();
    if (!exit.started && /"url":/.test(exit.stdout)) {
      exit.started = true;
      child.kill('SIGTERM');
    }
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ ...exit, code });
    }),
  );
}

/** The compiled server and scripts, as `npm start` runs them; rebuilt only when a source is newer. */
function ensureBuilt(): void {
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.js'], { cwd: ROOT, encoding: 'utf8' });
  expect({ status: build.status, output: build.stdout + build.stderr }).toEqual({ status: 0, output: '' });
}

/** What the operator must see: exit 1 and exactly one settings-style line, nothing else. */
const refusedWith = (line: string) => ({
  code: 1,
  started: false,
  stderr: `Configuration error:\n  - ${line}\n`,
});
const seen = (exit: Exit) => ({ code: exit.code, started: exit.started, stderr: exit.stderr });

describe('the start process refuses what it cannot run with, in one sentence', () => {
  let dir: string;
  /** A folder of its own for each case, open to the user the server runs as. */
  const folder = (name: string) => {
    const at = path.join(dir, name);
    mkdirSync(at);
    chmodSync(at, 0o777);
    return at;
  };
  /** A database file built by the migrations, closed. */
  const migrated = async (file: string) => {
    const db = await openDatabase({ url: null, sqlitePath: file });
    await db.close();
    chmodSync(file, 0o666);
  };

  let closePath: () => void = () => undefined;

  beforeAll(() => {
    ensureBuilt();
    closePath = openPathToOtherUser();
    dir = mkdtempSync(path.join(os.tmpdir(), 'ceu-start-'));
    chmodSync(dir, 0o755);
  }, 600_000);
  afterAll(() => {
    closePath();
    // Folders made read-only by a case must be writable again to be removed by a normal user.
    for (const name of ['ro-folder', 'ro-parent', 'ro-empty']) {
      try {
        chmodSync(path.join(dir, name), 0o755);
      } catch {
        // not made in this run
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('SEED_DEMO=true with NODE_ENV=production is a settings error', async () => {
    expect(seen(await startProcess({ SEED_DEMO: 'true' }))).toEqual(
      refusedWith('SEED_DEMO must be false when NODE_ENV=production'),
    );
  });

  it('an unreachable PostgreSQL server: DATABASE_URL is named, with what to do', async () => {
    expect(seen(await startProcess({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }))).toEqual(
      refusedWith(
        'DATABASE_URL names 127.0.0.1:1, where no database server answers (connection refused); start the server, or correct the host and port in DATABASE_URL',
      ),
    );
  });

  const sqliteOnly = usingPostgres ? describe.skip : describe;
  sqliteOnly('SQLite (SQLITE_PATH)', () => {
    it('a data folder that cannot be created because a file is in its way', async () => {
      const file = path.join(folder('file-in-way'), 'data');
      writeFileSync(file, 'not a folder');
      const target = path.join(file, 'ledger', 'ceu.sqlite');
      expect(seen(await startProcess({ SQLITE_PATH: target }))).toEqual(
        refusedWith(
          `SQLITE_PATH ${target} cannot be used: its folder ${path.dirname(target)} cannot be created (a file is in the way); point SQLITE_PATH at a file in a folder the server may write to`,
        ),
      );
    });

    it('a data folder that cannot be created inside a read-only folder', async () => {
      const parent = folder('ro-parent');
      chmodSync(parent, 0o555);
      const target = path.join(parent, 'data', 'ceu.sqlite');
      expect(seen(await startProcess({ SQLITE_PATH: target }, { unprivileged: true }))).toEqual(
        refusedWith(
          `SQLITE_PATH ${target} cannot be used: its folder ${path.dirname(target)} cannot be created (permission denied); point SQLITE_PATH at a file in a folder the server may write to`,
        ),
      );
    });

    it('a new database file in a read-only folder', async () => {
      const empty = folder('ro-empty');
      chmodSync(empty, 0o555);
      const target = path.join(empty, 'ceu.sqlite');
      expect(seen(await startProcess({ SQLITE_PATH: target }, { unprivileged: true }))).toEqual(
        refusedWith(
          `SQLITE_PATH ${target} cannot be opened or created: the server must be able to read and write the file and its folder ${empty}; fix the permissions, or point SQLITE_PATH elsewhere`,
        ),
      );
    });

    it.each([
      ['a read-only database file', 'ro-file', 0o444, 0o777],
      ['a database in a read-only folder', 'ro-folder', 0o666, 0o555],
    ])('%s', async (_name, name, fileMode, folderMode) => {
      const at = folder(name);
      const target = path.join(at, 'ceu.sqlite');
      await migrated(target);
      chmodSync(target, fileMode);
      chmodSync(at, folderMode);
      expect(seen(await startProcess({ SQLITE_PATH: target }, { unprivileged: true }))).toEqual(
        refusedWith(
          `SQLITE_PATH ${target} is read-only (the file, or its folder ${at}): the server must be able to write the file and create files beside it (-wal, -shm); fix the permissions or the mount, or point SQLITE_PATH elsewhere`,
        ),
      );
    });

    it('a path that is a folder', async () => {
      const target = folder('is-a-folder.sqlite');
      expect(seen(await startProcess({ SQLITE_PATH: target }))).toEqual(
        refusedWith(
          `SQLITE_PATH ${target} is a folder, not a database file; point SQLITE_PATH at a file, e.g. ${path.join(target, 'ceu-ledger.sqlite')}`,
        ),
      );
    });

    it.each([
      ['a file of garbage', (file: string) => writeFileSync(file, Buffer.alloc(5000, 'garbage! '))],
      [
        'a truncated database (half of a real one)',
        (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2)),
      ],
    ])('%s', async (_name, spoil) => {
      const target = path.join(folder(`spoiled-${randomUUID().slice(0, 8)}`), 'ceu.sqlite');
      await migrated(target);
      spoil(target);
      expect(seen(await startProcess({ SQLITE_PATH: target }))).toEqual(
        refusedWith(
          `SQLITE_PATH ${target} is not a usable SQLite database (damaged, truncated or another kind of file); restore it from a backup, or point SQLITE_PATH at a new file`,
        ),
      );
    });

    it('control: a copy of the same real database starts (and is stopped once it listens)', async () => {
      const at = folder('control');
      const original = path.join(at, 'original.sqlite');
      await migrated(original);
      const target = path.join(at, 'ceu.sqlite');
      copyFileSync(original, target);
      chmodSync(target, 0o666);
      const exit = await startProcess({ SQLITE_PATH: target }, { unprivileged: true });
      expect({ started: exit.started, stderr: exit.stderr }).toEqual({ started: true, stderr: '' });
    });

    it('a production server says at start that its database holds a demo key, which it refuses', async () => {
      // Seeded in development, then promoted.
      const target = path.join(folder('demo-key'), 'ceu.sqlite');
      const db = await openDatabase({ url: null, sqlitePath: target });
      try {
        await seedDemo(db, fixedClock(`${TODAY}T12:00:00.000Z`));
      } finally {
        await db.close();
      }
      chmodSync(target, 0o666);
      const exit = await startProcess({ SQLITE_PATH: target });
      expect({ started: exit.started, stderr: exit.stderr }).toEqual({ started: true, stderr: '' });
      const warnings = exit.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg: string; demoKeys?: number })
        .filter((line) => line.demoKeys !== undefined);
      expect(warnings.map((w) => w.msg)).toEqual([
        'the database holds 1 demo API key (ceu_live_DEMO…), refused in production: revoke it with revokeApiKey',
      ]);
    });
  });

  const postgresOnly = usingPostgres ? describe : describe.skip;
  postgresOnly('PostgreSQL (DATABASE_URL)', () => {
    const admin = () => new Client({ connectionString: process.env.DATABASE_URL });
    const url = (patch: (url: URL) => void) => {
      const u = new URL(process.env.DATABASE_URL as string);
      patch(u);
      return u.toString();
    };

    it('a database that does not exist on the server', async () => {
      const u = new URL(process.env.DATABASE_URL as string);
      const target = url((x) => (x.pathname = '/ceu_no_such_database'));
      expect(seen(await startProcess({ DATABASE_URL: target }))).toEqual(
        refusedWith(
          `DATABASE_URL names the database "ceu_no_such_database", which does not exist on ${u.hostname}:${u.port || '5432'}; create it, or correct the name in DATABASE_URL`,
        ),
      );
    });

    it('a database that accepts reads only (default_transaction_read_only for the role)', async () => {
      const role = `ceu_ro_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const client = admin();
      await client.connect();
      try {
        await client.query(`CREATE ROLE "${role}" LOGIN`);
        await client.query(`CREATE SCHEMA "${role}" AUTHORIZATION "${role}"`);
        await client.query(`ALTER ROLE "${role}" SET default_transaction_read_only = on`);
        const target = url((x) => {
          x.username = role;
          x.password = '';
          x.searchParams.set('options', `-c search_path=${role}`);
        });
        expect(seen(await startProcess({ DATABASE_URL: target }))).toEqual(
          refusedWith(
            'DATABASE_URL names a database that accepts reads only (a standby, or default_transaction_read_only is on); point DATABASE_URL at the primary',
          ),
        );
      } finally {
        await client.query(`DROP SCHEMA IF EXISTS "${role}" CASCADE`);
        await client.query(`DROP ROLE IF EXISTS "${role}"`);
        await client.end();
      }
    });
  });
});

describe('the settings', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ ...PRODUCTION_ENV, ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it.each([
    [undefined, 86400],
    ['90m', 5400],
    ['8h', 28800],
    ['1d', 86400],
    ['3600', 3600],
  ])('JWT_MAX_LIFETIME=%s is %p seconds', (value, seconds) => {
    const env: Record<string, string> = value === undefined ? {} : { JWT_MAX_LIFETIME: value };
    expect(loadConfig({ ...PRODUCTION_ENV, ...env }).jwt.maxLifetimeSeconds).toBe(seconds);
  });

  it.each(['forever', '0', '59s', '-1h', '1.5h'])('JWT_MAX_LIFETIME=%s is a settings error', (value) => {
    expect(problems({ JWT_MAX_LIFETIME: value })).toEqual([
      `JWT_MAX_LIFETIME must be a duration of at least 60 s, such as 8h, 90m or 1d, got "${value}"`,
    ]);
  });

  it('SEED_DEMO in production is reported with every other bad value; outside production it is allowed', () => {
    expect(problems({ SEED_DEMO: 'true', EXPLORER: 'true' })).toEqual([
      'EXPLORER must be false when NODE_ENV=production',
      'SEED_DEMO must be false when NODE_ENV=production',
    ]);
    expect(problems({ SEED_DEMO: 'false' })).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'development', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// In-process production servers.

describe('production refuses demo things and odd tokens', () => {
  let t: TestApp;
  let trainer: TrainerFixture;
  let providerId: string;

  beforeAll(async () => {
    t = await startProduction({ today: TODAY });
    trainer = await createTrainer(t);
    providerId = await approvedProvider(t, 'Apex Fitness Education');
  });
  afterAll(() => t.close());

  describe('demo keys', () => {
    it('the demo key, written into a production database by the demo seed itself, is refused: 401', async () => {
      await writeDemoKey(t.db, fromGlobalId('Provider', providerId)!, new Date().toISOString());
      expect(outcome(await viewer(t, DEMO_TOKEN))).toEqual(REFUSED);
      // A demo-marked key of any secret is refused before anything is looked up.
      expect(outcome(await viewer(t, `${DEMO_API_KEY.prefix}_${'x'.repeat(40)}`))).toEqual(REFUSED);
    });

    it('control: outside production the same key in the same kind of database is the demo partner', async () => {
      const dev = collect(await startTestApp({ today: TODAY }));
      try {
        const devProvider = await approvedProvider(dev, 'Apex Fitness Education');
        await writeDemoKey(dev.db, fromGlobalId('Provider', devProvider)!, new Date().toISOString());
        expect(outcome(await viewer(dev, DEMO_TOKEN))).toEqual({
          status: 200,
          codes: undefined,
          data: { viewer: { role: 'PROVIDER', staffId: null, trainer: null, provider: { id: devProvider } } },
        });
      } finally {
        await dev.close();
      }
    });

    it('control: a key staff create is never demo-marked and works in production', async () => {
      const res = await t.gql<{ createApiKey: { token: string } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { token userErrors { code } } }`,
        { input: { providerId, label: 'LMS' } },
        'staff',
      );
      const created = res.body.data!.createApiKey.token;
      expect(created).toMatch(/^ceu_live_[A-Za-z0-9]{10}_[A-Za-z0-9]{40}$/);
      expect(created.startsWith('ceu_live_DEMO')).toBe(false);
      expect(outcome(await viewer(t, created)).data).toEqual({
        viewer: { role: 'PROVIDER', staffId: null, trainer: null, provider: { id: providerId } },
      });
    });
  });

  describe('staff tokens whose subject looks like an ID of this API', () => {
    it.each([
      ['an existing trainer’s ID', () => trainer.trainerId],
      ['an existing provider’s ID', () => providerId],
      ['a made-up trainer ID', () => 'trn_Zq8Kx2'],
      ['an ID of another type', () => 'app_Vx3kq9'],
    ])('a STAFF token for %s is refused: 401', async (_name, sub) => {
      expect(outcome(await viewer(t, await token('STAFF', sub(), { exp: nowSeconds() + HOUR })))).toEqual(REFUSED);
    });

    it('control: the same trainer ID in a TRAINER token, and a staff login name in a STAFF token, are accepted', async () => {
      expect(
        outcome(await viewer(t, await token('TRAINER', trainer.trainerId, { exp: nowSeconds() + HOUR }))).data,
      ).toEqual({ viewer: { role: 'TRAINER', staffId: null, trainer: { id: trainer.trainerId }, provider: null } });
      expect(outcome(await viewer(t, await token('STAFF', 'ann.reviewer', { exp: nowSeconds() + HOUR })))).toEqual(
        staffViewer('ann.reviewer'),
      );
    });
  });

  describe('token lifetime (JWT_MAX_LIFETIME, default 24 h; 60 s of clock tolerance)', () => {
    it.each<[string, () => { exp: number; iat?: number }]>([
      ['exp 25 h ahead (iat now)', () => ({ iat: nowSeconds(), exp: nowSeconds() + 25 * HOUR })],
      ['exp 30 days ahead without iat', () => ({ exp: nowSeconds() + 30 * 24 * HOUR })],
      ['exp 24 h and 5 min ahead without iat', () => ({ exp: nowSeconds() + 24 * HOUR + 300 })],
      [
        'exp 1 h ahead but issued 2 days ago (a 49 h token)',
        () => ({ iat: nowSeconds() - 48 * HOUR, exp: nowSeconds() + HOUR }),
      ],
      ['iat 5 minutes in the future', () => ({ iat: nowSeconds() + 300, exp: nowSeconds() + HOUR })],
      ['iat 10 years in the future', () => ({ iat: nowSeconds() + 3650 * 24 * HOUR, exp: nowSeconds() + HOUR })],
    ])('a staff token with %s is refused: 401', async (_name, times) => {
      expect(outcome(await viewer(t, await token('STAFF', 'ann', times())))).toEqual(REFUSED);
    });

    it.each<[string, () => { exp: number; iat?: number }]>([
      ['exactly 24 h of life', () => ({ iat: nowSeconds(), exp: nowSeconds() + 24 * HOUR })],
      ['exp 24 h ahead without iat', () => ({ exp: nowSeconds() + 24 * HOUR })],
      ['iat 30 s in the future (within the tolerance)', () => ({ iat: nowSeconds() + 30, exp: nowSeconds() + HOUR })],
      ['an 8 h token issued 7 h ago', () => ({ iat: nowSeconds() - 7 * HOUR, exp: nowSeconds() + HOUR })],
    ])('control: a staff token with %s is accepted', async (_name, times) => {
      expect(outcome(await viewer(t, await token('STAFF', 'ann', times())))).toEqual(staffViewer('ann'));
    });

    it('a trainer token of 25 h is refused like a staff one: 401', async () => {
      const res = await viewer(t, await token('TRAINER', trainer.trainerId, { exp: nowSeconds() + 25 * HOUR }));
      expect(outcome(res)).toEqual(REFUSED);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ceu-ledger"');
    });
  });

  describe('npm run token', () => {
    beforeAll(ensureBuilt, 600_000);
    const mint = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['dist/scripts/token.js', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', JWT_SECRET: PRODUCTION_ENV.JWT_SECRET, ...env },
      });

    it('mints tokens that a production server accepts (8 h by default; shorter when JWT_MAX_LIFETIME is)', async () => {
      const staff = mint(['--role', 'staff', '--sub', 'ann']);
      expect({ status: staff.status, stderr: staff.stderr }).toEqual({ status: 0, stderr: '' });
      expect(outcome(await viewer(t, staff.stdout.trim()))).toEqual(staffViewer('ann'));
      const trainerToken = mint(['--role', 'trainer', '--sub', trainer.trainerId]);
      expect(outcome(await viewer(t, trainerToken.stdout.trim())).data).toEqual({
        viewer: { role: 'TRAINER', staffId: null, trainer: { id: trainer.trainerId }, provider: null },
      });
      const short = collect(await startProduction({ today: TODAY, env: { JWT_MAX_LIFETIME: '1h' } }));
      try {
        const hour = mint(['--role', 'staff', '--sub', 'ann'], { JWT_MAX_LIFETIME: '1h' });
        expect(outcome(await viewer(short, hour.stdout.trim()))).toEqual(staffViewer('ann'));
        // The 8 h token of the default is too long for this server.
        expect(outcome(await viewer(short, staff.stdout.trim()))).toEqual(REFUSED);
      } finally {
        await short.close();
      }
    });

    it('refuses to mint a token the server would refuse', () => {
      const long = mint(['--role', 'staff', '--sub', 'ann', '--ttl', '48h']);
      expect({ status: long.status, stdout: long.stdout, stderr: long.stderr }).toEqual({
        status: 2,
        stdout: '',
        stderr: '--ttl 48h is longer than JWT_MAX_LIFETIME (86400 s): the server would refuse the token.\n',
      });
      const idLike = mint(['--role', 'staff', '--sub', 'trn_Zq8Kx2']);
      expect({ status: idLike.status, stdout: idLike.stdout }).toEqual({ status: 2, stdout: '' });
    });
  });

  describe('nothing names the stack', () => {
    const STACK = /\b(?:apollo|express|typeorm|sqlite\d?|postgres(?:ql)?|node(?:\.?js)?|graphql-js)\b/i;
    /** Every header but the ETag, whose hash could spell anything. */
    const headersText = (res: Answer) =>
      [...res.headers.entries()]
        .filter(([name]) => name !== 'etag')
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n');

    const probes: [string, () => Promise<Answer>, number, string][] = [
      [
        'introspection (POST)',
        () => post(t, JSON.stringify({ query: '{ __schema { types { name } } }' })),
        400,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'introspection (GET)',
        async () =>
          answer(
            await t.http(`/graphql?query=${encodeURIComponent('{ __type(name: "Course") { name } }')}`, {
              headers: { 'x-requested-with': '1' },
            }),
          ),
        400,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'PUT /graphql',
        async () =>
          answer(
            await t.http('/graphql', { method: 'PUT', body: VIEWER, headers: { 'content-type': 'application/json' } }),
          ),
        405,
        'BAD_REQUEST',
      ],
      [
        'DELETE /graphql',
        async () =>
          answer(await t.http('/graphql', { method: 'DELETE', headers: { 'content-type': 'application/json' } })),
        405,
        'BAD_REQUEST',
      ],
      ['a text/plain POST (CSRF)', () => post(t, VIEWER, { 'content-type': 'text/plain' }), 400, 'BAD_REQUEST'],
      [
        'a form POST (CSRF)',
        () => post(t, 'query=%7B%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
        400,
        'BAD_REQUEST',
      ],
      ['an application/xml POST', () => post(t, '<query/>', { 'content-type': 'application/xml' }), 400, 'BAD_REQUEST'],
      [
        'a GET with a text/plain content type',
        async () =>
          answer(
            await t.http(`/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, {
              headers: { 'content-type': 'text/plain', 'x-requested-with': '1' },
            }),
          ),
        415,
        'BAD_REQUEST',
      ],
      ['an Accept the server cannot answer', () => post(t, VIEWER, { accept: 'image/png' }), 406, 'BAD_REQUEST'],
      ['an unknown path', async () => answer(await t.http('/admin/login')), 404, 'NOT_FOUND'],
      ['a parse error', () => post(t, JSON.stringify({ query: '{ viewer { role }' })), 400, 'GRAPHQL_PARSE_FAILED'],
      ['a body that is not JSON', () => post(t, '{"query": '), 400, 'BAD_REQUEST'],
      [
        'a parsed document object as the query',
        () => post(t, JSON.stringify({ query: { kind: 'Document', definitions: [] } })),
        400,
        'BAD_REQUEST',
      ],
      ['an empty JSON object', () => post(t, '{}'), 400, 'BAD_REQUEST'],
      [
        'a body too large',
        () => post(t, JSON.stringify({ query: `{ viewer { role } } #${'x'.repeat(1_100_000)}` })),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['a batch', () => post(t, JSON.stringify([{ query: '{ viewer { role } }' }])), 400, 'BAD_REQUEST'],
      [
        'a subscription',
        () => post(t, JSON.stringify({ query: 'subscription { viewer { role } }' })),
        400,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      ['a bad token', () => viewer(t, 'not-a-token'), 401, 'UNAUTHENTICATED'],
    ];

    it.each(probes)('%s: the answer names no software', async (_name, probe, status, code) => {
      const res = await probe();
      expect(outcome(res)).toMatchObject({ status, codes: [code] });
      expect(res.text).not.toMatch(STACK);
      expect(headersText(res)).not.toMatch(STACK);
    });

    it('the introspection refusal is a neutral sentence, still GRAPHQL_VALIDATION_FAILED', async () => {
      const res = await post(t, JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
      expect(res.body.errors).toEqual([
        {
          message: 'Schema introspection is not allowed on this server.',
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    });

    it('the CSRF refusal names a neutral header, which is then accepted', async () => {
      const refused = await post(t, VIEWER, { 'content-type': 'text/plain' });
      expect(refused.body.errors!.map((e) => e.message)).toEqual([
        'This request was blocked as a possible cross-site request forgery (CSRF): send it with the header Content-Type: application/json, or with an x-requested-with header (any value).',
      ]);
      const res = await answer(
        await t.http(`/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, {
          headers: { 'x-requested-with': 'XMLHttpRequest' },
        }),
      );
      expect(outcome(res)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'ANONYMOUS' } } });
    });

    it('a method other than GET and POST is told which are accepted', async () => {
      const res = await answer(
        await t.http('/graphql', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: VIEWER }),
      );
      expect({ status: res.status, allow: res.headers.get('allow'), errors: res.body.errors }).toEqual({
        status: 405,
        allow: 'GET, POST',
        errors: [{ message: 'Only GET and POST requests are accepted here.', extensions: { code: 'BAD_REQUEST' } }],
      });
    });

    it('/readyz and /healthz name no database engine', async () => {
      for (const pathname of ['/readyz', '/healthz']) {
        const res = await answer(await t.http(pathname));
        expect(res.status).toBe(200);
        expect(res.text).not.toMatch(STACK);
      }
      expect((await answer(await t.http('/readyz'))).body).toEqual({ status: 'ready' });
    });

    it('control: a name the client itself wrote is quoted back as it is, whatever it is', async () => {
      const res = await post(t, JSON.stringify({ query: '{ viewer { role } apollo }' }));
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors!.map((e) => e.message)).toEqual(['Cannot query field "apollo" on type "Query".']);
    });
  });
});

describe('readiness: ready means a change would be saved', () => {
  let t: TestApp;
  let readOnly: (on: boolean) => Promise<void>;
  let dispose = async () => {};

  beforeAll(async () => {
    if (!usingPostgres) {
      t = await startProduction({ today: TODAY });
      // What a read-only file or mount does to a running server: reads answer, every write gets
      // SQLITE_READONLY. (Permissions cannot be taken from a file already open.)
      readOnly = async (on) => void (await t.db.writer.query(`PRAGMA query_only = ${on ? 'ON' : 'OFF'}`));
      return;
    }
    // A role of its own, so that its connections, and only they, can be made read-only.
    const role = `ceu_rdy_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const database = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
    await admin.query(`CREATE ROLE "${role}" LOGIN`);
    await admin.query(`GRANT CREATE ON DATABASE "${database}" TO "${role}"`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.username = role;
    url.password = '';
    t = await startProduction({ today: TODAY, env: { DATABASE_URL: url.toString() } });
    const pool = (t.db.writer.driver as PostgresDriver).master as { totalCount: number };
    /** As a failover to a standby would: the server's connections are dropped, new ones are read-only. */
    readOnly = async (on) => {
      await admin.query(
        `ALTER ROLE "${role}" ${on ? 'SET default_transaction_read_only = on' : 'RESET default_transaction_read_only'}`,
      );
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
      for (let i = 0; i < 500 && pool.totalCount > 0; i++) await sleep(10);
      expect(pool.totalCount).toBe(0);
    };
    dispose = async () => {
      await admin.query(`REVOKE CREATE ON DATABASE "${database}" FROM "${role}"`);
      await admin.query(`DROP OWNED BY "${role}"`);
      await admin.query(`DROP ROLE "${role}"`);
      await admin.end();
    };
  });
  afterAll(async () => {
    await t.close();
    await dispose();
  });

  const ready = async () => {
    const res = await answer(await t.http('/readyz'));
    return { status: res.status, body: res.body as unknown };
  };
  const APPLY = JSON.stringify({
    query: `mutation { applyAsProvider(input: { name: "Ready Check Co", contactEmail: "r@ready.example" }) { provider { name } userErrors { code } } }`,
  });
  const CATALOGUE = JSON.stringify({ query: '{ providers(first: 5) { totalCount } }' });

  it('a writable database is ready: 200 {"status": "ready"}', async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('a database that answers reads but refuses writes is not ready (503, and why); ready again once writable', async () => {
    await readOnly(true);
    try {
      expect(await ready()).toEqual({
        status: 503,
        body: { status: 'unavailable', reason: 'The database accepts reads only: every change would fail.' },
      });
      // The situation is real: reads are served, a change fails (and says nothing about why).
      expect(outcome(await post(t, CATALOGUE))).toEqual({
        status: 200,
        codes: undefined,
        data: { providers: { totalCount: 0 } },
      });
      expect(outcome(await post(t, APPLY))).toMatchObject({ codes: ['INTERNAL_SERVER_ERROR'] });
    } finally {
      await readOnly(false);
    }
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready' } });
    expect(outcome(await post(t, APPLY)).data).toEqual({
      applyAsProvider: { provider: { name: 'Ready Check Co' }, userErrors: [] },
    });
  });
});

describe('production error masking', () => {
  it('no answer of this file carries a stack trace, SQL, a file path or driver details', () => {
    expectNoLeaks(60);
  });
});
