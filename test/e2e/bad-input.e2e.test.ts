import { toGlobalId } from '../../src/common/ids';
import { approvedProvider, createCourse, createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import { As, data, GqlResponse, startTestApp, TestApp } from '../support/harness';

/**
 * Bad input across the mutations (DESIGN §3): a business refusal is a payload `userErrors` entry
 * with a stable code and the path of the field at fault (HTTP 200); a value the GraphQL type
 * system rejects is a top-level BAD_USER_INPUT. Either way a refused mutation changes nothing.
 */

type MutationName =
  | 'applyAsProvider'
  | 'registerCourse'
  | 'updateCourse'
  | 'reviewCourse'
  | 'reportCompletion'
  | 'submitPetition'
  | 'decidePetition';

const MUTATIONS: Record<MutationName, { inputType: string; selection: string }> = {
  applyAsProvider: { inputType: 'ApplyAsProviderInput', selection: 'provider { id name contactEmail website }' },
  registerCourse: { inputType: 'RegisterCourseInput', selection: 'course { id code title description }' },
  updateCourse: { inputType: 'UpdateCourseInput', selection: 'course { id title description }' },
  reviewCourse: { inputType: 'ReviewCourseInput', selection: 'course { id status decisionReason }' },
  reportCompletion: { inputType: 'ReportCompletionInput', selection: 'completion { id }' },
  submitPetition: {
    inputType: 'SubmitPetitionInput',
    selection: 'petition { id justification completion { title providerName } }',
  },
  decidePetition: { inputType: 'DecidePetitionInput', selection: 'petition { id status }' },
};

interface UserErrorShape {
  code: string;
  field: string[] | null;
  message: string;
}
type Payload = { userErrors: UserErrorShape[] } & Record<string, unknown>;

const TODAY = '2026-06-15';
const long = (n: number) => 'x'.repeat(n);
let unique = 0;
/** Unique names and codes, so that a row wrongly accepted cannot make later rows fail as duplicates. */
const fresh = (prefix: string) => `${prefix}-${++unique}`;
/** Error lists compare as sets: the order of constraints is not part of the contract. */
const sorted = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Objects made in beforeAll that the rows refer to. */
interface World {
  providerId: string;
  otherProviderId: string;
  pendingCourseId: string;
  otherProvidersCourseId: string;
  approvedCourseId: string;
  trainer: TrainerFixture;
  petitionId: string;
}

const VALID_EVENT = {
  title: 'Kettlebell workshop',
  providerName: 'Local Gym',
  completedOn: '2026-06-01',
  contactHours: '2',
};

/** A valid input and caller per mutation: every row changes one thing (or a few) of it. */
const BASE: Record<MutationName, { as: (w: World) => As; input: (w: World) => Record<string, unknown> }> = {
  applyAsProvider: {
    as: () => undefined,
    input: () => ({
      name: fresh('Valid Partner Co'),
      contactEmail: 'ce@valid.example',
      website: 'https://valid.example',
    }),
  },
  registerCourse: {
    as: (w) => ({ provider: w.providerId }),
    input: () => ({
      code: fresh('VALID'),
      title: 'Valid course',
      contactHours: '10',
      topics: ['NUTRITION'],
      deliveryFormat: 'IN_PERSON',
    }),
  },
  updateCourse: { as: (w) => ({ provider: w.providerId }), input: (w) => ({ courseId: w.pendingCourseId }) },
  reviewCourse: { as: () => 'staff', input: (w) => ({ courseId: w.pendingCourseId, decision: 'APPROVE' }) },
  reportCompletion: {
    as: (w) => ({ trainer: w.trainer.trainerId }),
    input: (w) => ({ courseId: w.approvedCourseId, completedOn: '2026-06-01' }),
  },
  submitPetition: {
    as: (w) => ({ trainer: w.trainer.trainerId }),
    input: () => ({ event: VALID_EVENT, justification: 'It covered program design for kettlebells.' }),
  },
  decidePetition: { as: () => 'staff', input: (w) => ({ petitionId: w.petitionId, decision: 'APPROVE' }) },
};

type Change = Record<string, unknown> | ((w: World) => Record<string, unknown>);
type Expected =
  { userErrors: [code: string, field: string[] | null][] } | { topLevel: 'BAD_USER_INPUT'; status: number };

const refused = (...errors: [string, string[] | null][]): Expected => ({ userErrors: errors });
const typeError: Expected = { topLevel: 'BAD_USER_INPUT', status: 400 };
const event = (patch: Record<string, unknown>) => ({ event: { ...VALID_EVENT, ...patch } });
const input = (...path: string[]) => ['input', ...path];

/** [name, mutation, change to the valid input (undefined drops a field), expected, caller override] */
type Row = [string, MutationName, Change, Expected, ((w: World) => As)?];

const ROWS: Row[] = [
  // applyAsProvider (public)
  ['applyAsProvider: empty name', 'applyAsProvider', { name: '' }, refused(['REQUIRED', input('name')])],
  ['applyAsProvider: blank name', 'applyAsProvider', { name: '   ' }, refused(['REQUIRED', input('name')])],
  ['applyAsProvider: 201-character name', 'applyAsProvider', { name: long(201) }, refused(['TOO_LONG', input('name')])],
  [
    'applyAsProvider: e-mail that is not one',
    'applyAsProvider',
    { contactEmail: 'not-an-email' },
    refused(['INVALID_FORMAT', input('contactEmail')]),
  ],
  [
    'applyAsProvider: script-looking e-mail',
    'applyAsProvider',
    { contactEmail: '<script>alert(1)</script>' },
    refused(['INVALID_FORMAT', input('contactEmail')]),
  ],
  [
    'applyAsProvider: javascript: URL as web site',
    'applyAsProvider',
    { website: 'javascript:alert(1)' },
    refused(['INVALID_FORMAT', input('website')]),
  ],
  [
    'applyAsProvider: ftp URL as web site',
    'applyAsProvider',
    { website: 'ftp://files.example' },
    refused(['INVALID_FORMAT', input('website')]),
  ],
  [
    'applyAsProvider: empty idempotency key',
    'applyAsProvider',
    { idempotencyKey: '' },
    refused(['REQUIRED', input('idempotencyKey')]),
  ],
  [
    'applyAsProvider: 201-character idempotency key',
    'applyAsProvider',
    { idempotencyKey: long(201) },
    refused(['TOO_LONG', input('idempotencyKey')]),
  ],
  ['applyAsProvider: missing name', 'applyAsProvider', { name: undefined }, typeError],
  ['applyAsProvider: name given as a number', 'applyAsProvider', { name: 42 }, typeError],

  // registerCourse (provider)
  [
    'registerCourse: 201-character title',
    'registerCourse',
    { title: long(201) },
    refused(['TOO_LONG', input('title')]),
  ],
  ['registerCourse: empty title', 'registerCourse', { title: '' }, refused(['REQUIRED', input('title')])],
  ['registerCourse: blank title', 'registerCourse', { title: '   ' }, refused(['REQUIRED', input('title')])],
  [
    'registerCourse: 5001-character description',
    'registerCourse',
    { description: long(5001) },
    refused(['TOO_LONG', input('description')]),
  ],
  [
    'registerCourse: empty code',
    'registerCourse',
    { code: '' },
    refused(['REQUIRED', input('code')], ['INVALID_FORMAT', input('code')]),
  ],
  ['registerCourse: code with a space', 'registerCourse', { code: 'A B' }, refused(['INVALID_FORMAT', input('code')])],
  [
    'registerCourse: SQL-looking code',
    'registerCourse',
    { code: "X1'; DROP TABLE course;--" },
    refused(['INVALID_FORMAT', input('code')]),
  ],
  ['registerCourse: 41-character code', 'registerCourse', { code: long(41) }, refused(['TOO_LONG', input('code')])],
  ['registerCourse: no topics', 'registerCourse', { topics: [] }, refused(['REQUIRED', input('topics')])],
  [
    'registerCourse: six topics',
    'registerCourse',
    { topics: ['NUTRITION', 'BUSINESS', 'RECOVERY', 'PERFORMANCE', 'PROGRAM_DESIGN', 'BEHAVIOR_CHANGE'] },
    refused(['TOO_MANY_ITEMS', input('topics')]),
  ],
  [
    'registerCourse: the same topic twice',
    'registerCourse',
    { topics: ['NUTRITION', 'NUTRITION'] },
    refused(['INVALID_INPUT', input('topics')]),
  ],
  [
    'registerCourse: negative contact hours "-1"',
    'registerCourse',
    { contactHours: '-1' },
    refused(['INVALID_FORMAT', input('contactHours')]),
  ],
  [
    'registerCourse: zero contact hours "0"',
    'registerCourse',
    { contactHours: '0' },
    refused(['OUT_OF_RANGE', input('contactHours')]),
  ],
  [
    'registerCourse: contact hours "0.4" below the minimum (0.5)',
    'registerCourse',
    { contactHours: '0.4' },
    refused(['OUT_OF_RANGE', input('contactHours')]),
  ],
  [
    'registerCourse: contact hours "200.1" above the maximum (200)',
    'registerCourse',
    { contactHours: '200.1' },
    refused(['OUT_OF_RANGE', input('contactHours')]),
  ],
  [
    'registerCourse: contact hours "1.25" finer than 0.1',
    'registerCourse',
    { contactHours: '1.25' },
    refused(['INVALID_FORMAT', input('contactHours')]),
  ],
  [
    'registerCourse: huge contact hours "99999999"',
    'registerCourse',
    { contactHours: '99999999' },
    refused(['INVALID_FORMAT', input('contactHours')]),
  ],
  [
    'registerCourse: several faults at once are all answered',
    'registerCourse',
    { title: '', contactHours: '1.25', topics: [] },
    refused(['REQUIRED', input('title')], ['REQUIRED', input('topics')], ['INVALID_FORMAT', input('contactHours')]),
  ],
  [
    'registerCourse: staff without a provider',
    'registerCourse',
    {},
    refused(['REQUIRED', input('providerId')]),
    () => 'staff',
  ],
  [
    'registerCourse: staff naming a provider that does not exist',
    'registerCourse',
    { providerId: toGlobalId('Provider', 987654) },
    refused(['NOT_FOUND', input('providerId')]),
    () => 'staff',
  ],
  ['registerCourse: Decimal given as a number', 'registerCourse', { contactHours: 10 }, typeError],
  ['registerCourse: Decimal "abc"', 'registerCourse', { contactHours: 'abc' }, typeError],
  ['registerCourse: Decimal ""', 'registerCourse', { contactHours: '' }, typeError],
  ['registerCourse: unknown delivery format', 'registerCourse', { deliveryFormat: 'SMOKE_SIGNALS' }, typeError],
  ['registerCourse: unknown topic', 'registerCourse', { topics: ['ASTROLOGY'] }, typeError],
  ['registerCourse: missing title', 'registerCourse', { title: undefined }, typeError],

  // updateCourse (provider, own courses)
  [
    'updateCourse: course ID that was never issued',
    'updateCourse',
    { courseId: 'crs_doesnotexist' },
    refused(['NOT_FOUND', input('courseId')]),
  ],
  [
    'updateCourse: well-formed course ID of no course',
    'updateCourse',
    { courseId: toGlobalId('Course', 987654) },
    refused(['NOT_FOUND', input('courseId')]),
  ],
  [
    'updateCourse: a provider ID where a course ID is due',
    'updateCourse',
    (w) => ({ courseId: w.providerId }),
    refused(['NOT_FOUND', input('courseId')]),
  ],
  [
    'updateCourse: another provider’s course',
    'updateCourse',
    (w) => ({ courseId: w.otherProvidersCourseId }),
    refused(['NOT_FOUND', input('courseId')]),
  ],
  [
    'updateCourse: 41-character course ID',
    'updateCourse',
    { courseId: `crs_${long(37)}` },
    refused(['TOO_LONG', input('courseId')]),
  ],
  [
    'updateCourse: an approved course cannot be changed',
    'updateCourse',
    (w) => ({ courseId: w.approvedCourseId, title: 'New title' }),
    refused(['INVALID_TRANSITION', input('courseId')]),
  ],
  ['updateCourse: 201-character title', 'updateCourse', { title: long(201) }, refused(['TOO_LONG', input('title')])],
  ['updateCourse: empty title', 'updateCourse', { title: '' }, refused(['REQUIRED', input('title')])],
  ['updateCourse: blank title', 'updateCourse', { title: '   ' }, refused(['REQUIRED', input('title')])],
  [
    'updateCourse: 5001-character description',
    'updateCourse',
    { description: long(5001) },
    refused(['TOO_LONG', input('description')]),
  ],
  ['updateCourse: no topics', 'updateCourse', { topics: [] }, refused(['REQUIRED', input('topics')])],
  [
    'updateCourse: six topics',
    'updateCourse',
    { topics: ['NUTRITION', 'BUSINESS', 'RECOVERY', 'PERFORMANCE', 'PROGRAM_DESIGN', 'BEHAVIOR_CHANGE'] },
    refused(['TOO_MANY_ITEMS', input('topics')]),
  ],
  [
    'updateCourse: contact hours "0"',
    'updateCourse',
    { contactHours: '0' },
    refused(['OUT_OF_RANGE', input('contactHours')]),
  ],
  [
    'updateCourse: contact hours "-1"',
    'updateCourse',
    { contactHours: '-1' },
    refused(['INVALID_FORMAT', input('contactHours')]),
  ],
  [
    'updateCourse: contact hours "1.25"',
    'updateCourse',
    { contactHours: '1.25' },
    refused(['INVALID_FORMAT', input('contactHours')]),
  ],
  ['updateCourse: unknown delivery format', 'updateCourse', { deliveryFormat: 'CARRIER_PIGEON' }, typeError],

  // reviewCourse (staff)
  ['reviewCourse: CEU value "0"', 'reviewCourse', { ceuValue: '0' }, refused(['OUT_OF_RANGE', input('ceuValue')])],
  [
    'reviewCourse: CEU value "100"',
    'reviewCourse',
    { ceuValue: '100' },
    refused(['INVALID_FORMAT', input('ceuValue')]),
  ],
  [
    'reviewCourse: CEU value "1.234"',
    'reviewCourse',
    { ceuValue: '1.234' },
    refused(['INVALID_FORMAT', input('ceuValue')]),
  ],
  ['reviewCourse: CEU value "-1"', 'reviewCourse', { ceuValue: '-1' }, refused(['INVALID_FORMAT', input('ceuValue')])],
  [
    'reviewCourse: reject without a reason',
    'reviewCourse',
    { decision: 'REJECT' },
    refused(['REQUIRED', input('reason')]),
  ],
  [
    'reviewCourse: reject with a blank reason',
    'reviewCourse',
    { decision: 'REJECT', reason: '   ' },
    refused(['REQUIRED', input('reason')]),
  ],
  [
    'reviewCourse: 2001-character reason',
    'reviewCourse',
    { decision: 'REJECT', reason: long(2001) },
    refused(['TOO_LONG', input('reason')]),
  ],
  [
    'reviewCourse: unknown course',
    'reviewCourse',
    { courseId: toGlobalId('Course', 987654) },
    refused(['NOT_FOUND', input('courseId')]),
  ],
  ['reviewCourse: CEU value given as a number', 'reviewCourse', { ceuValue: 1.5 }, typeError],
  ['reviewCourse: unknown decision', 'reviewCourse', { decision: 'MAYBE' }, typeError],
  ['reviewCourse: missing decision', 'reviewCourse', { decision: undefined }, typeError],

  // reportCompletion (trainer)
  ['reportCompletion: impossible date 2026-02-30', 'reportCompletion', { completedOn: '2026-02-30' }, typeError],
  ['reportCompletion: 2025-02-29 (not a leap year)', 'reportCompletion', { completedOn: '2025-02-29' }, typeError],
  ['reportCompletion: date without padding 2026-1-01', 'reportCompletion', { completedOn: '2026-1-01' }, typeError],
  ['reportCompletion: date with a time', 'reportCompletion', { completedOn: '2026-06-01T00:00:00Z' }, typeError],
  ['reportCompletion: empty date', 'reportCompletion', { completedOn: '' }, typeError],
  [
    'reportCompletion: a date after today',
    'reportCompletion',
    { completedOn: '2026-06-16' },
    refused(['FUTURE_DATE', input('completedOn')]),
  ],
  [
    'reportCompletion: a date before the certification was issued',
    'reportCompletion',
    { completedOn: '2020-01-01' },
    refused(['BEFORE_CERTIFICATION', input('completedOn')]),
  ],
  [
    'reportCompletion: unknown course',
    'reportCompletion',
    { courseId: 'crs_doesnotexist' },
    refused(['NOT_FOUND', input('courseId')]),
  ],
  [
    'reportCompletion: a course never approved is not in the catalogue',
    'reportCompletion',
    (w) => ({ courseId: w.pendingCourseId }),
    refused(['NOT_FOUND', input('courseId')]),
  ],
  [
    'reportCompletion: unknown certification',
    'reportCompletion',
    { certificationId: toGlobalId('Certification', 987654) },
    refused(['NOT_FOUND', input('certificationId')]),
  ],
  [
    'reportCompletion: 201-character idempotency key',
    'reportCompletion',
    { idempotencyKey: long(201) },
    refused(['TOO_LONG', input('idempotencyKey')]),
  ],

  // submitPetition (trainer)
  [
    'submitPetition: empty justification',
    'submitPetition',
    { justification: '' },
    refused(['REQUIRED', input('justification')]),
  ],
  [
    'submitPetition: blank justification',
    'submitPetition',
    { justification: ' \n\t ' },
    refused(['REQUIRED', input('justification')]),
  ],
  [
    'submitPetition: blank event title',
    'submitPetition',
    event({ title: '   ' }),
    refused(['REQUIRED', input('event', 'title')]),
  ],
  [
    'submitPetition: 2001-character justification',
    'submitPetition',
    { justification: long(2001) },
    refused(['TOO_LONG', input('justification')]),
  ],
  [
    'submitPetition: 201-character event title',
    'submitPetition',
    event({ title: long(201) }),
    refused(['TOO_LONG', input('event', 'title')]),
  ],
  [
    'submitPetition: empty event title',
    'submitPetition',
    event({ title: '' }),
    refused(['REQUIRED', input('event', 'title')]),
  ],
  [
    'submitPetition: 201-character event provider name',
    'submitPetition',
    event({ providerName: long(201) }),
    refused(['TOO_LONG', input('event', 'providerName')]),
  ],
  [
    'submitPetition: event contact hours "0"',
    'submitPetition',
    event({ contactHours: '0' }),
    refused(['OUT_OF_RANGE', input('event', 'contactHours')]),
  ],
  [
    'submitPetition: event contact hours "0.4" below the minimum (0.5)',
    'submitPetition',
    event({ contactHours: '0.4' }),
    refused(['OUT_OF_RANGE', input('event', 'contactHours')]),
  ],
  [
    'submitPetition: event contact hours "200.1" above the maximum (200)',
    'submitPetition',
    event({ contactHours: '200.1' }),
    refused(['OUT_OF_RANGE', input('event', 'contactHours')]),
  ],
  [
    'submitPetition: event contact hours "-1"',
    'submitPetition',
    event({ contactHours: '-1' }),
    refused(['INVALID_FORMAT', input('event', 'contactHours')]),
  ],
  [
    'submitPetition: event contact hours "1.25"',
    'submitPetition',
    event({ contactHours: '1.25' }),
    refused(['INVALID_FORMAT', input('event', 'contactHours')]),
  ],
  [
    'submitPetition: event contact hours "99999999"',
    'submitPetition',
    event({ contactHours: '99999999' }),
    refused(['INVALID_FORMAT', input('event', 'contactHours')]),
  ],
  [
    'submitPetition: event completed after today',
    'submitPetition',
    event({ completedOn: '2026-06-16' }),
    refused(['FUTURE_DATE', input('event', 'completedOn')]),
  ],
  [
    'submitPetition: neither a completion nor an event',
    'submitPetition',
    { event: undefined },
    refused(['INVALID_INPUT', ['input']]),
  ],
  [
    'submitPetition: unknown transcript entry',
    'submitPetition',
    { event: undefined, completionId: toGlobalId('Completion', 987654) },
    refused(['NOT_FOUND', input('completionId')]),
  ],
  ['submitPetition: event date 2026-02-30', 'submitPetition', event({ completedOn: '2026-02-30' }), typeError],
  ['submitPetition: event date 2025-02-29', 'submitPetition', event({ completedOn: '2025-02-29' }), typeError],
  ['submitPetition: event contact hours as a number', 'submitPetition', event({ contactHours: 2 }), typeError],
  ['submitPetition: event without contact hours', 'submitPetition', event({ contactHours: undefined }), typeError],
  ['submitPetition: missing justification', 'submitPetition', { justification: undefined }, typeError],

  // decidePetition (staff)
  [
    'decidePetition: unknown petition',
    'decidePetition',
    { petitionId: 'pet_doesnotexist' },
    refused(['NOT_FOUND', input('petitionId')]),
  ],
  [
    'decidePetition: awarded CEU "0"',
    'decidePetition',
    { awardedCeu: '0' },
    refused(['OUT_OF_RANGE', input('awardedCeu')]),
  ],
  [
    'decidePetition: awarded CEU "100"',
    'decidePetition',
    { awardedCeu: '100' },
    refused(['INVALID_FORMAT', input('awardedCeu')]),
  ],
  [
    'decidePetition: awarded CEU "1.234"',
    'decidePetition',
    { awardedCeu: '1.234' },
    refused(['INVALID_FORMAT', input('awardedCeu')]),
  ],
  [
    'decidePetition: deny without a reason',
    'decidePetition',
    { decision: 'DENY' },
    refused(['REQUIRED', input('reason')]),
  ],
  [
    'decidePetition: 2001-character reason',
    'decidePetition',
    { decision: 'DENY', reason: long(2001) },
    refused(['TOO_LONG', input('reason')]),
  ],
  ['decidePetition: awarded CEU "abc"', 'decidePetition', { awardedCeu: 'abc' }, typeError],
  ['decidePetition: awarded CEU as a number', 'decidePetition', { awardedCeu: 1 }, typeError],
  ['decidePetition: unknown decision', 'decidePetition', { decision: 'MAYBE' }, typeError],
];

function operation(mutation: MutationName): string {
  const { inputType, selection } = MUTATIONS[mutation];
  return `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${selection} userErrors { code field message } } }`;
}

/** Every string in an input, to check that no message repeats one back. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('bad input: every refusal is exact, and a refused mutation changes nothing', () => {
  let t: TestApp;
  let w: World;

  const send = (mutation: MutationName, change: Change, as?: ((w: World) => As) | null) => {
    const patch = typeof change === 'function' ? change(w) : change;
    const variables = { input: { ...BASE[mutation].input(w), ...patch } };
    return {
      variables,
      response: t.gql<Record<string, Payload>>(operation(mutation), variables, (as ?? BASE[mutation].as)(w)),
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    const providerId = await approvedProvider(t);
    const otherProviderId = await approvedProvider(t);
    const trainer = await createTrainer(t, { expiresOn: '2027-06-30' });
    const petition = data(
      await t.gql<{ submitPetition: { petition: { id: string } } }>(
        operation('submitPetition'),
        { input: { event: VALID_EVENT, justification: 'Set-up petition.' } },
        { trainer: trainer.trainerId },
      ),
    );
    w = {
      providerId,
      otherProviderId,
      pendingCourseId: await createCourse(t, providerId, { approve: false }),
      otherProvidersCourseId: await createCourse(t, otherProviderId, { approve: false }),
      approvedCourseId: await createCourse(t, providerId),
      trainer,
      petitionId: petition.submitPetition.petition.id,
    };
  });
  afterAll(() => t.close());

  // Every row gets all five arguments: Jest would take a missing last one for a `done` callback.
  const rows = ROWS.map(
    ([name, mutation, change, expected, as]) => [name, mutation, change, expected, as ?? null] as const,
  );

  it.each(rows)('%s', async (_name, mutation, change, expected, as) => {
    const before = await snapshot(t);
    const { variables, response } = send(mutation, change, as);
    const res = await response;
    if ('userErrors' in expected) {
      expect(res.status).toBe(200);
      const payload = data(res)[mutation];
      expect(sorted(payload.userErrors.map((e) => [e.code, e.field]))).toEqual(sorted(expected.userErrors));
      // The object is absent from a refused payload.
      expect(Object.entries(payload).filter(([key, value]) => key !== 'userErrors' && value !== null)).toEqual([]);
      // Messages explain the rule; they never repeat the bad value back.
      for (const error of payload.userErrors) {
        expect(error.message.trim()).not.toBe('');
        for (const value of strings(variables.input).filter((s) => s.length >= 4)) {
          expect(error.message).not.toContain(value);
        }
      }
    } else {
      expect(res.status).toBe(expected.status);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([expected.topLevel]);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  describe('values the type system rejects in literals fail validation (GRAPHQL_VALIDATION_FAILED)', () => {
    it.each([
      ['an impossible date 2026-02-30', 'completedOn: "2026-02-30"'],
      ['2025-02-29 (not a leap year)', 'completedOn: "2025-02-29"'],
      ['a date without padding 2026-1-01', 'completedOn: "2026-1-01"'],
      ['a date given as a number', 'completedOn: 20260601'],
    ])('reportCompletion with %s in the document', async (_name, literal) => {
      const before = await snapshot(t);
      const res = await t.gql(
        `mutation { reportCompletion(input: { courseId: "${w.approvedCourseId}", ${literal} }) { completion { id } userErrors { code } } }`,
        undefined,
        { trainer: w.trainer.trainerId },
      );
      expect({
        status: res.status,
        codes: res.body.errors?.map((e) => e.extensions?.code),
        data: res.body.data,
      }).toEqual({
        status: 400,
        codes: ['GRAPHQL_VALIDATION_FAILED'],
        data: undefined,
      });
      expect(await snapshot(t)).toEqual(before);
    });

    it.each([
      ['a Decimal given as a number', 'contactHours: 10'],
      ['a Decimal "abc"', 'contactHours: "abc"'],
    ])('registerCourse with %s in the document', async (_name, literal) => {
      const before = await snapshot(t);
      const res = await t.gql(
        `mutation { registerCourse(input: { code: "LIT-1", title: "Literal", ${literal}, topics: [NUTRITION], deliveryFormat: IN_PERSON }) { course { id } userErrors { code } } }`,
        undefined,
        { provider: w.providerId },
      );
      expect({
        status: res.status,
        codes: res.body.errors?.map((e) => e.extensions?.code),
        data: res.body.data,
      }).toEqual({
        status: 400,
        codes: ['GRAPHQL_VALIDATION_FAILED'],
        data: undefined,
      });
      expect(await snapshot(t)).toEqual(before);
    });
  });

  describe('top-level input errors do not echo the bad value back', () => {
    it.each<[string, MutationName, Change, string]>([
      [
        'a script-looking string as a Date',
        'reportCompletion',
        { completedOn: '<script>alert(1)</script>' },
        '<script>',
      ],
      [
        'an SQL-looking string as a Decimal',
        'registerCourse',
        { contactHours: "Robert'); DROP TABLE course;--" },
        'DROP TABLE',
      ],
      ['an unknown enum value', 'registerCourse', { deliveryFormat: 'SECRET_FORMAT_X' }, 'SECRET_FORMAT_X'],
      [
        'a missing field (the rest of the input is not repeated either)',
        'registerCourse',
        { title: undefined, description: 'PRIVATE-NOTE-4711' },
        'PRIVATE-NOTE-4711',
      ],
    ])('%s', async (_name, mutation, change, secret) => {
      const res = await send(mutation, change).response;
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(res.body)).not.toContain(secret);
    });

    it('a bad literal is not echoed either', async () => {
      const res = await t.gql(
        `mutation { reportCompletion(input: { courseId: "${w.approvedCourseId}", completedOn: "2026-02-30" }) { completion { id } } }`,
        undefined,
        { trainer: w.trainer.trainerId },
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain('2026-02-30');
    });
  });

  describe('hostile-looking and non-Latin text is stored and returned literally', () => {
    it.each([
      ['an SQL-looking name', "Robert'); DROP TABLE provider;--"],
      ['a script-looking name', '<script>alert(1)</script>'],
      ['a non-Latin name', 'Łódź Fitness 健身'],
      ['a name with quotes and backslashes', `O'Brien "Fit" \\ Co`],
      ['a name of exactly 200 characters', long(200)],
    ])('applyAsProvider stores %s literally', async (_name, name) => {
      const res = data(
        await t.gql<{ applyAsProvider: Payload & { provider: { id: string; name: string } } }>(
          operation('applyAsProvider'),
          { input: { name, contactEmail: 'ce@literal.example' } },
        ),
      );
      expect(res.applyAsProvider.userErrors).toEqual([]);
      expect(res.applyAsProvider.provider.name).toBe(name);
      const reread = data(
        await t.gql<{ provider: { name: string } }>(
          `query($id: ID!) { provider(id: $id) { name } }`,
          { id: res.applyAsProvider.provider.id },
          'staff',
        ),
      );
      expect(reread.provider).toEqual({ name });
    });

    it('names differing only in case, accents and spacing are duplicates, also for non-Latin names', async () => {
      const apply = (name: string) =>
        t.gql<{ applyAsProvider: Payload }>(operation('applyAsProvider'), {
          input: { name, contactEmail: 'ce@dup.example' },
        });
      expect(data(await apply('Ćwiczenia Studio 健身房')).applyAsProvider.userErrors).toEqual([]);
      const before = await snapshot(t);
      const again = data(await apply('  ĆWICZENIA   studio 健身房 '));
      expect(again.applyAsProvider.userErrors.map((e) => [e.code, e.field])).toEqual([
        ['DUPLICATE_PROVIDER', ['input', 'name']],
      ]);
      expect(again.applyAsProvider.provider).toBeNull();
      expect(await snapshot(t)).toEqual(before);
    });

    it.each([
      ['SQL-looking title', { title: "Robert'); DROP TABLE course;--" }],
      ['script-looking title', { title: '<script>alert(1)</script>' }],
      ['non-Latin title and description', { title: 'Łódź Fitness 健身', description: 'Ćwiczenia — 健身 — тренировка' }],
      ['script-looking description', { description: '<img src=x onerror=alert(1)>' }],
      ['200-character title and 5000-character description', { title: long(200), description: long(5000) }],
    ])('registerCourse with a %s', async (_name, text: Record<string, string>) => {
      const res = data(
        await t.gql<{ registerCourse: Payload & { course: { id: string; title: string; description: string } } }>(
          operation('registerCourse'),
          {
            input: { ...BASE.registerCourse.input(w), code: `LIT-${Math.random().toString(36).slice(2, 10)}`, ...text },
          },
          { provider: w.providerId },
        ),
      );
      expect(res.registerCourse.userErrors).toEqual([]);
      expect(res.registerCourse.course).toMatchObject(text);
      const reread = data(
        await t.gql<{ course: Record<string, string> }>(
          `query($id: ID!) { course(id: $id) { title description } }`,
          { id: res.registerCourse.course.id },
          'staff',
        ),
      );
      expect(reread.course).toMatchObject(text);
      // The tables are still there and still answer.
      const all = data(
        await t.gql<{ courses: { totalCount: number } }>(`{ courses { totalCount } }`, undefined, 'staff'),
      );
      expect(all.courses.totalCount).toBeGreaterThan(3);
    });

    it('text filters treat LIKE wildcards and quotes literally', async () => {
      const providerId = await approvedProvider(t);
      const titles = ['100% Strength_Training', "Coach's \\ Corner", 'Plain course'];
      for (const title of titles) await createCourse(t, providerId, { title, approve: false });
      const search = async (text: string) =>
        data(
          await t.gql<{ courses: { nodes: { title: string }[] } }>(
            `query($filter: CourseFilter) { courses(filter: $filter) { nodes { title } } }`,
            { filter: { providerId, text } },
            'staff',
          ),
        ).courses.nodes.map((n) => n.title);
      expect(await search('%')).toEqual(['100% Strength_Training']);
      expect(await search('_')).toEqual(['100% Strength_Training']);
      expect(await search("'")).toEqual(["Coach's \\ Corner"]);
      expect(await search('\\')).toEqual(["Coach's \\ Corner"]);
      expect(await search("' OR '1'='1")).toEqual([]);
    });

    it('a petition keeps SQL-looking and script-looking text literally', async () => {
      const text = {
        justification: "'; DELETE FROM petition; -- it was relevant",
        title: '<script>alert("pet")</script>',
        providerName: 'Łódź Fitness 健身',
      };
      const res = data(
        await t.gql<{
          submitPetition: Payload & {
            petition: { justification: string; completion: { title: string; providerName: string } };
          };
        }>(
          operation('submitPetition'),
          {
            input: {
              justification: text.justification,
              event: { ...VALID_EVENT, completedOn: '2026-05-02', title: text.title, providerName: text.providerName },
            },
          },
          { trainer: w.trainer.trainerId },
        ),
      );
      expect(res.submitPetition.userErrors).toEqual([]);
      expect(res.submitPetition.petition).toMatchObject({
        justification: text.justification,
        completion: { title: text.title, providerName: text.providerName },
      });
    });
  });

  describe('names that pass validation never become a server fault', () => {
    it.each([
      ['200 ligatures (each folds to three letters)', 'ﬃ'.repeat(200)],
      ['200 emoji with variation selectors', '❤️'.repeat(200)],
      ['a NUL character', 'Null\u0000Byte Fitness'],
    ])('applyAsProvider with %s', async (_name, name) => {
      const before = await snapshot(t);
      const res = await t.gql<{ applyAsProvider: Payload & { provider: { name: string } | null } }>(
        operation('applyAsProvider'),
        { input: { name, contactEmail: 'ce@unicode.example' } },
      );
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const payload = res.body.data!.applyAsProvider;
      if (payload.provider) {
        expect(payload.provider.name).toBe(name);
      } else {
        // Refusing is acceptable too, as long as it is a user error on the name and nothing changed.
        expect(payload.userErrors.map((e) => e.field)).toEqual([['input', 'name']]);
        expect(await snapshot(t)).toEqual(before);
      }
    });
  });

  // Last, since it changes the world: the unchanged base inputs are accepted, so each row above
  // was refused for the change it made and nothing else.
  it('control: every valid base input is accepted', async () => {
    for (const mutation of Object.keys(MUTATIONS) as MutationName[]) {
      const res: GqlResponse<Record<string, Payload>> = await send(mutation, {}).response;
      expect({ mutation, status: res.status, userErrors: data(res)[mutation].userErrors }).toEqual({
        mutation,
        status: 200,
        userErrors: [],
      });
    }
  });
});
