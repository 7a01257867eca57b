import { approvedProvider, createCourse, createTrainer, TrainerFixture } from '../support/fixtures';
import { data, startTestApp, TestApp } from '../support/harness';
import { onDay, plusDays, ReportRowIn, rowFor, selfReported, UserErrorOut } from '../support/ledger-fixtures';

const TODAY = '2026-06-15';

const ROW_FIELDS = `index status message certificationNumber lastName firstName courseId completedOn externalRef
  creditPath creditReason standing countedCeu completion { id completedOn }`;

interface RowOut {
  index: number;
  status: string;
  message: string;
  certificationNumber: string;
  lastName: string;
  firstName: string | null;
  courseId: string;
  completedOn: string;
  externalRef: string | null;
  creditPath: string | null;
  creditReason: string | null;
  standing: string | null;
  countedCeu: string | null;
  completion: { id: string; completedOn: string } | null;
}

interface ReportOut {
  id: string;
  reportedOn: string;
  rowCount: number;
  acceptedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  provider: { id: string };
  rows: RowOut[];
}

const REPORT = `mutation($input: ReportCompletionsInput!) {
  reportCompletions(input: $input) {
    report { id reportedOn rowCount acceptedCount duplicateCount rejectedCount provider { id } rows { ${ROW_FIELDS} } }
    results { ${ROW_FIELDS} }
    acceptedCount duplicateCount rejectedCount
    userErrors { code field message }
  }
}`;

type Answer = {
  report: ReportOut | null;
  results: RowOut[];
  acceptedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  userErrors: UserErrorOut[];
};

const READ = `query($id: ID!) { completionReport(id: $id) {
  id reportedOn rowCount acceptedCount duplicateCount rejectedCount provider { id } rows { ${ROW_FIELDS} } } }`;

const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $providerId: ID) {
  completionReports(first: $first, after: $after, last: $last, before: $before, providerId: $providerId) {
    totalCount nodes { id rowCount } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

type ListOut = {
  completionReports: {
    totalCount: number;
    nodes: { id: string; rowCount: number }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
};

const REPORTED = `query($first: Int, $after: String, $filter: ReportedCompletionFilter) {
  reportedCompletions(first: $first, after: $after, filter: $filter) {
    totalCount nodes { id completedOn externalRef course { id } } pageInfo { hasNextPage endCursor } } }`;

type ReportedOut = {
  reportedCompletions: {
    totalCount: number;
    nodes: { id: string; completedOn: string; externalRef: string | null; course: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

async function report(t: TestApp, providerId: string, rows: ReportRowIn[], idempotencyKey?: string): Promise<Answer> {
  const res = await t.gql<{ reportCompletions: Answer }>(
    REPORT,
    { input: { rows, ...(idempotencyKey ? { idempotencyKey } : {}) } },
    { provider: providerId },
  );
  return data(res).reportCompletions;
}

describe('completion reports: partners see the consequence of what they report (R3, R5)', () => {
  let t: TestApp;
  let providerA: string;
  let providerB: string;
  /** A's courses, approved 2026-02-01: 1.0 CEU and 0.4 CEU. */
  let courseA: string;
  let courseShort: string;
  let alex: TrainerFixture;
  /** Renewed: the current cycle starts 2026-03-01, the previous one ended 2026-02-28. */
  let renewed: TrainerFixture;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    [providerA, providerB] = await onDay(t, '2026-01-05', async () => [
      await approvedProvider(t),
      await approvedProvider(t),
    ]);
    [courseA, courseShort] = await onDay(t, '2026-02-01', async () => [
      await createCourse(t, providerA, { contactHours: '10' }),
      await createCourse(t, providerA, { contactHours: '4' }),
    ]);
    alex = await createTrainer(t);
    renewed = await createTrainer(t, { issuedOn: '2024-02-28', cycleStartsOn: '2026-03-01', expiresOn: '2028-02-29' });
  });
  afterAll(() => t.close());

  describe('each row says how its completion stands in the trainer’s current cycle', () => {
    let answer: Answer;
    let rows: ReportRowIn[];

    beforeAll(async () => {
      rows = [
        rowFor(alex, courseA, '2026-03-01', { externalRef: 'first' }),
        rowFor(alex, courseA, '2026-04-01', { externalRef: 'again' }),
        rowFor(alex, courseShort, '2026-04-02'),
        rowFor(renewed, courseA, '2026-02-15'),
        rowFor(alex, courseA, '2026-01-15', { externalRef: 'early' }),
        rowFor(alex, courseA, '2026-03-09', { certificationNumber: 'CPT-000001', lastName: 'Nobody' }),
        rowFor(alex, courseA, '2026-03-01'),
      ];
      answer = await report(t, providerA, rows);
    });

    it.each<[string, number, Partial<RowOut>]>([
      [
        'R5: the first completion of a course in the cycle is ACCEPTED and COUNTED with its CEUs',
        0,
        {
          status: 'ACCEPTED',
          creditPath: 'AUTOMATIC',
          creditReason: 'PRE_APPROVED',
          standing: 'COUNTED',
          countedCeu: '1.0',
        },
      ],
      [
        'R5: the same course again in the cycle is ACCEPTED but SAME_COURSE_ALREADY_COUNTED and earns nothing',
        1,
        {
          status: 'ACCEPTED',
          creditPath: 'AUTOMATIC',
          standing: 'SAME_COURSE_ALREADY_COUNTED',
          countedCeu: '0.0',
        },
      ],
      ['R5: another course counts on its own', 2, { status: 'ACCEPTED', standing: 'COUNTED', countedCeu: '0.4' }],
      [
        'R5: a completion before the current cycle started is ACCEPTED but OUTSIDE_CYCLE',
        3,
        { status: 'ACCEPTED', creditPath: 'AUTOMATIC', standing: 'OUTSIDE_CYCLE', countedCeu: '0.0' },
      ],
      [
        'R3: a date the course approval does not cover is refused, with the credit path and why',
        4,
        {
          status: 'DATE_OUTSIDE_APPROVAL',
          creditPath: 'PETITION_REQUIRED',
          creditReason: 'COURSE_NOT_APPROVED_ON_DATE',
          standing: null,
          countedCeu: null,
          completion: null,
        },
      ],
      [
        'API: a refused row has no credit path, standing or completion',
        5,
        { status: 'UNKNOWN_CERTIFICATION', creditPath: null, creditReason: null, standing: null, countedCeu: null },
      ],
      [
        'R5: a row repeated in the batch is a DUPLICATE that stands as its first copy',
        6,
        { status: 'DUPLICATE', creditPath: 'AUTOMATIC', standing: 'COUNTED', countedCeu: '1.0' },
      ],
    ])('%s', (_name, i, expected) => {
      expect(answer.userErrors).toEqual([]);
      expect(answer.results[i]).toMatchObject(expected);
    });

    it('API: the rows agree with the trainer’s transcript', async () => {
      const res = await t.gql<{
        transcript: { entries: { standing: string; countedCeu: string; completion: { id: string } }[] };
      }>(
        `query($id: ID!) { transcript(certificationId: $id) { entries { standing countedCeu completion { id } } } }`,
        { id: alex.certificationId },
        'staff',
      );
      const entries = new Map(data(res).transcript.entries.map((e) => [e.completion.id, e]));
      for (const row of answer.results.filter((r) => r.completion && r.certificationNumber === alex.number)) {
        expect(entries.get(row.completion!.id)).toMatchObject({ standing: row.standing, countedCeu: row.countedCeu });
      }
      expect(answer.results[6].completion!.id).toBe(answer.results[0].completion!.id);
    });

    it('API: the answer is stored as a report, refused rows and the rows as sent included', async () => {
      expect(answer.report).toMatchObject({
        reportedOn: TODAY,
        rowCount: 7,
        acceptedCount: 4,
        duplicateCount: 1,
        rejectedCount: 2,
        provider: { id: providerA },
      });
      expect(answer.report!.id).toMatch(/^rpt_/);
      expect(answer.report!.rows).toEqual(answer.results);
      const refused = answer.report!.rows[5];
      expect(refused).toMatchObject({
        certificationNumber: 'CPT-000001',
        lastName: 'Nobody',
        firstName: alex.firstName,
        courseId: courseA,
        completedOn: '2026-03-09',
        externalRef: null,
        message: 'No certification has this number.',
      });
      expect(answer.report!.rows.map((r) => [r.index, r.externalRef])).toEqual(
        rows.map((r, i) => [i, r.externalRef ?? null]),
      );
    });

    it('API: completionReport(id:) and node(id:) give the same report later, to its provider and staff', async () => {
      for (const as of [{ provider: providerA }, 'staff' as const]) {
        const read = data(await t.gql<{ completionReport: ReportOut }>(READ, { id: answer.report!.id }, as));
        expect(read.completionReport).toEqual(answer.report);
        const node = data(
          await t.gql<{ node: { id: string } | null }>(
            `query($id: ID!) { node(id: $id) { id ... on CompletionReport { rowCount } } }`,
            { id: answer.report!.id },
            as,
          ),
        );
        expect(node.node).toEqual({ id: answer.report!.id, rowCount: 7 });
      }
    });

    it('API: another provider gets null for the report, by completionReport and by node', async () => {
      const res = data(
        await t.gql<{ completionReport: unknown; node: unknown }>(
          `query($id: ID!) { completionReport(id: $id) { id } node(id: $id) { id } }`,
          { id: answer.report!.id },
          { provider: providerB },
        ),
      );
      expect(res).toEqual({ completionReport: null, node: null });
    });

    it.each([
      ['a trainer is FORBIDDEN', () => ({ trainer: alex.trainerId }), 'FORBIDDEN'],
      ['anonymous must sign in (UNAUTHENTICATED)', () => undefined, 'UNAUTHENTICATED'],
    ])('API: %s', async (_name, as, code) => {
      const res = await t.gql(READ, { id: answer.report!.id }, as());
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    });
  });

  it('R5: a self-report confirmed by the provider is a DUPLICATE that tells its standing', async () => {
    const trainer = await createTrainer(t);
    await selfReported(t, trainer, courseA, '2026-05-01');
    const answer = await report(t, providerA, [
      rowFor(trainer, courseA, '2026-05-02'),
      rowFor(trainer, courseA, '2026-05-01'),
    ]);
    expect(answer.results.map((r) => [r.status, r.standing, r.countedCeu])).toEqual([
      ['ACCEPTED', 'SAME_COURSE_ALREADY_COUNTED', '0.0'],
      ['DUPLICATE', 'COUNTED', '1.0'],
    ]);
  });

  it('API: a repeat with the same idempotency key answers the same report ID and stores nothing new', async () => {
    const trainer = await createTrainer(t);
    const rows = [rowFor(trainer, courseA, '2026-03-03'), rowFor(trainer, courseA, '2026-03-04')];
    const first = await report(t, providerA, rows, 'report-key-1');
    const before = data(await t.gql<ListOut>(LIST, { first: 1 }, { provider: providerA })).completionReports.totalCount;
    const again = await report(t, providerA, rows, 'report-key-1');
    expect(again.report!.id).toBe(first.report!.id);
    expect(again).toEqual(first);
    const after = data(await t.gql<ListOut>(LIST, { first: 1 }, { provider: providerA })).completionReports.totalCount;
    expect(after).toBe(before);
  });

  describe('completionReports: newest first, paged; a provider sees its own, staff all', () => {
    let provider: string;
    let course: string;
    const ids: string[] = [];

    beforeAll(async () => {
      provider = await onDay(t, '2026-01-05', () => approvedProvider(t));
      course = await onDay(t, '2026-02-01', () => createCourse(t, provider));
      const trainer = await createTrainer(t);
      for (let i = 0; i < 5; i++) {
        const rows = Array.from({ length: i + 1 }, (_, d) =>
          rowFor(trainer, course, plusDays('2026-03-01', 10 * i + d)),
        );
        ids.push((await report(t, provider, rows)).report!.id);
      }
      await report(t, providerB, [rowFor(trainer, course, '2026-03-01')]);
    });

    it('API: the provider’s reports come newest first, two a page, with a total', async () => {
      const pages: string[][] = [];
      let after: string | null = null;
      for (;;) {
        const res: ListOut = data(await t.gql<ListOut>(LIST, { first: 2, after }, { provider }));
        expect(res.completionReports.totalCount).toBe(5);
        pages.push(res.completionReports.nodes.map((n) => n.id));
        if (!res.completionReports.pageInfo.hasNextPage) break;
        after = res.completionReports.pageInfo.endCursor;
      }
      expect(pages).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);
    });

    it('API: last/before page backwards in the same order', async () => {
      const first = data(await t.gql<ListOut>(LIST, { first: 2 }, { provider })).completionReports;
      const back = data(
        await t.gql<ListOut>(LIST, { last: 2, before: first.pageInfo.endCursor }, { provider }),
      ).completionReports;
      expect(back.nodes.map((n) => n.id)).toEqual([ids[4]]);
      const tail = data(await t.gql<ListOut>(LIST, { last: 2 }, { provider })).completionReports;
      expect(tail.nodes.map((n) => n.id)).toEqual([ids[1], ids[0]]);
      expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true });
    });

    it('API: a provider sees only its own, whatever providerId says; staff see all or one provider’s', async () => {
      const asB = data(await t.gql<ListOut>(LIST, { first: 100, providerId: provider }, { provider: providerB }));
      expect(asB.completionReports.nodes.some((n) => ids.includes(n.id))).toBe(false);
      const staff = data(await t.gql<ListOut>(LIST, { first: 100 }, 'staff')).completionReports;
      expect(staff.nodes.slice(1, 6).map((n) => n.id)).toEqual([...ids].reverse());
      const named = data(await t.gql<ListOut>(LIST, { first: 100, providerId: provider }, 'staff')).completionReports;
      expect(named.nodes.map((n) => n.id)).toEqual([...ids].reverse());
    });
  });

  describe('retention: COMPLETION_REPORT_RETENTION_DAYS after the day of the report', () => {
    let r: TestApp;
    let provider: string;
    let course: string;
    let trainer: TrainerFixture;

    beforeAll(async () => {
      r = await startTestApp({ today: '2026-02-01', env: { COMPLETION_REPORT_RETENTION_DAYS: '30' } });
      provider = await approvedProvider(r);
      course = await createCourse(r, provider);
      trainer = await createTrainer(r);
    });
    afterAll(() => r.close());

    const stored = async () => {
      const [{ reports, rows, oldest }] = await r.db.reader.query(
        `SELECT (SELECT COUNT(*) FROM completion_report) AS reports, (SELECT COUNT(*) FROM completion_report_row) AS rows,
          (SELECT MIN(reported_on) FROM completion_report) AS oldest`,
      );
      return { reports: Number(reports), rows: Number(rows), oldest: String(oldest).slice(0, 10) };
    };
    const visible = async (id: string) =>
      data(await r.gql<{ completionReport: { id: string } | null }>(READ, { id }, { provider })).completionReport !==
      null;

    it('API: kept through the 30th day after it was made, gone from the 31st, and deleted by a later report', async () => {
      const made = (await reportOn(r, '2026-03-01', provider, [rowFor(trainer, course, '2026-02-20')])).report!.id;
      expect(await stored()).toEqual({ reports: 1, rows: 1, oldest: '2026-03-01' });
      r.clock.setToday('2026-03-31');
      expect(await visible(made)).toBe(true);
      // A report on the last day of retention deletes nothing.
      await reportOn(r, '2026-03-31', provider, [
        rowFor(trainer, course, '2026-02-21'),
        rowFor(trainer, course, '2026-02-22'),
      ]);
      expect(await stored()).toEqual({ reports: 2, rows: 3, oldest: '2026-03-01' });
      r.clock.setToday('2026-04-01');
      expect(await visible(made)).toBe(false);
      const list = data(await r.gql<ListOut>(LIST, { first: 10 }, { provider })).completionReports;
      expect(list.nodes.map((n) => n.id)).not.toContain(made);
      expect(list.totalCount).toBe(1);
      // Hidden, not yet deleted: the next report deletes it with its rows.
      expect(await stored()).toEqual({ reports: 2, rows: 3, oldest: '2026-03-01' });
      await reportOn(r, '2026-04-01', provider, [rowFor(trainer, course, '2026-02-23')]);
      expect(await stored()).toEqual({ reports: 2, rows: 3, oldest: '2026-03-31' });
      // The completions themselves stay on the transcript.
      const reported = data(await r.gql<ReportedOut>(REPORTED, { first: 10 }, { provider })).reportedCompletions;
      expect(reported.totalCount).toBe(4);
    });
  });

  describe('reportedCompletions: what the provider reported, newest completion date first', () => {
    let provider: string;
    let course1: string;
    let course2: string;
    const all: { completedOn: string; course: string; ref: string }[] = [];

    beforeAll(async () => {
      provider = await onDay(t, '2026-01-05', () => approvedProvider(t));
      [course1, course2] = await onDay(t, '2026-02-01', async () => [
        await createCourse(t, provider),
        await createCourse(t, provider),
      ]);
      const trainers = [await createTrainer(t), await createTrainer(t)];
      const rows: ReportRowIn[] = [];
      for (let d = 0; d < 12; d++) {
        const course = d % 3 === 0 ? course2 : course1;
        const completedOn = plusDays('2026-03-01', d * 3);
        const ref = `ext-${d}`;
        rows.push(rowFor(trainers[d % 2], course, completedOn, { externalRef: ref }));
        all.push({ completedOn, course, ref });
      }
      await report(t, provider, rows);
      // A self-report of the provider's course is the trainer's, not the provider's.
      await selfReported(t, trainers[0], course1, '2026-05-20');
    });

    const byDateDesc = (items: typeof all) =>
      [...items].sort((a, b) => (a.completedOn < b.completedOn ? 1 : -1)).map((i) => i.ref);

    it.each<[string, Record<string, unknown>, (i: (typeof all)[number]) => boolean]>([
      ['everything it reported', {}, () => true],
      ['one course', { courseId: 'COURSE2' }, (i) => i.course === 'COURSE2'],
      [
        'a date range',
        { completedFrom: '2026-03-10', completedThrough: '2026-03-22' },
        (i) => i.completedOn >= '2026-03-10' && i.completedOn <= '2026-03-22',
      ],
      ['its own reference', { externalRef: 'ext-7' }, (i) => i.ref === 'ext-7'],
      [
        'a course in a date range',
        { courseId: 'COURSE1', completedFrom: '2026-03-05' },
        (i) => i.course === 'COURSE1' && i.completedOn >= '2026-03-05',
      ],
    ])('API: %s, paged three at a time', async (_name, filter, keep) => {
      const resolved = JSON.parse(JSON.stringify(filter).replace('COURSE1', course1).replace('COURSE2', course2));
      const expected = byDateDesc(
        all.filter((i) => keep({ ...i, course: i.course === course1 ? 'COURSE1' : 'COURSE2' })),
      );
      const refs: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: ReportedOut = data(
          await t.gql<ReportedOut>(REPORTED, { first: 3, after, filter: resolved }, { provider }),
        );
        expect(res.reportedCompletions.totalCount).toBe(expected.length);
        refs.push(...res.reportedCompletions.nodes.map((n) => n.externalRef!));
        if (!res.reportedCompletions.pageInfo.hasNextPage) break;
        after = res.reportedCompletions.pageInfo.endCursor;
      }
      expect(refs).toEqual(expected);
    });

    it('API: another provider sees none of them; staff name the provider', async () => {
      const asB = data(
        await t.gql<ReportedOut>(REPORTED, { first: 50, filter: { providerId: provider } }, { provider: providerB }),
      );
      expect(asB.reportedCompletions.nodes.some((n) => n.externalRef?.startsWith('ext-'))).toBe(false);
      const staff = data(await t.gql<ReportedOut>(REPORTED, { first: 50, filter: { providerId: provider } }, 'staff'));
      expect(staff.reportedCompletions.totalCount).toBe(12);
      const unnamed = await t.gql(REPORTED, { first: 50 }, 'staff');
      expect(unnamed.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });
  });
});

/** A report made with the server's clock on `day` (the clock stays there). */
async function reportOn(t: TestApp, day: string, providerId: string, rows: ReportRowIn[]): Promise<Answer> {
  t.clock.setToday(day);
  return report(t, providerId, rows);
}
