import {
  decideProvider,
  pendingProvider,
  rejectedProvider,
  renewCourse,
  retireCourse,
  reviewCourse,
} from '../support/catalogue-fixtures';
import { approvedProvider, createCertifyingBody, createCourse, createTrainer } from '../support/fixtures';
import { As, data, GqlResponse, startTestApp, TestApp } from '../support/harness';

/** The catalogue queries and single-object queries, with `providers`/`courses` sharing one shape. */
type ListName = 'courses' | 'providers';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: PageInfo;
}

const FILTER_TYPE: Record<ListName, string> = { courses: 'CourseFilter', providers: 'ProviderFilter' };

function listQuery(list: ListName): string {
  return `query($filter: ${FILTER_TYPE[list]}, $first: Int, $after: String, $last: Int, $before: String) {
    ${list}(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { id } }
      nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
}

function list(
  t: TestApp,
  name: ListName,
  args: { filter?: Record<string, unknown>; first?: number; after?: string; last?: number; before?: string },
  as?: As,
): Promise<GqlResponse<Record<ListName, Connection>>> {
  return t.gql<Record<ListName, Connection>>(listQuery(name), args, as);
}

/** The IDs of the whole (filtered) list as seen by a caller, checked against totalCount. */
async function idsOf(t: TestApp, name: ListName, filter: Record<string, unknown> | undefined, as?: As) {
  const connection = data(await list(t, name, { filter, first: 100 }, as))[name];
  expect(connection.pageInfo.hasNextPage).toBe(false);
  expect(connection.totalCount).toBe(connection.edges.length);
  expect(connection.nodes.map((n) => n.id)).toEqual(connection.edges.map((e) => e.node.id));
  return connection.edges.map((e) => e.node.id);
}

/** Maps fixture names to global IDs, failing loudly on a name the test forgot to create. */
function registry() {
  const ids: Record<string, string> = {};
  const byId = new Map<string, string>();
  return {
    set(name: string, id: string) {
      ids[name] = id;
      byId.set(id, name);
    },
    id(name: string): string {
      if (!ids[name]) throw new Error(`no fixture named ${name}`);
      return ids[name];
    },
    names(globalIds: string[]): string[] {
      return globalIds.map((id) => byId.get(id) ?? `unknown:${id}`);
    },
  };
}

describe('catalogue visibility: providers, courses, provider(id), course(id)', () => {
  let t: TestApp;
  const fx = registry();

  // Created in this order, so the lists (oldest first) follow it.
  const PROVIDERS = ['body', 'alpha', 'beta', 'suspended', 'pending', 'rejected'];
  const COURSES = ['bodyCourse', 'a', 'aPending', 'aRejected', 'aRetired', 'b', 's', 'sPending'];

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-10' });
    fx.set('body', await createCertifyingBody(t));
    fx.set('bodyCourse', await createCourse(t, fx.id('body')));
    fx.set('alpha', await approvedProvider(t, 'Alpha Fitness'));
    fx.set('a', await createCourse(t, fx.id('alpha')));
    fx.set('aPending', await createCourse(t, fx.id('alpha'), { approve: false }));
    fx.set('aRejected', await createCourse(t, fx.id('alpha'), { approve: false }));
    await reviewCourse(t, fx.id('aRejected'), 'REJECT');
    fx.set('aRetired', await createCourse(t, fx.id('alpha')));
    await retireCourse(t, fx.id('alpha'), fx.id('aRetired'));
    fx.set('beta', await approvedProvider(t, 'Beta Coaching'));
    fx.set('b', await createCourse(t, fx.id('beta')));
    fx.set('suspended', await approvedProvider(t, 'Suspended Spin'));
    fx.set('s', await createCourse(t, fx.id('suspended')));
    fx.set('sPending', await createCourse(t, fx.id('suspended'), { approve: false }));
    await decideProvider(t, fx.id('suspended'), 'suspendProvider', 'Audit findings.');
    fx.set('pending', await pendingProvider(t, 'Pending Pilates'));
    fx.set('rejected', await rejectedProvider(t, 'Rejected Rowing'));
    fx.set('trainer', (await createTrainer(t)).trainerId);
  });
  afterAll(() => t.close());

  const callers: Record<string, () => As> = {
    anonymous: () => undefined,
    trainer: () => ({ trainer: fx.id('trainer') }),
    'approved provider alpha': () => ({ provider: fx.id('alpha') }),
    'pending provider': () => ({ provider: fx.id('pending') }),
    'rejected provider': () => ({ provider: fx.id('rejected') }),
    'suspended provider': () => ({ provider: fx.id('suspended') }),
    staff: () => 'staff',
  };

  const PUBLIC_PROVIDERS = ['body', 'alpha', 'beta'];
  const PUBLIC_COURSES = ['bodyCourse', 'a', 'b'];

  const cases: [string, string[], string[]][] = [
    ['anonymous', PUBLIC_PROVIDERS, PUBLIC_COURSES],
    ['trainer', PUBLIC_PROVIDERS, PUBLIC_COURSES],
    ['approved provider alpha', PUBLIC_PROVIDERS, ['bodyCourse', 'a', 'aPending', 'aRejected', 'aRetired', 'b']],
    ['pending provider', ['body', 'alpha', 'beta', 'pending'], PUBLIC_COURSES],
    ['rejected provider', ['body', 'alpha', 'beta', 'rejected'], PUBLIC_COURSES],
    ['suspended provider', ['body', 'alpha', 'beta', 'suspended'], ['bodyCourse', 'a', 'b', 's', 'sPending']],
    ['staff', PROVIDERS, COURSES],
  ];

  it.each(cases)('%s: providers lists exactly the visible providers, oldest first', async (who, providers) => {
    expect(fx.names(await idsOf(t, 'providers', undefined, callers[who]()))).toEqual(providers);
  });

  it.each(cases)('%s: courses lists exactly the visible courses, oldest first', async (who, _providers, courses) => {
    expect(fx.names(await idsOf(t, 'courses', undefined, callers[who]()))).toEqual(courses);
  });

  it.each(cases)(
    '%s: provider(id) and course(id) return exactly the visible objects, null for the others',
    async (who, providers, courses) => {
      const fields = [
        ...PROVIDERS.map((name, i) => `p${i}: provider(id: "${fx.id(name)}") { id status }`),
        ...COURSES.map((name, i) => `c${i}: course(id: "${fx.id(name)}") { id status }`),
      ];
      const res = data(
        await t.gql<Record<string, { id: string } | null>>(`{ ${fields.join('\n')} }`, {}, callers[who]()),
      );
      PROVIDERS.forEach((name, i) => {
        expect([name, res[`p${i}`]?.id ?? null]).toEqual([name, providers.includes(name) ? fx.id(name) : null]);
      });
      COURSES.forEach((name, i) => {
        expect([name, res[`c${i}`]?.id ?? null]).toEqual([name, courses.includes(name) ? fx.id(name) : null]);
      });
    },
  );

  it('statuses are shown to those who may see them', async () => {
    const res = data(
      await t.gql<{ provider: { status: string; kind: string }; course: { status: string; provider: { id: string } } }>(
        `query($p: ID!, $c: ID!) { provider(id: $p) { status kind } course(id: $c) { status provider { id } } }`,
        { p: fx.id('suspended'), c: fx.id('sPending') },
        { provider: fx.id('suspended') },
      ),
    );
    expect(res).toEqual({
      provider: { status: 'SUSPENDED', kind: 'PARTNER' },
      course: { status: 'PENDING_REVIEW', provider: { id: fx.id('suspended') } },
    });
  });

  it.each([
    ['an unknown course ID', 'course', () => 'crs_doesnotexist'],
    ['a provider ID given to course(id)', 'course', () => fx.id('alpha')],
    ['a course ID given to provider(id)', 'provider', () => fx.id('a')],
    ['a malformed ID', 'provider', () => 'not-an-id'],
  ])('%s gives null, not an error', async (_name, field, id) => {
    const res = await t.gql<Record<string, unknown>>(
      `query($id: ID!) { ${field}(id: $id) { id } }`,
      { id: id() },
      'staff',
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ [field]: null });
  });
});

describe('catalogue filters: CourseFilter and ProviderFilter', () => {
  let t: TestApp;
  const fx = registry();

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-10' });
    fx.set('body', await createCertifyingBody(t, 'Certifying Body'));
    fx.set('alpha', await approvedProvider(t, 'Alpha Fitness Academy'));
    fx.set('beta', await approvedProvider(t, 'Beta 100% Coaching'));
    fx.set('gamma', await approvedProvider(t, 'Gamma 100 Coaching'));
    fx.set('move1', await approvedProvider(t, 'Move_Well'));
    fx.set('move2', await approvedProvider(t, 'Move Well Institute'));
    fx.set('aerzte', await approvedProvider(t, 'Ärzte Studio'));
    fx.set('pend', await pendingProvider(t, 'Pending Pilates'));
    fx.set('rej', await rejectedProvider(t, 'Rejected Rowing'));
    fx.set('susp', await approvedProvider(t, 'Suspended Spin'));
    await decideProvider(t, fx.id('susp'), 'suspendProvider', 'Audit findings.');

    const course = async (name: string, provider: string, options: Parameters<typeof createCourse>[2]) =>
      fx.set(name, await createCourse(t, fx.id(provider), options));
    await course('k1', 'alpha', {
      code: 'KB-101',
      title: 'Kettlebell Basics',
      topics: ['EXERCISE_SCIENCE', 'PERFORMANCE'],
      deliveryFormat: 'IN_PERSON',
    });
    await course('k2', 'alpha', {
      code: 'FLOW-2',
      title: 'Advanced KETTLEBELL Flow',
      topics: ['PERFORMANCE'],
      deliveryFormat: 'LIVE_ONLINE',
    });
    await course('n1', 'alpha', {
      code: 'NUT-100',
      title: 'Nutrition 100% Whole Foods',
      topics: ['NUTRITION'],
      deliveryFormat: 'SELF_PACED_ONLINE',
    });
    await course('n2', 'alpha', {
      code: 'MOB-100',
      title: 'Mobility 100 Days',
      topics: ['RECOVERY'],
      deliveryFormat: 'HYBRID',
    });
    await course('s1', 'alpha', {
      code: 'SLP_1',
      title: 'Sleep_Recovery Essentials',
      topics: ['RECOVERY', 'BEHAVIOR_CHANGE'],
      deliveryFormat: 'SELF_PACED_ONLINE',
    });
    await course('s2', 'alpha', {
      code: 'SLP-2',
      title: 'Sleep Recovery Essentials',
      topics: ['RECOVERY'],
      deliveryFormat: 'IN_PERSON',
    });
    await course('bs', 'alpha', {
      code: 'BS-1',
      title: 'Back\\Slash Business',
      topics: ['BUSINESS'],
      deliveryFormat: 'LIVE_ONLINE',
    });
    await course('eu', 'alpha', {
      code: 'ERN-1',
      title: 'ERNÄHRUNG Kompakt',
      topics: ['NUTRITION'],
      deliveryFormat: 'LIVE_ONLINE',
    });
    await course('bp', 'beta', {
      code: 'KB-PEND',
      title: 'Kettlebell Pending',
      topics: ['PERFORMANCE'],
      deliveryFormat: 'IN_PERSON',
      approve: false,
    });
    await course('br', 'beta', {
      code: 'NUT-REJ',
      title: 'Rejected Nutrition',
      topics: ['NUTRITION'],
      deliveryFormat: 'HYBRID',
      approve: false,
    });
    await reviewCourse(t, fx.id('br'), 'REJECT');
    await course('b1', 'beta', {
      code: 'BIZ-1',
      title: 'Business of Coaching',
      topics: ['BUSINESS'],
      deliveryFormat: 'LIVE_ONLINE',
    });
    await course('cb', 'body', {
      code: 'CPT-R',
      title: 'CPT Refresher',
      topics: ['PROGRAM_DESIGN'],
      deliveryFormat: 'SELF_PACED_ONLINE',
    });
  });
  afterAll(() => t.close());

  const ALPHA = ['k1', 'k2', 'n1', 'n2', 's1', 's2', 'bs', 'eu'];
  const APPROVED = [...ALPHA, 'b1', 'cb'];

  // [case, filter (fixture names are resolved in providerId), caller, expected courses]
  const courseCases: [string, Record<string, string>, string, string[]][] = [
    ['no filter, anonymous', {}, 'anonymous', APPROVED],
    ['no filter, staff', {}, 'staff', [...ALPHA, 'bp', 'br', 'b1', 'cb']],
    ['providerId alpha, anonymous', { providerId: 'alpha' }, 'anonymous', ALPHA],
    ['providerId beta, anonymous', { providerId: 'beta' }, 'anonymous', ['b1']],
    ['providerId beta, beta itself', { providerId: 'beta' }, 'beta', ['bp', 'br', 'b1']],
    ['providerId beta, staff', { providerId: 'beta' }, 'staff', ['bp', 'br', 'b1']],
    ['providerId beta, another provider', { providerId: 'beta' }, 'alpha', ['b1']],
    ['providerId of a provider without courses', { providerId: 'gamma' }, 'staff', []],
    ['status APPROVED, staff', { status: 'APPROVED' }, 'staff', APPROVED],
    ['status PENDING_REVIEW, staff', { status: 'PENDING_REVIEW' }, 'staff', ['bp']],
    ['status PENDING_REVIEW, the owner', { status: 'PENDING_REVIEW' }, 'beta', ['bp']],
    ['status PENDING_REVIEW, anonymous sees none', { status: 'PENDING_REVIEW' }, 'anonymous', []],
    ['status PENDING_REVIEW, another provider sees none', { status: 'PENDING_REVIEW' }, 'alpha', []],
    ['status REJECTED, staff', { status: 'REJECTED' }, 'staff', ['br']],
    ['status RETIRED, staff', { status: 'RETIRED' }, 'staff', []],
    ['topic PERFORMANCE, anonymous', { topic: 'PERFORMANCE' }, 'anonymous', ['k1', 'k2']],
    ['topic PERFORMANCE, staff', { topic: 'PERFORMANCE' }, 'staff', ['k1', 'k2', 'bp']],
    ['topic RECOVERY (one of several topics counts)', { topic: 'RECOVERY' }, 'anonymous', ['n2', 's1', 's2']],
    ['topic BEHAVIOR_CHANGE', { topic: 'BEHAVIOR_CHANGE' }, 'anonymous', ['s1']],
    ['topic NUTRITION, anonymous', { topic: 'NUTRITION' }, 'anonymous', ['n1', 'eu']],
    ['topic NUTRITION, staff', { topic: 'NUTRITION' }, 'staff', ['n1', 'eu', 'br']],
    ['topic SPECIAL_POPULATIONS (none)', { topic: 'SPECIAL_POPULATIONS' }, 'staff', []],
    ['deliveryFormat IN_PERSON, anonymous', { deliveryFormat: 'IN_PERSON' }, 'anonymous', ['k1', 's2']],
    ['deliveryFormat IN_PERSON, staff', { deliveryFormat: 'IN_PERSON' }, 'staff', ['k1', 's2', 'bp']],
    ['deliveryFormat HYBRID, anonymous', { deliveryFormat: 'HYBRID' }, 'anonymous', ['n2']],
    ['deliveryFormat SELF_PACED_ONLINE', { deliveryFormat: 'SELF_PACED_ONLINE' }, 'anonymous', ['n1', 's1', 'cb']],
    ['text in lower case matches any case', { text: 'kettlebell' }, 'anonymous', ['k1', 'k2']],
    ['text in upper case matches any case', { text: 'KETTLEBELL' }, 'anonymous', ['k1', 'k2']],
    ['text in mixed case, staff', { text: 'KeTtLeBeLl' }, 'staff', ['k1', 'k2', 'bp']],
    ['text matches the code', { text: 'kb-1' }, 'anonymous', ['k1']],
    ['text with a non-ASCII letter in lower case matches any case', { text: 'ernährung' }, 'anonymous', ['eu']],
    ['text with a non-ASCII letter in upper case matches any case', { text: 'ERNÄHRUNG' }, 'anonymous', ['eu']],
    ['text "%" matches a literal percent only', { text: '%' }, 'anonymous', ['n1']],
    ['text "100%" matches a literal percent only', { text: '100%' }, 'anonymous', ['n1']],
    ['text "100" matches titles and codes', { text: '100' }, 'anonymous', ['n1', 'n2']],
    ['text "sleep_" matches a literal underscore only', { text: 'sleep_' }, 'anonymous', ['s1']],
    ['text "slp_" matches a literal underscore in the code only', { text: 'SLP_' }, 'anonymous', ['s1']],
    ['text "_" matches a literal underscore only', { text: '_' }, 'anonymous', ['s1']],
    ['text with a backslash matches it literally', { text: 'k\\s' }, 'anonymous', ['bs']],
    ['text that matches nothing', { text: 'zumba' }, 'staff', []],
    [
      'topic and deliveryFormat together',
      { topic: 'RECOVERY', deliveryFormat: 'SELF_PACED_ONLINE' },
      'anonymous',
      ['s1'],
    ],
    [
      'text, providerId and status together',
      { text: 'kettle', providerId: 'beta', status: 'PENDING_REVIEW' },
      'staff',
      ['bp'],
    ],
  ];

  const as = (who: string): As =>
    who === 'anonymous' ? undefined : who === 'staff' ? 'staff' : { provider: fx.id(who) };

  it.each(courseCases)('courses, %s', async (_name, filter, who, expected) => {
    const resolved = { ...filter, ...(filter.providerId ? { providerId: fx.id(filter.providerId) } : {}) };
    expect(fx.names(await idsOf(t, 'courses', resolved, as(who)))).toEqual(expected);
  });

  it('courses, providerId that names no provider gives an empty list', async () => {
    expect(await idsOf(t, 'courses', { providerId: 'prv_nobody' }, 'staff')).toEqual([]);
  });

  const PARTNERS_APPROVED = ['alpha', 'beta', 'gamma', 'move1', 'move2', 'aerzte'];
  const providerCases: [string, Record<string, string>, string, string[]][] = [
    ['no filter, anonymous', {}, 'anonymous', ['body', ...PARTNERS_APPROVED]],
    ['status APPROVED, staff', { status: 'APPROVED' }, 'staff', ['body', ...PARTNERS_APPROVED]],
    ['status PENDING, staff', { status: 'PENDING' }, 'staff', ['pend']],
    ['status PENDING, anonymous sees none', { status: 'PENDING' }, 'anonymous', []],
    ['status PENDING, the pending provider sees itself', { status: 'PENDING' }, 'pend', ['pend']],
    ['status PENDING, another provider sees none', { status: 'PENDING' }, 'alpha', []],
    ['status REJECTED, staff', { status: 'REJECTED' }, 'staff', ['rej']],
    ['status SUSPENDED, staff', { status: 'SUSPENDED' }, 'staff', ['susp']],
    ['status SUSPENDED, anonymous sees none', { status: 'SUSPENDED' }, 'anonymous', []],
    ['kind CERTIFYING_BODY', { kind: 'CERTIFYING_BODY' }, 'anonymous', ['body']],
    ['kind PARTNER, anonymous', { kind: 'PARTNER' }, 'anonymous', PARTNERS_APPROVED],
    ['kind PARTNER, staff', { kind: 'PARTNER' }, 'staff', [...PARTNERS_APPROVED, 'pend', 'rej', 'susp']],
    ['text in upper case', { text: 'ACADEMY' }, 'anonymous', ['alpha']],
    ['text in mixed case', { text: 'cOaChInG' }, 'anonymous', ['beta', 'gamma']],
    ['text "100%" matches a literal percent only', { text: '100%' }, 'anonymous', ['beta']],
    ['text "%" matches a literal percent only', { text: '%' }, 'anonymous', ['beta']],
    ['text "move_" matches a literal underscore only', { text: 'move_' }, 'anonymous', ['move1']],
    ['text with a non-ASCII letter in lower case matches any case', { text: 'ärzte' }, 'anonymous', ['aerzte']],
    ['text of a pending provider, anonymous', { text: 'pilates' }, 'anonymous', []],
    ['text of a pending provider, staff', { text: 'pilates' }, 'staff', ['pend']],
    [
      'kind, status and text together',
      { kind: 'PARTNER', status: 'APPROVED', text: 'well' },
      'staff',
      ['move1', 'move2'],
    ],
  ];

  it.each(providerCases)('providers, %s', async (_name, filter, who, expected) => {
    expect(fx.names(await idsOf(t, 'providers', filter, as(who)))).toEqual(expected);
  });
});

describe('catalogue filter creditPath on a date (R3, R4)', () => {
  let t: TestApp;
  const fx = registry();
  const ALL = ['cb', 'a1', 'a2', 'a3', 'a4', 'b1', 'g1'];

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-10' });
    fx.set('body', await createCertifyingBody(t));
    fx.set('cb', await createCourse(t, fx.id('body'))); // approved 2026-03-10; the body is always approved
    fx.set('alpha', await approvedProvider(t)); // approved 2026-03-10
    fx.set('a1', await createCourse(t, fx.id('alpha'))); // 2026-03-10 .. 2026-12-31
    fx.set('a2', await createCourse(t, fx.id('alpha'), { approve: false })); // approved 2026-05-01 below
    fx.set('a3', await createCourse(t, fx.id('alpha'))); // renewed: 2026-03-10 .. 2027-12-31
    await renewCourse(t, fx.id('alpha'), fx.id('a3'));
    fx.set('a4', await createCourse(t, fx.id('alpha'), { approve: false })); // pending for ever
    fx.set('beta', await approvedProvider(t));
    fx.set('b1', await createCourse(t, fx.id('beta'))); // provider suspended 2026-04-01 below
    fx.set('gamma', await pendingProvider(t)); // approved 2026-06-01 below
    t.clock.setToday('2026-04-01');
    await decideProvider(t, fx.id('beta'), 'suspendProvider', 'Audit findings.');
    t.clock.setToday('2026-05-01');
    await reviewCourse(t, fx.id('a2'), 'APPROVE');
    t.clock.setToday('2026-06-01');
    await decideProvider(t, fx.id('gamma'), 'approveProvider');
    fx.set('g1', await createCourse(t, fx.id('gamma'))); // 2026-06-01 .. 2026-12-31
    t.clock.setToday('2026-03-10');
  });
  afterAll(() => t.close());

  // Courses that count automatically on each date (the rest need a petition).
  const automatic: [string, string, string[]][] = [
    ['the day before every approval', '2026-03-09', []],
    ['the approval day of providers and courses', '2026-03-10', ['cb', 'a1', 'a3', 'b1']],
    ['the suspension day still counts', '2026-04-01', ['cb', 'a1', 'a3', 'b1']],
    ['the day after the suspension', '2026-04-02', ['cb', 'a1', 'a3']],
    ['the day before a late course approval', '2026-04-30', ['cb', 'a1', 'a3']],
    ['the day of a late course approval', '2026-05-01', ['cb', 'a1', 'a2', 'a3']],
    ['the day before a late provider approval', '2026-05-31', ['cb', 'a1', 'a2', 'a3']],
    ['the day of a late provider approval', '2026-06-01', ['cb', 'a1', 'a2', 'a3', 'g1']],
    ['31 Dec of the approval year', '2026-12-31', ['cb', 'a1', 'a2', 'a3', 'g1']],
    ['1 Jan of the next year: only the renewed course', '2027-01-01', ['a3']],
    ['31 Dec of the renewal year', '2027-12-31', ['a3']],
    ['1 Jan after the renewal year', '2028-01-01', []],
  ];

  const filtered = (creditPath: string, on: string | undefined, as: As) =>
    idsOf(t, 'courses', { creditPath, ...(on ? { on } : {}) }, as).then((ids) => fx.names(ids));

  it.each(automatic)('staff, %s (%s): AUTOMATIC and PETITION_REQUIRED split the catalogue', async (_n, on, auto) => {
    expect(await filtered('AUTOMATIC', on, 'staff')).toEqual(auto);
    expect(await filtered('PETITION_REQUIRED', on, 'staff')).toEqual(ALL.filter((c) => !auto.includes(c)));
  });

  it.each(automatic)('anonymous, %s (%s): the filter applies inside the public catalogue', async (_n, on, auto) => {
    const visible = ['cb', 'a1', 'a2', 'a3', 'g1'];
    expect(await filtered('AUTOMATIC', on, undefined)).toEqual(auto.filter((c) => visible.includes(c)));
    expect(await filtered('PETITION_REQUIRED', on, undefined)).toEqual(visible.filter((c) => !auto.includes(c)));
  });

  it.each(automatic)('%s (%s): the filter agrees with each course’s creditPath(on)', async (_n, on) => {
    const res = data(
      await t.gql<{ courses: { nodes: { id: string; creditPath: { path: string } }[] } }>(
        `query($on: Date) { courses(first: 100) { nodes { id creditPath(on: $on) { path } } } }`,
        { on },
        'staff',
      ),
    );
    const byField = res.courses.nodes.filter((n) => n.creditPath.path === 'AUTOMATIC').map((n) => n.id);
    expect(fx.names(byField)).toEqual(await filtered('AUTOMATIC', on, 'staff'));
  });

  it.each([
    ['2026-03-09', []],
    ['2026-04-02', ['cb', 'a1', 'a3']],
    ['2027-01-01', ['a3']],
  ])('without `on` the filter uses the server’s today (%s)', async (today, auto) => {
    t.clock.setToday(today);
    try {
      expect(await filtered('AUTOMATIC', undefined, 'staff')).toEqual(auto);
      expect(await filtered('PETITION_REQUIRED', undefined, 'staff')).toEqual(ALL.filter((c) => !auto.includes(c)));
    } finally {
      t.clock.setToday('2026-03-10');
    }
  });
});

describe('catalogue pagination conventions', () => {
  let t: TestApp;
  /** Approved courses in creation order (the list order); one pending course sits among them. */
  const courses: string[] = [];
  /** Approved providers in creation order. */
  const providers: string[] = [];
  let pendingCourse: string;

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-10' });
    providers.push(await approvedProvider(t));
    for (let i = 0; i < 12; i++) {
      courses.push(await createCourse(t, providers[0]));
      if (i === 5) pendingCourse = await createCourse(t, providers[0], { approve: false });
    }
    for (let i = 0; i < 6; i++) {
      providers.push(await approvedProvider(t));
      if (i === 2) await pendingProvider(t);
    }
  });
  afterAll(() => t.close());

  const expected = (name: ListName) => (name === 'courses' ? courses : providers);

  it.each<[string, ListName, Record<string, unknown>]>([
    ['courses: first 0', 'courses', { first: 0 }],
    ['courses: first 101', 'courses', { first: 101 }],
    ['courses: first -1', 'courses', { first: -1 }],
    ['courses: last 0', 'courses', { last: 0 }],
    ['courses: last 101', 'courses', { last: 101 }],
    ['courses: first and last together', 'courses', { first: 5, last: 5 }],
    ['courses: a garbage after cursor', 'courses', { first: 5, after: 'garbage' }],
    ['courses: a garbage before cursor', 'courses', { last: 5, before: '!!not-a-cursor!!' }],
    [
      'courses: a cursor-like value with a bad number',
      'courses',
      { after: Buffer.from('c1:abc').toString('base64url') },
    ],
    [
      'courses: a cursor-like value with a negative number',
      'courses',
      { after: Buffer.from('c1:-4').toString('base64url') },
    ],
    ['providers: first 0', 'providers', { first: 0 }],
    ['providers: first 101', 'providers', { first: 101 }],
    ['providers: last 101', 'providers', { last: 101 }],
    ['providers: first and last together', 'providers', { first: 1, last: 1 }],
    ['providers: a garbage after cursor', 'providers', { first: 5, after: 'garbage' }],
  ])('%s is a top-level BAD_USER_INPUT error', async (_name, name, args) => {
    const res = await list(t, name, args);
    expect(res.status).toBe(200);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).not.toMatch(/select|sqlite|postgres|stack/i);
  });

  it.each<[ListName, number]>([
    ['courses', 1],
    ['courses', 100],
    ['providers', 100],
  ])('%s: first %i and last of the same size are accepted', async (name, n) => {
    expect(data(await list(t, name, { first: n }))[name].edges.length).toBe(Math.min(n, expected(name).length));
    expect(data(await list(t, name, { last: n }))[name].edges.length).toBe(Math.min(n, expected(name).length));
  });

  it.each<[ListName]>([['courses'], ['providers']])('%s: 20 items by default', async (name) => {
    const res = data(await list(t, name, {}))[name];
    expect(res.edges.map((e) => e.node.id)).toEqual(expected(name).slice(0, 20));
  });

  it.each<[ListName, number]>([
    ['courses', 1],
    ['courses', 5],
    ['courses', 11],
    ['courses', 12],
    ['courses', 13],
    ['providers', 2],
    ['providers', 7],
  ])('%s: walking forward %i at a time yields each item once, in order', async (name, size) => {
    const all = expected(name);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; ; page++) {
      const conn = data(await list(t, name, { first: size, after }))[name];
      const ids = conn.edges.map((e) => e.node.id);
      expect(conn.totalCount).toBe(all.length);
      expect(ids).toEqual(all.slice(page * size, page * size + size));
      expect(conn.pageInfo).toEqual({
        hasPreviousPage: page > 0,
        hasNextPage: (page + 1) * size < all.length,
        startCursor: conn.edges[0].cursor,
        endCursor: conn.edges[conn.edges.length - 1].cursor,
      });
      seen.push(...ids);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor as string;
      expect(page).toBeLessThan(all.length);
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(all.length);
  });

  it.each<[ListName, number]>([
    ['courses', 1],
    ['courses', 5],
    ['courses', 12],
    ['courses', 13],
    ['providers', 3],
  ])('%s: walking backward %i at a time gives the same items, pages from the end', async (name, size) => {
    const all = expected(name);
    const pages: string[][] = [];
    let before: string | undefined;
    for (let page = 0; ; page++) {
      const conn = data(await list(t, name, { last: size, before }))[name];
      const ids = conn.edges.map((e) => e.node.id);
      const end = all.length - page * size;
      expect(conn.totalCount).toBe(all.length);
      expect(ids).toEqual(all.slice(Math.max(0, end - size), end));
      expect(conn.pageInfo).toEqual({
        hasPreviousPage: end - size > 0,
        hasNextPage: page > 0,
        startCursor: conn.edges[0].cursor,
        endCursor: conn.edges[conn.edges.length - 1].cursor,
      });
      pages.push(ids);
      if (!conn.pageInfo.hasPreviousPage) break;
      before = conn.pageInfo.startCursor as string;
      expect(page).toBeLessThan(all.length);
    }
    expect(pages.reverse().flat()).toEqual(all);
  });

  it('the cursors of a page are the same going forward and backward', async () => {
    const forward = data(await list(t, 'courses', { first: 100 })).courses.edges;
    const backward = data(await list(t, 'courses', { last: 100 })).courses.edges;
    expect(backward).toEqual(forward);
    expect(new Set(forward.map((e) => e.cursor)).size).toBe(forward.length);
  });

  it('after the last item there is an empty page with no next page', async () => {
    const last = data(await list(t, 'courses', { last: 1 })).courses;
    const after = data(await list(t, 'courses', { first: 5, after: last.pageInfo.endCursor as string })).courses;
    expect(after.edges).toEqual([]);
    expect(after.totalCount).toBe(courses.length);
    expect(after.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });

  it('before the first item there is an empty page with no previous page', async () => {
    const first = data(await list(t, 'courses', { first: 1 })).courses;
    const before = data(await list(t, 'courses', { last: 5, before: first.pageInfo.startCursor as string })).courses;
    expect(before.edges).toEqual([]);
    expect(before.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it('a page between two cursors holds exactly the items between them', async () => {
    const edges = data(await list(t, 'courses', { first: 100 })).courses.edges;
    const between = data(
      await list(t, 'courses', { first: 100, after: edges[2].cursor, before: edges[7].cursor }),
    ).courses.edges.map((e) => e.node.id);
    expect(between).toEqual(courses.slice(3, 7));
  });

  it('an item hidden from the caller is skipped but the walk stays stable for staff', async () => {
    const staff: string[] = [];
    let after: string | undefined;
    for (;;) {
      const conn = data(await list(t, 'courses', { first: 4, after }, 'staff')).courses;
      staff.push(...conn.edges.map((e) => e.node.id));
      expect(conn.totalCount).toBe(courses.length + 1);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor as string;
    }
    expect(staff).toEqual([...courses.slice(0, 6), pendingCourse, ...courses.slice(6)]);
  });

  it('totalCount follows the filter, not the page', async () => {
    const conn = data(
      await list(t, 'providers', { first: 2, filter: { kind: 'PARTNER', status: 'APPROVED' } }, 'staff'),
    ).providers;
    expect(conn.totalCount).toBe(providers.length);
    expect(conn.edges.map((e) => e.node.id)).toEqual(providers.slice(0, 2));
    const pending = data(await list(t, 'providers', { first: 2, filter: { status: 'PENDING' } }, 'staff')).providers;
    expect(pending.totalCount).toBe(1);
  });
});
