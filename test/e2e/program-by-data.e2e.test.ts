/**
 * A third program by data alone: an NSCA-like credential defined and changed through the API
 * (`defineProgram`, `updateProgramPolicy`), with no code of its own: 6.0 CEUs over 36 months at
 * 0.1 CEU a contact hour, four categories capped at 5.5, 4.0, 5.5 and 4.0, two of them used, at
 * most 2.0 CEUs from one event, a current CPR/AED card required but worth no CEU, and 45 days
 * for audit documents. Its quotes and compliance come out of the same rules as the CPT's.
 */
import { data, scriptedRandom, startTestApp, TestApp } from '../support/harness';

const PROGRAM = 'NSCA-CSCS';
const APPROVED_ON = '2026-01-02';
const TODAY = '2026-06-15';

interface ComplianceOut {
  continuingEducation: { required: string; earned: string; remaining: string };
  categories: { code: string; earned: string; counted: string; maximum: string | null }[];
  cappedCeu: string;
  cprAed: { status: string; earned: string; required: string };
  totalEarned: string;
  totalRequired: string;
  acceptable: boolean;
  blockers: { code: string }[];
}

let t: TestApp;
let partner: string;
let serial = 0;
const courses: Record<string, string> = {};

async function gql<T>(query: string, variables: Record<string, unknown>, as: Parameters<TestApp['gql']>[2]) {
  return data(await t.gql<T>(query, variables, as));
}

type Errors = { userErrors: { code: string; field: string[]; message: string }[] };
const PROGRAM_FIELDS = `code name policy { effectiveFrom cycleMonths requiredCeu ceuPerContactHour cprAedRequired cprAedCeu
  auditDocumentsDays maximumCeuPerEvent minimumCategories recertificationFee { amount }
  categories { code maximumCeu minimumCeu } } policyVersions { effectiveFrom recertificationFee { amount } }`;

const CATEGORIES = [
  { code: 'ATTEND', name: 'Attending events', maximumCeu: '5.5' },
  { code: 'QUIZ', name: 'Quizzes and courses', maximumCeu: '4.0' },
  { code: 'SPEAK', name: 'Speaking and teaching', maximumCeu: '5.5' },
  { code: 'PUBLISH', name: 'Publications', maximumCeu: '4.0' },
];

async function course(ceuValue: string, categoryCode: string): Promise<string> {
  const n = ++serial;
  const registered = await gql<{ registerCourse: { course: { id: string } } }>(
    `mutation($input: RegisterCourseInput!) { registerCourse(input: $input) { course { id } userErrors { code } } }`,
    {
      input: {
        code: `N-${n}`,
        title: `Strength course ${n}`,
        contactHours: '10',
        topics: ['PERFORMANCE'],
        deliveryFormat: 'IN_PERSON',
      },
    },
    { provider: partner },
  );
  const id = registered.registerCourse.course.id;
  const reviewed = await gql<{ reviewCourse: Errors }>(
    `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code field message } } }`,
    { input: { courseId: id, decision: 'APPROVE', programs: [{ programCode: PROGRAM, ceuValue, categoryCode }] } },
    'staff',
  );
  expect(reviewed.reviewCourse.userErrors).toEqual([]);
  return id;
}

async function holder(withCard = true) {
  const n = ++serial;
  const res = await gql<{
    issueCertification: { certification: { id: string; expiresOn: string; trainer: { id: string } } };
  }>(
    `mutation($input: IssueCertificationInput!) { issueCertification(input: $input) {
      certification { id expiresOn trainer { id } } userErrors { code message } } }`,
    {
      input: {
        programCode: PROGRAM,
        issuedOn: '2025-01-10',
        trainer: { firstName: 'Sam', lastName: `Strength${n}`, email: `sam${n}@coaches.example` },
      },
    },
    'staff',
  );
  const certification = res.issueCertification.certification;
  if (withCard) {
    await gql(
      `mutation($input: RecordCprAedCredentialInput!) { recordCprAedCredential(input: $input) { userErrors { code } } }`,
      {
        input: {
          issuer: 'Red Cross',
          issuedOn: '2026-01-10',
          expiresOn: '2028-01-10',
          coversAdultCpr: true,
          coversAed: true,
          format: 'IN_PERSON',
        },
      },
      { trainer: certification.trainer.id },
    );
  }
  return certification;
}

async function scenario(keys: string[], withCard = true) {
  const c = await holder(withCard);
  for (const [i, key] of keys.entries()) {
    const res = await gql<{ reportCompletion: { completion: { creditPath: string } | null } & Errors }>(
      `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) { completion { creditPath } userErrors { code field message } } }`,
      {
        input: {
          certificationId: c.id,
          courseId: courses[key],
          completedOn: `2026-02-${String(2 + i).padStart(2, '0')}`,
        },
      },
      { trainer: c.trainer.id },
    );
    expect(res.reportCompletion.completion?.creditPath).toBe('AUTOMATIC');
  }
  const compliance = await gql<{ node: { compliance: ComplianceOut } }>(
    `query($id: ID!) { node(id: $id) { ... on Certification { compliance {
      continuingEducation { required earned remaining } categories { code earned counted maximum } cappedCeu
      cprAed { status earned required } totalEarned totalRequired acceptable blockers { code } } } } }`,
    { id: c.id },
    'staff',
  );
  const transcript = await gql<{ transcript: { entries: { standing: string; countedCeu: string }[] } }>(
    `query($id: ID!) { transcript(certificationId: $id) { entries { standing countedCeu } } }`,
    { id: c.id },
    'staff',
  );
  return { certification: c, compliance: compliance.node.compliance, entries: transcript.transcript.entries };
}

const quote = async (certificationId: string, receivedOn: string) =>
  (
    await gql<{ recertificationQuote: { phase: string; total: { amount: string } } }>(
      `query($id: ID!, $on: Date!) { recertificationQuote(certificationId: $id, receivedOn: $on) { phase total { amount } } }`,
      { id: certificationId, on: receivedOn },
      'staff',
    )
  ).recertificationQuote;

beforeAll(async () => {
  // Applications are always drawn for audit, to read the documents window.
  t = await startTestApp({ today: APPROVED_ON, random: scriptedRandom(...Array(50).fill(0)) });
  const defined = await gql<{ defineProgram: { program: { code: string } } & Errors }>(
    `mutation($input: DefineProgramInput!) { defineProgram(input: $input) { program { code } userErrors { code field message } } }`,
    {
      input: {
        code: 'nsca-cscs',
        name: 'Certified Strength and Conditioning Specialist',
        reason: 'A credential of a partner body, on the same ledger.',
        policy: {
          cycleMonths: 36,
          requiredCeu: '6.0',
          ceuPerContactHour: '0.1',
          cprAedRequired: true,
          cprAedCeu: '0',
          handsOnRequired: true,
          petitionFee: '25.00',
          recertificationFee: '100.00',
          lateFee: '25.00',
          additionalFee: '50.00',
          categories: CATEGORIES,
          minimumCategories: 2,
          maximumCeuPerEvent: '2.0',
        },
      },
    },
    'staff',
  );
  expect(defined.defineProgram).toEqual({ program: { code: PROGRAM }, userErrors: [] });
  const updated = await gql<{ updateProgramPolicy: Errors }>(
    `mutation($input: UpdateProgramPolicyInput!) { updateProgramPolicy(input: $input) { userErrors { code field message } } }`,
    { input: { programCode: PROGRAM, policy: { auditDocumentsDays: 45 }, reason: 'Documents by post take longer.' } },
    'staff',
  );
  expect(updated.updateProgramPolicy.userErrors).toEqual([]);
  const applied = await gql<{ applyAsProvider: { provider: { id: string } } }>(
    `mutation($input: ApplyAsProviderInput!) { applyAsProvider(input: $input) { provider { id } userErrors { code } } }`,
    { input: { name: 'Strength Academy', contactEmail: 'ce@strength.example', programCodes: [PROGRAM] } },
    undefined,
  );
  partner = applied.applyAsProvider.provider.id;
  await gql(
    `mutation($input: ProviderDecisionInput!) { approveProvider(input: $input) { userErrors { code } } }`,
    { input: { providerId: partner } },
    'staff',
  );
  for (const [key, ceu, category] of [
    ['A2', '2.0', 'ATTEND'],
    ['A2b', '2.0', 'ATTEND'],
    ['A2c', '2.0', 'ATTEND'],
    ['A3', '3.0', 'ATTEND'],
    ['Q2', '2.0', 'QUIZ'],
    ['Q2b', '2.0', 'QUIZ'],
    ['Q2c', '2.0', 'QUIZ'],
    ['Q1_99', '1.99', 'QUIZ'],
    ['S2', '2.0', 'SPEAK'],
  ] as const)
    courses[key] = await course(ceu, category);
  t.clock.setToday(TODAY);
}, 120_000);
afterAll(() => t.close());

describe('a program defined by data alone', () => {
  it('defineProgram and updateProgramPolicy are in the decision log, with who, why and the policy', async () => {
    const res = await gql<{
      decisionLog: { nodes: { action: string; reason: string | null; details: Record<string, unknown> }[] };
    }>(`{ decisionLog(first: 100) { nodes { action reason details } } }`, {}, 'staff');
    const entries = res.decisionLog.nodes.filter((n) => /^PROGRAM_/.test(n.action));
    expect(entries.map((e) => [e.action, e.reason])).toEqual([
      ['PROGRAM_DEFINED', 'A credential of a partner body, on the same ledger.'],
      ['PROGRAM_POLICY_UPDATED', 'Documents by post take longer.'],
    ]);
    expect(entries[0].details).toMatchObject({ program: PROGRAM, policy: { cycleMonths: 36, requiredCeu: '6.0' } });
    expect(entries[1].details).toMatchObject({
      program: PROGRAM,
      before: { auditDocumentsDays: 30 },
      after: { auditDocumentsDays: 45 },
    });
  });

  it('programs lists it with every number as given', async () => {
    const res = await gql<{ program: Record<string, unknown> }>(
      `query { program(code: "${PROGRAM}") { ${PROGRAM_FIELDS} } }`,
      {},
      undefined,
    );
    expect(res.program).toMatchObject({
      code: PROGRAM,
      policy: {
        cycleMonths: 36,
        requiredCeu: '6.0',
        ceuPerContactHour: '0.1',
        cprAedRequired: true,
        cprAedCeu: '0.0',
        auditDocumentsDays: 45,
        maximumCeuPerEvent: '2.0',
        minimumCategories: 2,
        categories: CATEGORIES.map(({ code, maximumCeu }) => ({ code, maximumCeu, minimumCeu: null })),
      },
    });
  });

  it.each<
    [
      string,
      string[],
      boolean,
      { acceptable: boolean; blockers: string[]; earned: string; capped: string; counted?: string[] },
    ]
  >([
    [
      'R1: 6.0 CEUs from two categories: accepted',
      ['A2', 'A2b', 'Q2'],
      true,
      { acceptable: true, blockers: [], earned: '6.0', capped: '0.0' },
    ],
    [
      'R1: 0.01 short: CE_SHORT',
      ['A2', 'A2b', 'Q1_99'],
      true,
      { acceptable: false, blockers: ['CE_SHORT'], earned: '5.99', capped: '0.0' },
    ],
    [
      'per event: a 3.0-CEU course counts 2.0',
      ['A3', 'Q2', 'S2'],
      true,
      { acceptable: true, blockers: [], earned: '6.0', capped: '1.0', counted: ['2.0', '2.0', '2.0'] },
    ],
    [
      'category cap: QUIZ stops at 4.0; the third course is CAPPED',
      ['Q2', 'Q2b', 'Q2c', 'S2'],
      true,
      { acceptable: true, blockers: [], earned: '6.0', capped: '2.0', counted: ['2.0', '2.0', '0.0', '2.0'] },
    ],
    [
      'category cap: ATTEND stops at 5.5; the third course counts 1.5',
      ['A2', 'A2b', 'A2c', 'Q2'],
      true,
      { acceptable: true, blockers: [], earned: '7.5', capped: '0.5', counted: ['2.0', '2.0', '1.5', '2.0'] },
    ],
    [
      'two categories: one category alone is CATEGORIES_TOO_FEW (and short: 5.5 at most)',
      ['A2', 'A2b', 'A2c'],
      true,
      { acceptable: false, blockers: ['CATEGORIES_TOO_FEW', 'CE_SHORT'], earned: '5.5', capped: '0.5' },
    ],
    [
      'R7: a card is required though it brings no CEU',
      ['A2', 'A2b', 'Q2'],
      false,
      { acceptable: false, blockers: ['CPR_AED_MISSING'], earned: '6.0', capped: '0.0' },
    ],
  ])('%s', async (_name, keys, withCard, expected) => {
    const { compliance, entries } = await scenario(keys, withCard);
    expect({
      acceptable: compliance.acceptable,
      blockers: compliance.blockers.map((b) => b.code).sort(),
      earned: compliance.continuingEducation.earned,
      capped: compliance.cappedCeu,
    }).toEqual({
      acceptable: expected.acceptable,
      blockers: expected.blockers,
      earned: expected.earned,
      capped: expected.capped,
    });
    expect(compliance.continuingEducation.required).toBe('6.0');
    expect(compliance.totalRequired).toBe('6.0');
    if (expected.counted) expect(entries.map((e) => e.countedCeu)).toEqual(expected.counted);
  });

  it('R7: a current card counts, worth 0.0: the total earned is the continuing education', async () => {
    const { compliance } = await scenario(['A2', 'A2b', 'Q2']);
    expect(compliance.cprAed).toEqual({ status: 'VALID', earned: '0.0', required: '0.0' });
    expect(compliance.totalEarned).toBe('6.0');
  });

  it('R1: a certification of the program lasts 36 months', async () => {
    expect((await holder(false)).expiresOn).toBe('2028-01-10');
  });

  it.each<[string, string, string, string]>([
    ['R8: on time, the standard fee', '2027-12-01', 'ON_TIME', '100.00'],
    ['R8: the day after expiry, with the late fee', '2028-01-11', 'LATE', '125.00'],
    ['R8: 91 days after expiry, with the additional fee', '2028-04-10', 'LATE_ADDITIONAL_FEE', '175.00'],
    ['R8: a year after expiry, closed', '2029-01-10', 'CLOSED', '0.00'],
  ])('%s', async (_name, receivedOn, phase, total) => {
    const c = await holder(false);
    expect(await quote(c.id, receivedOn)).toEqual({ phase, total: { amount: total } });
  });

  it('R8: a policy change dated in the future leaves earlier quotes alone and prices receipts from its date', async () => {
    const c = await holder(false);
    const before = await quote(c.id, '2027-06-30');
    const changed = await gql<{ updateProgramPolicy: Errors }>(
      `mutation($input: UpdateProgramPolicyInput!) { updateProgramPolicy(input: $input) { userErrors { code field message } } }`,
      { input: { programCode: PROGRAM, effectiveFrom: '2027-07-01', policy: { recertificationFee: '120.00' } } },
      'staff',
    );
    expect(changed.updateProgramPolicy.userErrors).toEqual([]);
    expect(await quote(c.id, '2027-06-30')).toEqual(before);
    expect(await quote(c.id, '2027-07-01')).toEqual({ phase: 'ON_TIME', total: { amount: '120.00' } });
    const past = await gql<{ updateProgramPolicy: Errors }>(
      `mutation($input: UpdateProgramPolicyInput!) { updateProgramPolicy(input: $input) { userErrors { code field message } } }`,
      { input: { programCode: PROGRAM, effectiveFrom: '2026-06-01', policy: { recertificationFee: '1.00' } } },
      'staff',
    );
    expect(past.updateProgramPolicy.userErrors.map((e) => e.code)).toEqual(['EFFECTIVE_IN_PAST']);
  });

  it('R11: an application drawn for audit has 45 days for its documents', async () => {
    const { certification } = await scenario(['A2', 'A2b', 'Q2']);
    const res = await gql<{
      submitRecertification: {
        application: { status: string; audit: { documentsDueOn: string } | null } | null;
      } & Errors;
    }>(
      `mutation($input: SubmitRecertificationInput!) { submitRecertification(input: $input) {
        application { status audit { documentsDueOn } } userErrors { code field message } } }`,
      { input: { certificationId: certification.id } },
      { trainer: certification.trainer.id },
    );
    expect(res.submitRecertification.userErrors).toEqual([]);
    expect(res.submitRecertification.application).toEqual({
      status: 'AUDIT_PENDING',
      audit: { documentsDueOn: '2026-07-30' },
    });
  });

  it('a category the program does not have is refused at approval, naming its categories', async () => {
    const registered = await gql<{ registerCourse: { course: { id: string } } }>(
      `mutation($input: RegisterCourseInput!) { registerCourse(input: $input) { course { id } userErrors { code } } }`,
      {
        input: {
          code: 'N-X',
          title: 'Unknown category',
          contactHours: '5',
          topics: ['PERFORMANCE'],
          deliveryFormat: 'IN_PERSON',
        },
      },
      { provider: partner },
    );
    const res = await gql<{ reviewCourse: Errors }>(
      `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code field message } } }`,
      {
        input: {
          courseId: registered.registerCourse.course.id,
          decision: 'APPROVE',
          programs: [{ programCode: PROGRAM, categoryCode: 'YOGA' }],
        },
      },
      'staff',
    );
    expect(res.reviewCourse.userErrors).toEqual([
      {
        code: 'INVALID_INPUT',
        field: ['input', 'programs', '0', 'categoryCode'],
        message: `${PROGRAM} has no category YOGA; its categories are ATTEND, QUIZ, SPEAK, PUBLISH.`,
      },
    ]);
  });
});
