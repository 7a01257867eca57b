import { fromGlobalId, toGlobalId } from '../../src/common/ids';
import { Certification } from '../../src/modules/trainer/trainer.entity';
import { WebhookDelivery, WebhookEvent } from '../../src/modules/webhook/webhook.entity';
import { pendingProvider } from './catalogue-fixtures';
import { approvedProvider, createCourse, createTrainer, TrainerFixture } from './fixtures';
import { data, TestApp } from './harness';
import {
  onDay,
  petitionForEvent,
  plusDays,
  reportCompletions,
  rowFor,
  selfReported,
  UserErrorOut,
} from './ledger-fixtures';
import { applied, recordedCard, setFeeSchedule, setWaiver } from './recertification-fixtures';

export const MATRIX_TODAY = '2026-06-15';
/** Every certification of the world: cycle 2024-09-01 … 2026-08-31, open for an on-time application. */
const CYCLE = { issuedOn: '2024-09-01', cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' };
/** Providers and their courses are approved on this day; the courses cover all of 2026 (R4). */
const APPROVAL_DAY = '2026-01-02';

let sequence = 0;
/** A number unique in this test process, for names and codes. */
export const uniq = () => ++sequence;

let day = '2026-01-09';
/** A completion date not used before (2026-01-10 onwards, inside every course approval of the world). */
export function nextDay(): string {
  day = plusDays(day);
  if (day > MATRIX_TODAY) throw new Error('matrix-fixtures: out of completion dates');
  return day;
}

/**
 * The world the authorization matrix runs against: two approved providers A and B, two trainers
 * X and Y, and one object of each kind belonging to A or X (so that B and Y prove ownership).
 */
export interface World {
  t: TestApp;
  providerA: string;
  providerB: string;
  /** A partner still waiting for staff: visible to staff only (and to itself). */
  pendingProvider: string;
  /** A's approved course, worth 1.9 CEU, covering all of 2026. */
  courseA: string;
  /** A's course pending review: visible to A and staff only. */
  pendingCourseA: string;
  /** B's approved course. */
  courseB: string;
  trainerX: TrainerFixture;
  trainerY: TrainerFixture;
  /** X's self-reported completion of courseA (1.9 CEU). */
  completionX: string;
  /** A completion provider A reported for X. */
  reportedByA: string;
  /** The report in which A reported it (rpt_…). */
  reportA: string;
  /** X's pending petition for an outside event, and its completion. */
  petitionX: string;
  petitionCompletionX: string;
  /** X's CPR/AED card. */
  cardX: string;
  /** X's recertification application, selected for audit, and the audit. */
  applicationX: string;
  auditX: string;
  /** An API key of provider A created by staff. */
  apiKeyA: string;
  /** A webhook endpoint of provider A, and a delivery to it. */
  webhookEndpointA: string;
  webhookDeliveryA: string;
  /** Y's self-reported completion and pending petition. */
  completionY: string;
  petitionY: string;
  /** An entry of the decision log. */
  decision: string;
  feeSchedule: string;
  waiver: string;
}

type Payload = { userErrors: UserErrorOut[] };

function ok<T extends Payload>(payload: T): T {
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload;
}

/** A card that counts on MATRIX_TODAY (R7). */
export const GOOD_CARD = { issuedOn: '2025-09-01', expiresOn: '2028-09-01' };

/**
 * Builds the world on MATRIX_TODAY. The app must select applications for audit (a random source
 * below the audit rate), so that X's application waits for its audit.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const { providerA, providerB, courseA, courseB } = await onDay(t, APPROVAL_DAY, async () => {
    const a = await approvedProvider(t, 'Matrix Provider A');
    const b = await approvedProvider(t, 'Matrix Provider B');
    return {
      providerA: a,
      providerB: b,
      courseA: await createCourse(t, a, { code: 'A-1', contactHours: '19' }),
      courseB: await createCourse(t, b, { code: 'B-1' }),
    };
  });
  const pendingCourseA = await createCourse(t, providerA, { code: 'A-PENDING', approve: false });
  const pending = await pendingProvider(t, 'Matrix Pending Provider');
  const trainerX = await createTrainer(t, { firstName: 'Xena', lastName: 'Matrix', ...CYCLE });
  const trainerY = await createTrainer(t, { firstName: 'Yuri', lastName: 'Matrix', ...CYCLE });

  const completionX = (await selfReported(t, trainerX, courseA, '2026-01-02')).id;
  const report = data(await reportCompletions(t, providerA, [rowFor(trainerX, courseA, '2026-01-03')]));
  const reportedByA = report.reportCompletions.results[0].completion?.id;
  const reportA = report.reportCompletions.report?.id;
  if (!reportedByA || !reportA) throw new Error(JSON.stringify(report.reportCompletions.results));
  const event = { title: 'Matrix workshop', providerName: 'Local Gym', completedOn: '2026-02-01', contactHours: '4' };
  const petitionX = await petitionForEvent(t, trainerX, event);
  const cardX = (await recordedCard(t, trainerX, GOOD_CARD)).id;
  const application = await applied(t, trainerX);
  if (!application.audit) throw new Error('X’s application was not selected for audit');

  const completionY = (await selfReported(t, trainerY, courseB, '2026-01-05')).id;
  const petitionY = (await petitionForEvent(t, trainerY, event)).id;

  const key = data(
    await t.gql<{ createApiKey: Payload & { apiKey: { id: string } } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } userErrors { code field message } } }`,
      { input: { providerId: providerA, label: 'Matrix key' } },
      'staff',
    ),
  ).createApiKey;
  const feeSchedule = ok(
    data(
      await setFeeSchedule(
        t,
        { effectiveFrom: '2030-01-01', recertificationFee: '99.00', lateFee: '30.00', additionalFee: '50.00' },
        'staff',
      ),
    ).setFeeSchedule,
  ).feeSchedule!.id;
  const waiver = ok(
    data(await setWaiver(t, { startsOn: '2040-01-01', liftedOn: '2040-02-01', reason: 'Matrix waiver' }, 'staff'))
      .setHandsOnWaiver,
  ).waiver!.id;
  const decision = data(
    await t.gql<{ decisionLog: { nodes: { id: string }[] } }>(
      `{ decisionLog(first: 1) { nodes { id } } }`,
      {},
      'staff',
    ),
  ).decisionLog.nodes[0].id;

  const webhookEndpointA = await freshWebhookEndpointA({ t, providerA } as World);
  const webhookDeliveryA = await freshWebhookDeliveryA({ t, providerA } as World, webhookEndpointA);

  return {
    t,
    webhookEndpointA,
    webhookDeliveryA,
    providerA,
    providerB,
    pendingProvider: pending,
    courseA,
    pendingCourseA,
    courseB,
    trainerX,
    trainerY,
    completionX,
    reportedByA,
    reportA,
    petitionX: petitionX.id,
    petitionCompletionX: petitionX.completion.id,
    cardX,
    applicationX: application.id,
    auditX: application.audit.id,
    apiKeyA: ok(key).apiKey.id,
    completionY,
    petitionY,
    decision,
    feeSchedule,
    waiver,
  };
}

/** A webhook endpoint that provider A created for itself. */
export async function freshWebhookEndpointA(w: World): Promise<string> {
  const res = data(
    await w.t.gql<{ createWebhookEndpoint: Payload & { webhookEndpoint: { id: string } } }>(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id } userErrors { code field message } } }`,
      { input: { url: `https://hooks.provider-a.example/${uniq()}` } },
      { provider: w.providerA },
    ),
  ).createWebhookEndpoint;
  return ok(res).webhookEndpoint.id;
}

/**
 * A delivery to A's endpoint of an event about A. The matrix server runs no dispatcher, so the
 * row is written as the dispatcher's fan-out would write it.
 */
export async function freshWebhookDeliveryA(w: World, endpointId: string): Promise<string> {
  const id = await w.t.db.uow.run(async (em) => {
    const event = await em.findOneOrFail(WebhookEvent, {
      where: { providerId: fromGlobalId('Provider', w.providerA) as number },
      order: { id: 'DESC' },
    });
    const now = new Date().toISOString();
    const res = await em.insert(WebhookDelivery, {
      eventId: event.id,
      endpointId: fromGlobalId('WebhookEndpoint', endpointId) as number,
      status: 'DELIVERED',
      attempts: 1,
      nextAttemptAt: null,
      giveUpAt: now,
      lastAttemptAt: now,
      lastResponseCode: 200,
      deliveredAt: now,
      createdAt: now,
    });
    return res.identifiers[0].id as number;
  });
  return toGlobalId('WebhookDelivery', id);
}

/** A partner that applied and is waiting for staff. */
export function freshPendingProvider(w: World): Promise<string> {
  return pendingProvider(w.t, `Matrix Applicant ${uniq()}`);
}

/** A partner approved today. */
export function freshApprovedProvider(w: World): Promise<string> {
  return approvedProvider(w.t, `Matrix Approved ${uniq()}`);
}

/** A course of provider A, approved today (covering the rest of 2026) unless `approve` is false. */
export function freshCourseA(w: World, approve = true): Promise<string> {
  return createCourse(w.t, w.providerA, { code: `A-${uniq()}`, approve });
}

/** A new API key of provider A, created by staff. */
export async function freshApiKeyA(w: World): Promise<string> {
  const res = data(
    await w.t.gql<{ createApiKey: Payload & { apiKey: { id: string } } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } userErrors { code field message } } }`,
      { input: { providerId: w.providerA, label: `Matrix key ${uniq()}` } },
      'staff',
    ),
  ).createApiKey;
  return ok(res).apiKey.id;
}

/** The policy of a program defined for one cell: the CPT's numbers, no categories. */
export const MATRIX_PROGRAM_POLICY = {
  cycleMonths: 24,
  requiredCeu: '2.0',
  ceuPerContactHour: '0.1',
  petitionFee: '25.00',
  recertificationFee: '99.00',
  lateFee: '30.00',
  additionalFee: '50.00',
};

/** A new credential program (staff), for a cell that needs one nobody has used. */
export async function freshProgram(w: World): Promise<string> {
  const code = `MX-${uniq()}`;
  const res = data(
    await w.t.gql<{ defineProgram: Payload & { program: { code: string } } }>(
      `mutation($input: DefineProgramInput!) { defineProgram(input: $input) { program { code } userErrors { code field message } } }`,
      { input: { code, name: `Matrix program ${code}`, policy: MATRIX_PROGRAM_POLICY } },
      'staff',
    ),
  ).defineProgram;
  return ok(res).program.code;
}

/** A new program that provider A has applied for (staff add it). */
export async function freshProgramOfA(w: World): Promise<string> {
  const code = await freshProgram(w);
  const res = data(
    await w.t.gql<{ addProviderProgram: Payload }>(
      `mutation($input: AddProviderProgramInput!) { addProviderProgram(input: $input) { userErrors { code field message } } }`,
      { input: { providerId: w.providerA, programCode: code } },
      'staff',
    ),
  ).addProviderProgram;
  ok(res);
  return code;
}

let matrixYear = 2050;

/** A new current fee schedule, far in the future, for a cell that corrects one. */
export async function freshFeeSchedule(w: World): Promise<string> {
  const input = {
    effectiveFrom: `${++matrixYear}-01-01`,
    recertificationFee: '99.00',
    lateFee: '30.00',
    additionalFee: '50.00',
  };
  return ok(data(await setFeeSchedule(w.t, input, 'staff')).setFeeSchedule).feeSchedule!.id;
}

/** A new current waiver, far in the future, for a cell that corrects one. */
export async function freshWaiver(w: World): Promise<string> {
  const year = ++matrixYear;
  const input = { startsOn: `${year}-01-01`, liftedOn: `${year}-02-01`, reason: 'Matrix waiver' };
  return ok(data(await setWaiver(w.t, input, 'staff')).setHandsOnWaiver).waiver!.id;
}

/** A new pending petition of X, for an outside event (naming X's first certification: X holds several). */
export async function freshPetitionX(w: World): Promise<string> {
  const res = data(
    await w.t.gql<{ submitPetition: Payload & { petition: { id: string } } }>(
      `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { petition { id } userErrors { code field message } } }`,
      {
        input: {
          certificationId: w.trainerX.certificationId,
          justification: 'A relevant workshop.',
          event: {
            title: `Matrix event ${uniq()}`,
            providerName: 'Local Gym',
            completedOn: '2026-03-01',
            contactHours: '3',
          },
        },
      },
      { trainer: w.trainerX.trainerId },
    ),
  ).submitPetition;
  return ok(res).petition.id;
}

/**
 * A second certification of trainer X, with 1.9 CEU counted: with X's card it meets R9, so X
 * (or staff) can apply for it. Certifications come from the body's records, so it is written
 * directly; the completion goes through the API.
 */
export async function freshReadyCertificationX(w: World): Promise<string> {
  const n = uniq();
  const id = await w.t.db.uow.run(async (em) => {
    const res = await em.insert(Certification, {
      trainerId: fromGlobalId('Trainer', w.trainerX.trainerId) as number,
      programCode: 'CPT',
      number: `CPT-${800000 + n}`,
      ...CYCLE,
      createdAt: new Date().toISOString(),
    });
    return res.identifiers[0].id as number;
  });
  const certificationId = toGlobalId('Certification', id);
  ok(
    data(
      await w.t.gql<{ reportCompletion: Payload }>(
        `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) { userErrors { code field message } } }`,
        { input: { certificationId, courseId: w.courseA, completedOn: '2026-02-02' } },
        { trainer: w.trainerX.trainerId },
      ),
    ).reportCompletion,
  );
  return certificationId;
}

/** A new application of X selected for audit; returns the audit. */
export async function freshAuditX(w: World): Promise<string> {
  const certificationId = await freshReadyCertificationX(w);
  const res = data(
    await w.t.gql<{ submitRecertification: Payload & { application: { audit: { id: string } | null } | null } }>(
      `mutation($input: SubmitRecertificationInput!) { submitRecertification(input: $input) {
        application { audit { id } } userErrors { code field message } } }`,
      { input: { certificationId } },
      { trainer: w.trainerX.trainerId },
    ),
  ).submitRecertification;
  const audit = ok(res).application?.audit;
  if (!audit) throw new Error('the application was not selected for audit');
  return audit.id;
}
