import { fromGlobalId, toGlobalId } from '../../src/common/ids';
import { CprAedCredential } from '../../src/modules/cpr-aed/cpr-aed.entity';
import { data, GqlResponse, TestApp } from './harness';

let sequence = 0;
const next = () => ++sequence;

type Payload = { userErrors: { code: string; message?: string }[] };

/** Fails the test with the user errors of a mutation payload, when there are any. */
function ok<T extends Record<string, Payload>>(res: GqlResponse<T>, field: keyof T & string): T[typeof field] {
  const payload = data(res)[field];
  if (payload.userErrors.length) throw new Error(`${field}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** A partner that applied and is still waiting for staff. */
export async function pendingProvider(t: TestApp, name = `Pending Provider ${next()}`): Promise<string> {
  const res = ok(
    await t.gql<{ applyAsProvider: Payload & { provider: { id: string } } }>(
      `mutation($input: ApplyAsProviderInput!) { applyAsProvider(input: $input) { provider { id } userErrors { code message } } }`,
      { input: { name, contactEmail: 'ce@pending.example' } },
    ),
    'applyAsProvider',
  );
  return res.provider.id;
}

/** A staff decision on a provider (approve, reject or suspend), on the server's today. */
export async function decideProvider(
  t: TestApp,
  providerId: string,
  mutation: 'approveProvider' | 'rejectProvider' | 'suspendProvider',
  reason = 'Decided in a test.',
): Promise<void> {
  ok(
    await t.gql<Record<string, Payload>>(
      `mutation($input: ProviderDecisionInput!) { ${mutation}(input: $input) { userErrors { code message } } }`,
      { input: { providerId, reason } },
      'staff',
    ),
    mutation,
  );
}

/** A partner whose application staff rejected. */
export async function rejectedProvider(t: TestApp, name?: string): Promise<string> {
  const providerId = await pendingProvider(t, name);
  await decideProvider(t, providerId, 'rejectProvider', 'Not accredited.');
  return providerId;
}

/** A staff review of a course pending review (or of a pending renewal). */
export async function reviewCourse(
  t: TestApp,
  courseId: string,
  decision: 'APPROVE' | 'REJECT',
  reason?: string,
): Promise<void> {
  ok(
    await t.gql<{ reviewCourse: Payload }>(
      `mutation($input: ReviewCourseInput!) { reviewCourse(input: $input) { userErrors { code message } } }`,
      { input: { courseId, decision, reason: reason ?? (decision === 'REJECT' ? 'Not enough content.' : null) } },
      'staff',
    ),
    'reviewCourse',
  );
}

/** The provider retires one of its courses, on the server's today. */
export async function retireCourse(t: TestApp, providerId: string, courseId: string): Promise<void> {
  ok(
    await t.gql<{ retireCourse: Payload }>(
      `mutation($input: CourseActionInput!) { retireCourse(input: $input) { userErrors { code message } } }`,
      { input: { courseId, reason: 'New edition.' } },
      { provider: providerId },
    ),
    'retireCourse',
  );
}

/** The provider asks to renew a course for the next year and staff confirm it. */
export async function renewCourse(t: TestApp, providerId: string, courseId: string): Promise<void> {
  ok(
    await t.gql<{ renewCourse: Payload }>(
      `mutation($input: CourseActionInput!) { renewCourse(input: $input) { userErrors { code message } } }`,
      { input: { courseId } },
      { provider: providerId },
    ),
    'renewCourse',
  );
  await reviewCourse(t, courseId, 'APPROVE');
}

/** A trainer self-reports a catalogue course; returns the completion's global ID. */
export async function selfReportCompletion(
  t: TestApp,
  trainerId: string,
  courseId: string,
  completedOn: string,
): Promise<string> {
  const res = ok(
    await t.gql<{ reportCompletion: Payload & { completion: { id: string } } }>(
      `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) { completion { id } userErrors { code message } } }`,
      { input: { courseId, completedOn } },
      { trainer: trainerId },
    ),
    'reportCompletion',
  );
  return res.completion.id;
}

/** A trainer petitions an event outside the catalogue; returns the petition and its completion. */
export async function petitionEvent(
  t: TestApp,
  trainerId: string,
  completedOn: string,
): Promise<{ petitionId: string; completionId: string }> {
  const res = ok(
    await t.gql<{ submitPetition: Payload & { petition: { id: string; completion: { id: string } } } }>(
      `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) {
        petition { id completion { id } } userErrors { code message } } }`,
      {
        input: {
          justification: 'A relevant workshop.',
          event: { title: 'Kettlebell workshop', providerName: 'Local Gym', completedOn, contactHours: '4' },
        },
      },
      { trainer: trainerId },
    ),
    'submitPetition',
  );
  return { petitionId: res.petition.id, completionId: res.petition.completion.id };
}

/** A CPR/AED card on a trainer's record. There is no API to record one yet, so it is written directly. */
export async function createCprAedCredential(
  t: TestApp,
  trainerId: string,
  options: { issuedOn?: string; expiresOn?: string } = {},
): Promise<string> {
  const id = await t.db.uow.run(async (em) => {
    const res = await em.insert(CprAedCredential, {
      trainerId: fromGlobalId('Trainer', trainerId) as number,
      issuer: 'American Red Cross',
      cardNumber: `ARC-${next()}`,
      issuedOn: options.issuedOn ?? '2025-09-01',
      expiresOn: options.expiresOn ?? '2027-09-01',
      coversAdultCpr: true,
      coversAed: true,
      format: 'IN_PERSON',
      createdAt: new Date().toISOString(),
    });
    return res.identifiers[0].id as number;
  });
  return toGlobalId('CprAedCredential', id);
}
