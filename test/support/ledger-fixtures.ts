import { As, data, TestApp } from './harness';
import { TrainerFixture } from './fixtures';

/** A user error as the API returns it. */
export interface UserErrorOut {
  code: string;
  field: string[] | null;
  message: string;
}

export const COMPLETION_FIELDS = `id completedOn source creditPath creditReason ceuValue contactHours
  providerConfirmed externalRef title providerName course { id }`;

export const PETITION_FIELDS = `id status justification requestedCeu awardedCeu decisionReason decidedAt
  fee { amount currencyCode } completion { id source creditPath creditReason ceuValue course { id } }`;

export interface CompletionOut {
  id: string;
  completedOn: string;
  source: string;
  creditPath: string;
  creditReason: string;
  ceuValue: string;
  contactHours: string;
  providerConfirmed: boolean;
  externalRef: string | null;
  title: string;
  providerName: string;
  course: { id: string } | null;
}

export interface PetitionOut {
  id: string;
  status: string;
  justification: string;
  requestedCeu: string;
  awardedCeu: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  fee: { amount: string; currencyCode: string };
  completion: {
    id: string;
    source: string;
    creditPath: string;
    creditReason: string;
    ceuValue: string;
    course: { id: string } | null;
  };
}

/** The server's current "today". */
export function todayOf(t: TestApp): string {
  return t.clock.now().toISOString().slice(0, 10);
}

/** Runs `work` with the server's clock on `day`, then puts the clock back where it was. */
export async function onDay<T>(t: TestApp, day: string, work: () => Promise<T>): Promise<T> {
  const before = todayOf(t);
  t.clock.setToday(day);
  try {
    return await work();
  } finally {
    t.clock.setToday(before);
  }
}

/** The day after (or `n` days after) an ISO date. */
export function plusDays(day: string, n = 1): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A provider retires one of its courses on the server's today. */
export async function retireCourse(t: TestApp, providerId: string, courseId: string): Promise<void> {
  const res = data(
    await t.gql<{ retireCourse: { userErrors: UserErrorOut[] } }>(
      `mutation($input: CourseActionInput!) { retireCourse(input: $input) { userErrors { code field message } } }`,
      { input: { courseId, reason: 'Retired by the test.' } },
      { provider: providerId },
    ),
  );
  if (res.retireCourse.userErrors.length) throw new Error(JSON.stringify(res.retireCourse.userErrors));
}

export interface ReportRowIn {
  certificationNumber: string;
  lastName: string;
  firstName?: string | null;
  courseId: string;
  completedOn: string;
  externalRef?: string | null;
}

export interface ReportRowOut {
  index: number;
  status: string;
  message: string;
  externalRef: string | null;
  completion: { id: string; completedOn: string; source: string; providerConfirmed: boolean } | null;
}

export interface ReportOut {
  /** The stored report; null when the call was refused. */
  report: { id: string } | null;
  results: ReportRowOut[];
  acceptedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  userErrors: UserErrorOut[];
}

export const REPORT_MUTATION = `mutation($input: ReportCompletionsInput!) {
  reportCompletions(input: $input) {
    report { id }
    results { index status message externalRef completion { id completedOn source providerConfirmed } }
    acceptedCount duplicateCount rejectedCount
    userErrors { code field message }
  }
}`;

/** A provider's bulk report, raw (the caller decides what to expect). */
export function reportCompletions(
  t: TestApp,
  providerId: string,
  rows: ReportRowIn[],
  idempotencyKey?: string,
  query = REPORT_MUTATION,
) {
  return t.gql<{ reportCompletions: ReportOut }>(
    query,
    { input: { rows, ...(idempotencyKey ? { idempotencyKey } : {}) } },
    { provider: providerId },
  );
}

/** One report row for a trainer fixture, names as on the certificate. */
export function rowFor(
  trainer: TrainerFixture,
  courseId: string,
  completedOn: string,
  extra: Partial<ReportRowIn> = {},
) {
  return {
    certificationNumber: trainer.number,
    lastName: trainer.lastName,
    firstName: trainer.firstName,
    courseId,
    completedOn,
    ...extra,
  };
}

/** A trainer self-reports a catalogue course (`reportCompletion`). */
export async function selfReport(t: TestApp, trainer: TrainerFixture, courseId: string, completedOn: string) {
  return data(
    await t.gql<{ reportCompletion: { completion: CompletionOut | null; userErrors: UserErrorOut[] } }>(
      `mutation($input: ReportCompletionInput!) {
        reportCompletion(input: $input) { completion { ${COMPLETION_FIELDS} } userErrors { code field message } }
      }`,
      { input: { courseId, completedOn } },
      { trainer: trainer.trainerId },
    ),
  ).reportCompletion;
}

/** A self-report that must succeed; returns the completion. */
export async function selfReported(
  t: TestApp,
  trainer: TrainerFixture,
  courseId: string,
  completedOn: string,
): Promise<CompletionOut> {
  const res = await selfReport(t, trainer, courseId, completedOn);
  if (!res.completion) throw new Error(JSON.stringify(res.userErrors));
  return res.completion;
}

export interface EventIn {
  title: string;
  providerName: string;
  completedOn: string;
  contactHours: string;
}

/** A trainer submits a petition (raw payload). */
export async function submitPetition(
  t: TestApp,
  trainer: TrainerFixture,
  input: { completionId?: string | null; event?: EventIn | null; justification?: string; idempotencyKey?: string },
) {
  return data(
    await t.gql<{ submitPetition: { petition: PetitionOut | null; userErrors: UserErrorOut[] } }>(
      `mutation($input: SubmitPetitionInput!) {
        submitPetition(input: $input) { petition { ${PETITION_FIELDS} } userErrors { code field message } }
      }`,
      { input: { justification: 'It covered program design in depth.', ...input } },
      { trainer: trainer.trainerId },
    ),
  ).submitPetition;
}

/** A petition for an outside event that must be accepted. */
export async function petitionForEvent(t: TestApp, trainer: TrainerFixture, event: EventIn): Promise<PetitionOut> {
  const res = await submitPetition(t, trainer, { event });
  if (!res.petition) throw new Error(JSON.stringify(res.userErrors));
  return res.petition;
}

/** Staff (or `caller.as`, possibly anonymous) decide a petition (raw response). */
export async function decidePetition(
  t: TestApp,
  input: { petitionId: string; decision: 'APPROVE' | 'DENY'; awardedCeu?: string; reason?: string },
  caller: { as: As } = { as: 'staff' },
) {
  return t.gql<{ decidePetition: { petition: PetitionOut | null; userErrors: UserErrorOut[] } }>(
    `mutation($input: DecidePetitionInput!) {
      decidePetition(input: $input) { petition { ${PETITION_FIELDS} } userErrors { code field message } }
    }`,
    { input },
    caller.as,
  );
}

/** A trainer withdraws a petition (raw payload). */
export async function withdrawPetition(t: TestApp, trainer: TrainerFixture, petitionId: string, reason?: string) {
  return data(
    await t.gql<{ withdrawPetition: { petition: PetitionOut | null; userErrors: UserErrorOut[] } }>(
      `mutation($input: WithdrawPetitionInput!) {
        withdrawPetition(input: $input) { petition { ${PETITION_FIELDS} } userErrors { code field message } }
      }`,
      { input: { petitionId, reason } },
      { trainer: trainer.trainerId },
    ),
  ).withdrawPetition;
}

export interface TranscriptOut {
  asOf: string;
  cycle: { startsOn: string; expiresOn: string; courseworkDeadline: string };
  entries: {
    standing: string;
    countedCeu: string;
    completion: { id: string; completedOn: string; source: string; course: { id: string } | null };
  }[];
  ceu: {
    earnedAutomatic: string;
    earnedByPetition: string;
    earned: string;
    pending: string;
    required: string;
    remaining: string;
  };
}

/** `transcript(certificationId, asOf)` as someone (raw response). */
export function transcriptQuery(t: TestApp, certificationId: string, as: As, asOf?: string, cycle?: number) {
  return t.gql<{ transcript: TranscriptOut | null }>(
    `query($id: ID!, $asOf: Date, $cycle: Int) {
      transcript(certificationId: $id, asOf: $asOf, cycle: $cycle) {
        asOf cycle { startsOn expiresOn courseworkDeadline }
        entries { standing countedCeu completion { id completedOn source course { id } } }
        ceu { earnedAutomatic earnedByPetition earned pending required remaining }
      }
    }`,
    { id: certificationId, asOf: asOf ?? null, cycle: cycle ?? null },
    as,
  );
}

/** The trainer's own transcript, which must be readable. */
export async function transcriptOf(
  t: TestApp,
  trainer: TrainerFixture,
  asOf?: string,
  cycle?: number,
): Promise<TranscriptOut> {
  const res = data(await transcriptQuery(t, trainer.certificationId, { trainer: trainer.trainerId }, asOf, cycle));
  if (!res.transcript) throw new Error('transcript is null');
  return res.transcript;
}

/**
 * Starts `start` (some concurrent requests) while `table` is locked against writes, and releases
 * the lock once `waiters` of them are blocked on it: every request has then done its reads and
 * waits to write, so a check-then-write race is met every time, not by luck. PostgreSQL only; on
 * SQLite writes are serialised anyway and `start` simply runs.
 */
export async function whileTableLocked<T>(
  t: TestApp,
  table: string,
  waiters: number,
  start: () => Promise<T>,
): Promise<T> {
  if (t.db.kind !== 'postgres') return start();
  const runner = t.db.writer.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`LOCK TABLE "${table}" IN SHARE ROW EXCLUSIVE MODE`);
    const work = start();
    work.catch(() => undefined);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [{ n }] = (await runner.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass`,
        [table],
      )) as { n: number }[];
      if (n >= waiters || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await runner.commitTransaction();
    return await work;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
