import { approvedProvider, createCourse, createTrainer, TrainerFixture } from '../support/fixtures';
import { decidePetition, petitionForEvent, selfReported } from '../support/ledger-fixtures';
import { COMPLIANCE_FIELDS, QUOTE_FIELDS, recordedCard } from '../support/recertification-fixtures';
import { As, data, GqlResponse, PRODUCTION_ENV, startTestApp, TestApp } from '../support/harness';
import { StatementCounter } from '../../src/database/statement-counter';

/**
 * The statement budget of the two hottest reads (DESIGN §5): a catalogue page of courses with
 * their provider costs at most 2 SQL statements, and a transcript with its compliance at most 5,
 * whatever the number of items. The server reports each request's statements in the
 * X-Statement-Count header; the counts are asserted at a small and at a large size.
 */
describe('statement budget per request', () => {
  let t: TestApp;
  let small: TrainerFixture;
  let large: TrainerFixture;
  const courses: string[] = [];

  beforeAll(async () => {
    // The catalogue is approved before the cycle's completions, so that they count automatically.
    t = await startTestApp({ today: '2025-07-01' });
    const providers = [await approvedProvider(t), await approvedProvider(t), await approvedProvider(t)];
    for (let i = 0; i < 60; i++) courses.push(await createCourse(t, providers[i % 3]));
    t.clock.setToday('2026-06-15');
    small = await createTrainer(t, { expiresOn: '2027-06-30' });
    large = await createTrainer(t, { expiresOn: '2027-06-30' });
    // Sixty entries of every kind: automatic credit, and outside events with a pending, an
    // approved and a denied petition.
    for (let i = 0; i < 54; i++) {
      await selfReported(t, large, courses[i % 20], day(i));
    }
    for (let i = 0; i < 6; i++) {
      const petition = await petitionForEvent(t, large, {
        title: `Workshop ${i}`,
        providerName: 'Local Gym',
        completedOn: day(60 + i),
        contactHours: '3',
      });
      if (i % 3 === 1) await decidePetition(t, { petitionId: petition.id, decision: 'APPROVE', awardedCeu: '0.3' });
      if (i % 3 === 2) await decidePetition(t, { petitionId: petition.id, decision: 'DENY', reason: 'Not relevant.' });
    }
    for (let i = 0; i < 4; i++) await selfReported(t, small, courses[i], day(i));
    await petitionForEvent(t, small, { title: 'Clinic', providerName: 'Gym', completedOn: day(9), contactHours: '2' });
    for (const trainer of [small, large])
      await recordedCard(t, trainer, { issuedOn: '2025-09-01', expiresOn: '2027-09-01' });
  }, 240_000);
  afterAll(() => t.close());

  /** The n-th day of the cycle's first months: distinct dates for the same course. */
  function day(n: number): string {
    const date = new Date(Date.UTC(2025, 7, 1 + n));
    return date.toISOString().slice(0, 10);
  }

  async function cost<T>(query: string, variables: Record<string, unknown>, as?: As): Promise<GqlResponse<T>> {
    const res = await t.gql<T>(query, variables, as);
    expect(res.body.errors).toBeUndefined();
    expect(Number.isInteger(res.statements)).toBe(true);
    return res;
  }

  describe('a catalogue page of courses with their provider: at most 2 statements', () => {
    type Page = { courses: { nodes: { id: string; title: string; provider: { id: string; name: string } }[] } };
    const CATALOGUE = `query Catalogue($first: Int) { courses(first: $first) {
      nodes { id code title ceuValue deliveryFormat status approvedThrough provider { id name kind status } } } }`;

    // An API key is looked up on every request (one statement) so that a revocation holds at once.
    const callers: [string, () => As, number][] = [
      ['anonymous', () => undefined, 0],
      ['staff', () => 'staff', 0],
      ['a trainer', () => ({ trainer: small.trainerId }), 1],
    ];

    it.each(callers)('as %s, for first: 5 and first: 50', async (_who, as, identity) => {
      const five = await cost<Page>(CATALOGUE, { first: 5 }, as());
      const fifty = await cost<Page>(CATALOGUE, { first: 50 }, as());
      expect(data(five).courses.nodes.map((n) => n.id)).toEqual(courses.slice(0, 5));
      expect(data(fifty).courses.nodes.map((n) => n.id)).toEqual(courses.slice(0, 50));
      for (const node of data(fifty).courses.nodes) expect(node.provider.name).toMatch(/^Provider /);
      expect(fifty.statements).toBe(five.statements);
      expect(five.statements).toBeLessThanOrEqual(2 + identity);
    });

    it('the page with its providers and approval dates is one statement', async () => {
      const providersOnly = `{ courses(first: 50) { nodes { id title provider { id name } } } }`;
      expect((await cost(providersOnly, {})).statements).toBe(1);
      expect((await cost(CATALOGUE, { first: 50 })).statements).toBe(1);
    });

    it('a course read on its own has the same approval date as on the page (one batched statement)', async () => {
      type Dated = { id: string; approvedThrough: string | null };
      const page = data(
        await cost<{ courses: { nodes: Dated[] } }>(`{ courses(first: 50) { nodes { id approvedThrough } } }`, {}),
      ).courses.nodes;
      const ids = page.slice(0, 10).map((n) => n.id);
      const alone = await cost<{ nodes: Dated[] }>(
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Course { id approvedThrough } } }`,
        { ids },
      );
      expect(data(alone).nodes).toEqual(page.slice(0, 10));
      expect(page.some((n) => n.approvedThrough !== null)).toBe(true);
      // The courses, their visibility (providers) and their approval dates.
      expect(alone.statements).toBeLessThanOrEqual(3);
    });

    it('as a provider with an API key (one statement for the key)', async () => {
      const provider = { provider: data(await cost<Page>(CATALOGUE, { first: 1 })).courses.nodes[0].provider.id };
      await cost(CATALOGUE, { first: 1 }, provider);
      const five = await cost<Page>(CATALOGUE, { first: 5 }, provider);
      const fifty = await cost<Page>(CATALOGUE, { first: 50 }, provider);
      expect(data(fifty).courses.nodes).toHaveLength(50);
      expect(fifty.statements).toBe(five.statements);
      expect(five.statements).toBeLessThanOrEqual(3);
    });
  });

  describe('a transcript with its compliance: at most 5 statements', () => {
    type TranscriptPage = {
      transcript: {
        entries: { standing: string; countedCeu: string; completion: { id: string; title: string } }[];
        ceu: { earned: string; pending: string };
        compliance: { status: string; cprAed: { status: string; credential: { id: string } | null } };
      };
    };
    const TRANSCRIPT = `query Transcript($id: ID!) { transcript(certificationId: $id) {
      asOf cycle { startsOn expiresOn courseworkDeadline }
      certification { id number expiresOn status }
      entries { standing countedCeu completion { id title providerName completedOn creditPath creditReason ceuValue source } }
      ceu { earnedAutomatic earnedByPetition earned pending required remaining }
      compliance { ${COMPLIANCE_FIELDS} } } }`;

    const callers: [string, (trainer: TrainerFixture) => As, number][] = [
      ['staff', () => 'staff', 0],
      // A trainer's token names a trainer who must still exist: one statement.
      ['the trainer', (trainer) => ({ trainer: trainer.trainerId }), 1],
    ];

    it.each(callers)('as %s, for 5 entries and for 60', async (_who, as, identity) => {
      const few = await cost<TranscriptPage>(TRANSCRIPT, { id: small.certificationId }, as(small));
      const many = await cost<TranscriptPage>(TRANSCRIPT, { id: large.certificationId }, as(large));
      expect(data(few).transcript.entries).toHaveLength(5);
      expect(data(many).transcript.entries).toHaveLength(60);
      const standings = data(many).transcript.entries.map((e) => e.standing);
      expect(new Set(standings)).toEqual(
        new Set(['COUNTED', 'SAME_COURSE_ALREADY_COUNTED', 'PETITION_PENDING', 'PETITION_DENIED']),
      );
      expect(data(many).transcript.ceu.earned).not.toBe('0.0');
      expect(data(many).transcript.ceu.pending).not.toBe('0.0');
      expect(data(many).transcript.compliance.cprAed.credential).not.toBeNull();
      expect(many.statements).toBe(few.statements);
      // the certification + the record (+ the program catalogue for the certification's status)
      expect(few.statements).toBeLessThanOrEqual(4 + identity);
    });

    it.each([
      [
        'certification.compliance',
        `query($id: ID!) { node(id: $id) { ... on Certification { compliance { ${COMPLIANCE_FIELDS} } } } }`,
      ],
      [
        'recertificationQuote',
        `query($id: ID!) { recertificationQuote(certificationId: $id, receivedOn: "2027-07-15") { ${QUOTE_FIELDS} } }`,
      ],
    ])('%s costs the same for 5 entries and for 60', async (_what, query) => {
      const few = await cost(query, { id: small.certificationId }, 'staff');
      const many = await cost(query, { id: large.certificationId }, 'staff');
      expect(many.statements).toBe(few.statements);
      // the certification + the record
      expect(few.statements).toBeLessThanOrEqual(3);
    });
  });
});

describe('staff lists of people: a constant number of statements per page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-06-15' });
    // 55 trainers with a certification each, expiring on 55 days from 2026-06-15 on (all ACTIVE).
    for (let i = 0; i < 55; i++) {
      const expiresOn = new Date(Date.UTC(2026, 5, 15 + i)).toISOString().slice(0, 10);
      await createTrainer(t, { firstName: 'Budget', lastName: `Müller${i}`, expiresOn });
    }
  }, 120_000);
  afterAll(() => t.close());

  const TRAINERS = `query($first: Int, $filter: TrainerFilter) { trainers(first: $first, filter: $filter) {
    nodes { id firstName lastName email certifications { id number expiresOn status } } } }`;
  const CERTIFICATIONS = `query($first: Int, $filter: CertificationFilter) {
    certifications(first: $first, filter: $filter) {
      edges { cursor node { id number issuedOn expiresOn status trainer { id firstName lastName email } } } } }`;

  async function statementsAt(query: string, filter: Record<string, unknown>, field: string): Promise<number[]> {
    const counts: number[] = [];
    for (const first of [5, 50]) {
      const res = await t.gql<Record<string, { nodes?: unknown[]; edges?: unknown[] }>>(
        query,
        { first, filter },
        'staff',
      );
      const page = data(res)[field];
      expect((page.nodes ?? page.edges)!).toHaveLength(first);
      counts.push(res.statements);
    }
    return counts;
  }

  // The page, one batch for the certifications of all its trainers, and the program catalogue.
  it.each<[string, Record<string, unknown>]>([
    ['all trainers', {}],
    ['trainers by name ("muller" finds Müller)', { text: 'muller' }],
  ])('trainers with their certifications, %s: 3 statements for 5 and for 50', async (_name, filter) => {
    // + the program catalogue, once, for the certifications' status (R12 by each program's windows)
    expect(await statementsAt(TRAINERS, filter, 'trainers')).toEqual([3, 3]);
  });

  // The page with its holders joined: one statement, and one for the program catalogue (status).
  it.each<[string, Record<string, unknown>]>([
    ['all certifications', {}],
    ['ACTIVE today', { status: 'ACTIVE' }],
    ['expiring in the next 90 days', { expiresFrom: '2026-06-15', expiresThrough: '2026-09-12' }],
  ])('certifications with their holders, %s: 2 statements for 5 and for 50', async (_name, filter) => {
    expect(await statementsAt(CERTIFICATIONS, filter, 'certifications')).toEqual([2, 2]);
  });

  it('totalCount adds one statement', async () => {
    const res = await t.gql(`{ certifications(first: 50) { totalCount nodes { id trainer { id } } } }`, {}, 'staff');
    expect(data(res)).toMatchObject({ certifications: { totalCount: 55 } });
    expect(res.statements).toBe(2);
  });
});

describe('provider reports: a constant number of statements per report and per page', () => {
  let t: TestApp;
  let provider: string;
  let course: string;
  let trainers: TrainerFixture[];
  let day = 0;

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-01-05' });
    provider = await approvedProvider(t);
    course = await createCourse(t, provider);
    t.clock.setToday('2026-06-15');
    trainers = await Promise.all(Array.from({ length: 10 }, () => createTrainer(t)));
  }, 120_000);
  afterAll(() => t.close());

  /** n rows over the ten trainers, each (trainer, date) not reported before, all in the past. */
  function rows(n: number) {
    return Array.from({ length: n }, () => {
      const trainer = trainers[day % trainers.length];
      const completedOn = new Date(Date.UTC(2026, 1, 1) + 86_400_000 * Math.floor(day++ / trainers.length))
        .toISOString()
        .slice(0, 10);
      return {
        certificationNumber: trainer.number,
        lastName: trainer.lastName,
        courseId: course,
        completedOn,
        externalRef: `budget-${day}`,
      };
    });
  }

  const REPORT = `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) {
    report { id } results { status standing countedCeu completion { id } } userErrors { code } } }`;

  it('a trainer’s self-report (reportCompletion) is at most 12 statements, the R3 facts of the course in one', async () => {
    const REPORT_ONE = `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) {
      completion { id completedOn creditPath ceuValue title } userErrors { code } } }`;
    const trainer = trainers[0];
    const res = await t.gql<{ reportCompletion: { completion: { creditPath: string } | null } }>(
      REPORT_ONE,
      { input: { certificationId: trainer.certificationId, courseId: course, completedOn: '2026-06-10' } },
      { trainer: trainer.trainerId },
    );
    expect(data(res).reportCompletion.completion?.creditPath).toBe('AUTOMATIC');
    // The token's trainer; BEGIN; certification, course, duplicate check, credit facts, insert,
    // the trainer's other certifications, the event; COMMIT; the completion read back.
    expect(res.statements).toBeLessThanOrEqual(12);
  });

  it('reportCompletions: the same statements for 5 rows and for 50, standings included', async () => {
    const counts: number[] = [];
    for (const n of [5, 50]) {
      const res = await t.gql<{ reportCompletions: { results: { status: string; standing: string }[] } }>(
        REPORT,
        { input: { rows: rows(n) } },
        { provider },
      );
      expect(data(res).reportCompletions.results.every((r) => r.status === 'ACCEPTED' && r.standing)).toBe(true);
      counts.push(res.statements);
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('completionReports with their rows and reportedCompletions: the same for 5 items and for 50', async () => {
    while (
      (
        await t.gql<{ completionReports: { totalCount: number } }>(
          `{ completionReports { totalCount } }`,
          {},
          { provider },
        )
      ).body.data!.completionReports.totalCount < 50
    ) {
      await t.gql(REPORT, { input: { rows: rows(2) } }, { provider });
    }
    const REPORTS = `query($first: Int) { completionReports(first: $first) {
      nodes { id reportedAt rowCount provider { id name } rows { index status standing completion { id completedOn } } } } }`;
    // Every row of the newest reports has its entry: the page loads rows and entries in a batch each.
    const REPORTED = `query($first: Int) { reportedCompletions(first: $first) {
      nodes { id completedOn externalRef course { id title } } } }`;
    for (const query of [REPORTS, REPORTED]) {
      const five = await t.gql<Record<string, { nodes: unknown[] }>>(query, { first: 5 }, { provider });
      const fifty = await t.gql<Record<string, { nodes: unknown[] }>>(query, { first: 50 }, { provider });
      expect(Object.values(data(five))[0].nodes).toHaveLength(5);
      expect(Object.values(data(fifty))[0].nodes).toHaveLength(50);
      expect(fifty.statements).toBe(five.statements);
    }
  });
});

describe('parsed and validated documents are cached', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const res = await t.http('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    expect(res.status).toBe(200);
    return {
      cache: res.headers.get('x-document-cache'),
      control: res.headers.get('cache-control'),
      etag: res.headers.get('etag'),
    };
  }

  it('a document is parsed and validated once, then served from the cache whatever its variables', async () => {
    const query = `query Page($first: Int) { courses(first: $first) { nodes { id title } } }`;
    expect((await post(query, { first: 1 })).cache).toBe('MISS');
    expect((await post(query, { first: 1 })).cache).toBe('HIT');
    expect((await post(query, { first: 7 })).cache).toBe('HIT');
    // Another text is another document.
    expect((await post(`${query} `, { first: 1 })).cache).toBe('MISS');
  });

  it('answers are marked not to be stored (set once per request, not computed per field)', async () => {
    expect((await post(`{ viewer { role } }`)).control).toBe('no-store');
  });

  it('answers carry no ETag: a body never cached is not hashed', async () => {
    expect((await post(`{ courses(first: 20) { nodes { id title } } }`)).etag).toBeNull();
  });
});

describe('statements are counted only where the count is read', () => {
  const opened = () => jest.spyOn(StatementCounter.prototype, 'open');
  const ask = (t: TestApp) => t.gql(`{ courses(first: 3) { nodes { id } } }`);
  afterEach(() => jest.restoreAllMocks());

  it('in production logging warnings only, no request opens a counting scope', async () => {
    const t = await startTestApp({ env: { ...PRODUCTION_ENV, LOG_LEVEL: 'warn' } });
    try {
      const spy = opened();
      expect((await ask(t)).body.errors).toBeUndefined();
      expect(spy).not.toHaveBeenCalled();
    } finally {
      await t.close();
    }
  });

  it('in production logging requests, each request is counted for its log line', async () => {
    const t = await startTestApp({ env: { ...PRODUCTION_ENV, LOG_LEVEL: 'info' } });
    try {
      const spy = opened();
      await ask(t);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      await t.close();
    }
  });
});
