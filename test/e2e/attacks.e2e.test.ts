import { gzipSync } from 'node:zlib';
import { petitionEvent, pendingProvider } from '../support/catalogue-fixtures';
import { approvedProvider, createCourse, createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import {
  answer,
  Body,
  Payload,
  UserErrorOut,
  codes,
  expectNoLeaks,
  fresh,
  next,
  ok,
  outcome,
  planted,
  post,
  raw,
  startProduction,
  CARD,
  EVENT,
} from '../support/attack-kit';
import { As, data, TestApp } from '../support/harness';
import { selfReported } from '../support/ledger-fixtures';
import { applied, pdf, recertCatalogue, RecertCatalogue, recordedCard } from '../support/recertification-fixtures';
import { craftToken } from '../support/tokens';

/**
 * The attacker's view of the production server (DESIGN §5): schema discovery, cross-site and
 * transport tricks, query-shape limits, cost, rate limit, other tenants' objects, hostile text and
 * numbers. Every probe asserts the exact status and code, and that a refused write wrote nothing.
 * Every response body is kept and checked once more at the end for leaked internals.
 */

const TODAY = '2026-06-15';
const start = (env: Record<string, string> = {}) => startProduction({ today: TODAY, env });

/** A string of exactly `n` code points: the tag, then the unit repeated and cut. */
const fill = (unit: string, n: number, tag = '') => [...(tag + unit.repeat(n))].slice(0, n).join('');
const codePoints = (s: string) => [...s].length;

const APPLY = `mutation($input: ApplyAsProviderInput!) {
  applyAsProvider(input: $input) { provider { id name statusReason } userErrors { code field message } } }`;
const REGISTER = `mutation($input: RegisterCourseInput!) {
  registerCourse(input: $input) { course { id code title description } userErrors { code field message } } }`;
const PETITION_SELECTION = `petition { id justification decisionReason completion { title providerName } }`;
const SUBMIT_PETITION = `mutation($input: SubmitPetitionInput!) {
  submitPetition(input: $input) { ${PETITION_SELECTION} userErrors { code field message } } }`;
const RECORD_CARD = `mutation($input: RecordCprAedCredentialInput!) {
  recordCprAedCredential(input: $input) { credential { id issuer cardNumber } userErrors { code field message } } }`;
const SUBMIT_DOCUMENTS = `mutation($input: SubmitAuditDocumentsInput!) {
  submitAuditDocuments(input: $input) { audit { id documents { name location } } userErrors { code field message } } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { apiKey { id prefix label } token userErrors { code field message } } }`;
const NODE = (selection: string) => `query($id: ID!) { node(id: $id) { __typename id ${selection} } }`;

const courseInput = (patch: Record<string, unknown> = {}) => ({
  code: fresh('ATK'),
  title: 'Attack course',
  contactHours: '10',
  topics: ['NUTRITION'],
  deliveryFormat: 'IN_PERSON',
  ...patch,
});

/** A trainer who meets R1 today: 1.9 CEU from a 2025 course and a valid card. */
async function readyTrainer(t: TestApp, cat: RecertCatalogue): Promise<TrainerFixture> {
  const trainer = await createTrainer(t, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
  await selfReported(t, trainer, await cat.course(2025, '1.9'), '2025-05-01');
  await recordedCard(t, trainer, { issuedOn: '2025-09-01', expiresOn: '2028-09-01' });
  return trainer;
}

interface Audited {
  trainer: TrainerFixture;
  auditId: string;
  applicationId: string;
}

/** A trainer whose recertification was accepted and selected for audit. */
async function auditedTrainer(t: TestApp, cat: RecertCatalogue): Promise<Audited> {
  const trainer = await readyTrainer(t, cat);
  const application = await applied(t, trainer);
  return { trainer, auditId: application.audit!.id, applicationId: application.id };
}

/** Objects the probes aim at: two providers, two trainers, and what each of them owns. */
interface World {
  cat: RecertCatalogue;
  alpha: string;
  beta: string;
  alphaPending: string;
  alphaPendingTitle: string;
  alphaApproved: string;
  alphaKey: { id: string; prefix: string };
  t1: TrainerFixture;
  t2: TrainerFixture;
  petition1: { petitionId: string; completionId: string };
  card1: string;
  audit: Audited;
}

async function buildWorld(t: TestApp): Promise<World> {
  const cat = await recertCatalogue(t);
  const alpha = await approvedProvider(t, 'Alpha Attack Fitness');
  const beta = await approvedProvider(t, 'Beta Attack Coaching');
  const alphaPendingTitle = 'Alpha confidential pending course';
  const alphaPending = await createCourse(t, alpha, { approve: false, title: alphaPendingTitle });
  const alphaApproved = await createCourse(t, alpha);
  const key = ok<{ apiKey: { id: string; prefix: string } }>(
    await t.gql(CREATE_KEY, { input: { providerId: alpha, label: 'Alpha LMS' } }, 'staff'),
    'createApiKey',
  );
  const t1 = await createTrainer(t, { lastName: 'Owner' });
  const t2 = await createTrainer(t, { lastName: 'Stranger' });
  const petition1 = await petitionEvent(t, t1.trainerId, '2026-06-01');
  const card1 = (await recordedCard(t, t1, { issuedOn: '2026-01-01', expiresOn: '2028-01-01', cardNumber: 'T1-CARD' }))
    .id;
  return {
    cat,
    alpha,
    beta,
    alphaPending,
    alphaPendingTitle,
    alphaApproved,
    alphaKey: key.apiKey,
    t1,
    t2,
    petition1,
    card1,
    audit: await auditedTrainer(t, cat),
  };
}

describe('attacks on the production server', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await start();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  describe('schema discovery', () => {
    it.each([
      ['a misspelled root field', '{ coursez }', 'Cannot query field "coursez" on type "Query".'],
      ['a misspelled subfield', '{ viewer { rol } }', 'Cannot query field "rol" on type "Viewer".'],
      [
        'a misspelled argument',
        '{ courses(frist: 1) { totalCount } }',
        'Unknown argument "frist" on field "Query.courses".',
      ],
      [
        'a misspelled input field in a literal',
        '{ courses(filter: { statuz: APPROVED }) { totalCount } }',
        'Field "statuz" is not defined by type "CourseFilter".',
      ],
      [
        'a misspelled enum value in a literal',
        '{ courses(filter: { status: APROVED }) { totalCount } }',
        'The value does not exist in "CourseStatus" enum.',
      ],
      [
        'a misspelled type',
        'query($f: CourseFiltr) { courses(filter: $f) { totalCount } }',
        'Unknown type "CourseFiltr".',
      ],
      ['a misspelled directive', '{ viewer @inclde(if: true) { role } }', 'Unknown directive "@inclde".'],
    ])('%s gets 400 GRAPHQL_VALIDATION_FAILED with no suggestion', async (_name, query, message) => {
      const res = await t.gql(query);
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors!.map((e) => e.message)).toEqual([message]);
      expect(JSON.stringify(res.body)).not.toMatch(/did you mean/i);
    });

    it('a misspelled enum value in a variable gets 400 BAD_USER_INPUT with no suggestion', async () => {
      const res = await t.gql('query($s: CourseStatus) { courses(filter: { status: $s }) { totalCount } }', {
        s: 'APROVED',
      });
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(JSON.stringify(res.body)).not.toMatch(/did you mean|APPROVED/i);
    });

    it('a misspelled input field in a variable gets 400 BAD_USER_INPUT with no suggestion', async () => {
      const res = await t.gql('query($f: CourseFilter) { courses(filter: $f) { totalCount } }', {
        f: { statuz: 'APPROVED' },
      });
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(res.body.errors![0].message).not.toMatch(/did you mean/i);
    });

    it.each([
      ['__schema', '{ __schema { types { name } } }'],
      ['__type', '{ __type(name: "Certification") { fields { name } } }'],
      ['an aliased __schema', '{ s: __schema { queryType { name } } }'],
      ['__schema inside a fragment', '{ ...F } fragment F on Query { __schema { mutationType { name } } }'],
      ['__type inside an inline fragment', '{ ... on Query { __type(name: "ApiKey") { name } } }'],
    ])('introspection with %s is refused: 400 GRAPHQL_VALIDATION_FAILED, no type names', async (_name, query) => {
      const res = await t.gql(query);
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors![0].message).toMatch(/introspection is not allowed/);
      expect(JSON.stringify(res.body)).not.toMatch(/Certification|ApiKey|Mutation|"fields"/);
    });

    it('introspection over GET is refused as well', async () => {
      const res = await answer(
        await t.http(`/graphql?query=${encodeURIComponent('{ __schema { types { name } } }')}`, {
          headers: { 'apollo-require-preflight': 'true' },
        }),
      );
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
    });

    it('control: __typename alone is allowed (200)', async () => {
      const res = await t.gql('{ __typename }');
      expect(outcome(res)).toEqual({ status: 200, codes: undefined, data: { __typename: 'Query' } });
    });
  });

  describe('cross-site requests and transport tricks', () => {
    const mutation = (name: string) =>
      `mutation { applyAsProvider(input: { name: "${name}", contactEmail: "c@csrf.example" }) { provider { id } } }`;
    const providersNamed = async (text: string) =>
      data(
        await t.gql<{ providers: { totalCount: number } }>(
          'query($text: String) { providers(filter: { text: $text }) { totalCount } }',
          { text },
          'staff',
        ),
      ).providers.totalCount;

    it.each([
      ['with the preflight header', { 'apollo-require-preflight': 'true' }, 405],
      ['as a plain link would send it', {}, 400],
    ])('GET carrying a mutation (%s) is %s BAD_REQUEST and nothing is written', async (_name, headers, status) => {
      const before = await snapshot(t);
      const res = await answer(
        await t.http(`/graphql?query=${encodeURIComponent(mutation('Get Attack Co'))}`, { headers }),
      );
      expect(outcome(res)).toEqual({ status, codes: ['BAD_REQUEST'], data: undefined });
      expect(await providersNamed('Get Attack')).toBe(0);
      expect(await snapshot(t)).toEqual(before);
    });

    it.each([
      ['form-encoded', 'application/x-www-form-urlencoded', `query=${encodeURIComponent(mutation('Form Attack Co'))}`],
      ['text/plain', 'text/plain', JSON.stringify({ query: mutation('Form Attack Co') })],
      ['text/plain with a charset', 'text/plain; charset=utf-8', JSON.stringify({ query: mutation('Form Attack Co') })],
    ])('a %s POST (CSRF) is 400 BAD_REQUEST and nothing is written', async (_name, contentType, body) => {
      const before = await snapshot(t);
      const res = await post(t, body, { 'content-type': contentType });
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_REQUEST'], data: undefined });
      expect(res.body.errors![0].message).toMatch(/CSRF/);
      expect(await providersNamed('Form Attack')).toBe(0);
      expect(await snapshot(t)).toEqual(before);
    });

    it('an array body (HTTP batching) is 400 BAD_REQUEST and none of its mutations runs', async () => {
      const before = await snapshot(t);
      const res = await post(t, JSON.stringify([1, 2, 3].map((n) => ({ query: mutation(`Batch Attack ${n}`) }))));
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_REQUEST'], data: undefined });
      expect(await providersNamed('Batch Attack')).toBe(0);
      expect(await snapshot(t)).toEqual(before);
    });

    it('__proto__ smuggled into an input is 400 BAD_USER_INPUT and nothing is written', async () => {
      const before = await snapshot(t);
      const res = await raw(
        t,
        APPLY,
        '{"input":{"name":"Proto Attack Co","contactEmail":"p@proto.example","__proto__":{"status":"APPROVED"}}}',
      );
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(await snapshot(t)).toEqual(before);
    });

    it.each([
      ['a query that is an object', { query: { a: 1 } }],
      ['an operation name that is an object', { query: '{ viewer { role } }', operationName: { a: 1 } }],
      ['variables sent as a string', { query: '{ viewer { role } }', variables: '{"a":1}' }],
    ])('%s is 400 BAD_REQUEST', async (_name, body) => {
      expect(outcome(await post(t, JSON.stringify(body)))).toEqual({
        status: 400,
        codes: ['BAD_REQUEST'],
        data: undefined,
      });
    });

    it('a compressed body is served (control)', async () => {
      const res = await post(t, gzipSync(JSON.stringify({ query: '{ viewer { role } }' })), {
        'content-encoding': 'gzip',
      });
      expect(outcome(res)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'ANONYMOUS' } } });
    });

    it.each<[string, string | Uint8Array, Record<string, string>, number]>([
      ['an unknown content-encoding', '{"query":"{ viewer { role } }"}', { 'content-encoding': 'x-evil' }, 415],
      [
        'an unsupported charset',
        '{"query":"{ viewer { role } }"}',
        { 'content-type': 'application/json; charset=latin1' },
        415,
      ],
      ['a corrupt gzip body', 'this is not gzip', { 'content-encoding': 'gzip' }, 400],
      ['a corrupt brotli body', 'this is not brotli', { 'content-encoding': 'br' }, 400],
    ])('%s is a client fault (BAD_REQUEST), not INTERNAL_SERVER_ERROR', async (_name, body, headers, status) => {
      expect(outcome(await post(t, body, headers))).toEqual({ status, codes: ['BAD_REQUEST'], data: undefined });
    });

    it('persisted queries are not offered: a persisted-query extension is PERSISTED_QUERY_NOT_SUPPORTED, never an internal error', async () => {
      const res = await post(
        t,
        JSON.stringify({
          query: '{ viewer { role } }',
          extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
        }),
      );
      expect(outcome(res)).toEqual({ status: 200, codes: ['PERSISTED_QUERY_NOT_SUPPORTED'], data: undefined });
    });

    it.each([
      ['<script>alert(1)</script>', '{ viewer { role } }'],
      ["x'; DROP TABLE provider;--", 'query A { viewer { role } } query B { viewer { role } }'],
    ])('an unknown operation name %s is 400 OPERATION_RESOLUTION_FAILURE and not echoed', async (name, query) => {
      planted.add(name);
      const res = await post(t, JSON.stringify({ query, operationName: name }));
      expect(outcome(res)).toEqual({ status: 400, codes: ['OPERATION_RESOLUTION_FAILURE'], data: undefined });
      expect(res.text).not.toContain(JSON.stringify(name).slice(1, -1));
    });

    it('a subscription operation is 400 GRAPHQL_VALIDATION_FAILED, not an internal error', async () => {
      const res = await t.gql('subscription { viewer { role } }');
      expect({ status: res.status, codes: codes(res.body) }).toEqual({
        status: 400,
        codes: ['GRAPHQL_VALIDATION_FAILED'],
      });
    });
  });

  describe('forged credentials', () => {
    it('a token signed with the public development secret is refused in production: 401', async () => {
      const token = await craftToken({ role: 'STAFF' }, { sub: 'mallory' });
      const res = await post(t, JSON.stringify({ query: '{ viewer { role staffId } }' }), {
        authorization: `Bearer ${token}`,
      });
      expect(outcome(res)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: undefined });
    });

    it('an unsigned token (alg "none") is refused: 401', async () => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({
        role: 'STAFF',
        sub: 'mallory',
        iss: 'ceu-ledger',
        aud: 'ceu-ledger-api',
        iat: now,
        exp: now + 3600,
      })}.`;
      const res = await post(t, JSON.stringify({ query: '{ viewer { role } }' }), {
        authorization: `Bearer ${token}`,
      });
      expect(outcome(res)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: undefined });
    });
  });

  describe('query shape limits', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`;
    const typenames = (n: number) => `{ viewer { role ${Array(n).fill('__typename').join(' ')} } }`;
    /** A selection `depth` levels deep: viewer, then trainer and certifications in turn, then id. */
    const nested = (depth: number) => {
      const names = ['viewer', ...Array.from({ length: depth - 2 }, (_, i) => (i % 2 ? 'certifications' : 'trainer'))];
      return `{ ${names.map((n) => `${n} { `).join('')}id ${'} '.repeat(names.length)}}`;
    };

    it.each([
      ['30 aliased fields', aliases(30)],
      ['30 __typename selections', typenames(30)],
      [
        '15 aliases and 15 __typename',
        `{ ${aliases(15).slice(1, -1)} viewer { ${Array(15).fill('__typename').join(' ')} } }`,
      ],
    ])('%s are accepted (200)', async (_name, query) => {
      const res = await t.gql(query);
      expect({ status: res.status, codes: codes(res.body) }).toEqual({ status: 200, codes: undefined });
    });

    it.each([
      ['31 aliased fields', aliases(31), 31],
      ['31 __typename selections', typenames(31), 31],
      [
        '16 aliases and 15 __typename',
        `{ ${aliases(16).slice(1, -1)} viewer { ${Array(15).fill('__typename').join(' ')} } }`,
        31,
      ],
      ['600 aliased fields', aliases(600), 600],
    ])('%s are refused: 400 GRAPHQL_VALIDATION_FAILED', async (_name, query, count) => {
      const res = await t.gql(query);
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors![0].message).toBe(
        `The query has ${count} aliases and __typename selections; at most 30 are allowed.`,
      );
    });

    it('20 directives are accepted; 21 are refused: 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const directives = (n: number) =>
        `{ viewer { ${Array.from({ length: n }, (_, i) => (i % 2 ? 'role @skip(if: false)' : 'role @include(if: true)')).join(' ')} } }`;
      const accepted = await t.gql(directives(20));
      expect(outcome(accepted)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'ANONYMOUS' } } });
      const refused = await t.gql(`{ viewer { ${Array(21).fill('role @include(if: true)').join(' ')} } }`);
      expect(outcome(refused)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(refused.body.errors![0].message).toBe('The query uses 21 directives; at most 20 are allowed.');
    });

    it('12 levels of nesting are accepted (200)', async () => {
      const res = await t.gql(nested(12), undefined, { trainer: w.t1.trainerId });
      expect({ status: res.status, codes: codes(res.body) }).toEqual({ status: 200, codes: undefined });
      expect(JSON.stringify(res.body.data)).toContain(w.t1.certificationId);
    });

    it.each([
      ['13 levels', () => nested(13)],
      [
        '13 levels split across fragments',
        () =>
          `{ viewer { ...V } } fragment V on Viewer { trainer { ...T } }
           fragment T on Trainer { certifications { trainer { certifications { ...C } } } }
           fragment C on Certification {
             trainer { certifications { trainer { certifications { trainer { certifications { trainer { id } } } } } } }
           }`,
      ],
      ['400 levels', () => nested(400)],
    ])('%s of nesting are refused: 400 GRAPHQL_VALIDATION_FAILED', async (_name, query) => {
      const res = await t.gql(query(), undefined, { trainer: w.t1.trainerId });
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors![0].message).toMatch(/^The query is nested \d+ levels deep; at most 12 are allowed\.$/);
    });

    it.each([
      ['a fragment spreading itself', '{ viewer { ...A } } fragment A on Viewer { role ...A }'],
      [
        'two fragments spreading each other',
        '{ viewer { ...A } } fragment A on Viewer { role ...B } fragment B on Viewer { ...A }',
      ],
      [
        'a cycle through nested fields',
        `{ viewer { ...V } } fragment V on Viewer { trainer { ...T } }
         fragment T on Trainer { certifications { ...C } } fragment C on Certification { trainer { ...T } }`,
      ],
      [
        'a ring of 150 fragments',
        `{ viewer { ...F0 } } ${Array.from({ length: 150 }, (_, i) => `fragment F${i} on Viewer { role ...F${(i + 1) % 150} }`).join(' ')}`,
      ],
    ])('%s is refused: 400 GRAPHQL_VALIDATION_FAILED (no stack overflow)', async (_name, query) => {
      const res = await t.gql(query);
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
      expect(res.body.errors![0].message).toMatch(/^Cannot spread fragment "\w+" within itself/);
    });

    it('a fan-out of 20 fragments is answered within 2 seconds', async () => {
      const n = 20;
      const fragments = Array.from(
        { length: n },
        (_, i) => `fragment F${i} on Viewer { role ...F${i + 1} ...F${i + 1} }`,
      );
      const started = Date.now();
      const res = await t.gql(`{ viewer { ...F0 } } ${fragments.join(' ')} fragment F${n} on Viewer { role }`);
      const elapsed = Date.now() - started;
      expect(res.status).not.toBe(500);
      expect(elapsed).toBeLessThan(2000);
    });

    /**
     * `n` inline fragments nested in each other around a field: a document of 3n + 10 tokens that
     * is valid throughout and keeps the field limit (an inline fragment selects nothing itself).
     */
    const operations = (n: number, extra = '') =>
      `query Q0 { viewer { ${'... { '.repeat(n)}role role${extra} ${'} '.repeat(n)}role } }`;

    it('a document of exactly 4000 tokens is parsed and served (200)', async () => {
      const res = await post(t, JSON.stringify({ query: operations(1330), operationName: 'Q0' }));
      expect(outcome(res)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'ANONYMOUS' } } });
    });

    it.each([
      ['4001 tokens', () => operations(1330, ' role')],
      ['a flood of 150000 tokens', () => `{ viewer { ${'role '.repeat(150_000)}} }`],
    ])('a document of %s is 400 GRAPHQL_PARSE_FAILED', async (_name, query) => {
      const started = Date.now();
      const res = await post(t, JSON.stringify({ query: query(), operationName: 'Q0' }));
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_PARSE_FAILED'], data: undefined });
      expect(res.body.errors![0].message).toBe(
        'Syntax Error: Document contains more that 4000 tokens. Parsing aborted.',
      );
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('3995 copies of one field are cut short by validation: 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const res = await t.gql(`{ viewer { ${'role '.repeat(3995)}} }`);
      expect(outcome(res)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
    });

    it('a list literal nested 1995 deep is refused without a stack overflow', async () => {
      const res = await post(
        t,
        JSON.stringify({ query: `{ nodes(ids: ${'['.repeat(1995)}${']'.repeat(1995)}) { id } }` }),
      );
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual([expect.stringMatching(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/)]);
      expect(res.text).not.toMatch(/call stack/i);
    });

    describe('page sizes', () => {
      const page = (arg: string) => `{ courses(${arg}) { nodes { id } } }`;
      const argumentError = (message: string) => ({
        status: 200,
        codes: ['BAD_USER_INPUT'],
        data: null,
        // The message itself says what is wrong, in words: not only in the extensions.
        message: `${message}.`,
        invalidFields: [{ field: [message.split(' ')[0]], message }],
      });
      const full = (res: { status: number; body: Body }) => ({
        ...outcome(res),
        message: res.body.errors?.[0]?.message,
        invalidFields: res.body.errors?.[0]?.extensions?.invalidFields,
      });

      it.each([
        ['first: 101', 'first must be between 1 and 100'],
        ['first: 1000000', 'first must be between 1 and 100'],
        ['first: -1', 'first must be between 1 and 100'],
        ['first: 0', 'first must be between 1 and 100'],
        ['last: 101', 'last must be between 1 and 100'],
      ])('a literal %s is 200 with BAD_USER_INPUT on courses and data null', async (arg, message) => {
        expect(full(await t.gql(page(arg)))).toEqual(argumentError(message));
      });

      it.each([
        [101, 'first must be between 1 and 100'],
        [1000000, 'first must be between 1 and 100'],
        [-1, 'first must be between 1 and 100'],
      ])('a variable first = %s is 200 with BAD_USER_INPUT on courses and data null', async (first, message) => {
        expect(full(await t.gql('query($n: Int) { courses(first: $n) { nodes { id } } }', { n: first }))).toEqual(
          argumentError(message),
        );
      });

      it('a literal first: 2147483648 (past Int) is 400 GRAPHQL_VALIDATION_FAILED', async () => {
        expect(outcome(await t.gql(page('first: 2147483648')))).toEqual({
          status: 400,
          codes: ['GRAPHQL_VALIDATION_FAILED'],
          data: undefined,
        });
      });

      it.each([
        ['2147483648', '2147483648'],
        ['"NaN"', '"NaN"'],
        ['1e309 (Infinity once parsed)', '1e309'],
        ['99999999999999999999', '99999999999999999999'],
        ['1.5', '1.5'],
      ])('a variable first = %s is 400 BAD_USER_INPUT', async (_name, json) => {
        const res = await raw(t, 'query($n: Int) { courses(first: $n) { nodes { id } } }', `{"n":${json}}`);
        expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      });
    });
  });

  describe('other tenants’ objects', () => {
    const CERT = '... on Certification { number expiresOn trainer { email lastName } }';

    it('control: each owner sees its own objects through node', async () => {
      const own = async (id: string, as: As) =>
        data(await t.gql<{ node: { id: string } | null }>(NODE(''), { id }, as)).node;
      expect(await own(w.t1.certificationId, { trainer: w.t1.trainerId })).toMatchObject({ id: w.t1.certificationId });
      expect(await own(w.petition1.petitionId, { trainer: w.t1.trainerId })).toMatchObject({
        id: w.petition1.petitionId,
      });
      expect(await own(w.alphaPending, { provider: w.alpha })).toMatchObject({ id: w.alphaPending });
      expect(await own(w.alphaKey.id, { provider: w.alpha })).toMatchObject({ id: w.alphaKey.id });
    });

    it.each<[string, () => string, string]>([
      ['another trainer’s certification', () => w.t1.certificationId, CERT],
      ['another trainer’s petition', () => w.petition1.petitionId, '... on Petition { justification }'],
      ['the completion of another trainer’s petition', () => w.petition1.completionId, '... on Completion { title }'],
      ['another trainer', () => w.t1.trainerId, '... on Trainer { email }'],
      ['another trainer’s CPR/AED card', () => w.card1, '... on CprAedCredential { cardNumber }'],
      ['another trainer’s audit', () => w.audit.auditId, '... on Audit { status }'],
      ['another trainer’s application', () => w.audit.applicationId, '... on RecertificationApplication { status }'],
    ])('a trainer asking node for %s gets null', async (_name, id, selection) => {
      const res = await t.gql(NODE(selection), { id: id() }, { trainer: w.t2.trainerId });
      expect(outcome(res)).toEqual({ status: 200, codes: undefined, data: { node: null } });
    });

    it('a trainer asking nodes for another trainer’s objects gets a null for each', async () => {
      const ids = [
        w.t1.certificationId,
        w.petition1.petitionId,
        w.petition1.completionId,
        w.t1.trainerId,
        w.card1,
        w.audit.auditId,
        w.audit.applicationId,
      ];
      const res = await t.gql(
        `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ${CERT} } }`,
        { ids },
        {
          trainer: w.t2.trainerId,
        },
      );
      expect(outcome(res)).toEqual({ status: 200, codes: undefined, data: { nodes: ids.map(() => null) } });
    });

    it('a trainer asking for another trainer’s transcript, petition, quote or petitions gets nothing', async () => {
      const res = await t.gql(
        `query($cert: ID!, $petition: ID!, $today: Date!) {
          transcript(certificationId: $cert) { certification { number } entries { completion { title } } }
          petition(id: $petition) { justification }
          recertificationQuote(certificationId: $cert, receivedOn: $today) { acceptable }
          petitions(filter: { certificationId: $cert }) { totalCount nodes { id } }
        }`,
        { cert: w.t1.certificationId, petition: w.petition1.petitionId, today: TODAY },
        { trainer: w.t2.trainerId },
      );
      expect(outcome(res)).toEqual({
        status: 200,
        codes: undefined,
        data: { transcript: null, petition: null, recertificationQuote: null, petitions: { totalCount: 0, nodes: [] } },
      });
    });

    it('a provider asking for another provider’s pending course or API key gets null', async () => {
      const beta: As = { provider: w.beta };
      const single = await t.gql(
        `query($course: ID!, $key: ID!) {
          node(id: $course) { id ... on Course { title } }
          course(id: $course) { title }
          key: node(id: $key) { id ... on ApiKey { prefix label provider { name } } }
        }`,
        { course: w.alphaPending, key: w.alphaKey.id },
        beta,
      );
      expect(outcome(single)).toEqual({ status: 200, codes: undefined, data: { node: null, course: null, key: null } });
      const many = await t.gql(
        'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Course { title } ... on ApiKey { prefix } } }',
        { ids: [w.alphaPending, w.alphaKey.id] },
        beta,
      );
      expect(outcome(many)).toEqual({ status: 200, codes: undefined, data: { nodes: [null, null] } });
      const lists = await t.gql<{
        apiKeys: { id: string; provider: { id: string } }[];
        courses: { totalCount: number };
      }>(
        `query($alpha: ID!) {
          apiKeys(providerId: $alpha) { id prefix provider { id } }
          courses(filter: { providerId: $alpha, status: PENDING_REVIEW }) { totalCount }
        }`,
        { alpha: w.alpha },
        beta,
      );
      const seen = data(lists);
      expect(seen.courses.totalCount).toBe(0);
      expect(seen.apiKeys.every((k) => k.provider.id === w.beta)).toBe(true);
      for (const res of [single, many, lists]) {
        expect(JSON.stringify(res.body)).not.toContain(w.alphaPendingTitle);
        expect(JSON.stringify(res.body)).not.toContain(w.alphaKey.prefix);
      }
    });

    // Regression guard (fixed in 1c1c6f5): Completion.certification and Certification.trainer once
    // loaded without a check, so a provider that reported one completion read the trainer's
    // e-mail, card numbers and other certifications.
    it('a provider reaching a trainer through a completion it reported reads no private data', async () => {
      const trainer = await createTrainer(t, { lastName: 'Reported' });
      await recordedCard(t, trainer, { issuedOn: '2026-01-01', expiresOn: '2028-01-01', cardNumber: 'PRIVATE-CARD-7' });
      const email = data(
        await t.gql<{ trainer: { email: string } }>(
          'query($id: ID!) { trainer(id: $id) { email } }',
          { id: trainer.trainerId },
          'staff',
        ),
      ).trainer.email;
      const report = data(
        await t.gql<{ reportCompletions: { results: { status: string; completion: { id: string } }[] } }>(
          `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) {
            results { status completion { id } } userErrors { code } } }`,
          {
            input: {
              rows: [
                {
                  certificationNumber: trainer.number,
                  lastName: 'Reported',
                  courseId: w.alphaApproved,
                  completedOn: TODAY,
                },
              ],
            },
          },
          { provider: w.alpha },
        ),
      );
      expect(report.reportCompletions.results[0].status).toBe('ACCEPTED');
      const res = await t.gql(
        NODE(`... on Completion { certification { number
          trainer { email firstName cprAedCredentials { issuer cardNumber } certifications { number expiresOn } } } }`),
        { id: report.reportCompletions.results[0].completion.id },
        { provider: w.alpha },
      );
      expect(outcome(res)).toEqual({
        status: 200,
        codes: undefined,
        data: {
          node: {
            __typename: 'Completion',
            id: report.reportCompletions.results[0].completion.id,
            certification: null,
          },
        },
      });
      expect(JSON.stringify(res.body)).not.toContain(email);
      expect(JSON.stringify(res.body)).not.toContain('PRIVATE-CARD-7');
    });

    it.each<[string, string, string, () => Record<string, unknown>, () => As, [string, string[]]]>([
      [
        'a provider retiring another provider’s course',
        'retireCourse',
        'CourseActionInput',
        () => ({ courseId: w.alphaApproved, reason: 'Mine now.' }),
        () => ({ provider: w.beta }),
        ['NOT_FOUND', ['input', 'courseId']],
      ],
      [
        'a provider revoking another provider’s API key',
        'revokeApiKey',
        'RevokeApiKeyInput',
        () => ({ apiKeyId: w.alphaKey.id, reason: 'Sabotage.' }),
        () => ({ provider: w.beta }),
        ['NOT_FOUND', ['input', 'apiKeyId']],
      ],
      [
        'a trainer withdrawing another trainer’s petition',
        'withdrawPetition',
        'WithdrawPetitionInput',
        () => ({ petitionId: w.petition1.petitionId }),
        () => ({ trainer: w.t2.trainerId }),
        ['NOT_FOUND', ['input', 'petitionId']],
      ],
      [
        'a trainer petitioning on another trainer’s certification',
        'submitPetition',
        'SubmitPetitionInput',
        () => ({ certificationId: w.t1.certificationId, justification: 'Theirs.', event: EVENT }),
        () => ({ trainer: w.t2.trainerId }),
        ['NOT_FOUND', ['input', 'certificationId']],
      ],
      [
        'a trainer reporting a completion on another trainer’s certification',
        'reportCompletion',
        'ReportCompletionInput',
        () => ({ certificationId: w.t1.certificationId, courseId: w.alphaApproved, completedOn: TODAY }),
        () => ({ trainer: w.t2.trainerId }),
        ['NOT_FOUND', ['input', 'certificationId']],
      ],
      [
        'a trainer applying to recertify another trainer’s certification',
        'submitRecertification',
        'SubmitRecertificationInput',
        () => ({ certificationId: w.t1.certificationId }),
        () => ({ trainer: w.t2.trainerId }),
        ['NOT_FOUND', ['input', 'certificationId']],
      ],
      [
        'a trainer submitting documents to another trainer’s audit',
        'submitAuditDocuments',
        'SubmitAuditDocumentsInput',
        () => ({ auditId: w.audit.auditId, documents: [pdf()] }),
        () => ({ trainer: w.t2.trainerId }),
        ['NOT_FOUND', ['input', 'auditId']],
      ],
    ])('%s is refused NOT_FOUND and nothing is written', async (_name, mutation, inputType, input, as, expected) => {
      const before = await snapshot(t);
      const res = await t.gql<Record<string, Payload<object>>>(
        `mutation($input: ${inputType}!) { ${mutation}(input: $input) { userErrors { code field message } } }`,
        { input: input() },
        as(),
      );
      expect(res.status).toBe(200);
      expect(data(res)[mutation].userErrors.map((e) => [e.code, e.field])).toEqual([expected]);
      expect(await snapshot(t)).toEqual(before);
    });
  });

  describe('hostile text is stored and returned literally', () => {
    const HOSTILE: [string, string][] = [
      ['SQL-looking', `O'Brien'); DROP TABLE provider; -- \\ % _ $1 :id ?`],
      ['script-looking', `<script>alert(1)</script><img src=x onerror=alert(2)>`],
    ];
    for (const [, text] of HOSTILE) planted.add(text);

    type Probe = (text: string) => Promise<{ sent: string; returned: unknown; reread: unknown }>;
    const staffNode = async <T>(id: string, selection: string, as: As = 'staff') =>
      data(await t.gql<{ node: T }>(NODE(selection), { id }, as)).node;
    const logReason = async (subjectId: string) =>
      data(
        await t.gql<{ decisionLog: { nodes: { reason: string | null }[] } }>(
          'query($id: ID!) { decisionLog(filter: { subjectId: $id }) { nodes { reason } } }',
          { id: subjectId },
          'staff',
        ),
      ).decisionLog.nodes.map((n) => n.reason);
    const t1 = (): As => ({ trainer: w.t1.trainerId });

    const course =
      (field: 'title' | 'description'): Probe =>
      async (text) => {
        const res = ok<{ course: Record<string, string> & { id: string } }>(
          await t.gql(REGISTER, { input: courseInput({ [field]: text }) }, { provider: w.alpha }),
          'registerCourse',
        );
        const reread = await staffNode<Record<string, string>>(res.course.id, `... on Course { ${field} }`);
        return { sent: text, returned: res.course[field], reread: reread[field] };
      };
    const update =
      (field: 'title' | 'description'): Probe =>
      async (text) => {
        const courseId = await createCourse(t, w.alpha, { approve: false });
        const res = ok<{ course: Record<string, string> }>(
          await t.gql(
            `mutation($input: UpdateCourseInput!) { updateCourse(input: $input) { course { ${field} } userErrors { code field message } } }`,
            { input: { courseId, [field]: text } },
            { provider: w.alpha },
          ),
          'updateCourse',
        );
        const reread = await staffNode<Record<string, string>>(courseId, `... on Course { ${field} }`);
        return { sent: text, returned: res.course[field], reread: reread[field] };
      };
    const courseReason =
      (mutation: 'reviewCourse' | 'retireCourse'): Probe =>
      async (text) => {
        const courseId = await createCourse(t, w.alpha, { approve: mutation === 'retireCourse' });
        const [inputType, input, as]: [string, Record<string, unknown>, As] =
          mutation === 'reviewCourse'
            ? ['ReviewCourseInput', { courseId, decision: 'REJECT', reason: text }, 'staff']
            : ['CourseActionInput', { courseId, reason: text }, { provider: w.alpha }];
        const res = ok<{ course: { decisionReason: string } }>(
          await t.gql(
            `mutation($input: ${inputType}!) { ${mutation}(input: $input) { course { decisionReason } userErrors { code field message } } }`,
            { input },
            as,
          ),
          mutation,
        );
        const reread = await staffNode<{ decisionReason: string }>(courseId, '... on Course { decisionReason }');
        return { sent: text, returned: res.course.decisionReason, reread: reread.decisionReason };
      };
    const providerReason =
      (mutation: 'rejectProvider' | 'suspendProvider'): Probe =>
      async (text) => {
        const providerId = mutation === 'rejectProvider' ? await pendingProvider(t) : await approvedProvider(t);
        const res = ok<{ provider: { statusReason: string } }>(
          await t.gql(
            `mutation($input: ProviderDecisionInput!) { ${mutation}(input: $input) { provider { statusReason } userErrors { code field message } } }`,
            { input: { providerId, reason: text } },
            'staff',
          ),
          mutation,
        );
        const reread = await staffNode<{ statusReason: string }>(providerId, '... on Provider { statusReason }');
        return { sent: text, returned: res.provider.statusReason, reread: reread.statusReason };
      };
    type PetitionOut = {
      id: string;
      justification: string;
      decisionReason: string;
      completion: Record<string, string>;
    };
    const petition =
      (pick: (p: PetitionOut) => string, input: (text: string) => Record<string, unknown>): Probe =>
      async (text) => {
        const res = ok<{ petition: PetitionOut }>(
          await t.gql(SUBMIT_PETITION, { input: input(text) }, t1()),
          'submitPetition',
        );
        const reread = await staffNode<PetitionOut>(
          res.petition.id,
          '... on Petition { justification decisionReason completion { title providerName } }',
          t1(),
        );
        return { sent: text, returned: pick(res.petition), reread: pick(reread) };
      };
    const petitionReason =
      (mutation: 'decidePetition' | 'withdrawPetition'): Probe =>
      async (text) => {
        const { petitionId } = await petitionEvent(t, w.t1.trainerId, '2026-05-20');
        const [inputType, input, as]: [string, Record<string, unknown>, As] =
          mutation === 'decidePetition'
            ? ['DecidePetitionInput', { petitionId, decision: 'DENY', reason: text }, 'staff']
            : ['WithdrawPetitionInput', { petitionId, reason: text }, t1()];
        const res = ok<{ petition: PetitionOut }>(
          await t.gql(
            `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${PETITION_SELECTION} userErrors { code field message } } }`,
            { input },
            as,
          ),
          mutation,
        );
        const reread = await staffNode<PetitionOut>(petitionId, '... on Petition { decisionReason }');
        return { sent: text, returned: res.petition.decisionReason, reread: reread.decisionReason };
      };
    const card =
      (field: 'issuer' | 'cardNumber'): Probe =>
      async (text) => {
        const res = ok<{ credential: Record<string, string> & { id: string } }>(
          await t.gql(RECORD_CARD, { input: { ...CARD, [field]: text } }, t1()),
          'recordCprAedCredential',
        );
        const reread = await staffNode<Record<string, string>>(
          res.credential.id,
          `... on CprAedCredential { ${field} }`,
          t1(),
        );
        return { sent: text, returned: res.credential[field], reread: reread[field] };
      };
    const document =
      (field: 'name'): Probe =>
      async (text) => {
        const res = ok<{ audit: { documents: Record<string, string>[] } }>(
          await t.gql(
            SUBMIT_DOCUMENTS,
            { input: { auditId: w.audit.auditId, documents: [{ ...pdf(), [field]: text }] } },
            { trainer: w.audit.trainer.trainerId },
          ),
          'submitAuditDocuments',
        );
        const reread = await staffNode<{ documents: Record<string, string>[] }>(
          w.audit.auditId,
          `... on Audit { documents { ${field} } }`,
        );
        return { sent: text, returned: res.audit.documents.at(-1)![field], reread: reread.documents.at(-1)![field] };
      };

    const PROBES: [string, Probe][] = [
      [
        'applyAsProvider.name',
        async (text) => {
          const sent = `${text} #${next()}`;
          const res = ok<{ provider: { id: string; name: string } }>(
            await t.gql(APPLY, { input: { name: sent, contactEmail: 'x@hostile.example' } }),
            'applyAsProvider',
          );
          const reread = await staffNode<{ name: string }>(res.provider.id, '... on Provider { name }');
          return { sent, returned: res.provider.name, reread: reread.name };
        },
      ],
      ['registerCourse.title', course('title')],
      ['registerCourse.description', course('description')],
      ['updateCourse.title', update('title')],
      ['updateCourse.description', update('description')],
      ['reviewCourse.reason (reject)', courseReason('reviewCourse')],
      ['retireCourse.reason', courseReason('retireCourse')],
      ['rejectProvider.reason', providerReason('rejectProvider')],
      ['suspendProvider.reason', providerReason('suspendProvider')],
      [
        'submitPetition.justification',
        petition(
          (p) => p.justification,
          (text) => ({ justification: text, event: EVENT }),
        ),
      ],
      [
        'submitPetition.event.title',
        petition(
          (p) => p.completion.title,
          (text) => ({ justification: 'Relevant.', event: { ...EVENT, title: text } }),
        ),
      ],
      [
        'submitPetition.event.providerName',
        petition(
          (p) => p.completion.providerName,
          (text) => ({ justification: 'Relevant.', event: { ...EVENT, providerName: text } }),
        ),
      ],
      ['decidePetition.reason (deny)', petitionReason('decidePetition')],
      ['withdrawPetition.reason', petitionReason('withdrawPetition')],
      ['recordCprAedCredential.issuer', card('issuer')],
      ['recordCprAedCredential.cardNumber', card('cardNumber')],
      // A document's location is a link, not free text: attacks-text.e2e.test.ts probes it.
      ['submitAuditDocuments.documents.name', document('name')],
      [
        'resolveAudit.reason (fail)',
        async (text) => {
          const { auditId } = await auditedTrainer(t, w.cat);
          const res = ok<{ audit: { reason: string } }>(
            await t.gql(
              `mutation($input: ResolveAuditInput!) { resolveAudit(input: $input) { audit { reason } userErrors { code field message } } }`,
              { input: { auditId, outcome: 'FAIL', reason: text } },
              'staff',
            ),
            'resolveAudit',
          );
          const reread = await staffNode<{ reason: string }>(auditId, '... on Audit { reason }');
          return { sent: text, returned: res.audit.reason, reread: reread.reason };
        },
      ],
      [
        'createApiKey.label',
        async (text) => {
          const res = ok<{ apiKey: { id: string; label: string } }>(
            await t.gql(CREATE_KEY, { input: { providerId: w.alpha, label: text } }, 'staff'),
            'createApiKey',
          );
          const reread = await staffNode<{ label: string }>(res.apiKey.id, '... on ApiKey { label }');
          return { sent: text, returned: res.apiKey.label, reread: reread.label };
        },
      ],
      [
        'revokeApiKey.reason',
        async (text) => {
          const key = ok<{ apiKey: { id: string } }>(
            await t.gql(CREATE_KEY, { input: { providerId: w.alpha } }, 'staff'),
            'createApiKey',
          );
          ok(
            await t.gql(
              'mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id } userErrors { code field message } } }',
              { input: { apiKeyId: key.apiKey.id, reason: text } },
              { provider: w.alpha },
            ),
            'revokeApiKey',
          );
          const reasons = await logReason(key.apiKey.id);
          return { sent: text, returned: reasons.at(-1), reread: reasons.at(-1) };
        },
      ],
      [
        'reportCompletions.externalRef',
        async (text) => {
          const trainer = await createTrainer(t);
          const res = ok<{ results: { status: string; externalRef: string; completion: { id: string } }[] }>(
            await t.gql(
              `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) {
                results { status externalRef completion { id } } userErrors { code field message } } }`,
              {
                input: {
                  rows: [
                    {
                      certificationNumber: trainer.number,
                      lastName: trainer.lastName,
                      courseId: w.alphaApproved,
                      completedOn: TODAY,
                      externalRef: text,
                    },
                  ],
                },
              },
              { provider: w.alpha },
            ),
            'reportCompletions',
          );
          expect(res.results[0].status).toBe('ACCEPTED');
          const reread = await staffNode<{ externalRef: string }>(
            res.results[0].completion.id,
            '... on Completion { externalRef }',
          );
          return { sent: text, returned: res.results[0].externalRef, reread: reread.externalRef };
        },
      ],
      [
        'setHandsOnWaiver.reason',
        async (text) => {
          const year = 2100 + next();
          const res = ok<{ waiver: { id: string; reason: string } }>(
            await t.gql(
              `mutation($input: SetHandsOnWaiverInput!) { setHandsOnWaiver(input: $input) { waiver { id reason } userErrors { code field message } } }`,
              { input: { startsOn: `${year}-03-01`, liftedOn: `${year}-03-02`, reason: text } },
              'staff',
            ),
            'setHandsOnWaiver',
          );
          const reread = await staffNode<{ reason: string }>(res.waiver.id, '... on HandsOnWaiverPeriod { reason }');
          return { sent: text, returned: res.waiver.reason, reread: reread.reason };
        },
      ],
      [
        'setFeeSchedule.reason',
        async (text) => {
          const res = ok<{ feeSchedule: { id: string } }>(
            await t.gql(
              `mutation($input: SetFeeScheduleInput!) { setFeeSchedule(input: $input) { feeSchedule { id } userErrors { code field message } } }`,
              {
                input: {
                  effectiveFrom: `${2040 + next()}-01-01`,
                  recertificationFee: '99.00',
                  lateFee: '30.00',
                  additionalFee: '50.00',
                  reason: text,
                },
              },
              'staff',
            ),
            'setFeeSchedule',
          );
          const reasons = await logReason(res.feeSchedule.id);
          return { sent: text, returned: reasons.at(-1), reread: reasons.at(-1) };
        },
      ],
    ];

    const rows = PROBES.flatMap(([field, probe]) => HOSTILE.map(([kind, text]) => [field, kind, probe, text] as const));

    it.each(rows)('%s keeps a %s string literally', async (_field, _kind, probe, text) => {
      const { sent, returned, reread } = await probe(text);
      expect(sent).toContain(text);
      expect({ returned, reread }).toEqual({ returned: sent, reread: sent });
    });

    it('a course code keeps SQL-comment characters where its format allows them', async () => {
      const code = `x--1.OR.1_1-${next()}`;
      const res = ok<{ course: { id: string; code: string } }>(
        await t.gql(REGISTER, { input: courseInput({ code }) }, { provider: w.alpha }),
        'registerCourse',
      );
      expect(res.course.code).toBe(code);
      expect((await staffNode<{ code: string }>(res.course.id, '... on Course { code }')).code).toBe(code);
    });

    it.each(HOSTILE)('a %s course code is refused INVALID_FORMAT and nothing is written', async (_kind, text) => {
      const before = await snapshot(t);
      const res = await t.gql<{ registerCourse: Payload<{ course: null }> }>(
        REGISTER,
        { input: courseInput({ code: text.slice(0, 40) }) },
        { provider: w.alpha },
      );
      expect(data(res).registerCourse).toEqual({
        course: null,
        userErrors: [expect.objectContaining({ code: 'INVALID_FORMAT', field: ['input', 'code'] })],
      });
      expect(await snapshot(t)).toEqual(before);
    });

    it('afterwards every table is still there and the hostile rows are found by plain search', async () => {
      // Reads every row of every table: a dropped or emptied table would show here.
      const tables = await snapshot(t);
      for (const table of ['provider', 'course', 'petition', 'completion', 'audit', 'decision_log_entry']) {
        expect({ table, rows: (tables[table]?.length ?? 0) > 0 }).toEqual({ table, rows: true });
      }
      const [, sql] = HOSTILE[0];
      const found = data(
        await t.gql<{ providers: { nodes: { name: string }[] }; courses: { nodes: { title: string }[] } }>(
          `query($text: String) {
            providers(first: 100, filter: { text: $text }) { nodes { name } }
            courses(first: 100, filter: { text: $text }) { nodes { title } }
          }`,
          { text: sql },
          'staff',
        ),
      );
      expect(found.providers.nodes.length).toBeGreaterThan(0);
      for (const { name } of found.providers.nodes) expect(name.startsWith(sql)).toBe(true);
      expect(found.courses.nodes.map((c) => c.title)).toContain(sql);
    });
  });

  describe('long and non-Latin text', () => {
    const SCRIPTS: [string, string][] = [
      ['CJK', '健身房訓練課程'],
      ['CJK beyond the BMP (surrogate pairs)', '𠜎𠜱𠝹𠱓𠱸𠲖𠳏'],
      ['right-to-left Arabic', 'مدربلياقةبدنية'],
      ['emoji ZWJ sequences', '👩‍👩‍👧‍👦🏋️‍♀️🧑🏽‍🏫'],
      ['combining marks', 'Z̴̡̢̛a̵̛̭l̶̰̈g̷̣̐o̸̤͊'],
      ['a right-to-left override', '\u202Eexe.ssentif'],
    ];
    const MIXED = SCRIPTS.map(([, unit]) => unit).join('');

    interface LimitProbe {
      limit: number;
      field: string[];
      /** Writes what the probe needs before the snapshot is taken. */
      prepare?: () => Promise<string>;
      send: (
        value: string,
        prepared: string,
      ) => Promise<{ status: number; userErrors: UserErrorOut[]; stored: string | null }>;
    }
    const sent = async <T>(
      query: string,
      input: Record<string, unknown>,
      as: As,
      mutation: string,
      pick: (payload: T) => string | undefined,
    ) => {
      const res = await t.gql<Record<string, Payload<T>>>(query, { input }, as);
      const payload = res.body.data?.[mutation];
      return {
        status: res.status,
        userErrors: payload?.userErrors ?? [],
        stored: payload && !payload.userErrors.length ? (pick(payload) ?? null) : null,
      };
    };
    const t1 = (): As => ({ trainer: w.t1.trainerId });
    const LIMITS: Record<string, LimitProbe> = {
      'applyAsProvider.name': {
        limit: 200,
        field: ['input', 'name'],
        send: (name) =>
          sent<{ provider: { name: string } | null }>(
            APPLY,
            { name, contactEmail: 'u@unicode.example' },
            undefined,
            'applyAsProvider',
            (p) => p.provider?.name,
          ),
      },
      'registerCourse.title': {
        limit: 200,
        field: ['input', 'title'],
        send: (title) =>
          sent<{ course: { title: string } | null }>(
            REGISTER,
            courseInput({ title }),
            { provider: w.alpha },
            'registerCourse',
            (p) => p.course?.title,
          ),
      },
      'registerCourse.description': {
        limit: 5000,
        field: ['input', 'description'],
        send: (description) =>
          sent<{ course: { description: string } | null }>(
            REGISTER,
            courseInput({ description }),
            { provider: w.alpha },
            'registerCourse',
            (p) => p.course?.description,
          ),
      },
      'submitPetition.justification': {
        limit: 2000,
        field: ['input', 'justification'],
        send: (justification) =>
          sent<{ petition: { justification: string } | null }>(
            SUBMIT_PETITION,
            { justification, event: EVENT },
            t1(),
            'submitPetition',
            (p) => p.petition?.justification,
          ),
      },
      'submitPetition.event.title': {
        limit: 200,
        field: ['input', 'event', 'title'],
        send: (title) =>
          sent<{ petition: { completion: { title: string } } | null }>(
            SUBMIT_PETITION,
            { justification: 'Relevant.', event: { ...EVENT, title } },
            t1(),
            'submitPetition',
            (p) => p.petition?.completion.title,
          ),
      },
      'recordCprAedCredential.issuer': {
        limit: 200,
        field: ['input', 'issuer'],
        send: (issuer) =>
          sent<{ credential: { issuer: string } | null }>(
            RECORD_CARD,
            { ...CARD, issuer },
            t1(),
            'recordCprAedCredential',
            (p) => p.credential?.issuer,
          ),
      },
      'submitAuditDocuments.documents.name': {
        limit: 200,
        field: ['input', 'documents', '0', 'name'],
        send: (name) =>
          sent<{ audit: { documents: { name: string }[] } | null }>(
            SUBMIT_DOCUMENTS,
            { auditId: w.audit.auditId, documents: [{ ...pdf(), name }] },
            { trainer: w.audit.trainer.trainerId },
            'submitAuditDocuments',
            (p) => p.audit?.documents.at(-1)?.name,
          ),
      },
      'reviewCourse.reason (reject)': {
        limit: 2000,
        field: ['input', 'reason'],
        prepare: () => createCourse(t, w.alpha, { approve: false }),
        send: (reason, courseId) =>
          sent<{ course: { decisionReason: string } | null }>(
            `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { course { decisionReason } userErrors { code field message } } }`,
            { courseId, decision: 'REJECT', reason },
            'staff',
            'reviewCourse',
            (p) => p.course?.decisionReason,
          ),
      },
    };

    const rows = [
      ...SCRIPTS.map(([script, unit]) => ['applyAsProvider.name', script, unit] as const),
      ...Object.keys(LIMITS)
        .filter((field) => field !== 'applyAsProvider.name')
        .map((field) => [field, 'mixed scripts', MIXED] as const),
    ];

    it.each(rows)('%s with %s: exactly the limit is stored literally', async (field, _script, unit) => {
      const { limit, prepare, send } = LIMITS[field];
      const value = fill(unit, limit, `${next()}-`);
      expect(codePoints(value)).toBe(limit);
      const res = await send(value, (await prepare?.()) ?? '');
      expect({ status: res.status, userErrors: res.userErrors }).toEqual({ status: 200, userErrors: [] });
      expect(res.stored).toBe(value);
    });

    it.each(rows)('%s with %s: one character more is TOO_LONG and nothing is written', async (field, _script, unit) => {
      const { limit, field: path, prepare, send } = LIMITS[field];
      const value = fill(unit, limit + 1, `${next()}-`);
      expect(codePoints(value)).toBe(limit + 1);
      const prepared = (await prepare?.()) ?? '';
      const before = await snapshot(t);
      const res = await send(value, prepared);
      expect({ status: res.status, errors: res.userErrors.map((e) => [e.code, e.field]) }).toEqual({
        status: 200,
        errors: [['TOO_LONG', path]],
      });
      expect(res.stored).toBeNull();
      expect(await snapshot(t)).toEqual(before);
    });

    it('a lone UTF-16 surrogate in a name is 400 BAD_USER_INPUT naming the field, and nothing is written', async () => {
      const before = await snapshot(t);
      const res = await raw(
        t,
        APPLY,
        `{"input":{"name":"Lone \\ud800 Surrogate ${next()}","contactEmail":"s@unicode.example"}}`,
      );
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(res.body.errors![0].extensions!.invalidFields).toEqual([
        { field: ['input', 'name'], message: expect.stringContaining('not well-formed Unicode') },
      ]);
      expect(await snapshot(t)).toEqual(before);
    });
  });

  describe('impossible dates and hostile numbers', () => {
    const t1 = (): As => ({ trainer: w.t1.trainerId });

    it.each<[string, string, (bad: string) => Record<string, unknown>, () => As, string]>([
      [
        'recordCprAedCredential.issuedOn',
        RECORD_CARD,
        (bad) => ({ input: { ...CARD, issuedOn: bad } }),
        t1,
        '2026-02-30',
      ],
      [
        'recordCprAedCredential.expiresOn',
        RECORD_CARD,
        (bad) => ({ input: { ...CARD, expiresOn: bad } }),
        t1,
        '2027-02-29',
      ],
      [
        'submitPetition.event.completedOn',
        SUBMIT_PETITION,
        (bad) => ({ input: { justification: 'Relevant.', event: { ...EVENT, completedOn: bad } } }),
        t1,
        '2026-04-31',
      ],
      [
        'setFeeSchedule.effectiveFrom',
        `mutation($input: SetFeeScheduleInput!) { setFeeSchedule(input: $input) { userErrors { code } } }`,
        (bad) => ({
          input: { effectiveFrom: bad, recertificationFee: '1.00', lateFee: '1.00', additionalFee: '1.00' },
        }),
        () => 'staff',
        '2026-13-01',
      ],
      [
        'setHandsOnWaiver.startsOn',
        `mutation($input: SetHandsOnWaiverInput!) { setHandsOnWaiver(input: $input) { userErrors { code } } }`,
        (bad) => ({ input: { startsOn: bad } }),
        () => 'staff',
        '0000-00-00',
      ],
      [
        'transcript(asOf:)',
        'query($cert: ID!, $d: Date) { transcript(certificationId: $cert, asOf: $d) { asOf } }',
        (bad) => ({ cert: w.t1.certificationId, d: bad }),
        t1,
        '2026-06-15T00:00:00Z',
      ],
      [
        'recertificationQuote(receivedOn:)',
        'query($cert: ID!, $d: Date!) { recertificationQuote(certificationId: $cert, receivedOn: $d) { acceptable } }',
        (bad) => ({ cert: w.t1.certificationId, d: bad }),
        t1,
        '+002026-06-15',
      ],
      [
        'courses(filter: { on })',
        'query($d: Date) { courses(filter: { on: $d, creditPath: AUTOMATIC }) { totalCount } }',
        (bad) => ({ d: bad }),
        () => undefined,
        "2026-06-15' OR '1'='1",
      ],
      [
        'Course.creditPath(on:)',
        'query($id: ID!, $d: Date) { course(id: $id) { creditPath(on: $d) { path } } }',
        (bad) => ({ id: w.alphaApproved, d: bad }),
        () => undefined,
        '2025-02-29',
      ],
    ])(
      '%s = %s in variables is 400 BAD_USER_INPUT, not echoed, nothing written',
      async (_name, query, variables, as, bad) => {
        planted.add(bad);
        const before = await snapshot(t);
        const res = await t.gql(query, variables(bad), as());
        expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
        expect(JSON.stringify(res.body)).not.toContain(bad);
        expect(await snapshot(t)).toEqual(before);
      },
    );

    /** Decimal inputs: the mutation, its input with `value` in place, the caller and the field path. */
    const DECIMALS: Record<
      string,
      { query: string; input: (v: unknown) => Record<string, unknown>; as: () => As; field: string[] }
    > = {
      'registerCourse.contactHours': {
        query: REGISTER,
        input: (v) => courseInput({ contactHours: v }),
        as: () => ({ provider: w.alpha }),
        field: ['input', 'contactHours'],
      },
      'submitPetition.event.contactHours': {
        query: SUBMIT_PETITION,
        input: (v) => ({ justification: 'Relevant.', event: { ...EVENT, contactHours: v } }),
        as: t1,
        field: ['input', 'event', 'contactHours'],
      },
      'decidePetition.awardedCeu': {
        query: `mutation($input: DecidePetitionInput!) { decidePetition(input: $input) { petition { id } userErrors { code field message } } }`,
        input: (v) => ({ petitionId: w.petition1.petitionId, decision: 'APPROVE', awardedCeu: v }),
        as: () => 'staff',
        field: ['input', 'awardedCeu'],
      },
      'setFeeSchedule.lateFee': {
        query: `mutation($input: SetFeeScheduleInput!) { setFeeSchedule(input: $input) { feeSchedule { id } userErrors { code field message } } }`,
        input: (v) => ({
          effectiveFrom: '2039-01-01',
          recertificationFee: '99.00',
          lateFee: v,
          additionalFee: '50.00',
        }),
        as: () => 'staff',
        field: ['input', 'lateFee'],
      },
      'setProgramPolicy.auditRate': {
        query: `mutation($input: SetProgramPolicyInput!) { setProgramPolicy(input: $input) { programPolicy { auditRate } userErrors { code field message } } }`,
        input: (v) => ({ auditRate: v }),
        as: () => 'staff',
        field: ['input', 'auditRate'],
      },
      'setProgramPolicy.petitionFee': {
        query: `mutation($input: SetProgramPolicyInput!) { setProgramPolicy(input: $input) { programPolicy { petitionFee { amount } } userErrors { code field message } } }`,
        input: (v) => ({ petitionFee: v }),
        as: () => 'staff',
        field: ['input', 'petitionFee'],
      },
    };
    const mutationOf = (query: string) => /\{\s*(\w+)\(input/.exec(query)![1];

    const decimalRows = Object.keys(DECIMALS).flatMap((target) =>
      ['NaN', 'Infinity', '-Infinity', '1e309', '99999999999999999999', '0x10', ''].map((v) => [target, v] as const),
    );
    it.each(decimalRows)('%s = "%s" is 400 BAD_USER_INPUT and nothing is written', async (target, value) => {
      const { query, input, as } = DECIMALS[target];
      const before = await snapshot(t);
      const res = await t.gql(query, { input: input(value) }, as());
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(await snapshot(t)).toEqual(before);
    });

    it.each(Object.keys(DECIMALS))(
      '%s given the JSON number 1e309 (Infinity) is 400 BAD_USER_INPUT',
      async (target) => {
        const { query, input, as } = DECIMALS[target];
        const res = await raw(
          t,
          query,
          JSON.stringify({ input: input('__RAW__') }).replace('"__RAW__"', '1e309'),
          as(),
        );
        expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      },
    );

    const userErrorRows: [string, string, string][] = [
      ['registerCourse.contactHours', '-1', 'INVALID_FORMAT'],
      ['registerCourse.contactHours', '999999999999.999999', 'INVALID_FORMAT'],
      ['submitPetition.event.contactHours', '-1', 'INVALID_FORMAT'],
      ['submitPetition.event.contactHours', '999999999999', 'INVALID_FORMAT'],
      ['decidePetition.awardedCeu', '-1', 'INVALID_FORMAT'],
      ['decidePetition.awardedCeu', '999999999999', 'INVALID_FORMAT'],
      ['setFeeSchedule.lateFee', '-1', 'INVALID_FORMAT'],
      ['setFeeSchedule.lateFee', '999999999999', 'INVALID_FORMAT'],
      ['setProgramPolicy.auditRate', '-1', 'INVALID_FORMAT'],
      ['setProgramPolicy.auditRate', '1.0001', 'INVALID_FORMAT'],
      ['setProgramPolicy.petitionFee', '-1', 'INVALID_FORMAT'],
      ['setProgramPolicy.petitionFee', '999999999999', 'INVALID_FORMAT'],
    ];
    it.each(userErrorRows)('%s = "%s" is refused %s and nothing is written', async (target, value, code) => {
      const { query, input, as, field } = DECIMALS[target];
      const before = await snapshot(t);
      const res = await t.gql<Record<string, Payload<object>>>(query, { input: input(value) }, as());
      expect(res.status).toBe(200);
      expect(data(res)[mutationOf(query)].userErrors.map((e) => [e.code, e.field])).toEqual([[code, field]]);
      expect(await snapshot(t)).toEqual(before);
    });

    const INTS: Record<
      string,
      { query: string; input: (v: unknown) => Record<string, unknown>; as: () => As; field: string[] }
    > = {
      'setProgramPolicy.auditDocumentsDays': {
        query: DECIMALS['setProgramPolicy.auditRate'].query,
        input: (v) => ({ auditDocumentsDays: v }),
        as: () => 'staff',
        field: ['input', 'auditDocumentsDays'],
      },
      'submitAuditDocuments.documents.sizeBytes': {
        query: SUBMIT_DOCUMENTS,
        input: (v) => ({ auditId: w.audit.auditId, documents: [{ ...pdf(), sizeBytes: v }] }),
        as: () => ({ trainer: w.audit.trainer.trainerId }),
        field: ['input', 'documents', '0', 'sizeBytes'],
      },
    };
    const intRows = Object.keys(INTS).flatMap((target) =>
      ['"NaN"', '"Infinity"', '"12"', '1e309', '99999999999999999999', '2147483648', '1.5', '-2147483649'].map(
        (json) => [target, json] as const,
      ),
    );
    it.each(intRows)('%s = %s is 400 BAD_USER_INPUT and nothing is written', async (target, json) => {
      const { query, input, as } = INTS[target];
      const before = await snapshot(t);
      const res = await raw(t, query, JSON.stringify({ input: input('__RAW__') }).replace('"__RAW__"', json), as());
      expect(outcome(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(await snapshot(t)).toEqual(before);
    });

    it.each([
      ['setProgramPolicy.auditDocumentsDays', -1],
      ['setProgramPolicy.auditDocumentsDays', 2147483647],
      ['submitAuditDocuments.documents.sizeBytes', -1],
      ['submitAuditDocuments.documents.sizeBytes', 2147483647],
    ])('%s = %s is refused OUT_OF_RANGE and nothing is written', async (target, value) => {
      const { query, input, as, field } = INTS[target];
      const before = await snapshot(t);
      const res = await t.gql<Record<string, Payload<object>>>(query, { input: input(value) }, as());
      expect(res.status).toBe(200);
      expect(data(res)[mutationOf(query)].userErrors.map((e) => [e.code, e.field])).toEqual([['OUT_OF_RANGE', field]]);
      expect(await snapshot(t)).toEqual(before);
    });
  });
});

describe('tight limits: a 2 kB body and a query cost of 50', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start({ BODY_LIMIT: '2kb', QUERY_MAX_COST: '50' });
  });
  afterAll(() => t.close());

  /** `{ viewer { role } }` padded with an unused variable to exactly `bytes` bytes. */
  const sized = (bytes: number) => {
    const body = (pad: string) => JSON.stringify({ query: '{ viewer { role } }', variables: { pad } });
    return body('x'.repeat(bytes - Buffer.byteLength(body(''))));
  };

  it('a body of exactly 2048 bytes is served (200)', async () => {
    const body = sized(2048);
    expect(Buffer.byteLength(body)).toBe(2048);
    expect(outcome(await post(t, body))).toEqual({
      status: 200,
      codes: undefined,
      data: { viewer: { role: 'ANONYMOUS' } },
    });
  });

  it('a body of 2049 bytes is 413 PAYLOAD_TOO_LARGE', async () => {
    expect(outcome(await post(t, sized(2049)))).toEqual({ status: 413, codes: ['PAYLOAD_TOO_LARGE'], data: undefined });
  });

  it('a mutation in an oversized body is 413 PAYLOAD_TOO_LARGE and nothing is written', async () => {
    const before = await snapshot(t);
    const res = await post(
      t,
      JSON.stringify({
        query: APPLY,
        variables: {
          input: {
            name: 'Oversized Attack Co',
            contactEmail: 'o@big.example',
            website: `https://big.example/${'x'.repeat(3000)}`,
          },
        },
      }),
    );
    expect(outcome(res)).toEqual({ status: 413, codes: ['PAYLOAD_TOO_LARGE'], data: undefined });
    expect(await snapshot(t)).toEqual(before);
  });

  it('a streamed body without Content-Length is cut off at the limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const parts = ['{"query":"{ viewer { role } }","variables":{"pad":"', 'y'.repeat(4000), '"}}'];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
        controller.close();
      },
    });
    const res = await post(t, stream, {}, { duplex: 'half' });
    expect(outcome(res)).toEqual({ status: 413, codes: ['PAYLOAD_TOO_LARGE'], data: undefined });
  });

  it('a gzip bomb (1 kB that inflates to 1 MB) is 413 PAYLOAD_TOO_LARGE', async () => {
    const bomb = gzipSync(JSON.stringify({ query: '{ viewer { role } }', variables: { pad: ' '.repeat(1_000_000) } }));
    expect(bomb.length).toBeLessThan(2048);
    const res = await post(t, bomb, { 'content-encoding': 'gzip' });
    expect(outcome(res)).toEqual({ status: 413, codes: ['PAYLOAD_TOO_LARGE'], data: undefined });
  });

  it('a cheap query reports its cost in extensions.cost', async () => {
    const res = await t.gql('{ viewer { role } }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { viewer: { role: 'ANONYMOUS' } },
      extensions: { cost: { requested: 2, maximum: 50 } },
    });
  });

  it.each([['a page of 24', '{ courses(first: 24) { nodes { id } } }', 49]])(
    '%s is under the limit: served with its cost (%s)',
    async (_name, query, cost) => {
      const res = await t.gql(query);
      expect(outcome(res)).toEqual({ status: 200, codes: undefined, data: { courses: { nodes: [] } } });
      expect((res.body as Body).extensions).toEqual({ cost: { requested: cost, maximum: 50 } });
    },
  );

  it.each([
    ['courses(first: 100)', '{ courses(first: 100) { nodes { id } } }', undefined, 201],
    ['courses(last: 100)', '{ courses(last: 100) { nodes { id } } }', undefined, 201],
    ['a page of 25', '{ courses(first: 25) { nodes { id } } }', undefined, 51],
    ['first: 1000000 (counted as 100)', '{ courses(first: 1000000) { nodes { id } } }', undefined, 201],
    ['first given in a variable', 'query($n: Int) { courses(first: $n) { nodes { id } } }', { n: 100 }, 201],
    [
      'three aliased pages of 10',
      '{ a: courses(first: 10) { nodes { id } } b: courses(first: 10) { nodes { id } } c: courses(first: 10) { nodes { id } } }',
      undefined,
      63,
    ],
    [
      'a page inside a fragment',
      '{ ...F } fragment F on Query { courses(first: 100) { nodes { id } } }',
      undefined,
      201,
    ],
  ])('%s is 400 QUERY_TOO_COMPLEX with the cost', async (_name, query, variables, requested) => {
    const res = await t.gql(query, variables);
    expect(outcome(res)).toEqual({ status: 400, codes: ['QUERY_TOO_COMPLEX'], data: undefined });
    expect(res.body.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: { requested, maximum: 50 } });
    expect((res.body as Body).extensions).toEqual({ cost: { requested, maximum: 50 } });
  });

  it('two default pages (20 items each, cost 82) are 400 QUERY_TOO_COMPLEX', async () => {
    const res = await t.gql('{ a: courses { nodes { id } } b: courses { nodes { id } } }');
    expect({ ...outcome(res), cost: (res.body as Body).extensions?.cost }).toEqual({
      status: 400,
      codes: ['QUERY_TOO_COMPLEX'],
      data: undefined,
      cost: { requested: 82, maximum: 50 },
    });
  });

  it('a costly page hidden behind a fan-out of fragments is still 400 QUERY_TOO_COMPLEX', async () => {
    // 127 fields once spread; a wider fan-out is refused earlier, by the field limit.
    const n = 6;
    const fragments = Array.from(
      { length: n },
      (_, i) => `fragment F${i} on Viewer { role ...F${i + 1} ...F${i + 1} }`,
    );
    const res = await t.gql(
      `{ courses(first: 100) { nodes { id } } viewer { ...F0 } } ${fragments.join(' ')} fragment F${n} on Viewer { role }`,
    );
    expect({ status: res.status, codes: codes(res.body) }).toEqual({ status: 400, codes: ['QUERY_TOO_COMPLEX'] });
  });
});

describe('rate limit: 5 requests a minute per client', () => {
  let t: TestApp;
  let trainer: TrainerFixture;
  beforeAll(async () => {
    // Failed authentications have a bucket of their own (AUTH_FAILURES_PER_MINUTE).
    t = await start({ RATE_LIMIT_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '5' });
    // Fixtures below write directly or through the services: they spend no request budget.
    trainer = await createTrainer(t);
  });
  afterAll(() => t.close());

  const viewer = async (authorization?: string) =>
    post(t, JSON.stringify({ query: '{ viewer { role } }' }), authorization ? { authorization } : {});

  it('the 6th request of one client is 429 RATE_LIMITED with Retry-After; a mutation over budget does not run', async () => {
    const authorization = (await t.credentials({ trainer: trainer.trainerId }))!;
    for (let i = 1; i <= 5; i++) {
      const res = await viewer(authorization);
      expect({ i, status: res.status }).toEqual({ i, status: 200 });
    }
    const sixth = await viewer(authorization);
    expect(outcome(sixth)).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
    const retryAfter = sixth.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(sixth.body.errors![0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: Number(retryAfter) });

    const before = await snapshot(t);
    const mutation = await post(
      t,
      JSON.stringify({
        query: `mutation($input: RecordCprAedCredentialInput!) { recordCprAedCredential(input: $input) { credential { id } } }`,
        variables: { input: CARD },
      }),
      { authorization },
    );
    expect(outcome(mutation)).toEqual({ status: 429, codes: ['RATE_LIMITED'], data: undefined });
    expect(await snapshot(t)).toEqual(before);
  });

  it('meanwhile another client (other credentials) and an anonymous caller are still served', async () => {
    const staff = await viewer(await t.credentials('staff'));
    expect(outcome(staff)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'STAFF' } } });
    const anonymous = await viewer();
    expect(outcome(anonymous)).toEqual({ status: 200, codes: undefined, data: { viewer: { role: 'ANONYMOUS' } } });
  });

  it('made-up credentials from one address are limited too: the 6th is 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await viewer(`Bearer ceu_live_AAAAAAAAAA_${String(i).padStart(40, 'B')}`)).status);
    }
    expect(statuses[5]).toBe(429);
  });
});

describe('production error masking', () => {
  it('no response of this suite carries a stack trace, SQL, a file path or driver details', () => {
    expectNoLeaks(300);
  });
});
