import { Mutex } from 'async-mutex';
import { Client, types as pgTypes } from 'pg';
import sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';
import { POSTGRES_MIGRATIONS } from '../../migrations/postgres';
import { SQLITE_MIGRATIONS } from '../../migrations/sqlite';
import { Database } from './database';
import { ENTITIES } from './entities';
import { isTransientConflict, isUniqueViolation } from './errors';
import { SnakeNamingStrategy } from './naming';
import { asOpenFailure, isReadOnlyError, prepareSqlitePath, readOnlyFailure } from './open-errors';
import { StatementCounter } from './statement-counter';
import { UnitOfWork } from './unit-of-work';

// DATE columns are calendar dates: keep PostgreSQL's text instead of a time-zone-bound JS Date.
pgTypes.setTypeParser(pgTypes.builtins.DATE, (value: string) => value);

const SQLITE_OPEN_READONLY = 0x00000001;

/**
 * The sqlite3 module as TypeORM gets it: TypeORM calls `verbose()` on whatever driver it is
 * given, which makes every statement capture a stack trace for debugging (several per cent of
 * the CPU of a busy server). Here `verbose()` hands back the plain module.
 */
const quietSqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

export interface DatabaseSettings {
  /** PostgreSQL connection string; null for the embedded SQLite database. */
  url: string | null;
  sqlitePath: string;
  /** PostgreSQL schema to work in (tests use one per run); default the server's search_path. */
  pgSchema?: string;
  logging?: boolean;
  /** Pooled connections per process (PostgreSQL). */
  poolSize?: number;
  /** Counts the statements of every connection opened with these settings. */
  counter?: StatementCounter;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKind(settings: DatabaseSettings): DatabaseKind {
  return settings.url ? 'postgres' : 'sqlite';
}

/** TypeORM options for one connection: migrations are run explicitly, never `synchronize`. */
export function dataSourceOptions(settings: DatabaseSettings, role: 'writer' | 'reader' = 'writer'): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: settings.logging ?? false,
    ...(settings.counter ? { logger: settings.counter } : {}),
  } as const;
  if (settings.url) {
    return {
      ...common,
      type: 'postgres',
      url: settings.url,
      migrations: POSTGRES_MIGRATIONS,
      migrationsTransactionMode: 'all',
      extra: {
        max: settings.poolSize ?? 10,
        ...(settings.pgSchema ? { options: `-c search_path=${settings.pgSchema}` } : {}),
      },
    };
  }
  return {
    ...common,
    type: 'sqlite',
    driver: quietSqlite3,
    database: settings.sqlitePath,
    migrations: SQLITE_MIGRATIONS,
    migrationsTransactionMode: 'all',
    busyTimeout: 5000,
    ...(role === 'writer' ? { enableWAL: true } : { flags: SQLITE_OPEN_READONLY }),
  };
}

export interface OpenDatabase extends Database {
  writer: DataSource;
  statements: StatementCounter;
  /** Names of the migrations this opening applied, oldest first: none when the schema was current. */
  migrationsRun: string[];
  close(): Promise<void>;
}

/**
 * Faults a fresh attempt of the whole unit of work resolves. Services check uniqueness before
 * they insert; when a concurrent transaction commits the same key between check and insert
 * (possible on PostgreSQL), the retry's check sees it and refuses with a proper user error.
 */
function retryable(error: unknown): boolean {
  return isUniqueViolation(error) || isTransientConflict(error);
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock named after the schema, so that instances
 * starting together create the schema and migrate one after the other: the first applies what
 * is pending, the next finds nothing left to do. SQLite has one writing process and needs none.
 */
async function exclusively(settings: DatabaseSettings, work: () => Promise<void>): Promise<void> {
  if (!settings.url) return work();
  // The first connection of a start: a server that never answers is reported, not waited for.
  const client = new Client({ connectionString: settings.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  const name = `ceu-ledger:migrate:${settings.pgSchema ?? 'default'}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    await client.end();
  }
}

const CONNECT_TIMEOUT_MS = 10_000;

const ROLLED_BACK = new Error('rolled back on purpose');

/**
 * Whether the database takes writes, proved by one that changes nothing: an UPDATE of no row,
 * in a transaction that is rolled back. It still needs the write lock (SQLite) and is refused
 * by a database that accepts reads only: a read-only file or folder, `PRAGMA query_only`, a
 * PostgreSQL standby or `default_transaction_read_only`. The table is TypeORM's migrations
 * table, there whenever the server runs.
 */
async function probeWrite(uow: UnitOfWork): Promise<'ready' | 'read-only'> {
  try {
    await uow.run(async (em) => {
      await em.query('UPDATE migrations SET id = id WHERE 1 = 0');
      throw ROLLED_BACK;
    });
  } catch (error) {
    if (error === ROLLED_BACK) return 'ready';
    if (isReadOnlyError(error)) return 'read-only';
    throw error;
  }
  return 'ready';
}

/**
 * Opens the database, creating the PostgreSQL schema if asked and running pending migrations.
 * On SQLite a second, read-only connection serves queries (see UnitOfWork). A database the
 * server cannot use (a bad path, permissions, a damaged file, a server that does not answer,
 * one that accepts reads only) is reported as a ConfigError naming the setting and what to do.
 */
export async function openDatabase(
  given: DatabaseSettings,
  options: { migrate?: boolean } = {},
): Promise<OpenDatabase> {
  try {
    return await open(given, options);
  } catch (error) {
    throw asOpenFailure(error, given);
  }
}

async function open(given: DatabaseSettings, options: { migrate?: boolean }): Promise<OpenDatabase> {
  if (!given.url) prepareSqlitePath(given.sqlitePath);
  const statements = given.counter ?? new StatementCounter();
  const settings = { ...given, counter: statements };
  const writer = new DataSource(dataSourceOptions(settings, 'writer'));
  let migrationsRun: string[] = [];
  await exclusively(settings, async () => {
    if (settings.url && settings.pgSchema) {
      // Before TypeORM connects: it reads the current schema once, at initialisation.
      const client = new Client({ connectionString: settings.url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${settings.pgSchema.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
    }
    await writer.initialize();
    try {
      if (!settings.url) await writer.query('PRAGMA synchronous = NORMAL');
      if (options.migrate !== false) {
        migrationsRun = (await writer.runMigrations({ transaction: 'all' })).map((m) => m.name);
      }
    } catch (error) {
      await writer.destroy();
      throw error;
    }
  });
  const db = settings.url
    ? postgres(writer, statements, migrationsRun)
    : await sqlite(settings, writer, statements, migrationsRun);
  // A database that opens but takes no write would fail every change: refuse to start on it.
  if (options.migrate !== false) {
    const state = await probeWrite(db.uow).catch(async (error: unknown) => {
      await db.close();
      throw error;
    });
    if (state === 'read-only') {
      await db.close();
      throw readOnlyFailure(settings);
    }
  }
  return db;
}

function postgres(writer: DataSource, statements: StatementCounter, migrationsRun: string[]): OpenDatabase {
  const uow = new UnitOfWork(writer, null, retryable);
  return {
    kind: 'postgres',
    writer,
    statements,
    migrationsRun,
    reader: writer.manager,
    uow,
    async probe() {
      return probeWrite(uow);
    },
    close: () => writer.destroy(),
  };
}

async function sqlite(
  settings: DatabaseSettings,
  writer: DataSource,
  statements: StatementCounter,
  migrationsRun: string[],
): Promise<OpenDatabase> {
  const reader = new DataSource(dataSourceOptions(settings, 'reader'));
  try {
    await reader.initialize();
  } catch (error) {
    await writer.destroy();
    throw error;
  }
  const uow = new UnitOfWork(writer, new Mutex(), retryable);
  return {
    kind: 'sqlite',
    writer,
    statements,
    migrationsRun,
    reader: reader.manager,
    uow,
    async probe() {
      // Reads go to their own connection: it must answer too.
      await reader.query('SELECT 1');
      return probeWrite(uow);
    },
    close: async () => {
      await reader.destroy();
      await writer.destroy();
    },
  };
}
