import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

/**
 * Why the database cannot be used at start, as the operator fixes it: one sentence naming the
 * setting (SQLITE_PATH or DATABASE_URL), what is wrong and what to do, thrown as a ConfigError
 * so that the start prints it like any bad setting (no stack trace) and exits 1.
 */

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when a database refused a write because it accepts reads only (SQLite, PostgreSQL 25006). */
export function isReadOnlyError(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_READONLY' || code === '25006';
}

const FOLDER_CAUSES: Record<string, string> = {
  ENOTDIR: 'a file is in the way',
  EEXIST: 'a file is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

/**
 * What can be checked before SQLite opens the file: its folder exists or can be made, and the
 * path is not a folder itself (SQLite would only say "unable to open database file").
 */
export function prepareSqlitePath(file: string): void {
  const folder = path.dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const cause = FOLDER_CAUSES[codeOf(error) ?? ''];
    if (!cause) throw error;
    throw new ConfigError([
      `SQLITE_PATH ${file} cannot be used: its folder ${folder} cannot be created (${cause}); point SQLITE_PATH at a file in a folder the server may write to`,
    ]);
  }
  let isFolder = false;
  try {
    isFolder = statSync(file).isDirectory();
  } catch {
    return; // not there yet: SQLite creates it
  }
  if (isFolder) {
    throw new ConfigError([
      `SQLITE_PATH ${file} is a folder, not a database file; point SQLITE_PATH at a file, e.g. ${path.join(file, 'ceu-ledger.sqlite')}`,
    ]);
  }
}

function sqliteProblem(file: string, code: string | undefined): string | null {
  switch (code) {
    case 'SQLITE_READONLY':
      return `SQLITE_PATH ${file} is read-only (the file, or its folder ${path.dirname(file)}): the server must be able to write the file and create files beside it (-wal, -shm); fix the permissions or the mount, or point SQLITE_PATH elsewhere`;
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return `SQLITE_PATH ${file} cannot be opened or created: the server must be able to read and write the file and its folder ${path.dirname(file)}; fix the permissions, or point SQLITE_PATH elsewhere`;
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return `SQLITE_PATH ${file} is not a usable SQLite database (damaged, truncated or another kind of file); restore it from a backup, or point SQLITE_PATH at a new file`;
    case 'SQLITE_FULL':
      return `SQLITE_PATH ${file} cannot be written: the disk is full; free some space`;
    case 'SQLITE_IOERR':
      return `SQLITE_PATH ${file} cannot be read or written (an input/output error); check the disk and the mount`;
    default:
      return null;
  }
}

/** Where DATABASE_URL points, without the password. */
function target(url: string): { host: string; port: string; user: string; database: string } {
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname || 'localhost',
      port: parsed.port || '5432',
      user: decodeURIComponent(parsed.username) || 'the default user',
      database: decodeURIComponent(parsed.pathname.slice(1)) || 'the default database',
    };
  } catch {
    return { host: 'its host', port: 'its port', user: 'its user', database: 'its database' };
  }
}

function postgresProblem(url: string, error: unknown): string | null {
  const { host, port, user, database } = target(url);
  const message = (error as { message?: unknown } | null)?.message;
  switch (codeOf(error)) {
    case 'ECONNREFUSED':
      return `DATABASE_URL names ${host}:${port}, where no database server answers (connection refused); start the server, or correct the host and port in DATABASE_URL`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DATABASE_URL names the host ${host}, which cannot be found; correct the host in DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `DATABASE_URL names ${host}:${port}, which cannot be reached; check the address in DATABASE_URL and the network in between`;
    case 'ECONNRESET':
      return `DATABASE_URL names ${host}:${port}, which closed the connection at once; check that it is a PostgreSQL server and that it accepts this client`;
    case '28P01':
    case '28000':
      return `DATABASE_URL: the database server refused the user "${user}" (wrong password, or not allowed from this host); correct the user and password in DATABASE_URL, or the server's access rules`;
    case '3D000':
      return `DATABASE_URL names the database "${database}", which does not exist on ${host}:${port}; create it, or correct the name in DATABASE_URL`;
    case '42501':
      return `DATABASE_URL: the user "${user}" may not create or change the tables of ceu-ledger; grant it those privileges, or connect as the owner of the schema`;
    case '53300':
      return `DATABASE_URL: the database server at ${host}:${port} has no connection left; lower DATABASE_POOL_SIZE or raise the server's max_connections`;
    case '57P03':
      return `DATABASE_URL: the database server at ${host}:${port} is starting up or shutting down; start again once it accepts connections`;
    case '25006':
      return `DATABASE_URL names a database that accepts reads only (a standby, or default_transaction_read_only is on); point DATABASE_URL at the primary`;
    default:
      if (typeof message === 'string' && /timeout expired|connection timeout/i.test(message)) {
        return `DATABASE_URL names ${host}:${port}, which did not answer in time; check the address in DATABASE_URL and the network in between`;
      }
      return null;
  }
}

/**
 * The start-up fault as a ConfigError when it is the operator's to fix (a path, permissions,
 * a damaged file, a server that does not answer…); anything else (a bug) as it was.
 */
export function asOpenFailure(error: unknown, settings: { url: string | null; sqlitePath: string }): unknown {
  if (error instanceof ConfigError) return error;
  const problem = settings.url
    ? postgresProblem(settings.url, error)
    : sqliteProblem(settings.sqlitePath, codeOf(error));
  return problem ? new ConfigError([problem]) : error;
}

/** A database that opened but accepts reads only. */
export function readOnlyFailure(settings: { url: string | null; sqlitePath: string }): unknown {
  return asOpenFailure({ code: settings.url ? '25006' : 'SQLITE_READONLY' }, settings);
}
