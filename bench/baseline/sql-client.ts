import { Mutex } from 'async-mutex';
import { Pool, PoolClient, types as pgTypes } from 'pg';
import sqlite3 from 'sqlite3';

/** Statements inside one write transaction. Placeholders are written `?` for both databases. */
export interface SqlTransaction {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs an INSERT into a table with an `id` key; the new row's id. */
  insert(sql: string, params?: unknown[]): Promise<number>;
}

/**
 * The database as the baselines use it: the same driver as the API (sqlite3 or pg) with no ORM.
 * On SQLite, as in the API, reads go to a read-only connection and write transactions queue
 * behind a mutex on the single writing connection; on PostgreSQL each transaction takes a pooled
 * connection.
 */
export interface SqlClient {
  kind: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the baselines find the database: DATABASE_URL for PostgreSQL, else the SQLite file. */
export function openSqlClient(env: NodeJS.ProcessEnv = process.env): Promise<SqlClient> {
  if (env.DATABASE_URL) return Promise.resolve(openPostgres(env.DATABASE_URL));
  if (!env.SQLITE_PATH) throw new Error('SQLITE_PATH or DATABASE_URL is required');
  return openSqlite(env.SQLITE_PATH);
}

function openConnection(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

function sqliteAll<T>(db: sqlite3.Database, sql: string, params: unknown[]): Promise<T[]> {
  return new Promise((resolve, reject) => {
    db.all(sql, params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows)));
  });
}

function sqliteRun(db: sqlite3.Database, sql: string, params: unknown[]): Promise<sqlite3.RunResult> {
  return new Promise((resolve, reject) => {
    db.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
      if (error) reject(error);
      else resolve(this);
    });
  });
}

async function openSqlite(file: string): Promise<SqlClient> {
  const writer = await openConnection(file, sqlite3.OPEN_READWRITE);
  const reader = await openConnection(file, sqlite3.OPEN_READONLY);
  for (const db of [writer, reader]) db.configure('busyTimeout', 5000);
  await sqliteRun(writer, 'PRAGMA journal_mode = WAL', []);
  await sqliteRun(writer, 'PRAGMA synchronous = NORMAL', []);
  const lock = new Mutex();
  const tx: SqlTransaction = {
    all: (sql, params = []) => sqliteAll(writer, sql, params),
    run: async (sql, params = []) => (await sqliteRun(writer, sql, params)).changes,
    insert: async (sql, params = []) => (await sqliteRun(writer, sql, params)).lastID,
  };
  return {
    kind: 'sqlite',
    all: (sql, params = []) => sqliteAll(reader, sql, params),
    transaction: (work) =>
      lock.runExclusive(async () => {
        await sqliteRun(writer, 'BEGIN', []);
        try {
          const result = await work(tx);
          await sqliteRun(writer, 'COMMIT', []);
          return result;
        } catch (error) {
          await sqliteRun(writer, 'ROLLBACK', []);
          throw error;
        }
      }),
    close: async () => {
      for (const db of [reader, writer]) await new Promise<void>((resolve) => db.close(() => resolve()));
    },
  };
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function pgTransaction(client: PoolClient): SqlTransaction {
  return {
    all: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as T[],
    run: async (sql, params = []) => (await client.query(numbered(sql), params)).rowCount ?? 0,
    insert: async (sql, params = []) => {
      const { rows } = await client.query<{ id: number }>(`${numbered(sql)} RETURNING id`, params);
      return Number(rows[0].id);
    },
  };
}

function openPostgres(url: string): SqlClient {
  // DATE columns are calendar dates, as in the API: keep PostgreSQL's text.
  pgTypes.setTypeParser(pgTypes.builtins.DATE, (value: string) => value);
  const pool = new Pool({ connectionString: url, max: 10 });
  return {
    kind: 'postgres',
    all: async <T>(sql: string, params: unknown[] = []) => (await pool.query(numbered(sql), params)).rows as T[],
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(pgTransaction(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
