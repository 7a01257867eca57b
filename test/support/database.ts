import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DatabaseSettings } from '../../src/database/data-source';

/** Settings for a throw-away database of the kind under test, and how to remove it. */
export function scratchDatabase(): { settings: DatabaseSettings; cleanup: () => Promise<void> } {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pgSchema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    return {
      settings: { url, sqlitePath: '', pgSchema },
      cleanup: async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ceu-db-'));
  return {
    settings: { url: null, sqlitePath: path.join(dir, 'test.sqlite') },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
