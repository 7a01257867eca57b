/**
 * Existing databases migrate in place: a database of release 1 (commit e3150bf, before credential
 * programs were records), filled with its demo data, is opened by this release, which runs the
 * migrations since; every transcript, compliance summary, quote, the catalogue with its credit
 * paths, the certifications and the policy then answer exactly what release 1 answered.
 *
 * The fixture in test/fixtures/release-1 was made by running, in a checkout of e3150bf, the test
 * capture.e2e.test.ts.txt there: it seeds the demo data at 2026-06-15 and runs `operations()` as staff
 * (release-1.sqlite via `VACUUM INTO`, release-1.postgres.sql via `pg_dump --inserts` of its
 * schema, answers.json; the answers were the same on both drivers). To make a fixture of a later
 * release, do the same from its commit into a new folder.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { toGlobalId } from '../../src/common/ids';
import { data, startTestApp, TestApp, usingPostgres } from '../support/harness';
import { operations, RELEASE_TODAY } from '../fixtures/release-1/operations';

const FIXTURE = path.resolve(__dirname, '../fixtures/release-1');
const answers = JSON.parse(readFileSync(path.join(FIXTURE, 'answers.json'), 'utf8')) as Record<string, unknown>;
const CERTIFICATIONS = Array.from({ length: 14 }, (_, i) => toGlobalId('Certification', i + 1));
const OPERATIONS = operations(CERTIFICATIONS);

/** Restores release 1's database into the scratch database of a test app. */
async function restore(database: { sqlitePath: string; pgSchema: string | undefined; url: string | null }) {
  if (!database.url) {
    copyFileSync(path.join(FIXTURE, 'release-1.sqlite'), database.sqlitePath);
    return;
  }
  const sql = readFileSync(path.join(FIXTURE, 'release-1.postgres.sql'), 'utf8')
    .split('\n')
    // psql's own commands (\restrict …) are not SQL.
    .filter((line) => !line.startsWith('\\'))
    .join('\n')
    .split('release_1_schema')
    .join(database.pgSchema as string);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe(`a release-1 database migrates in place (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let ranBefore: string[];

  beforeAll(async () => {
    t = await startTestApp({
      today: RELEASE_TODAY,
      restore: async (database) => {
        await restore(database);
      },
    });
    ranBefore = (await t.db.writer.query('SELECT name FROM migrations ORDER BY id')).map(
      (r: { name: string }) => r.name,
    );
  }, 60_000);
  afterAll(() => t.close());

  it('the migrations since release 1 ran, and every migration of this release is recorded', () => {
    expect(ranBefore).toEqual(t.db.writer.migrations.map((m) => m.name));
    expect(ranBefore).toContain('Programs1796237477312');
  });

  it('the fixture answers are the full set: every operation has its release-1 answer', () => {
    expect(Object.keys(answers).sort()).toEqual(OPERATIONS.map((o) => o.name).sort());
    expect(OPERATIONS.length).toBe(4 + 14 * 7);
  });

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s answers as in release 1', async (_name, op) => {
    expect(data(await t.gql(op.query, op.variables, 'staff'))).toEqual(answers[op.name]);
  });

  it('the CPT’s settings, courses and providers are now records of the CPT program', async () => {
    const res = data(
      await t.gql<{
        programs: { code: string; isDefault: boolean }[];
        courses: {
          nodes: {
            status: string;
            ceuValue: string | null;
            programApprovals: { programCode: string; ceuValue: string }[];
          }[];
        };
        providers: { nodes: { programCodes: string[] }[] };
      }>(
        `{ programs { code isDefault } courses(first: 100) { nodes { status ceuValue programApprovals { programCode ceuValue } } }
          providers(first: 100) { nodes { programCodes } } }`,
        {},
        'staff',
      ),
    );
    expect(res.programs).toEqual([
      { code: 'CPT', isDefault: true },
      { code: 'GFI', isDefault: false },
    ]);
    for (const course of res.courses.nodes) {
      expect(course.programApprovals).toEqual(
        course.ceuValue === null ? [] : [{ programCode: 'CPT', ceuValue: course.ceuValue }],
      );
    }
    expect(res.providers.nodes.every((p) => p.programCodes.join() === 'CPT')).toBe(true);
  });

  it('opened again, the migrated database runs no migration and answers the same', async () => {
    const again = await t.startSibling();
    const ran = await again.db.writer.query('SELECT name FROM migrations ORDER BY id');
    expect(ran.map((r: { name: string }) => r.name)).toEqual(ranBefore);
    const op = OPERATIONS.find((o) => o.name === `certification ${CERTIFICATIONS[0]}`)!;
    expect(data(await again.gql(op.query, op.variables, 'staff'))).toEqual(answers[op.name]);
  });
});
