/**
 * The group fitness instructor (GFI), shipped by the migrations: 15.0 CEUs in 24 months at one
 * CEU a contact hour, 2.0 of them from a hands-on CPR/AED card, at least 2.0 from the certifying
 * body's own courses, INSTRUCTION at least 4.0, PROFESSIONAL at most 3.0, two categories used.
 * Each case is built through the API: providers applying for programs, courses approved per
 * program, certifications issued by staff, completions reported, cards recorded.
 */
import { data, startTestApp, TestApp } from '../support/harness';
import { createCertifyingBody } from '../support/fixtures';

const TODAY = '2026-06-15';
const ISSUED = '2025-01-10';
const APPROVED_ON = '2026-01-02';

type Card = 'IN_PERSON' | 'BLENDED' | 'ONLINE_ONLY' | 'EXPIRED' | null;

interface Holder {
  trainerId: string;
  gfi: { id: string; number: string };
  cpt?: { id: string; number: string };
  lastName: string;
}

interface ComplianceOut {
  continuingEducation: { required: string; earned: string; remaining: string };
  categories: { code: string; earned: string; counted: string; maximum: string | null; minimum: string | null }[];
  ownCourses: { earned: string; counted: string; minimum: string };
  cappedCeu: string;
  cprAed: { status: string; earned: string; required: string };
  totalEarned: string;
  totalRequired: string;
  acceptable: boolean;
  blockers: { code: string; message: string }[];
}

const COMPLIANCE = `continuingEducation { required earned remaining }
  categories { code earned counted maximum minimum } ownCourses { earned counted minimum } cappedCeu
  cprAed { status earned required } totalEarned totalRequired acceptable blockers { code message }`;

let t: TestApp;
let body: string;
let partner: string;
let cptOnlyPartner: string;
let serial = 0;
/** Course keys → IDs. */
const courses: Record<string, string> = {};

async function gql<T>(query: string, variables: Record<string, unknown>, as: Parameters<TestApp['gql']>[2]) {
  return data(await t.gql<T>(query, variables, as));
}

async function applyAndApprove(name: string, programCodes: string[] | null): Promise<string> {
  const applied = await gql<{ applyAsProvider: { provider: { id: string } } }>(
    `mutation($input: ApplyAsProviderInput!) { applyAsProvider(input: $input) { provider { id } userErrors { code } } }`,
    { input: { name, contactEmail: 'ce@partner.example', programCodes } },
    undefined,
  );
  const providerId = applied.applyAsProvider.provider.id;
  await gql(
    `mutation($input: ProviderDecisionInput!) { approveProvider(input: $input) { userErrors { code } } }`,
    { input: { providerId } },
    'staff',
  );
  return providerId;
}

async function register(providerId: string, hours: string): Promise<string> {
  const res = await gql<{ registerCourse: { course: { id: string } } }>(
    `mutation($input: RegisterCourseInput!) { registerCourse(input: $input) { course { id } userErrors { code message } } }`,
    {
      input: {
        code: `G-${++serial}`,
        title: `Course ${serial}`,
        contactHours: hours,
        topics: ['PROGRAM_DESIGN'],
        deliveryFormat: 'IN_PERSON',
      },
    },
    { provider: providerId },
  );
  return res.registerCourse.course.id;
}

type Review = { userErrors: { code: string; field: string[]; message: string }[] };

function review(courseId: string, programs: Record<string, unknown>[]) {
  return gql<{ reviewCourse: Review }>(
    `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code field message } } }`,
    { input: { courseId, decision: 'APPROVE', programs } },
    'staff',
  );
}

/** A course of `providerId`, approved for the programs given. */
async function course(providerId: string, hours: string, programs: Record<string, unknown>[]): Promise<string> {
  const id = await register(providerId, hours);
  const reviewed = await review(id, programs);
  if (reviewed.reviewCourse.userErrors.length) throw new Error(JSON.stringify(reviewed.reviewCourse.userErrors));
  return id;
}

const gfi = (categoryCode: string, ceuValue?: string) => ({ programCode: 'GFI', categoryCode, ceuValue });
const CPT = { programCode: 'CPT' };

async function issue(programCode: string, trainer: Record<string, unknown>, issuedOn = ISSUED) {
  const res = await gql<{
    issueCertification: {
      certification: { id: string; number: string; trainer: { id: string } } | null;
      userErrors: unknown[];
    };
  }>(
    `mutation($input: IssueCertificationInput!) { issueCertification(input: $input) {
      certification { id number trainer { id } } userErrors { code message } } }`,
    { input: { programCode, issuedOn, trainer } },
    'staff',
  );
  if (!res.issueCertification.certification) throw new Error(JSON.stringify(res.issueCertification.userErrors));
  return res.issueCertification.certification;
}

/** A new GFI holder; with `alsoCpt`, also a CPT holder (one person, two credentials). */
async function holder(alsoCpt = false, cptIssuedOn = ISSUED, gfiIssuedOn = ISSUED): Promise<Holder> {
  const n = ++serial;
  const lastName = `Fitness${n}`;
  const person = { firstName: 'Gia', lastName, email: `gia${n}@instructors.example` };
  if (!alsoCpt) {
    const g = await issue('GFI', person, gfiIssuedOn);
    return { trainerId: g.trainer.id, gfi: g, lastName };
  }
  const c = await issue('CPT', person, cptIssuedOn);
  const g = await issue('GFI', { id: c.trainer.id }, gfiIssuedOn);
  return { trainerId: c.trainer.id, gfi: g, cpt: c, lastName };
}

async function card(h: Holder, kind: Card): Promise<void> {
  if (!kind) return;
  const expired = kind === 'EXPIRED';
  await gql(
    `mutation($input: RecordCprAedCredentialInput!) { recordCprAedCredential(input: $input) { userErrors { code message } } }`,
    {
      input: {
        issuer: 'Red Cross',
        issuedOn: expired ? '2024-01-10' : '2026-01-10',
        expiresOn: expired ? '2026-01-10' : '2028-01-10',
        coversAdultCpr: true,
        coversAed: true,
        format: expired ? 'IN_PERSON' : kind,
      },
    },
    { trainer: h.trainerId },
  );
}

async function selfReport(h: Holder, certificationId: string, courseKey: string, completedOn: string) {
  const res = await gql<{
    reportCompletion: {
      completion: { id: string; creditPath: string; ceuValue: string } | null;
      userErrors: unknown[];
    };
  }>(
    `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) {
      completion { id creditPath ceuValue } userErrors { code message } } }`,
    { input: { certificationId, courseId: courses[courseKey], completedOn } },
    { trainer: h.trainerId },
  );
  if (!res.reportCompletion.completion) throw new Error(JSON.stringify(res.reportCompletion.userErrors));
  return res.reportCompletion.completion;
}

async function report(providerId: string, number: string, lastName: string, courseKey: string, completedOn: string) {
  return gql<{ reportCompletions: { results: { status: string; message: string }[] } }>(
    `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) { results { status message } userErrors { code } } }`,
    { input: { rows: [{ certificationNumber: number, lastName, courseId: courses[courseKey], completedOn }] } },
    { provider: providerId },
  );
}

async function compliance(certificationId: string, asOf?: string): Promise<ComplianceOut> {
  const res = await gql<{ node: { compliance: ComplianceOut } }>(
    `query($id: ID!, $asOf: Date) { node(id: $id) { ... on Certification { compliance(asOf: $asOf) { ${COMPLIANCE} } } } }`,
    { id: certificationId, asOf: asOf ?? null },
    'staff',
  );
  return res.node.compliance;
}

async function transcript(certificationId: string) {
  const res = await gql<{
    transcript: {
      entries: {
        standing: string;
        countedCeu: string;
        completion: { title: string; ceuValue: string; categoryCode: string | null };
      }[];
    };
  }>(
    `query($id: ID!) { transcript(certificationId: $id) { entries { standing countedCeu completion { title ceuValue categoryCode } } } }`,
    { id: certificationId },
    'staff',
  );
  return res.transcript.entries;
}

/** A GFI holder with these self-reported courses (oldest first, a week apart) and this card. */
async function scenario(keys: string[], kind: Card = 'IN_PERSON'): Promise<{ h: Holder; c: ComplianceOut }> {
  const h = await holder();
  for (const [i, key] of keys.entries()) {
    const day = `2026-0${1 + Math.floor(i / 4)}-${String(5 + (i % 4) * 7).padStart(2, '0')}`;
    await selfReport(h, h.gfi.id, key, day);
  }
  await card(h, kind);
  return { h, c: await compliance(h.gfi.id) };
}

const codes = (c: ComplianceOut) => c.blockers.map((b) => b.code).sort();
const category = (c: ComplianceOut, code: string) => c.categories.find((x) => x.code === code)!;

beforeAll(async () => {
  // The catalogue is approved at the start of the year, so that the year's completions count.
  t = await startTestApp({ today: APPROVED_ON });
  body = await createCertifyingBody(t, 'Group Fitness Certifying Body');
  partner = await applyAndApprove('Studio Partner', ['CPT', 'GFI']);
  cptOnlyPartner = await applyAndApprove('Personal Training Partner', null);
  const made: [string, string, string, Record<string, unknown>[]][] = [
    ['OWN_INSTR_4', body, '4', [CPT, gfi('INSTRUCTION')]],
    ['OWN_SCI_2', body, '2', [gfi('SCIENCE')]],
    ['OWN_SCI_1_99', body, '2', [gfi('SCIENCE', '1.99')]],
    ['OWN_PROF_3', body, '3', [gfi('PROFESSIONAL')]],
    ['INSTR_6', partner, '6', [CPT, gfi('INSTRUCTION')]],
    ['INSTR_1', partner, '1', [gfi('INSTRUCTION')]],
    ['INSTR_0_99', partner, '1', [gfi('INSTRUCTION', '0.99')]],
    ['INSTR_3_99', partner, '4', [gfi('INSTRUCTION', '3.99')]],
    ['SCI_5', partner, '5', [gfi('SCIENCE')]],
    ['SCI_8', partner, '8', [gfi('SCIENCE')]],
    ['PROF_3', partner, '3', [gfi('PROFESSIONAL')]],
    ['PROF_2', partner, '2', [gfi('PROFESSIONAL')]],
    ['PROF_2B', partner, '2', [gfi('PROFESSIONAL')]],
    ['HALF_HOUR', partner, '0.5', [CPT, gfi('SCIENCE')]],
    ['SEVEN_AND_A_HALF', partner, '7.5', [CPT, gfi('SCIENCE')]],
    ['VALUED_5_5', partner, '6', [CPT, gfi('SCIENCE', '5.5')]],
    ['CPT_ONLY', cptOnlyPartner, '6', [CPT]],
    ['GFI_ONLY', partner, '6', [gfi('SCIENCE')]],
  ];
  for (const [key, provider, hours, programs] of made) courses[key] = await course(provider, hours, programs);
  t.clock.setToday(TODAY);
}, 120_000);
afterAll(() => t.close());

describe('GFI R1 and the category rules: tables of transcripts through the API', () => {
  it.each<[string, string[], Card, { acceptable: boolean; blockers: string[]; earned?: string; remaining?: string }]>([
    [
      'GFI R1: 13.0 CE exactly, every minimum met: accepted',
      ['OWN_INSTR_4', 'SCI_8', 'INSTR_1'],
      'IN_PERSON',
      { acceptable: true, blockers: [], earned: '13.0', remaining: '0.0' },
    ],
    [
      'GFI R1: 0.01 CEU short of 13.0: CE_SHORT',
      ['OWN_INSTR_4', 'SCI_8', 'INSTR_0_99'],
      'IN_PERSON',
      { acceptable: false, blockers: ['CE_SHORT'], earned: '12.99', remaining: '0.01' },
    ],
    [
      'GFI category minimum: INSTRUCTION 4.0 exactly',
      ['OWN_INSTR_4', 'SCI_8', 'SCI_5'],
      'IN_PERSON',
      { acceptable: true, blockers: [] },
    ],
    [
      'GFI category minimum: INSTRUCTION 3.99 is CATEGORY_MINIMUM',
      ['OWN_SCI_2', 'INSTR_3_99', 'SCI_8', 'SCI_5'],
      'IN_PERSON',
      { acceptable: false, blockers: ['CATEGORY_MINIMUM'] },
    ],
    [
      'GFI category minimum: no instruction at all',
      ['OWN_SCI_2', 'SCI_8', 'SCI_5', 'PROF_3'],
      'IN_PERSON',
      { acceptable: false, blockers: ['CATEGORY_MINIMUM'] },
    ],
    [
      'GFI categories used: one category only is CATEGORIES_TOO_FEW',
      ['OWN_INSTR_4', 'INSTR_6', 'INSTR_3_99'],
      'IN_PERSON',
      { acceptable: false, blockers: ['CATEGORIES_TOO_FEW'] },
    ],
    [
      'GFI categories used: two exactly',
      ['OWN_INSTR_4', 'INSTR_6', 'SCI_5'],
      'IN_PERSON',
      { acceptable: true, blockers: [] },
    ],
    [
      'GFI own courses: 2.0 exactly',
      ['OWN_SCI_2', 'INSTR_6', 'SCI_8'],
      'IN_PERSON',
      { acceptable: true, blockers: [] },
    ],
    [
      'GFI own courses: none is OWN_COURSES_MINIMUM',
      ['INSTR_6', 'SCI_8'],
      'IN_PERSON',
      { acceptable: false, blockers: ['OWN_COURSES_MINIMUM'] },
    ],
    [
      'GFI own courses: 1.99 is OWN_COURSES_MINIMUM',
      ['OWN_SCI_1_99', 'INSTR_6', 'SCI_8'],
      'IN_PERSON',
      { acceptable: false, blockers: ['OWN_COURSES_MINIMUM'] },
    ],
    [
      'GFI caps: PROFESSIONAL at its maximum 3.0 counts whole',
      ['OWN_INSTR_4', 'SCI_8', 'PROF_3'],
      'IN_PERSON',
      { acceptable: true, blockers: [], earned: '15.0' },
    ],
    [
      'GFI caps: PROFESSIONAL over its maximum counts 3.0; the rest does not make up CE',
      ['OWN_INSTR_4', 'SCI_5', 'PROF_3', 'PROF_2'],
      'IN_PERSON',
      { acceptable: false, blockers: ['CE_SHORT'], earned: '12.0', remaining: '1.0' },
    ],
    [
      'GFI caps: an own course over the cap counts nothing toward own courses',
      ['PROF_3', 'OWN_PROF_3', 'INSTR_6', 'SCI_8'],
      'IN_PERSON',
      { acceptable: false, blockers: ['OWN_COURSES_MINIMUM'] },
    ],
    [
      'GFI R7: nothing at all: every blocker named',
      [],
      null,
      {
        acceptable: false,
        blockers: ['CATEGORIES_TOO_FEW', 'CATEGORY_MINIMUM', 'CE_SHORT', 'CPR_AED_MISSING', 'OWN_COURSES_MINIMUM'],
      },
    ],
    [
      'GFI R7: an online-only card outside any waiver is CPR_AED_HANDS_ON',
      ['OWN_INSTR_4', 'SCI_8', 'PROF_3'],
      'ONLINE_ONLY',
      { acceptable: false, blockers: ['CPR_AED_HANDS_ON'] },
    ],
    [
      'GFI R7: a blended card has a hands-on part: accepted',
      ['OWN_INSTR_4', 'SCI_8', 'PROF_3'],
      'BLENDED',
      { acceptable: true, blockers: [] },
    ],
    [
      'GFI R7: an expired card is CPR_AED_EXPIRED',
      ['OWN_INSTR_4', 'SCI_8', 'PROF_3'],
      'EXPIRED',
      { acceptable: false, blockers: ['CPR_AED_EXPIRED'] },
    ],
    [
      'GFI R7: no card is CPR_AED_MISSING',
      ['OWN_INSTR_4', 'SCI_8', 'PROF_3'],
      null,
      { acceptable: false, blockers: ['CPR_AED_MISSING'] },
    ],
  ])('%s', async (_name, keys, kind, expected) => {
    const { c } = await scenario(keys, kind);
    expect({ acceptable: c.acceptable, blockers: codes(c) }).toEqual({
      acceptable: expected.acceptable,
      blockers: [...expected.blockers].sort(),
    });
    if (expected.earned) expect(c.continuingEducation.earned).toBe(expected.earned);
    if (expected.remaining) expect(c.continuingEducation.remaining).toBe(expected.remaining);
    expect(c.continuingEducation.required).toBe('13.0');
    expect(c.totalRequired).toBe('15.0');
  });

  it('GFI caps: the excess is shown as earned, not counted: per category, per entry, and in cappedCeu', async () => {
    const { h, c } = await scenario(['OWN_INSTR_4', 'SCI_5', 'PROF_3', 'PROF_2']);
    expect(category(c, 'PROFESSIONAL')).toEqual({
      code: 'PROFESSIONAL',
      earned: '5.0',
      counted: '3.0',
      maximum: '3.0',
      minimum: null,
    });
    expect(c.cappedCeu).toBe('2.0');
    const entries = await transcript(h.gfi.id);
    expect(entries.map((e) => [e.completion.ceuValue, e.countedCeu, e.standing, e.completion.categoryCode])).toEqual([
      ['4.0', '4.0', 'COUNTED', 'INSTRUCTION'],
      ['5.0', '5.0', 'COUNTED', 'SCIENCE'],
      ['3.0', '3.0', 'COUNTED', 'PROFESSIONAL'],
      ['2.0', '0.0', 'CAPPED', 'PROFESSIONAL'],
    ]);
  });

  it('GFI caps: an entry reaching the cap counts the part that fits (COUNTED, countedCeu below its value)', async () => {
    const { h, c } = await scenario(['PROF_2', 'PROF_2B']);
    expect(category(c, 'PROFESSIONAL')).toMatchObject({ earned: '4.0', counted: '3.0' });
    const entries = await transcript(h.gfi.id);
    expect(entries.map((e) => [e.countedCeu, e.standing])).toEqual([
      ['2.0', 'COUNTED'],
      ['1.0', 'COUNTED'],
    ]);
  });

  it('GFI R7: a hands-on card brings 2.0 CEUs: total earned is CE + 2.0', async () => {
    const { c } = await scenario(['OWN_INSTR_4', 'SCI_8', 'PROF_3']);
    expect(c.cprAed).toEqual({ status: 'VALID', earned: '2.0', required: '2.0' });
    expect(c.totalEarned).toBe('17.0');
    expect(c.ownCourses).toEqual({ earned: '4.0', counted: '4.0', minimum: '2.0' });
  });

  it('GFI R7: a CPT hands-on waiver does not cover a GFI holder’s online-only card', async () => {
    const waived = await gql<{ setHandsOnWaiver: { userErrors: unknown[] } }>(
      `mutation($input: SetHandsOnWaiverInput!) { setHandsOnWaiver(input: $input) { userErrors { code message } } }`,
      { input: { startsOn: TODAY, reason: 'CPT only' } },
      'staff',
    );
    expect(waived.setHandsOnWaiver.userErrors).toEqual([]);
    const h = await holder();
    await gql(
      `mutation($input: RecordCprAedCredentialInput!) { recordCprAedCredential(input: $input) { userErrors { code } } }`,
      {
        input: {
          issuer: 'Online',
          issuedOn: TODAY,
          expiresOn: '2028-06-15',
          coversAdultCpr: true,
          coversAed: true,
          format: 'ONLINE_ONLY',
        },
      },
      { trainer: h.trainerId },
    );
    expect((await compliance(h.gfi.id)).cprAed.status).toBe('HANDS_ON_REQUIRED');
  });
});

describe('GFI R2: one contact hour is one CEU', () => {
  it.each<[string, string, string, string]>([
    ['GFI R2: a 6-hour course is 6.0 CEUs for the GFI and 0.6 for the CPT', 'INSTR_6', '6.0', '0.6'],
    ['GFI R2: half an hour is 0.5 CEU (0.05 for the CPT)', 'HALF_HOUR', '0.5', '0.05'],
    ['GFI R2: 7.5 hours are 7.5 CEUs (0.75 for the CPT)', 'SEVEN_AND_A_HALF', '7.5', '0.75'],
    ['GFI R2: a value staff assign replaces the default (5.5 for 6 hours)', 'VALUED_5_5', '5.5', '0.6'],
  ])('%s', async (_name, key, gfiValue, cptValue) => {
    const res = await gql<{ course: { programApprovals: { programCode: string; ceuValue: string }[] } }>(
      `query($id: ID!) { course(id: $id) { programApprovals { programCode ceuValue } } }`,
      { id: courses[key] },
      'staff',
    );
    expect(res.course.programApprovals).toEqual([
      { programCode: 'CPT', ceuValue: cptValue },
      { programCode: 'GFI', ceuValue: gfiValue },
    ]);
  });

  it('GFI R2: a self-reported completion earns the GFI value', async () => {
    const h = await holder();
    expect(await selfReport(h, h.gfi.id, 'SEVEN_AND_A_HALF', '2026-03-01')).toMatchObject({
      creditPath: 'AUTOMATIC',
      ceuValue: '7.5',
    });
  });
});

describe('GFI R3: approval per program', () => {
  it('GFI R3: a course approved for the CPT only needs a petition on a GFI transcript', async () => {
    const h = await holder();
    expect(await selfReport(h, h.gfi.id, 'CPT_ONLY', '2026-03-01')).toMatchObject({
      creditPath: 'PETITION_REQUIRED',
      ceuValue: '0.0',
    });
  });

  it('GFI R3: a course approved for the GFI only needs a petition on a CPT transcript', async () => {
    const h = await holder(true);
    expect(await selfReport(h, h.cpt!.id, 'GFI_ONLY', '2026-03-01')).toMatchObject({
      creditPath: 'PETITION_REQUIRED',
    });
  });

  it('GFI R3: creditPath and the catalogue answer per program', async () => {
    const res = await gql<{
      course: { cpt: { path: string }; gfi: { path: string } };
      courses: { nodes: { id: string }[] };
    }>(
      `query($id: ID!) { course(id: $id) { cpt: creditPath(programCode: "CPT") { path } gfi: creditPath(programCode: "GFI") { path } }
        courses(first: 100, filter: { programCode: "GFI" }) { nodes { id } } }`,
      { id: courses.CPT_ONLY },
      'staff',
    );
    expect(res.course).toEqual({ cpt: { path: 'AUTOMATIC' }, gfi: { path: 'PETITION_REQUIRED' } });
    const listed = res.courses.nodes.map((n) => n.id);
    expect(listed).toContain(courses.GFI_ONLY);
    expect(listed).not.toContain(courses.CPT_ONLY);
  });

  it('GFI R3: staff cannot approve a course for a program its provider did not apply for', async () => {
    const id = await register(cptOnlyPartner, '3');
    const res = await review(id, [gfi('SCIENCE')]);
    expect(res.reviewCourse.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['NOT_APPROVED_FOR_PROGRAM', ['input', 'programs', '0', 'programCode']],
    ]);
  });

  it('GFI R3: a GFI approval names one of its categories, and must name one', async () => {
    const missing = await review(await register(partner, '3'), [{ programCode: 'GFI' }]);
    expect(missing.reviewCourse.userErrors.map((e) => e.code)).toEqual(['REQUIRED']);
    const unknown = await review(await register(partner, '3'), [gfi('YOGA')]);
    expect(unknown.reviewCourse.userErrors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
  });
});

describe('GFI: a trainer holding both credentials uses one course for both', () => {
  it('GFI: a provider’s report against the CPT number also counts on the GFI transcript, at the GFI value', async () => {
    const h = await holder(true);
    const res = await report(partner, h.cpt!.number, h.lastName, 'INSTR_6', '2026-03-02');
    expect(res.reportCompletions.results.map((r) => r.status)).toEqual(['ACCEPTED']);
    expect((await transcript(h.cpt!.id)).map((e) => [e.completion.ceuValue, e.standing])).toEqual([['0.6', 'COUNTED']]);
    expect((await transcript(h.gfi.id)).map((e) => [e.completion.ceuValue, e.completion.categoryCode])).toEqual([
      ['6.0', 'INSTRUCTION'],
    ]);
  });

  it('GFI: a report against the GFI number also counts for the CPT; reporting it again for the CPT is a duplicate', async () => {
    const h = await holder(true);
    await report(partner, h.gfi.number, h.lastName, 'INSTR_6', '2026-03-03');
    expect((await transcript(h.cpt!.id)).map((e) => e.completion.ceuValue)).toEqual(['0.6']);
    const again = await report(partner, h.cpt!.number, h.lastName, 'INSTR_6', '2026-03-03');
    expect(again.reportCompletions.results.map((r) => r.status)).toEqual(['DUPLICATE']);
  });

  it('GFI: a course the GFI did not approve stays on the CPT transcript only', async () => {
    const h = await holder(true);
    await report(cptOnlyPartner, h.cpt!.number, h.lastName, 'CPT_ONLY', '2026-03-04');
    expect(await transcript(h.cpt!.id)).toHaveLength(1);
    expect(await transcript(h.gfi.id)).toEqual([]);
  });

  it('GFI R3: a report of a course the GFI never approved, against a GFI number, says the program did not approve it', async () => {
    const h = await holder();
    const res = await report(cptOnlyPartner, h.gfi.number, h.lastName, 'CPT_ONLY', '2026-03-04');
    expect(res.reportCompletions.results).toEqual([
      {
        status: 'DATE_OUTSIDE_APPROVAL',
        message:
          'The course is not approved for the GFI program of this certification, so it earns no credit on it (R3).',
      },
    ]);
    expect(await transcript(h.gfi.id)).toEqual([]);
  });

  it('GFI: a completion before the GFI credential was issued does not go on it', async () => {
    const h = await holder(true, ISSUED, '2026-04-01');
    await selfReport(h, h.cpt!.id, 'INSTR_6', '2026-03-05');
    expect(await transcript(h.gfi.id)).toEqual([]);
  });
});

describe('GFI R8: its own standard fees', () => {
  it.each<[string, string, string[]]>([
    ['GFI R8: on time, the recertification fee only: 89.00', '2026-12-01', ['RECERTIFICATION 89.00']],
    ['GFI R8: late, with the late fee: 89.00 + 30.00', '2027-02-01', ['RECERTIFICATION 89.00', 'LATE 30.00']],
  ])('%s', async (_name, receivedOn, lines) => {
    const h = await holder();
    const res = await gql<{ recertificationQuote: { fees: { kind: string; amount: { amount: string } }[] } }>(
      `query($id: ID!, $on: Date!) { recertificationQuote(certificationId: $id, receivedOn: $on) { fees { kind amount { amount } } } }`,
      { id: h.gfi.id, on: receivedOn },
      'staff',
    );
    expect(res.recertificationQuote.fees.map((f) => `${f.kind} ${f.amount.amount}`)).toEqual(lines);
  });
});

describe('GFI R6: a petition awards credit in a category', () => {
  it('GFI R6: approval names the category (required), and the credit counts in it', async () => {
    const h = await holder();
    const event = {
      title: 'Aqua fitness workshop',
      providerName: 'City Pool',
      completedOn: '2026-03-01',
      contactHours: '3',
    };
    const submitted = await gql<{ submitPetition: { petition: { id: string; requestedCeu: string } } }>(
      `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { petition { id requestedCeu } userErrors { code } } }`,
      { input: { certificationId: h.gfi.id, justification: 'Within scope.', event } },
      { trainer: h.trainerId },
    );
    // The GFI values the event at one CEU a contact hour.
    expect(submitted.submitPetition.petition.requestedCeu).toBe('3.0');
    const decide = (categoryCode: string | null) =>
      gql<{ decidePetition: { userErrors: { code: string }[] } }>(
        `mutation($input: DecidePetitionInput!) { decidePetition(input: $input) { userErrors { code } } }`,
        { input: { petitionId: submitted.submitPetition.petition.id, decision: 'APPROVE', categoryCode } },
        'staff',
      );
    expect((await decide(null)).decidePetition.userErrors.map((e) => e.code)).toEqual(['REQUIRED']);
    expect((await decide('SCIENCE')).decidePetition.userErrors).toEqual([]);
    expect(category(await compliance(h.gfi.id), 'SCIENCE')).toMatchObject({ earned: '3.0', counted: '3.0' });
  });
});
