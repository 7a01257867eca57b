/**
 * `npm run import -- FILE.jsonl [--dry-run]`, run as a person would: a child process on a JSONL
 * file, against a real database (SQLite, or a PostgreSQL schema of its own), read back through
 * the API of a server on the same database.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, OpenDatabase } from '../../src/database/data-source';
import { Completion } from '../../src/modules/completion/completion.entity';
import { DecisionLogEntry } from '../../src/modules/decision-log/decision-log.entity';
import { Provider } from '../../src/modules/provider/provider.entity';
import { seedDemo } from '../../src/seed/demo';
import { ImportRef } from '../../src/modules/import/import-ref.entity';
import { fixedClock } from '../../src/common/clock';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/import/history.jsonl');
const url = process.env.DATABASE_URL;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('npm run import: a JSONL file through importRecords', () => {
  let dir: string;
  let env: Record<string, string>;
  let db: OpenDatabase;
  const pgSchema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

  /** Runs scripts/import.ts from the sources, with stdout not a terminal (plain progress lines). */
  function importCli(...args: string[]): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'scripts/import.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  }

  function file(name: string, lines: unknown[]): string {
    const target = path.join(dir, name);
    writeFileSync(target, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return target;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ceu-import-'));
    const sqlitePath = path.join(dir, 'ledger.sqlite');
    env = { NODE_ENV: 'development', SEED_DEMO: 'false', SQLITE_PATH: sqlitePath, LOG_LEVEL: 'warn' };
    if (url) {
      // The program connects as configured; a search_path keeps it in this test's own schema.
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`CREATE SCHEMA "${pgSchema}"`);
      await client.end();
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${pgSchema}`);
      env.DATABASE_URL = scoped.toString();
    }
    db = await openDatabase({ url: url ?? null, sqlitePath, pgSchema: url ? pgSchema : undefined });
  });

  afterAll(async () => {
    await db?.close();
    if (url) {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('a dry run checks the whole file and writes nothing', async () => {
    const run = await importCli(EXAMPLE, '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Checked \(dry run, nothing written\) .*history\.jsonl: 12 records in 1 call/);
    expect(run.stdout).toContain('would be created 12, unchanged 0, refused 0');
    expect(await db.reader.count(Provider)).toBe(0);
    expect(await db.reader.count(ImportRef)).toBe(0);
  });

  test('the import writes every record, prints plain progress lines off a terminal, and a summary', async () => {
    const run = await importCli(EXAMPLE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('12 of 12 lines');
    expect(run.stdout).toMatch(/Imported .*history\.jsonl: 12 records in 1 call/);
    expect(run.stdout).toContain('created 12, unchanged 0, refused 0');
    expect(run.stdout).toMatch(/peak memory \d+ MB/);
    expect(await db.reader.count(Provider)).toBe(2);
    expect(await db.reader.count(Completion)).toBe(4);
    const log = await db.reader.findBy(DecisionLogEntry, { action: 'RECORDS_IMPORTED' });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorType: 'STAFF', actorId: 'import', details: { created: 12 } });
  });

  test('the same file again answers UNCHANGED and writes nothing new', async () => {
    const run = await importCli(EXAMPLE, '--staff', 'ann');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('created 0, unchanged 12, refused 0');
    expect(await db.reader.count(Completion)).toBe(4);
  });

  test('refused lines are named with their line numbers and codes, the exit status is 1, and the refused call writes nothing', async () => {
    const bad = file('bad.jsonl', [
      {
        provider: {
          externalId: 'NEW-1',
          name: 'Brand New Provider',
          contactEmail: 'ce@new.example',
          status: 'PENDING',
        },
      },
      '{not json',
      '',
      {
        course: {
          externalId: 'NEW-C',
          providerExternalId: 'NEW-1',
          code: 'N1',
          title: 'New',
          topics: ['NUTRITION'],
          deliveryFormat: 'ONLINE',
          contactHours: '4',
          status: 'PENDING_REVIEW',
        },
      },
      {
        completion: {
          externalId: 'NEW-K',
          certificationNumber: 'CPT-0000000',
          courseExternalId: 'C-100-1',
          completedOn: '2025-01-02',
        },
      },
    ]);
    const run = await importCli(bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('refused 3');
    expect(run.stdout).toContain('line 2: INVALID_FORMAT: The line is not valid JSON.');
    expect(run.stdout).toMatch(/line 4 \(course\.deliveryFormat\): INVALID_INPUT: .*DeliveryFormat/);
    expect(run.stdout).toContain('line 5 (completion.certificationNumber): UNKNOWN_CERTIFICATION');
    expect(run.stdout).toMatch(
      /refused by code: .*INVALID_FORMAT ×1.*UNKNOWN_CERTIFICATION ×1|refused by code: .*UNKNOWN_CERTIFICATION ×1.*INVALID_FORMAT ×1/,
    );
    expect(run.stdout).toContain('Stopped at the call starting on line 1');
    expect(await db.reader.countBy(Provider, { name: 'Brand New Provider' })).toBe(0);
  });

  test('records refer to records of earlier calls: one record a call', async () => {
    const lines = [
      {
        provider: {
          externalId: 'B-1',
          name: 'Batch Provider',
          contactEmail: 'ce@batch.example',
          status: 'APPROVED',
          approvedPeriods: [{ from: '2021-01-01' }],
        },
      },
      {
        course: {
          externalId: 'B-C',
          providerExternalId: 'B-1',
          code: 'B1',
          title: 'Batch Course',
          topics: ['RECOVERY'],
          deliveryFormat: 'IN_PERSON',
          contactHours: '3',
          status: 'APPROVED',
          approvalPeriods: [{ from: '2025-01-01', through: '2025-12-31' }],
        },
      },
      {
        completion: {
          externalId: 'B-K',
          certificationNumber: 'cpt-8800001',
          courseExternalId: 'B-C',
          completedOn: '2025-05-05',
        },
      },
    ];
    const run = await importCli(file('batched.jsonl', lines), '--batch', '1');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 records in 3 calls');
    expect(run.stdout).toContain('created 3, unchanged 0, refused 0');
  });

  test('usage errors exit with 2 and say what is wrong', async () => {
    const missing = await importCli(path.join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no file at');
    const batch = await importCli(EXAMPLE, '--batch', '5000');
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain('--batch takes a whole number from 1 to 1000');
  });
});

describe('the demo seed enters through the import', () => {
  test('every demo provider, course, certification and completion has its import reference, and one import is logged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ceu-demo-'));
    const pgSchema = url ? `test_${randomUUID().replace(/-/g, '').slice(0, 16)}` : undefined;
    const db = await openDatabase({ url: url ?? null, sqlitePath: path.join(dir, 'demo.sqlite'), pgSchema });
    try {
      await seedDemo(db, fixedClock('2026-06-15T10:00:00Z'));
      const refs = await db.reader.find(ImportRef);
      const count = (kind: string) => refs.filter((r) => r.kind === kind).length;
      expect(count('PROVIDER')).toBe(await db.reader.count(Provider));
      expect(count('COMPLETION')).toBe(await db.reader.count(Completion));
      // 14 CPT certifications and 2 of the group fitness instructor.
      expect(count('CERTIFICATION')).toBe(16);
      expect(await db.reader.countBy(DecisionLogEntry, { action: 'RECORDS_IMPORTED' })).toBe(1);
    } finally {
      if (pgSchema) await db.writer.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
