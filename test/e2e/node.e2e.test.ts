import { toGlobalId } from '../../src/common/ids';
import {
  createCprAedCredential,
  pendingProvider,
  petitionEvent,
  selfReportCompletion,
} from '../support/catalogue-fixtures';
import {
  approvedProvider,
  createCertifyingBody,
  createCourse,
  createTrainer,
  TrainerFixture,
} from '../support/fixtures';
import { As, data, startTestApp, TestApp } from '../support/harness';

type Node = { __typename: string; id: string } | null;

const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;

/** The typed query of each type that has one, to compare access with `node`. */
const TYPED: Record<string, string | undefined> = {
  Provider: 'provider',
  Course: 'course',
  Trainer: 'trainer',
  Petition: 'petition',
};

describe('node(id:) and nodes(ids:): refetch by global ID with the typed queries’ access checks', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let t1: TrainerFixture;
  let t2: TrainerFixture;

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-10' });
    ids.body = await createCertifyingBody(t);
    ids.alpha = await approvedProvider(t, 'Alpha Fitness');
    ids.beta = await approvedProvider(t, 'Beta Coaching');
    ids.pending = await pendingProvider(t, 'Pending Pilates');
    ids.approvedCourse = await createCourse(t, ids.alpha);
    ids.pendingCourse = await createCourse(t, ids.alpha, { approve: false });
    t1 = await createTrainer(t, { lastName: 'One' });
    t2 = await createTrainer(t, { lastName: 'Two' });
    ids.t1 = t1.trainerId;
    ids.t2 = t2.trainerId;
    ids.cert1 = t1.certificationId;
    ids.cert2 = t2.certificationId;
    ids.selfReported = await selfReportCompletion(t, t1.trainerId, ids.approvedCourse, '2026-03-10');
    const petition = await petitionEvent(t, t1.trainerId, '2026-02-01');
    ids.petition = petition.petitionId;
    ids.petitionCompletion = petition.completionId;
    const report = data(
      await t.gql<{ reportCompletions: { results: { completion: { id: string } | null; status: string }[] } }>(
        `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) {
          results { status completion { id } } userErrors { code message } } }`,
        {
          input: {
            rows: [
              {
                certificationNumber: t2.number,
                lastName: t2.lastName,
                courseId: ids.approvedCourse,
                completedOn: '2026-03-10',
              },
            ],
          },
        },
        { provider: ids.alpha },
      ),
    );
    expect(report.reportCompletions.results[0].status).toBe('ACCEPTED');
    ids.providerReported = report.reportCompletions.results[0].completion!.id;
    ids.cpr1 = await createCprAedCredential(t, t1.trainerId);
    const log = data(
      await t.gql<{ decisionLog: { nodes: { id: string }[] } }>(
        `{ decisionLog(first: 1) { nodes { id } } }`,
        {},
        'staff',
      ),
    );
    ids.decision = log.decisionLog.nodes[0].id;
  });
  afterAll(() => t.close());

  const callers: Record<string, () => As> = {
    anonymous: () => undefined,
    staff: () => 'staff',
    'trainer 1': () => ({ trainer: ids.t1 }),
    'trainer 2': () => ({ trainer: ids.t2 }),
    'provider alpha': () => ({ provider: ids.alpha }),
    'provider beta': () => ({ provider: ids.beta }),
    'pending provider': () => ({ provider: ids.pending }),
  };
  const ALL = Object.keys(callers);

  // [object, its type, who sees it]
  const cases: [string, string, string[]][] = [
    ['the certifying body', 'Provider', ALL],
    ['an approved provider', 'Provider', ALL],
    ['a pending provider', 'Provider', ['staff', 'pending provider']],
    ['an approved course', 'Course', ALL],
    ['a pending course', 'Course', ['staff', 'provider alpha']],
    ['trainer 1', 'Trainer', ['staff', 'trainer 1']],
    ['trainer 1’s certification', 'Certification', ['staff', 'trainer 1']],
    ['a completion trainer 1 self-reported', 'Completion', ['staff', 'trainer 1']],
    ['a completion alpha reported for trainer 2', 'Completion', ['staff', 'trainer 2', 'provider alpha']],
    ['the completion of trainer 1’s petition', 'Completion', ['staff', 'trainer 1']],
    ['trainer 1’s petition', 'Petition', ['staff', 'trainer 1']],
    ['trainer 1’s CPR/AED card', 'CprAedCredential', ['staff', 'trainer 1']],
    ['a decision log entry', 'DecisionLogEntry', ['staff']],
  ];
  const idOf: Record<string, () => string> = {
    'the certifying body': () => ids.body,
    'an approved provider': () => ids.alpha,
    'a pending provider': () => ids.pending,
    'an approved course': () => ids.approvedCourse,
    'a pending course': () => ids.pendingCourse,
    'trainer 1': () => ids.t1,
    'trainer 1’s certification': () => ids.cert1,
    'a completion trainer 1 self-reported': () => ids.selfReported,
    'a completion alpha reported for trainer 2': () => ids.providerReported,
    'the completion of trainer 1’s petition': () => ids.petitionCompletion,
    'trainer 1’s petition': () => ids.petition,
    'trainer 1’s CPR/AED card': () => ids.cpr1,
    'a decision log entry': () => ids.decision,
  };

  it('the fixtures are what the table says (sanity check of the prefixes)', () => {
    expect(ids.selfReported).toMatch(/^cmp_/);
    expect(ids.petition).toMatch(/^pet_/);
    expect(ids.cert1).toMatch(/^crt_/);
    expect(ids.cpr1).toMatch(/^cpr_/);
    expect(ids.decision).toMatch(/^dec_/);
  });

  const rows = cases.flatMap(([object, type, seenBy]) =>
    ALL.map((who) => [object, who, type, seenBy.includes(who)] as [string, string, string, boolean]),
  );

  it.each(rows)('%s, as %s: node gives the %s exactly when visible (%s)', async (object, who, type, visible) => {
    const id = idOf[object]();
    const res = await t.gql<{ node: Node }>(NODE, { id }, callers[who]());
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.node).toEqual(visible ? { __typename: type, id } : null);
  });

  it.each(rows.filter(([, , type]) => TYPED[type]))(
    '%s, as %s: the typed query for the %s agrees with node (%s)',
    async (object, who, type, visible) => {
      const id = idOf[object]();
      const field = TYPED[type] as string;
      const res = data(
        await t.gql<Record<string, { id: string } | null>>(
          `query($id: ID!) { ${field}(id: $id) { id } }`,
          { id },
          callers[who](),
        ),
      );
      expect(res[field]).toEqual(visible ? { id } : null);
    },
  );

  it('a certification seen through node carries the trainer’s own data', async () => {
    const res = data(
      await t.gql<{ node: { number: string; trainer: { id: string; lastName: string } } }>(
        `query($id: ID!) { node(id: $id) { ... on Certification { number trainer { id lastName } } } }`,
        { id: ids.cert1 },
        { trainer: ids.t1 },
      ),
    );
    expect(res.node).toEqual({ number: t1.number, trainer: { id: ids.t1, lastName: 'One' } });
  });

  it.each([
    ['an empty string', () => ''],
    ['garbage', () => 'garbage'],
    ['a prefix alone', () => 'crs_'],
    ['a prefix with characters outside the alphabet', () => 'crs_!!!!!!'],
    ['an unknown prefix', () => `usr_${ids.approvedCourse.slice(4)}`],
    ['an upper-case prefix', () => `CRS_${ids.approvedCourse.slice(4)}`],
    ['another separator', () => `crs-${ids.approvedCourse.slice(4)}`],
    ['no separator', () => `crs${ids.approvedCourse.slice(4)}`],
    ['a valid code with extra characters', () => `${ids.approvedCourse}x`],
    ['an ID longer than 40 characters', () => `${ids.approvedCourse}${'k'.repeat(40)}`],
    ['the ID of an absent course', () => toGlobalId('Course', 999_999)],
    ['the ID of an absent provider', () => toGlobalId('Provider', 999_999)],
    ['the ID of an absent trainer', () => toGlobalId('Trainer', 999_999)],
    ['the ID of an absent petition', () => toGlobalId('Petition', 999_999)],
    ['the ID of row 0', () => toGlobalId('Course', 0)],
    ['an ID beyond the integer range', () => toGlobalId('Course', 2_147_483_648)],
  ])('%s gives null for node (staff, no error)', async (_name, id) => {
    const res = await t.gql<{ node: Node }>(NODE, { id: id() }, 'staff');
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ node: null });
  });

  it.each([
    ['course(id:) given a provider ID', 'course', () => ids.alpha],
    ['provider(id:) given a course ID', 'provider', () => ids.approvedCourse],
    ['trainer(id:) given a certification ID', 'trainer', () => ids.cert1],
    ['petition(id:) given a completion ID', 'petition', () => ids.selfReported],
  ])('%s gives null (staff)', async (_name, field, id) => {
    const res = await t.gql(`query($id: ID!) { ${field}(id: $id) { id } }`, { id: id() }, 'staff');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ [field]: null });
  });

  it('nodes keeps the order of the IDs, with null for each absent or invisible one', async () => {
    const list = [
      ids.approvedCourse,
      ids.pendingCourse,
      'garbage',
      ids.t1,
      ids.alpha,
      toGlobalId('Course', 999_999),
      ids.approvedCourse,
      ids.pending,
    ];
    const anonymous = data(await t.gql<{ nodes: Node[] }>(NODES, { ids: list }));
    expect(anonymous.nodes).toEqual([
      { __typename: 'Course', id: ids.approvedCourse },
      null,
      null,
      null,
      { __typename: 'Provider', id: ids.alpha },
      null,
      { __typename: 'Course', id: ids.approvedCourse },
      null,
    ]);
    const trainer = data(
      await t.gql<{ nodes: Node[] }>(NODES, { ids: [ids.t2, ids.t1, ids.cert2, ids.cert1] }, { trainer: ids.t1 }),
    );
    expect(trainer.nodes).toEqual([
      null,
      { __typename: 'Trainer', id: ids.t1 },
      null,
      { __typename: 'Certification', id: ids.cert1 },
    ]);
    const staff = data(await t.gql<{ nodes: Node[] }>(NODES, { ids: list }, 'staff'));
    expect(staff.nodes.map((n) => n?.id ?? null)).toEqual([
      ids.approvedCourse,
      ids.pendingCourse,
      null,
      ids.t1,
      ids.alpha,
      null,
      ids.approvedCourse,
      ids.pending,
    ]);
  });

  it('nodes of an empty list is an empty list', async () => {
    expect(data(await t.gql<{ nodes: Node[] }>(NODES, { ids: [] }))).toEqual({ nodes: [] });
  });

  it('nodes accepts 100 IDs', async () => {
    const res = data(await t.gql<{ nodes: Node[] }>(NODES, { ids: Array(100).fill(ids.approvedCourse) }));
    expect(res.nodes).toHaveLength(100);
    expect(res.nodes.every((n) => n?.id === ids.approvedCourse)).toBe(true);
  });

  it('nodes with 101 IDs is a top-level BAD_USER_INPUT error', async () => {
    const res = await t.gql<{ nodes: Node[] }>(NODES, { ids: Array(101).fill(ids.approvedCourse) });
    expect(res.status).toBe(200);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('viewer: who the caller is', () => {
  let t: TestApp;
  let trainer: TrainerFixture;
  let approved: string;
  let pending: string;

  const VIEWER = `{ viewer { role staffId provider { id name status } trainer { id firstName lastName } } }`;

  beforeAll(async () => {
    t = await startTestApp({ today: '2026-03-10' });
    trainer = await createTrainer(t, { firstName: 'Dana', lastName: 'Viewer' });
    approved = await approvedProvider(t, 'Viewer Fitness');
    pending = await pendingProvider(t, 'Viewer Pending');
  });
  afterAll(() => t.close());

  it.each<[string, () => As, () => Record<string, unknown>]>([
    ['anonymous', () => undefined, () => ({ role: 'ANONYMOUS', staffId: null, provider: null, trainer: null })],
    ['staff', () => 'staff', () => ({ role: 'STAFF', staffId: 'test.reviewer', provider: null, trainer: null })],
    [
      'a trainer',
      () => ({ trainer: trainer.trainerId }),
      () => ({
        role: 'TRAINER',
        staffId: null,
        provider: null,
        trainer: { id: trainer.trainerId, firstName: 'Dana', lastName: 'Viewer' },
      }),
    ],
    [
      'an approved provider',
      () => ({ provider: approved }),
      () => ({
        role: 'PROVIDER',
        staffId: null,
        provider: { id: approved, name: 'Viewer Fitness', status: 'APPROVED' },
        trainer: null,
      }),
    ],
    [
      'a pending provider (sees itself)',
      () => ({ provider: pending }),
      () => ({
        role: 'PROVIDER',
        staffId: null,
        provider: { id: pending, name: 'Viewer Pending', status: 'PENDING' },
        trainer: null,
      }),
    ],
  ])('%s', async (_name, as, expected) => {
    const res = await t.gql<{ viewer: unknown }>(VIEWER, {}, as());
    expect(res.status).toBe(200);
    expect(data(res).viewer).toEqual(expected());
  });

  it.each([
    ['credentials naming nobody', 'Bearer nobody'],
    ['an API key of the wrong shape', 'Bearer ceu_live_not-a-key'],
    ['a non-bearer scheme', 'Token abc'],
  ])('%s is UNAUTHENTICATED with HTTP 401', async (_name, header) => {
    const res = await t.http('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: header },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
  });
});
