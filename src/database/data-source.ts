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
  const client = new Client({ connectionString: settings.url });
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

/**
 * Opens the database, creating the PostgreSQL schema if asked and running pending migrations.
 * On SQLite a second, read-only connection serves queries (see UnitOfWork).
 */
export async function openDatabase(
  given: DatabaseSettings,
  options: { migrate?: boolean } = {},
): Promise<OpenDatabase> {
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
  if (settings.url) {
    return {
      kind: 'postgres',
      writer,
      statements,
      migrationsRun,
      reader: writer.manager,
      uow: new UnitOfWork(writer, null, retryable),
      close: () => writer.destroy(),
    };
  }
  const reader = new DataSource(dataSourceOptions(settings, 'reader'));
  await reader.initialize();
  return {
    kind: 'sqlite',
    writer,
    statements,
    migrationsRun,
    reader: reader.manager,
    uow: new UnitOfWork(writer, new Mutex(), retryable),
    close: async () => {
      await reader.destroy();
      await writer.destroy();
    },
  };
}
