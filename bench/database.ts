/**
 * The bench databases. `demo` is rebuilt on every run (migrations and the demo seed); `large` is
 * built once with seedLarge (src/seed/large.ts), marked complete by a side file, and every run
 * works on a fresh copy of it, so that the bench's writes never reach what is reused.
 *
 * SQLite (the default): files under bench/.data/. PostgreSQL (DATABASE_URL set): databases
 * ceu_ledger_bench_demo, ceu_ledger_bench_large and its copy ceu_ledger_bench_large_run on the
 * same server, created through the URL's database (the role needs CREATEDB); the copy is made
 * with CREATE DATABASE … TEMPLATE.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { Clock, systemClock } from '../src/common/clock';
import { openDatabase, OpenDatabase } from '../src/database/data-source';
import { seedDemo } from '../src/seed/demo';

/** The two sizes the bench measures. */
export type SizeName = 'demo' | 'large';

export const SIZE_NAMES: readonly SizeName[] = ['demo', 'large'];

/** bench/.data, git-ignored. */
export const DATA_DIR = path.resolve(__dirname, '../../bench/.data');

/** The contract of src/seed/large.ts. */
export interface LargeScale {
  providers: number;
  courses: number;
  trainers: number;
  completions: number;
}

export type SeedLarge = (
  db: OpenDatabase,
  clock: Clock,
  scale?: Partial<LargeScale>,
  log?: (line: string) => void,
) => Promise<Record<string, unknown> & { elapsedMs?: number }>;

/** The side file that says the large database is complete. */
interface LargeMarker {
  complete: true;
  builtAt: string;
  /** SHA-256 of the compiled seed module that built it. */
  seedHash?: string;
  result: Record<string, unknown>;
}

/** A database ready for a size's run, opened by the bench process for its subjects and checks. */
export interface PreparedDatabase {
  size: SizeName;
  db: OpenDatabase;
  /** Where it is, for the report: a file, or a PostgreSQL database without credentials. */
  location: string;
  /** What the servers are given to find it. */
  serverEnv: Record<string, string>;
  /** How it came to be, for the report. */
  origin: string;
}

/** Where the bench keeps its databases: SQLite files, or databases on a PostgreSQL server. */
interface Store {
  kind: 'sqlite' | 'postgres';
  /** Creates an empty database (dropping any of that name), optionally as a copy of another. */
  recreate(name: string, template?: string): Promise<void>;
  exists(name: string): Promise<boolean>;
  open(name: string): Promise<OpenDatabase>;
  location(name: string): string;
  serverEnv(name: string): Record<string, string>;
}

function sqliteStore(): Store {
  const file = (name: string) => path.join(DATA_DIR, `${name}.sqlite`);
  const remove = (name: string) => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file(name) + suffix, { force: true });
  };
  return {
    kind: 'sqlite',
    recreate: async (name, template) => {
      fs.mkdirSync(DATA_DIR, { recursive: true });
      remove(name);
      if (!template) return;
      fs.copyFileSync(file(template), file(name));
      if (fs.existsSync(`${file(template)}-wal`)) fs.copyFileSync(`${file(template)}-wal`, `${file(name)}-wal`);
    },
    exists: async (name) => fs.existsSync(file(name)),
    open: (name) => openDatabase({ url: null, sqlitePath: file(name) }),
    location: (name) => path.relative(path.resolve(DATA_DIR, '../..'), file(name)),
    serverEnv: (name) => ({ SQLITE_PATH: file(name), DATABASE_URL: '' }),
  };
}

function postgresStore(baseUrl: string): Store {
  const urlOf = (name: string) => {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: baseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const quoted = (name: string) => `"${name.replace(/"/g, '')}"`;
  return {
    kind: 'postgres',
    recreate: (name, template) =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${quoted(name)}${template ? ` TEMPLATE ${quoted(template)}` : ''}`);
      }),
    exists: (name) =>
      admin(
        async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
      ),
    open: (name) => openDatabase({ url: urlOf(name), sqlitePath: '' }),
    location: (name) => {
      const url = new URL(urlOf(name));
      return `postgres://${url.host}${url.pathname}`;
    },
    serverEnv: (name) => ({ DATABASE_URL: urlOf(name) }),
  };
}

/** SQLite unless DATABASE_URL names a PostgreSQL server. */
function store(): Store {
  return process.env.DATABASE_URL ? postgresStore(process.env.DATABASE_URL) : sqliteStore();
}

const names = (s: Store) =>
  s.kind === 'sqlite'
    ? { demo: 'demo', large: 'large', run: 'large.run', marker: 'large.json' }
    : {
        demo: 'ceu_ledger_bench_demo',
        large: 'ceu_ledger_bench_large',
        run: 'ceu_ledger_bench_large_run',
        marker: 'large.postgres.json',
      };

/**
 * PostgreSQL: refreshes the planner's statistics after the bench wrote many rows at once, as
 * autovacuum would on a live server before long (the bench measures right away). SQLite: nothing.
 */
export async function refreshStatistics(db: OpenDatabase): Promise<void> {
  if (db.kind === 'postgres') await db.writer.query('ANALYZE');
}

/** Which database the bench uses, in words. */
export function databaseKind(): string {
  const s = store();
  return s.kind === 'sqlite' ? 'SQLite (sqlite3 driver), files under bench/.data/' : `PostgreSQL (pg driver)`;
}

/** A fresh demo database: migrated and seeded with the demo seed. */
export async function prepareDemo(): Promise<PreparedDatabase> {
  const s = store();
  const name = names(s).demo;
  await s.recreate(name);
  const db = await s.open(name);
  await seedDemo(db, systemClock);
  return {
    size: 'demo',
    db,
    location: s.location(name),
    serverEnv: s.serverEnv(name),
    origin: 'fresh: migrations + demo seed (src/seed/demo.ts)',
  };
}

const SEED_LARGE_FILE = path.resolve(__dirname, '../src/seed/large.js');

/** A fingerprint of the compiled seed module, to tell when the large database is older than it. */
function seedHash(): string | undefined {
  if (!fs.existsSync(SEED_LARGE_FILE)) return undefined;
  return createHash('sha256').update(fs.readFileSync(SEED_LARGE_FILE)).digest('hex');
}

/** seedLarge from the compiled src/seed/large.js, or null while that module does not exist. */
export async function loadSeedLarge(): Promise<SeedLarge | null> {
  const file = SEED_LARGE_FILE;
  if (!fs.existsSync(file)) return null;
  const loaded = (await import(file)) as { seedLarge?: SeedLarge };
  if (typeof loaded.seedLarge !== 'function') throw new Error(`${file} does not export seedLarge`);
  return loaded.seedLarge;
}

function readMarker(file: string): LargeMarker | null {
  try {
    const marker = JSON.parse(fs.readFileSync(file, 'utf8')) as LargeMarker;
    return marker.complete === true ? marker : null;
  } catch {
    return null;
  }
}

async function buildLarge(s: Store, seedLarge: SeedLarge, markerFile: string, log: (line: string) => void) {
  fs.rmSync(markerFile, { force: true });
  log('building the large database once (seedLarge, default scale); later runs reuse it');
  const name = names(s).large;
  await s.recreate(name);
  const db = await s.open(name);
  let result: Record<string, unknown>;
  try {
    result = await seedLarge(db, systemClock, undefined, (line) => log(`  seedLarge: ${line}`));
  } finally {
    await db.close();
  }
  const marker: LargeMarker = { complete: true, builtAt: new Date().toISOString(), seedHash: seedHash(), result };
  fs.writeFileSync(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  return marker;
}

/**
 * A fresh copy of the large database, built first when no complete one exists; null (with the
 * reason logged) when src/seed/large.ts is not there yet.
 */
export async function prepareLarge(log: (line: string) => void): Promise<PreparedDatabase | null> {
  const s = store();
  const { large, run, marker: markerName } = names(s);
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const markerFile = path.join(DATA_DIR, markerName);
  let marker = (await s.exists(large)) ? readMarker(markerFile) : null;
  if (marker) {
    log(`reusing the large database built ${marker.builtAt}`);
    if (marker.seedHash !== seedHash()) {
      log(`note: src/seed/large.ts changed since; delete bench/.data/${markerName} to rebuild it`);
    }
  } else {
    const seedLarge = await loadSeedLarge();
    if (!seedLarge) {
      log('skipped: src/seed/large.ts (seedLarge) does not exist yet');
      return null;
    }
    marker = await buildLarge(s, seedLarge, markerFile, log);
  }
  await s.recreate(run, large);
  const db = await s.open(run);
  const { elapsedMs, scale } = marker.result as { elapsedMs?: number; scale?: unknown };
  return {
    size: 'large',
    db,
    location: s.location(run),
    serverEnv: s.serverEnv(run),
    origin:
      `copy of ${s.location(large)}, built by seedLarge on ${marker.builtAt}` +
      (elapsedMs ? ` in ${Math.round(elapsedMs / 1000)} s` : '') +
      (scale ? `, scale ${JSON.stringify(scale)}` : ''),
  };
}
