import { toGlobalId } from '../../src/common/ids';
import { openDatabase, OpenDatabase } from '../../src/database/data-source';
import { LargeSeedReport, seedLarge } from '../../src/seed/large';
import { scratchDatabase } from '../support/database';
import { data, startTestApp, TestApp, usingPostgres } from '../support/harness';

const TODAY = '2026-06-15';
const YESTERDAY = '2026-06-14';
const SCALE = { providers: 5, courses: 200, trainers: 300, completions: 3000 };

/** Tables the dataset fills, with the order that lists every row once. */
const TABLES: Record<string, string> = {
  provider: 'id',
  provider_approval_period: 'id',
  course: 'id',
  course_topic: 'course_id, topic',
  course_approval_period: 'id',
  trainer: 'id',
  certification: 'id',
  cpr_aed_credential: 'id',
  completion: 'id',
  petition: 'id',
  decision_log_entry: 'id',
};

/** "1.25" → 125: CEUs as integer hundredths, as the API's decimals mean them. */
function hundredths(decimal: string): number {
  return Math.round(Number(decimal) * 100);
}

async function rowsOf(db: OpenDatabase, table: string): Promise<unknown[]> {
  return db.writer.query(`SELECT * FROM "${table}" ORDER BY ${TABLES[table]}`);
}

async function count(db: OpenDatabase, table: string): Promise<number> {
  const [row] = (await db.writer.query(`SELECT COUNT(*) AS n FROM "${table}"`)) as { n: number | string }[];
  return Number(row.n);
}

interface CourseNode {
  id: string;
  code: string;
  title: string;
  ceuValue: string | null;
  approvedThrough: string | null;
  provider: { id: string; name: string };
  creditPath: { path: string; reason: string };
}

interface CoursePage {
  courses: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: CourseNode[];
  };
}

const COURSE_PAGE = `query($providerId: ID!, $after: String) {
  courses(filter: { providerId: $providerId }, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id code title ceuValue approvedThrough provider { id name } creditPath(on: "${TODAY}") { path reason } }
  }
}`;

interface TranscriptOut {
  transcript: {
    cycle: { startsOn: string; expiresOn: string; courseworkDeadline: string };
    ceu: { earned: string; pending: string; required: string; remaining: string };
    entries: {
      standing: string;
      countedCeu: string;
      completion: {
        id: string;
        completedOn: string;
        source: string;
        creditPath: string;
        creditReason: string;
        ceuValue: string;
        title: string;
        providerName: string;
        course: { id: string } | null;
        petition: { status: string } | null;
      };
    }[];
    compliance: {
      status: string;
      continuingEducation: { earned: string; pending: string; required: string; remaining: string };
      cprAed: { status: string };
      quote: { total: { amount: string; currencyCode: string } };
      blockers: { code: string }[];
    };
  } | null;
}

const TRANSCRIPT = `query($id: ID!) {
  transcript(certificationId: $id) {
    cycle { startsOn expiresOn courseworkDeadline }
    ceu { earned pending required remaining }
    entries {
      standing countedCeu
      completion { id completedOn source creditPath creditReason ceuValue title providerName course { id } petition { status } }
    }
    compliance {
      status
      continuingEducation { earned pending required remaining }
      cprAed { status }
      quote { total { amount currencyCode } }
      blockers { code }
    }
  }
}`;

interface Subject {
  trainerId: string;
  certificationId: string;
  number: string;
  lastName: string;
}

async function subject(db: OpenDatabase, where: string, parameters: unknown[] = []): Promise<Subject> {
  const [row] = (await db.writer.query(
    `SELECT c.id, c.number, t.id AS trainer_id, t.last_name FROM certification c
      JOIN trainer t ON t.id = c.trainer_id WHERE ${where} ORDER BY c.id LIMIT 1`,
    parameters,
  )) as { id: number; number: string; trainer_id: number; last_name: string }[];
  if (!row) throw new Error(`no certification where ${where}`);
  return {
    trainerId: toGlobalId('Trainer', row.trainer_id),
    certificationId: toGlobalId('Certification', row.id),
    number: row.number,
    lastName: row.last_name,
  };
}

/** A placeholder for the parameter at `index` (1-based) in the database's dialect. */
function p(index: number): string {
  return usingPostgres ? `$${index}` : '?';
}

describe('the large dataset (seedLarge) at a small scale, read through the API', () => {
  let t: TestApp;
  let report: LargeSeedReport;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    report = await seedLarge(t.db, t.clock, SCALE, (line) => lines.push(line));
  });
  afterAll(() => t.close());

  it('writes the counts asked for, which the API counts too', async () => {
    expect(report).toMatchObject({ ...SCALE, certifications: SCALE.trainers, scale: SCALE });
    expect(report.elapsedMs).toBeGreaterThan(0);
    expect(lines.some((line) => line.startsWith('completions: 3000 of 3000'))).toBe(true);
    for (const [table, key] of [
      ['trainer', 'trainers'],
      ['certification', 'certifications'],
      ['completion', 'completions'],
      ['course_topic', 'courseTopics'],
      ['course_approval_period', 'courseApprovalPeriods'],
      ['cpr_aed_credential', 'cprAedCards'],
    ] as const) {
      expect(await count(t.db, table)).toBe(report[key]);
    }
    const totals = data(
      await t.gql<Record<string, { totalCount: number }>>(
        `{ providers(first: 1) { totalCount } courses(first: 1) { totalCount }
           petitions(first: 1) { totalCount } decisionLog(first: 1) { totalCount } }`,
        {},
        'staff',
      ),
    );
    expect(totals.providers.totalCount).toBe(SCALE.providers);
    expect(totals.courses.totalCount).toBe(SCALE.courses);
    expect(totals.petitions.totalCount).toBe(report.petitions);
    expect(totals.decisionLog.totalCount).toBe(report.decisionLogEntries);
    expect(report.petitions).toBeGreaterThan(0);
  });

  it('has a realistic mix: statuses, sources and credit paths', async () => {
    const distinct = async (sql: string) =>
      ((await t.db.writer.query(sql)) as { v: string }[]).map((r) => String(r.v)).sort();
    expect(await distinct('SELECT DISTINCT status AS v FROM provider')).toEqual(['APPROVED', 'SUSPENDED']);
    expect(await distinct('SELECT DISTINCT status AS v FROM course')).toEqual([
      'APPROVED',
      'PENDING_REVIEW',
      'REJECTED',
      'RETIRED',
    ]);
    expect(await distinct('SELECT DISTINCT source AS v FROM completion')).toEqual([
      'PETITION',
      'PROVIDER_REPORTED',
      'SELF_REPORTED',
    ]);
    expect(await distinct('SELECT DISTINCT credit_reason AS v FROM completion')).toEqual([
      'COURSE_NOT_APPROVED_ON_DATE',
      'NOT_IN_CATALOGUE',
      'PRE_APPROVED',
      'PROVIDER_NOT_APPROVED_ON_DATE',
    ]);
    expect(await distinct('SELECT DISTINCT status AS v FROM petition')).toEqual([
      'APPROVED',
      'DENIED',
      'PENDING',
      'WITHDRAWN',
    ]);
    const [dates] = (await t.db.writer.query(
      `SELECT MAX(completed_on) AS completed, MAX(created_at) AS created FROM completion`,
    )) as { completed: string; created: string }[];
    expect(String(dates.completed) <= YESTERDAY).toBe(true);
    expect(dates.created < `${TODAY}T00:00:00`).toBe(true);
  });

  it('is the same rows on every run, and only ever written into an empty database', async () => {
    const scratch = scratchDatabase();
    const other = await openDatabase(scratch.settings);
    try {
      await seedLarge(other, t.clock, SCALE);
      for (const table of Object.keys(TABLES)) {
        expect({ table, rows: await rowsOf(other, table) }).toEqual({ table, rows: await rowsOf(t.db, table) });
      }
      await expect(
        seedLarge(other, t.clock, { providers: 1, courses: 0, trainers: 0, completions: 0 }),
      ).rejects.toThrow(/empty database/);
    } finally {
      await other.close();
      await scratch.cleanup();
    }
  });

  it('keeps every constraint, and gives the connection back as it found it', async () => {
    if (usingPostgres) {
      // Foreign keys and unique constraints were checked as the rows went in. The id sequences
      // must continue after the seeded rows, or the next row the API writes would collide.
      for (const table of Object.keys(TABLES).filter((name) => TABLES[name] === 'id')) {
        const [sequence] = (await t.db.writer.query(`SELECT last_value, is_called FROM "${table}_id_seq"`)) as {
          last_value: string;
          is_called: boolean;
        }[];
        const [max] = (await t.db.writer.query(`SELECT MAX(id) AS id FROM "${table}"`)) as { id: number }[];
        expect({ table, next: Number(sequence.last_value), isCalled: sequence.is_called }).toEqual({
          table,
          next: Number(max.id) + 1,
          isCalled: false,
        });
      }
      return;
    }
    expect(await t.db.writer.query('PRAGMA foreign_key_check')).toEqual([]);
    expect(await t.db.writer.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await t.db.writer.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await t.db.writer.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
    expect(await t.db.writer.query(`SELECT COUNT(*) AS n FROM sqlite_stat1`)).not.toEqual([{ n: 0 }]);
  });

  it('pages through a provider’s courses in the public catalogue', async () => {
    const providers = data(
      await t.gql<{ providers: { nodes: { id: string; name: string; status: string }[] } }>(
        `{ providers(first: 100) { nodes { id name status } } }`,
      ),
    ).providers.nodes;
    expect(providers.length).toBeGreaterThan(1);
    expect(providers.every((provider) => provider.status === 'APPROVED')).toBe(true);
    const [largest] = (await t.db.writer.query(
      `SELECT c.provider_id AS id, COUNT(*) AS n FROM course c JOIN provider p ON p.id = c.provider_id
        WHERE c.status = 'APPROVED' AND p.status = 'APPROVED' GROUP BY c.provider_id ORDER BY COUNT(*) DESC, c.provider_id LIMIT 1`,
    )) as { id: number; n: number | string }[];
    const providerId = toGlobalId('Provider', largest.id);
    expect(Number(largest.n)).toBeGreaterThan(20);

    const courses: CourseNode[] = [];
    let after: string | null = null;
    for (;;) {
      const page: CoursePage = data(await t.gql<CoursePage>(COURSE_PAGE, { providerId, after }));
      expect(page.courses.totalCount).toBe(Number(largest.n));
      courses.push(...page.courses.nodes);
      if (!page.courses.pageInfo.hasNextPage) break;
      after = page.courses.pageInfo.endCursor;
    }
    expect(courses).toHaveLength(Number(largest.n));
    expect(new Set(courses.map((c) => c.code)).size).toBe(courses.length);
    for (const course of courses) {
      expect(course.provider.id).toBe(providerId);
      expect(course.ceuValue).toMatch(/^\d+\.\d+$/);
      expect(course.approvedThrough).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(course.title.length).toBeGreaterThan(0);
    }
    expect(courses.some((c) => c.creditPath.path === 'AUTOMATIC')).toBe(true);

    const byTopic = data(
      await t.gql<{ courses: { totalCount: number } }>(
        `{ courses(filter: { topic: NUTRITION, creditPath: AUTOMATIC }, first: 5) { totalCount } }`,
      ),
    );
    expect(byTopic.courses.totalCount).toBeGreaterThan(0);
  });

  it('answers transcripts and compliance that add up, for trainers at every point of their cycle', async () => {
    // Every 25th certification, and one active, one expired (late window), one lapsed and one with a petition.
    const picks = async (where: string, parameters: unknown[] = []) =>
      (await t.db.writer.query(`SELECT MIN(id) AS id FROM certification WHERE ${where}`, parameters)) as {
        id: number;
      }[];
    const rows = [
      ...((await t.db.writer.query(`SELECT id FROM certification WHERE id % 25 = 1 ORDER BY id`)) as { id: number }[]),
      ...(await picks(`expires_on >= ${p(1)}`, [TODAY])),
      ...(await picks(`expires_on < ${p(1)} AND expires_on > ${p(2)}`, [TODAY, '2025-07-01'])),
      ...(await picks(`expires_on < ${p(1)}`, ['2025-06-01'])),
      ...(await picks('id IN (SELECT certification_id FROM petition)')),
    ];
    expect(rows.length).toBeGreaterThan(10);
    const statuses = new Set<string>();
    let entriesSeen = 0;
    for (const { id } of rows) {
      const s = await subject(t.db, `c.id = ${p(1)}`, [id]);
      const res = await t.gql<TranscriptOut>(TRANSCRIPT, { id: s.certificationId }, { trainer: s.trainerId });
      const transcript = data(res).transcript;
      if (!transcript) throw new Error(`no transcript for ${s.certificationId}`);
      const { cycle, ceu, entries, compliance } = transcript;
      const last = cycle.courseworkDeadline < TODAY ? cycle.courseworkDeadline : TODAY;
      for (const entry of entries) {
        expect(entry.completion.completedOn >= cycle.startsOn && entry.completion.completedOn <= last).toBe(true);
        expect(entry.completion.title.length).toBeGreaterThan(0);
        expect(entry.completion.providerName.length).toBeGreaterThan(0);
        expect(entry.completion.course === null).toBe(entry.completion.source === 'PETITION');
      }
      const counted = entries.reduce((sum, entry) => sum + hundredths(entry.countedCeu), 0);
      expect(hundredths(ceu.earned)).toBe(counted);
      expect(hundredths(ceu.remaining)).toBe(Math.max(0, hundredths(ceu.required) - counted));
      expect(compliance.continuingEducation).toEqual(ceu);
      expect(compliance.quote.total.currencyCode).toBe('USD');
      statuses.add(compliance.status);
      entriesSeen += entries.length;
    }
    expect(entriesSeen).toBeGreaterThan(50);
    expect([...statuses].sort()).toEqual(['ACTIVE', 'EXPIRED', 'LAPSED']);
  });

  it('takes a provider’s report, a self-report and a petition on top of the seeded rows', async () => {
    const [course] = (await t.db.writer.query(
      `SELECT c.id, c.provider_id FROM course c JOIN provider p ON p.id = c.provider_id
        WHERE c.status = 'APPROVED' AND p.status = 'APPROVED' AND p.kind = 'PARTNER'
          AND EXISTS (SELECT 1 FROM course_approval_period a WHERE a.course_id = c.id AND a.from_date <= ${p(1)} AND a.through_date >= ${p(2)})
        ORDER BY c.id LIMIT 1`,
      [TODAY, TODAY],
    )) as { id: number; provider_id: number }[];
    const courseId = toGlobalId('Course', course.id);
    const providerId = toGlobalId('Provider', course.provider_id);
    const trainer = await subject(t.db, `c.cycle_starts_on <= ${p(1)} AND c.expires_on >= ${p(2)}`, [TODAY, TODAY]);
    const row = { certificationNumber: trainer.number, lastName: trainer.lastName, courseId, completedOn: TODAY };

    const REPORT = `mutation($input: ReportCompletionsInput!) {
      reportCompletions(input: $input) {
        acceptedCount duplicateCount rejectedCount
        results { status completion { id ceuValue creditPath } }
        userErrors { code }
      }
    }`;
    type ReportOut = {
      reportCompletions: {
        acceptedCount: number;
        duplicateCount: number;
        rejectedCount: number;
        results: { status: string; completion: { id: string; ceuValue: string; creditPath: string } | null }[];
        userErrors: { code: string }[];
      };
    };
    const first = data(
      await t.gql<ReportOut>(
        REPORT,
        {
          input: {
            rows: [
              { ...row, externalRef: 'large-1' },
              { ...row, lastName: 'Nobody', externalRef: 'large-2' },
            ],
          },
        },
        { provider: providerId },
      ),
    ).reportCompletions;
    expect(first.userErrors).toEqual([]);
    expect(first.results.map((r) => r.status)).toEqual(['ACCEPTED', 'NAME_MISMATCH']);
    const reported = first.results[0].completion;
    expect(reported?.creditPath).toBe('AUTOMATIC');
    const again = data(await t.gql<ReportOut>(REPORT, { input: { rows: [row] } }, { provider: providerId }));
    expect(again.reportCompletions.results.map((r) => r.status)).toEqual(['DUPLICATE']);
    expect(again.reportCompletions.results[0].completion?.id).toBe(reported?.id);

    const selfReported = data(
      await t.gql<{ reportCompletion: { completion: { id: string; source: string } | null; userErrors: unknown[] } }>(
        `mutation($input: ReportCompletionInput!) {
          reportCompletion(input: $input) { completion { id source } userErrors { code field message } }
        }`,
        { input: { certificationId: trainer.certificationId, courseId, completedOn: YESTERDAY } },
        { trainer: trainer.trainerId },
      ),
    ).reportCompletion;
    expect(selfReported.userErrors).toEqual([]);
    expect(selfReported.completion?.source).toBe('SELF_REPORTED');

    const petition = data(
      await t.gql<{ submitPetition: { petition: { id: string; status: string } | null; userErrors: unknown[] } }>(
        `mutation($input: SubmitPetitionInput!) {
          submitPetition(input: $input) { petition { id status } userErrors { code field message } }
        }`,
        {
          input: {
            certificationId: trainer.certificationId,
            event: {
              title: 'Strength Coaching Summit',
              providerName: 'Nordic Strength Forum',
              completedOn: YESTERDAY,
              contactHours: '8',
            },
            justification: 'Programme design sessions within the CPT scope of practice.',
          },
        },
        { trainer: trainer.trainerId },
      ),
    ).submitPetition;
    expect(petition.userErrors).toEqual([]);
    expect(petition.petition?.status).toBe('PENDING');

    // New rows take ids after the seeded ones, on both databases.
    expect(await count(t.db, 'completion')).toBe(SCALE.completions + 3);
    expect(await count(t.db, 'petition')).toBe(report.petitions + 1);
    const transcript = data(
      await t.gql<TranscriptOut>(TRANSCRIPT, { id: trainer.certificationId }, { trainer: trainer.trainerId }),
    ).transcript;
    const ids = transcript?.entries.map((e) => e.completion.id) ?? [];
    expect(ids).toEqual(expect.arrayContaining([reported?.id, selfReported.completion?.id]));
  });
});
