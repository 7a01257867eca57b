import { randomUUID } from 'node:crypto';
import { DOWNLOAD_COSTS, FIELD_COSTS } from '../../src/common/cost';
import * as apiKeyHash from '../../src/modules/api-key/api-key.hash';
import { Provider } from '../../src/modules/provider/provider.entity';
import {
  Answer,
  Body,
  collect,
  expectNoLeaks,
  fresh,
  ok,
  outcome,
  post,
  startProduction,
  CARD,
} from '../support/attack-kit';
import { approvedProvider, createCourse, createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import { signToken, TokenVerifier } from '../../src/common/tokens';
import { As, PRODUCTION_ENV, startTestApp, TestApp, usingPostgres } from '../support/harness';
import { ConfigError } from '../../src/config';
import { REPORT_MUTATION, rowFor } from '../support/ledger-fixtures';
import { IMPORT_MUTATION } from '../support/import-fixtures';

/**
 * Budgets an attacker meets on the production server: what a query costs (computing fields
 * weighted, lists and bulk inputs counted by their items), the cost budget a minute per client,
 * the failure bucket of bad credentials that never locks out good ones, the hourly limit on
 * mutations without credentials, and all of them held across instances sharing PostgreSQL.
 */

const TODAY = '2026-06-15';
const start = (env: Record<string, string> = {}) => startProduction({ today: TODAY, env });

const VIEWER = '{ viewer { role } }';
const APPLY = `mutation($input: ApplyAsProviderInput!) {
  applyAsProvider(input: $input) { provider { id } userErrors { code field message } } }`;
const RECORD_CARD = `mutation($input: RecordCprAedCredentialInput!) {
  recordCprAedCredential(input: $input) { credential { id } userErrors { code field message } } }`;

/** The production server's token settings, to mint a second token for one trainer. */
const JWT = { secret: PRODUCTION_ENV.JWT_SECRET, jwksUrl: null, issuer: 'ceu-ledger', audience: 'ceu-ledger-api' };

const w = (key: string) => FIELD_COSTS[key].weight;
const perRow = (key: string) => FIELD_COSTS[key].perRow ?? 1;

interface CostOut {
  requested: number | null;
  maximum: number;
  budget?: { limit: number; remaining: number; resetInSeconds: number };
}
const costOf = (res: { body: Body }) => res.body.extensions?.cost as CostOut | undefined;

/** One operation over HTTP with the caller's credentials and, behind a trusted proxy, an address. */
async function send(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  options: { as?: As; authorization?: string; from?: string } = {},
): Promise<Answer> {
  const authorization = options.authorization ?? (await t.credentials(options.as));
  return post(t, JSON.stringify({ query, variables }), {
    ...(authorization ? { authorization } : {}),
    ...(options.from ? { 'x-forwarded-for': options.from } : {}),
  });
}

/** A key that looks like an API key and belongs to nobody (or, given a real prefix, has the wrong secret). */
const madeUpKey = (i: number, prefix = 'ceu_live_AAAAAAAAAA') => `Bearer ${prefix}_${String(i).padStart(40, 'B')}`;

/** A download's answer: the body parsed when it is JSON (a refusal), else only the status and headers. */
async function answerOf(res: Response): Promise<Answer> {
  const text = await res.clone().text();
  const json = res.headers.get('content-type')?.startsWith('application/json');
  return {
    status: res.status,
    headers: res.headers,
    text: json ? text : '',
    body: json ? (JSON.parse(text) as Body) : {},
  };
}

/** The Retry-After of a 429, checked against the seconds the body gives. */
function retryAfter(res: Answer, atMost: number): number {
  const header = res.headers.get('retry-after');
  expect(header).toMatch(/^\d+$/);
  const value = Number(header);
  expect(value).toBeGreaterThanOrEqual(1);
  expect(value).toBeLessThanOrEqual(atMost);
  expect(res.body.errors![0].extensions?.retryAfterSeconds).toBe(value);
  return value;
}

describe('cost counts what the work costs', () => {
  let t: TestApp;
  let trainers: TrainerFixture[];
  let provider: string;
  let course: string;
  beforeAll(async () => {
    t = await start();
    trainers = [];
    for (let i = 0; i < 5; i++) trainers.push(await createTrainer(t));
    provider = await approvedProvider(t);
    course = await createCourse(t, provider);
  });
  afterAll(() => t.close());

  const ids = (n: number) => Array.from({ length: n }, (_, i) => trainers[i % trainers.length].certificationId);

  it('nodes(ids:) counts its list: its selection costs once per ID', async () => {
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const one = await send(t, query, { ids: ids(1) }, { as: 'staff' });
    const hundred = await send(t, query, { ids: ids(100) }, { as: 'staff' });
    expect([one.status, hundred.status]).toEqual([200, 200]);
    expect([costOf(one)?.requested, costOf(hundred)?.requested]).toEqual([1 + 1, 1 + 100]);
  });

  it('the reported attack, 30 aliases of nodes(100 IDs) with compliance, is 400 QUERY_TOO_COMPLEX and runs nothing', async () => {
    const selection = '{ ... on Certification { compliance { status } } }';
    const aliases = Array.from({ length: 30 }, (_, i) => `n${i}: nodes(ids: $ids) ${selection}`).join(' ');
    const res = await send(t, `query($ids: [ID!]!) { ${aliases} }`, { ids: ids(100) }, { as: 'staff' });
    const requested = 30 * (1 + 100 * (w('Certification.compliance') + 1));
    expect(outcome(res)).toEqual({ status: 400, codes: ['QUERY_TOO_COMPLEX'], data: undefined });
    expect(res.body.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: { requested, maximum: 10_000 } });

    // Control: one alias of 10 IDs is within the limit and is served, at its weighted cost.
    const small = await send(
      t,
      `query($ids: [ID!]!) { n: nodes(ids: $ids) ${selection} }`,
      { ids: ids(10) },
      { as: 'staff' },
    );
    expect(small.status).toBe(200);
    expect((small.body.data as { n: { compliance: { status: string } }[] }).n).toHaveLength(10);
    expect(costOf(small)?.requested).toBe(1 + 10 * (w('Certification.compliance') + 1));
  });

  it.each([
    ['a transcript', 'query($c: ID!) { transcript(certificationId: $c) { asOf } }', () => w('Query.transcript') + 1],
    [
      'a transcript with its compliance',
      'query($c: ID!) { transcript(certificationId: $c) { compliance { status } } }',
      () => w('Query.transcript') + w('Transcript.compliance') + 1,
    ],
    [
      'a recertification quote',
      'query($c: ID!) { recertificationQuote(certificationId: $c, receivedOn: "2026-06-15") { total { amount } } }',
      () => w('Query.recertificationQuote') + 1 + 1,
    ],
    [
      'a node’s compliance and cycles',
      'query($c: ID!) { node(id: $c) { ... on Certification { compliance { status } cycles { number } } } }',
      () => 1 + w('Certification.compliance') + 1 + w('Certification.cycles') + 1,
    ],
  ])('%s costs the weight of its computing fields', async (_name, query, expected) => {
    const res = await send(t, query, { c: trainers[0].certificationId }, { as: 'staff' });
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(costOf(res)).toEqual({ requested: expected(), maximum: 10_000 });
  });

  it('the credit path of a page of courses costs its weight once per course', async () => {
    const res = await send(t, '{ courses(first: 10) { nodes { creditPath { path } } } }', {}, { as: 'staff' });
    expect(res.status).toBe(200);
    expect(costOf(res)?.requested).toBe(1 + 10 * (1 + w('Course.creditPath') + 1));
  });

  it('reportCompletions counts its input rows', async () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => rowFor(trainers[i % trainers.length], course, '2026-06-01'));
    const costs: number[] = [];
    for (const n of [1, 500]) {
      const res = await send(t, REPORT_MUTATION, { input: { rows: rows(n) } }, { as: { provider } });
      expect(res.status).toBe(200);
      ok(res as never, 'reportCompletions');
      costs.push(costOf(res)!.requested!);
    }
    expect(costs[1] - costs[0]).toBe(499 * perRow('Mutation.reportCompletions'));
    expect(costs[1]).toBeGreaterThan(500 * perRow('Mutation.reportCompletions'));
  });

  it('importRecords counts its records', async () => {
    const records = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        provider: {
          externalId: fresh(`P${i}`),
          name: fresh('Imported Provider'),
          kind: 'PARTNER',
          contactEmail: 'ce@imported.example',
          status: 'PENDING',
          approvedPeriods: [],
        },
      }));
    const costs: number[] = [];
    for (const n of [1, 200]) {
      const res = await send(t, IMPORT_MUTATION, { input: { records: records(n), dryRun: true } }, { as: 'staff' });
      expect(res.status).toBe(200);
      costs.push(costOf(res)!.requested!);
    }
    expect(costs[1] - costs[0]).toBe(199 * perRow('Mutation.importRecords'));
  });

  it('one document asked again with other pages, lists and directives costs each asking anew (the cost kept with the document is by the shape of its variables)', async () => {
    const query = `query($first: Int, $ids: [ID!]!, $more: Boolean!) {
      courses(first: $first) { nodes { id } }
      nodes(ids: $ids) { id ... on Certification { number @include(if: $more) expiresOn @include(if: $more) } } }`;
    const asked = [
      { first: 5, ids: ids(1), more: false },
      { first: 50, ids: ids(1), more: false },
      { first: 5, ids: ids(3), more: false },
      { first: 5, ids: ids(1), more: true },
      { first: null, ids: ids(1), more: false },
      // The same shape with other text: the same cost.
      { first: 5, ids: [trainers[4].certificationId], more: false },
      { first: 5, ids: ids(1), more: false },
    ];
    const costs: number[] = [];
    for (const variables of asked) {
      const res = await send(t, query, variables, { as: 'staff' });
      expect(res.status).toBe(200);
      costs.push(costOf(res)!.requested!);
    }
    // The connection, then per item its `nodes` list and the `id` in it.
    const page = (n: number) => 1 + n * 2;
    const nodes = (n: number, fields: number) => 1 + n * (1 + fields);
    expect(costs).toEqual([
      page(5) + nodes(1, 0),
      page(50) + nodes(1, 0),
      page(5) + nodes(3, 0),
      page(5) + nodes(1, 2),
      page(20) + nodes(1, 0),
      page(5) + nodes(1, 0),
      page(5) + nodes(1, 0),
    ]);
  });

  it('any other list input counts its items (a course’s topics)', async () => {
    const register = `mutation($input: RegisterCourseInput!) { registerCourse(input: $input) { course { id } } }`;
    const input = (topics: string[]) => ({
      code: fresh('CST'),
      title: 'Costed course',
      contactHours: '2',
      topics,
      deliveryFormat: 'LIVE_ONLINE',
    });
    const one = await send(t, register, { input: input(['NUTRITION']) }, { as: { provider } });
    const three = await send(
      t,
      register,
      { input: input(['NUTRITION', 'CORRECTIVE_EXERCISE', 'PROGRAM_DESIGN']) },
      {
        as: { provider },
      },
    );
    expect(costOf(three)!.requested! - costOf(one)!.requested!).toBe(2);
  });
});

describe('a cost budget a minute per client (QUERY_COST_PER_MINUTE)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({ QUERY_COST_PER_MINUTE: '200', QUERY_MAX_COST: '100' });
  });
  afterAll(() => t.close());

  /** A page of 49 course IDs: 1 + 49 × 2 = 99 points. */
  const PAGE_99 = '{ courses(first: 49) { nodes { id } } }';

  it('a token is checked once a request: the rate limiter and authentication share the check', async () => {
    const trainer = await createTrainer(t);
    const verify = jest.spyOn(TokenVerifier.prototype, 'verify');
    try {
      const res = await send(t, VIEWER, {}, { as: { trainer: trainer.trainerId } });
      expect(outcome(res)).toMatchObject({ status: 200, data: { viewer: { role: 'TRAINER' } } });
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });

  it('every answer reports what it cost and what is left of the minute’s budget', async () => {
    const trainer = await createTrainer(t);
    const first = await send(t, VIEWER, {}, { as: { trainer: trainer.trainerId } });
    const second = await send(t, VIEWER, {}, { as: { trainer: trainer.trainerId } });
    expect(costOf(first)).toEqual({
      requested: 2,
      maximum: 100,
      budget: { limit: 200, remaining: 198, resetInSeconds: expect.any(Number) },
    });
    expect(costOf(second)?.budget?.remaining).toBe(196);
    for (const res of [first, second]) {
      expect(costOf(res)!.budget!.resetInSeconds).toBeGreaterThanOrEqual(1);
      expect(costOf(res)!.budget!.resetInSeconds).toBeLessThanOrEqual(60);
    }
  });

  it('a query that does not fit what is left is 429 RATE_LIMITED with Retry-After, spends nothing, and a smaller one is still served', async () => {
    const as = { trainer: (await createTrainer(t)).trainerId };
    expect(costOf(await send(t, PAGE_99, {}, { as }))?.budget?.remaining).toBe(101);
    expect(costOf(await send(t, PAGE_99, {}, { as }))?.budget?.remaining).toBe(2);
    const refused = await send(t, PAGE_99, {}, { as });
    expect(outcome(refused)).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
    retryAfter(refused, 60);
    expect(refused.body.errors![0].extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(refused.headers.get('retry-after')),
      cost: { requested: 99, maximum: 100, budget: { limit: 200, remaining: 2, resetInSeconds: expect.any(Number) } },
    });
    const smaller = await send(t, VIEWER, {}, { as });
    expect(outcome(smaller)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'TRAINER' } } });
    expect(costOf(smaller)?.budget?.remaining).toBe(0);
    expect(outcome(await send(t, VIEWER, {}, { as }))).toEqual({
      status: 429,
      codes: ['RATE_LIMITED'],
      data: undefined,
    });
  });

  it('a mutation over the budget does not run: nothing is written', async () => {
    const as = { trainer: (await createTrainer(t)).trainerId };
    await send(t, PAGE_99, {}, { as });
    await send(t, PAGE_99, {}, { as });
    await send(t, VIEWER, {}, { as });
    const before = await snapshot(t);
    const res = await send(t, RECORD_CARD, { input: CARD }, { as });
    expect(outcome(res)).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
    expect(await snapshot(t)).toEqual(before);
  });

  it('a trainer’s fresh token spends the same budget: the budget is the trainer’s, not the token’s', async () => {
    const trainer = await createTrainer(t);
    const token = (expiresIn: string) =>
      signToken(JWT, { role: 'TRAINER', sub: trainer.trainerId }, { expiresIn }).then((jwt) => `Bearer ${jwt}`);
    const first = await send(t, PAGE_99, {}, { authorization: await token('1h') });
    const second = await send(t, PAGE_99, {}, { authorization: await token('2h') });
    expect([costOf(first)?.budget?.remaining, costOf(second)?.budget?.remaining]).toEqual([101, 2]);
  });

  it('meanwhile other clients (staff, anonymous callers) spend budgets of their own', async () => {
    const staff = await send(t, VIEWER, {}, { as: 'staff' });
    const anonymous = await send(t, VIEWER);
    expect([outcome(staff).status, outcome(anonymous).status]).toEqual([200, 200]);
    expect([costOf(staff)?.budget?.remaining, costOf(anonymous)?.budget?.remaining]).toEqual([198, 198]);
  });
});

describe('transcript downloads draw from the same cost budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({ QUERY_COST_PER_MINUTE: '1000', QUERY_MAX_COST: '100' });
  });
  afterAll(() => t.close());

  it('a PDF spends DOWNLOAD_COSTS.pdf; the next one that does not fit is 429 RATE_LIMITED with Retry-After', async () => {
    const trainer = await createTrainer(t, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
    const as = { trainer: trainer.trainerId };
    const pdf = async () =>
      answerOf(
        await t.http(`/transcripts/${trainer.certificationId}.pdf`, {
          headers: { authorization: (await t.credentials(as))! },
        }),
      );
    expect((await pdf()).status).toBe(200);
    expect(costOf(await send(t, VIEWER, {}, { as }))?.budget?.remaining).toBe(1000 - DOWNLOAD_COSTS.pdf - 2);
    const refused = await pdf();
    expect(outcome(refused)).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
    retryAfter(refused, 60);
  });
});

describe('bad credentials do not lock out good ones', () => {
  let t: TestApp;
  let provider: string;
  let trainer: TrainerFixture;
  let key: string;
  beforeAll(async () => {
    t = await start({ AUTH_FAILURES_PER_MINUTE: '10', RATE_LIMIT_PER_MINUTE: '8' });
    provider = await approvedProvider(t);
    trainer = await createTrainer(t, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
    key = (await t.credentials({ provider }))!;
  });
  afterAll(() => t.close());

  const asKey = () => send(t, VIEWER, {}, { authorization: key });

  it('after 40 made-up API keys from one address, the first 10 are 401 and the rest 429 without a password hash each', async () => {
    // The provider's integration was at work before the attack: its key is known.
    expect(outcome(await asKey())).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'PROVIDER' } } });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(t, VIEWER, {}, { authorization: madeUpKey(i) })).status);
    expect(statuses).toEqual(Array(10).fill(401));

    const verify = jest.spyOn(apiKeyHash, 'verifySecret');
    try {
      // Among them, guesses at the secret of the real key: checked, they would be 401 after a scrypt.
      const realPrefix = apiKeyHash.splitApiKey(key.slice('Bearer '.length))!.prefix;
      const later: Answer[] = [];
      for (let i = 10; i < 40; i++) {
        later.push(await send(t, VIEWER, {}, { authorization: madeUpKey(i, i % 2 ? realPrefix : undefined) }));
      }
      expect(later.map((res) => outcome(res).codes)).toEqual(Array(30).fill(['RATE_LIMITED']));
      retryAfter(later[29], 60);
      expect(verify).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
    }
  });

  it('a forged token from that address is refused as well (429)', async () => {
    const res = await send(
      t,
      VIEWER,
      {},
      { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
    );
    expect(outcome(res)).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
  });

  it('the valid key from that address is served, from its own budget', async () => {
    // One request before the attack; RATE_LIMIT_PER_MINUTE=8 leaves 7, which no failure has spent.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await asKey()).status);
    expect(statuses).toEqual(Array(7).fill(200));
    const over = await asKey();
    expect(outcome(over)).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
    expect(over.body.errors![0].message).toMatch(/^Too many requests\. Retry in \d+ s\.$/);
  });

  it('a trainer’s transcript download, staff and an anonymous caller at that address are served', async () => {
    const download = await t.http(`/transcripts/${trainer.certificationId}.pdf`, {
      headers: { authorization: (await t.credentials({ trainer: trainer.trainerId }))! },
    });
    expect({ status: download.status, type: download.headers.get('content-type') }).toEqual({
      status: 200,
      type: 'application/pdf',
    });
    expect(outcome(await send(t, VIEWER, {}, { as: 'staff' }))).toEqual({
      status: 200,
      codes: undefined,
      data: { viewer: { role: 'STAFF' } },
    });
    expect(outcome(await send(t, VIEWER))).toEqual({
      status: 200,
      codes: undefined,
      data: { viewer: { role: 'ANONYMOUS' } },
    });
  });
});

describe('mutations without credentials are limited per address per hour (ANONYMOUS_MUTATIONS_PER_HOUR)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({ ANONYMOUS_MUTATIONS_PER_HOUR: '20', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const apply = (from: string) =>
    send(t, APPLY, { input: { name: fresh('Flood Academy'), contactEmail: 'ce@flood.example' } }, { from });

  it('30 applyAsProvider from one address: 20 are served, then 429 RATE_LIMITED with Retry-After, and nothing is written', async () => {
    const count = () => t.db.reader.count(Provider);
    const before = await count();
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i++) answers.push(await apply('203.0.113.50'));
    expect(answers.map((res) => res.status)).toEqual([...Array(20).fill(200), ...Array(10).fill(429)]);
    for (const res of answers.slice(0, 20)) ok(res as never, 'applyAsProvider');
    expect(outcome(answers[29])).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
    expect(retryAfter(answers[29], 3600)).toBeGreaterThan(60);
    expect(await count()).toBe(before + 20);
  });

  it('an authenticated caller at that address is unaffected, and so are anonymous reads and other addresses', async () => {
    const trainer = await createTrainer(t);
    const card = await send(
      t,
      RECORD_CARD,
      { input: CARD },
      { as: { trainer: trainer.trainerId }, from: '203.0.113.50' },
    );
    ok(card as never, 'recordCprAedCredential');
    const read = await send(t, VIEWER, {}, { from: '203.0.113.50' });
    expect(outcome(read)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'ANONYMOUS' } } });
    ok((await apply('198.51.100.7')) as never, 'applyAsProvider');
  });
});

/**
 * Two instances sharing one store: PostgreSQL on the PostgreSQL run, Redis wherever REDIS_URL is
 * given to the tests (CI gives it). SQLite without Redis is one instance, counted in memory.
 */
function acrossInstances(
  store: string,
  env: Record<string, string>,
  unreachable: ((a: TestApp) => Promise<void>) | null,
) {
  describe(`limits hold across instances sharing ${store}`, () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      a = await start({
        RATE_LIMIT_PER_MINUTE: '5',
        QUERY_COST_PER_MINUTE: '200',
        QUERY_MAX_COST: '100',
        AUTH_FAILURES_PER_MINUTE: '3',
        ANONYMOUS_MUTATIONS_PER_HOUR: '3',
        TRUST_PROXY: 'loopback',
        ...env,
      });
      b = collect(await a.startSibling());
    });
    afterAll(() => a.close());

    it('a request budget of 5 spent across both instances refuses the 6th on either', async () => {
      const as = { trainer: (await createTrainer(a)).trainerId };
      const statuses: number[] = [];
      for (const t of [a, b, a, b, a]) statuses.push((await send(t, VIEWER, {}, { as })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      for (const t of [a, b]) {
        const over = await send(t, VIEWER, {}, { as });
        expect(outcome(over)).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
        retryAfter(over, 60);
      }
    });

    it('the cost budget is one budget across both instances', async () => {
      const as = { trainer: (await createTrainer(a)).trainerId };
      const page = '{ courses(first: 49) { nodes { id } } }';
      expect(costOf(await send(a, page, {}, { as }))?.budget?.remaining).toBe(101);
      expect(costOf(await send(b, page, {}, { as }))?.budget?.remaining).toBe(2);
      expect(outcome(await send(a, page, {}, { as })).codes).toEqual(['RATE_LIMITED']);
      expect(outcome(await send(b, page, {}, { as })).codes).toEqual(['RATE_LIMITED']);
    });

    it('failures counted on one instance close the gate on the other, where a key known on the first is still served', async () => {
      const provider = await approvedProvider(a);
      const key = (await a.credentials({ provider }))!;
      const from = '192.0.2.44';
      // The key authenticates on A only: B has never checked it.
      expect((await send(a, VIEWER, {}, { authorization: key, from })).status).toBe(200);
      const statuses: number[] = [];
      for (const [i, t] of [a, b, a].entries()) {
        statuses.push((await send(t, VIEWER, {}, { authorization: madeUpKey(100 + i), from })).status);
      }
      expect(statuses).toEqual([401, 401, 401]);
      for (const t of [a, b]) {
        expect(outcome(await send(t, VIEWER, {}, { authorization: madeUpKey(200), from })).codes).toEqual([
          'RATE_LIMITED',
        ]);
      }
      const known = await send(b, VIEWER, {}, { authorization: key, from });
      expect(outcome(known)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'PROVIDER' } } });
    });

    it('3 anonymous mutations an hour from one address, counted across both instances', async () => {
      const from = '192.0.2.77';
      const statuses: number[] = [];
      for (const t of [a, b, a, b]) {
        statuses.push(
          (
            await send(
              t,
              APPLY,
              { input: { name: fresh('Shared Academy'), contactEmail: 'ce@shared.example' } },
              { from },
            )
          ).status,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    });

    (unreachable ? it : it.skip)(
      'when the shared store is unreachable, each instance counts in its own memory: clients are served and still limited',
      async () => {
        await unreachable!(a);
        const as = { trainer: (await createTrainer(a)).trainerId };
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await send(a, VIEWER, {}, { as })).status);
        expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
        expect((await send(b, VIEWER, {}, { as })).status).toBe(200);
      },
    );
  });
}

if (usingPostgres) {
  acrossInstances('PostgreSQL', {}, async (a) => {
    await a.db.writer.query('DROP TABLE rate_limit');
  });
}
const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  // A Redis cannot be taken away from one test without taking it from every other suite.
  acrossInstances('Redis', { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `test-${randomUUID()}` }, null);
}

describe('a Redis that does not answer at start', () => {
  it('stops the start with a sentence naming REDIS_URL (ConfigError: no stack trace, exit 1)', async () => {
    const started = startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(
      /^REDIS_URL: Redis does not answer .*; start it, or correct or unset REDIS_URL$/,
    );
  });
});

describe('error masking', () => {
  it('no response of this suite carries a stack trace, SQL, a file path or driver details', () => {
    expectNoLeaks(usingPostgres ? 140 : 110);
  });
});
