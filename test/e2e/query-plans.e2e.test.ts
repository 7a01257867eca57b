import { approvedProvider, createCourse, createTrainer, TrainerFixture } from '../support/fixtures';
import { petitionForEvent, selfReported } from '../support/ledger-fixtures';
import { COMPLIANCE_FIELDS, recordedCard } from '../support/recertification-fixtures';
import { As, data, startTestApp, TestApp, usingPostgres } from '../support/harness';

/**
 * Every filter and sort order of the catalogue and transcript reads is served by an index. The
 * test captures the exact statements the server runs for a request and asks the database for
 * their plans: on SQLite no table is scanned and no sort is built (EXPLAIN QUERY PLAN); on
 * PostgreSQL, with sequential scans, bitmap scans and sorts priced out, no plan still needs one
 * (EXPLAIN), which holds only when an index gives both the rows and their order.
 */

/** The aliases of the program catalogue's statement: programs, policy versions, fee schedules, waivers. */
const PROGRAM_CATALOGUE = ['pg', 'pv', 'fs', 'hw'];
describe('query plans: an index for every filter and sort order', () => {
  let t: TestApp;
  let trainer: TrainerFixture;
  let providerId: string;
  const captured: { query: string; parameters: unknown[] }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ today: '2025-07-01' });
    providerId = await approvedProvider(t);
    const other = await approvedProvider(t);
    const courses: string[] = [];
    for (let i = 0; i < 6; i++) courses.push(await createCourse(t, i % 2 ? other : providerId));
    t.clock.setToday('2026-06-15');
    trainer = await createTrainer(t, { expiresOn: '2027-06-30' });
    for (let i = 0; i < 6; i++) await selfReported(t, trainer, courses[i], `2025-08-0${i + 1}`);
    await petitionForEvent(t, trainer, {
      title: 'Clinic',
      providerName: 'Gym',
      completedOn: '2025-09-01',
      contactHours: '2',
    });
    await recordedCard(t, trainer, { issuedOn: '2025-09-01', expiresOn: '2027-09-01' });
    const counter = t.db.statements;
    const count = counter.logQuery.bind(counter);
    counter.logQuery = (query, parameters, runner) => {
      captured.push({ query, parameters: parameters ?? [] });
      count(query, parameters, runner);
    };
  }, 120_000);
  afterAll(() => t.close());

  /** The statements one request ran. */
  async function statementsOf(query: string, variables: Record<string, unknown>, as?: As) {
    captured.length = 0;
    data(await t.gql(query, variables, as));
    return captured.splice(0).filter((s) => /^\s*SELECT/i.test(s.query));
  }

  async function planOf(
    query: string,
    parameters: unknown[],
    sortsPricedOut: boolean,
    bitmaps = false,
  ): Promise<string[]> {
    if (!usingPostgres) {
      const rows: { detail: string }[] = await t.db.reader.query(`EXPLAIN QUERY PLAN ${query}`, parameters);
      return rows.map((r) => r.detail);
    }
    const runner = t.db.writer.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      if (!bitmaps) await runner.query('SET LOCAL enable_bitmapscan = off');
      if (sortsPricedOut) await runner.query('SET LOCAL enable_sort = off');
      const rows: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${query}`, parameters);
      return rows.map((r) => r['QUERY PLAN'].trim());
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /**
   * Plan lines that read a table from end to end (a walk) or sort. A walk is allowed only on the
   * tables named in `walks`: a keyset page that walks in key order and stops after its LIMIT,
   * or a small settings table read whole by design. A sort is allowed only where the statement
   * returns every row it reads (a loader's batch, bounded by the page): a page must come in
   * index order, never by sorting everything that matches and keeping the first few.
   */
  function faults(plan: string[], walks: string[], paged: boolean): string[] {
    return plan.filter((line, i) => {
      if (usingPostgres) {
        if (/\bSort\b/.test(line) && !/Sort Key|Sort Method/.test(line)) return paged;
        const scan = /(Seq Scan|Index Scan|Index Only Scan)(?: Backward)?(?: using \S+)? on (\S+)(?: (\w+))?/.exec(
          line,
        );
        if (!scan) return false;
        const alias = scan[3] ?? scan[2];
        if (scan[1] === 'Seq Scan') return !walks.includes(alias);
        // An index scan without an Index Cond reads the whole index: a walk.
        const details = plan.slice(i + 1).findIndex((l) => /->|Scan/.test(l));
        const own = plan.slice(i + 1, details < 0 ? undefined : i + 1 + details);
        return !own.some((l) => /Index Cond/.test(l)) && !walks.includes(alias);
      }
      if (/USE TEMP B-TREE/.test(line)) return paged;
      const scan = /^SCAN (?!CONSTANT ROW)(\S+)/.exec(line);
      return scan !== null && !walks.includes(scan[1]);
    });
  }

  async function expectIndexed(
    query: string,
    variables: Record<string, unknown>,
    as: As,
    walks: string[] = [],
    allow: { sorts?: boolean; bitmaps?: boolean } = {},
  ) {
    const statements = await statementsOf(query, variables, as);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const paged = !allow.sorts && /\bLIMIT\s+\d+\s*$/i.test(statement.query);
      const plan = await planOf(statement.query, statement.parameters, paged, allow.bitmaps);
      // SHOW_PLANS=1 prints every plan, to see what the database chose.
      if (process.env.SHOW_PLANS) console.log(statement.query.slice(0, 90), '\n  ' + plan.join('\n  '));
      expect({ sql: statement.query, plan, bad: faults(plan, walks, paged) }).toEqual({
        sql: statement.query,
        plan,
        bad: [],
      });
    }
  }

  const CATALOGUE = `query($first: Int, $after: String, $filter: CourseFilter) {
    courses(first: $first, after: $after, filter: $filter) {
      nodes { id title ceuValue approvedThrough topics provider { id name } } } }`;

  // The unfiltered catalogue walks the course table in key order and stops after the page.
  it.each<[string, Record<string, unknown>, () => As, string[]]>([
    ['the public catalogue', {}, () => undefined, ['c']],
    ['the catalogue after a cursor', { after: 'YzE6Mg' }, () => undefined, ['c']],
    ['the catalogue as staff', {}, () => 'staff', ['c']],
    ['one provider’s courses', { filter: { providerId: 'PROVIDER' } }, () => undefined, []],
    ['a provider’s own courses, as that provider', {}, () => ({ provider: providerId }), ['c']],
    ['courses by status, as staff', { filter: { status: 'APPROVED' } }, () => 'staff', []],
    ['courses by delivery format', { filter: { deliveryFormat: 'IN_PERSON' } }, () => undefined, []],
    ['courses by topic', { filter: { topic: 'NUTRITION' } }, () => undefined, []],
  ])('%s', async (_name, filter, as, walks) => {
    const variables = JSON.parse(JSON.stringify(filter).replace('PROVIDER', providerId));
    await expectIndexed(CATALOGUE, { first: 50, ...variables }, as(), walks);
  });

  it('a transcript with its compliance, as the trainer', async () => {
    const query = `query($id: ID!) { transcript(certificationId: $id) {
      entries { standing completion { id title } } ceu { earned } compliance { ${COMPLIANCE_FIELDS} } } }`;
    // Hands-on waivers are a short settings list, read whole.
    await expectIndexed(query, { id: trainer.certificationId }, { trainer: trainer.trainerId }, ['hw']);
  });

  it.each<[string, string, () => As]>([
    [
      'petitions by status, as staff',
      `{ petitions(first: 50, filter: { status: PENDING }) { nodes { id } } }`,
      () => 'staff',
    ],
    ['all petitions, as staff', `{ petitions(first: 50) { nodes { id } } }`, () => 'staff'],
  ])('%s', async (_name, query, as) => {
    await expectIndexed(query, {}, as(), ['pt']);
  });

  it('a trainer’s own petitions and applications: their few rows are sorted after an index search', async () => {
    await expectIndexed(
      `{ petitions(first: 50) { nodes { id status } } recertificationApplications(first: 50) { nodes { id } } }`,
      {},
      { trainer: trainer.trainerId },
      [],
      { sorts: true },
    );
  });

  describe('staff finding people', () => {
    const TRAINERS = `query($filter: TrainerFilter, $after: String) { trainers(first: 50, filter: $filter, after: $after) {
      nodes { id firstName lastName email certifications { number expiresOn } } } }`;
    const CERTIFICATIONS = `query($filter: CertificationFilter, $after: String) {
      certifications(first: 50, filter: $filter, after: $after) {
        edges { cursor node { id number expiresOn trainer { id lastName } } } } }`;

    it('all trainers: a walk of the trainer table in key order that stops after the page', async () => {
      await expectIndexed(TRAINERS, {}, 'staff', ['t']);
    });

    // At most one trainer has the address or the number: a unique index finds them, and the
    // "sort" by key is of that one row.
    it.each<[string, Record<string, unknown>]>([
      ['a trainer by e-mail address', { filter: { email: 'someone@example.test' } }],
      ['a trainer by certification number', { filter: { certificationNumber: 'CPT-900001' } }],
    ])('%s', async (_name, variables) => {
      await expectIndexed(TRAINERS, variables, 'staff', [], { sorts: true });
    });

    // A name prefix searches the index of each name (on PostgreSQL a BitmapOr of the two), and
    // the few trainers found are sorted by key.
    it('trainers by name', async () => {
      await expectIndexed(TRAINERS, { filter: { text: 'trainer' } }, 'staff', [], { sorts: true, bitmaps: true });
    });

    // Unfiltered, the list walks the (expires_on, id) index and stops after the page.
    it.each<[string, Record<string, unknown>, string[]]>([
      ['all certifications by expiry', {}, ['c']],
      ['certifications after a cursor', { after: 'CURSOR' }, []],
      // A status is decided by each program's windows: the program catalogue, small settings
      // tables read whole by design, comes with it.
      ['certifications ACTIVE today', { filter: { status: 'ACTIVE' } }, PROGRAM_CATALOGUE],
      [
        'certifications EXPIRED on a date',
        { filter: { status: 'EXPIRED', statusOn: '2027-09-01' } },
        PROGRAM_CATALOGUE,
      ],
      ['certifications LAPSED today', { filter: { status: 'LAPSED' } }, PROGRAM_CATALOGUE],
      [
        'certifications expiring in the next 90 days',
        { filter: { expiresFrom: '2026-06-15', expiresThrough: '2026-09-12' } },
        [],
      ],
      ['CPT certifications ACTIVE today', { filter: { programCode: 'CPT', status: 'ACTIVE' } }, PROGRAM_CATALOGUE],
    ])('%s', async (_name, variables, walks) => {
      if (variables.after) {
        const first = data(
          await t.gql<{ certifications: { edges: { cursor: string }[] } }>(CERTIFICATIONS, {}, 'staff'),
        );
        variables = { after: first.certifications.edges[0].cursor };
      }
      await expectIndexed(CERTIFICATIONS, variables, 'staff', walks);
    });
  });

  describe('a provider’s reports and the completions it reported', () => {
    let course: string;
    let reportId: string;

    beforeAll(async () => {
      const today = t.clock.now().toISOString().slice(0, 10);
      t.clock.setToday('2026-01-02');
      course = await createCourse(t, providerId);
      t.clock.setToday(today);
      for (let r = 0; r < 3; r++) {
        const rows = Array.from({ length: 4 }, (_, d) => ({
          certificationNumber: trainer.number,
          lastName: trainer.lastName,
          courseId: course,
          completedOn: `2026-02-${String(10 + 4 * r + d).padStart(2, '0')}`,
          externalRef: `plan-${r}-${d}`,
        }));
        const res = data(
          await t.gql<{ reportCompletions: { report: { id: string } } }>(
            `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) { report { id } } }`,
            { input: { rows } },
            { provider: providerId },
          ),
        );
        reportId = res.reportCompletions.report.id;
      }
    });

    const REPORTS = `query($p: ID) { completionReports(first: 50, providerId: $p) {
      nodes { id rowCount rows { index status completion { id } } } } }`;
    const REPORTED = `query($f: ReportedCompletionFilter, $after: String) {
      reportedCompletions(first: 50, filter: $f, after: $after) { nodes { id completedOn } pageInfo { endCursor } } }`;

    // Staff's unfiltered list walks the report table in key order and stops after the page.
    it.each<[string, () => Record<string, unknown>, () => As, string[]]>([
      ['a provider’s own reports, newest first', () => ({}), () => ({ provider: providerId }), []],
      ['all reports, as staff', () => ({}), () => 'staff', ['r']],
      ['one provider’s reports, as staff', () => ({ p: providerId }), () => 'staff', []],
    ])('%s', async (_name, variables, as, walks) => {
      await expectIndexed(REPORTS, variables(), as(), walks);
    });

    it('one report with its rows', async () => {
      await expectIndexed(
        `query($id: ID!) { completionReport(id: $id) { id rows { index status } } }`,
        { id: reportId },
        { provider: providerId },
      );
    });

    it.each<[string, () => Record<string, unknown>]>([
      ['everything it reported', () => ({})],
      ['one course', () => ({ courseId: course })],
      ['a date range', () => ({ completedFrom: '2026-02-12', completedThrough: '2026-02-18' })],
      ['its own reference', () => ({ externalRef: 'plan-1-2' })],
      ['a course in a date range', () => ({ courseId: course, completedFrom: '2026-02-12' })],
    ])('reported completions: %s', async (_name, filter) => {
      await expectIndexed(REPORTED, { f: filter() }, { provider: providerId });
      const first = data(
        await t.gql<{ reportedCompletions: { pageInfo: { endCursor: string } } }>(
          REPORTED.replace('first: 50', 'first: 1'),
          { f: filter() },
          { provider: providerId },
        ),
      );
      await expectIndexed(
        REPORTED,
        { f: filter(), after: first.reportedCompletions.pageInfo.endCursor },
        {
          provider: providerId,
        },
      );
    });
  });
});
