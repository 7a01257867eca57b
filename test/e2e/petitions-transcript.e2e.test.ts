import { approvedProvider, createCourse, createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import { As, data, startTestApp, TestApp } from '../support/harness';
import {
  CompletionOut,
  decidePetition,
  EventIn,
  onDay,
  petitionForEvent,
  PetitionOut,
  plusDays,
  reportCompletions,
  rowFor,
  selfReport,
  selfReported,
  submitPetition,
  transcriptOf,
  transcriptQuery,
  TranscriptOut,
  UserErrorOut,
  whileTableLocked,
  withdrawPetition,
} from '../support/ledger-fixtures';

const TODAY = '2026-10-01';
const FEE = { amount: '25.00', currencyCode: 'USD' };

interface Catalogue {
  providerId: string;
  /** Approved 2024-06-01 (covers through 2024-12-31), 5 contact hours: 0.5 CEU. */
  c24a: string;
  /** Approved 2024-06-01, 3 contact hours: 0.3 CEU. */
  c24b: string;
  /** Approved 2026-01-05, 10 contact hours but staff assigned 0.25 CEU. */
  c26a: string;
  /** Approved 2026-01-05, 2 contact hours: 0.2 CEU. */
  c26b: string;
  /** Registered 2026-01-05, never reviewed. */
  pending: string;
}

let counter = 0;
const event = (completedOn: string, contactHours: string): EventIn => ({
  title: `Outside workshop ${++counter}`,
  providerName: 'Iron Gym Seminars',
  completedOn,
  contactHours,
});

describe('self-reports, petitions and the transcript (R3, R5, R6)', () => {
  let t: TestApp;
  let c: Catalogue;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    const providerId = await onDay(t, '2024-01-02', () => approvedProvider(t));
    const [c24a, c24b] = await onDay(t, '2024-06-01', async () => [
      await createCourse(t, providerId, { contactHours: '5' }),
      await createCourse(t, providerId, { contactHours: '3' }),
    ]);
    const [c26a, c26b, pending] = await onDay(t, '2026-01-05', async () => [
      await createCourse(t, providerId, { contactHours: '10', ceuValue: '0.25' }),
      await createCourse(t, providerId, { contactHours: '2' }),
      await createCourse(t, providerId, { approve: false }),
    ]);
    c = { providerId, c24a, c24b, c26a, c26b, pending };
  });
  afterAll(() => t.close());

  /** Petitions the trainer can see, all statuses. */
  const petitionCount = async (trainer: TrainerFixture) =>
    data(
      await t.gql<{ petitions: { totalCount: number } }>(`query { petitions(first: 100) { totalCount } }`, undefined, {
        trainer: trainer.trainerId,
      }),
    ).petitions.totalCount;

  describe('reportCompletion: a trainer self-reports a catalogue course (R3)', () => {
    let trainer: TrainerFixture;
    beforeAll(async () => {
      trainer = await createTrainer(t, { issuedOn: '2024-01-01' });
    });

    it.each([
      [
        'R3: an approved course on a covered date counts AUTOMATIC with the course CEU (not the R2 default)',
        () => c.c26a,
        '2026-03-01',
        { creditPath: 'AUTOMATIC', creditReason: 'PRE_APPROVED', ceuValue: '0.25', contactHours: '10.0' },
      ],
      [
        'R3: today counts AUTOMATIC',
        () => c.c26b,
        TODAY,
        { creditPath: 'AUTOMATIC', creditReason: 'PRE_APPROVED', ceuValue: '0.2' },
      ],
      [
        'R3: the approval day counts AUTOMATIC',
        () => c.c26b,
        '2026-01-05',
        { creditPath: 'AUTOMATIC', creditReason: 'PRE_APPROVED', ceuValue: '0.2' },
      ],
      [
        'R3: the day before the course approval is PETITION_REQUIRED with 0 CEU and the reason',
        () => c.c26a,
        '2026-01-04',
        { creditPath: 'PETITION_REQUIRED', creditReason: 'COURSE_NOT_APPROVED_ON_DATE', ceuValue: '0.0' },
      ],
      [
        'R3: after the approval year ended it is PETITION_REQUIRED with 0 CEU and the reason',
        () => c.c24a,
        '2025-01-01',
        { creditPath: 'PETITION_REQUIRED', creditReason: 'COURSE_NOT_APPROVED_ON_DATE', ceuValue: '0.0' },
      ],
    ])('%s', async (_name, course, completedOn, expected) => {
      const res = await selfReport(t, trainer, course(), completedOn);
      expect(res.userErrors).toEqual([]);
      expect(res.completion).toMatchObject({
        ...expected,
        completedOn,
        source: 'SELF_REPORTED',
        providerConfirmed: false,
        externalRef: null,
        course: { id: course() },
      });
    });

    it.each([
      [
        'R3: the same course on the same date again is DUPLICATE_COMPLETION',
        async (who: TrainerFixture) => {
          await selfReported(t, who, c.c26b, '2026-02-02');
          return [c.c26b, '2026-02-02'];
        },
        'DUPLICATE_COMPLETION',
        ['input', 'completedOn'],
      ],
      ['R3: tomorrow is a FUTURE_DATE', async () => [c.c26b, plusDays(TODAY)], 'FUTURE_DATE', ['input', 'completedOn']],
      [
        'R3: a course pending review is not in the catalogue: NOT_FOUND',
        async () => [c.pending, '2026-03-01'],
        'NOT_FOUND',
        ['input', 'courseId'],
      ],
      [
        'R3: a garbage course ID is NOT_FOUND',
        async () => ['crs_nope', '2026-03-01'],
        'NOT_FOUND',
        ['input', 'courseId'],
      ],
      [
        'R3: a date before the certification was issued is BEFORE_CERTIFICATION',
        async () => [c.c24a, '2024-06-29'],
        'BEFORE_CERTIFICATION',
        ['input', 'completedOn'],
      ],
    ])('%s', async (_name, setup, code, field) => {
      const who = await createTrainer(t, { cycleStartsOn: '2024-06-30', expiresOn: '2026-12-31' });
      const [courseId, completedOn] = await setup(who);
      const before = await snapshot(t);
      const res = await selfReport(t, who, courseId, completedOn);
      expect(res.completion).toBeNull();
      expect(res.userErrors).toEqual([expect.objectContaining({ code, field })]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('R3: concurrent identical self-reports record one completion; the others are DUPLICATE_COMPLETION', async () => {
      const who = await createTrainer(t);
      const results = await whileTableLocked(t, 'completion', 3, () =>
        Promise.all(Array.from({ length: 3 }, () => selfReport(t, who, c.c26b, '2026-02-20'))),
      );
      expect(results.filter((r) => r.completion !== null)).toHaveLength(1);
      expect(results.flatMap((r) => r.userErrors.map((e) => e.code))).toEqual(Array(2).fill('DUPLICATE_COMPLETION'));
      expect((await transcriptOf(t, who)).entries).toHaveLength(1);
    });

    it('R3: only trainers (and staff) self-report: a provider is FORBIDDEN', async () => {
      const res = await t.gql(
        `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) { userErrors { code } } }`,
        { input: { courseId: c.c26a, completedOn: '2026-03-01', certificationId: trainer.certificationId } },
        { provider: c.providerId },
      );
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    });
  });

  describe('submitPetition (R6)', () => {
    let trainer: TrainerFixture;
    beforeAll(async () => {
      trainer = await createTrainer(t);
    });

    it('R6: a petition for an outside event creates a PETITION-source entry and charges 25.00 USD', async () => {
      const count = await petitionCount(trainer);
      const res = await submitPetition(t, trainer, { event: event('2026-04-01', '4') });
      expect(res.userErrors).toEqual([]);
      expect(res.petition).toMatchObject({
        status: 'PENDING',
        requestedCeu: '0.4',
        awardedCeu: null,
        decidedAt: null,
        fee: FEE,
        completion: {
          source: 'PETITION',
          creditPath: 'PETITION_REQUIRED',
          creditReason: 'NOT_IN_CATALOGUE',
          ceuValue: '0.0',
          course: null,
        },
      });
      expect(await petitionCount(trainer)).toBe(count + 1);
      const transcript = await transcriptOf(t, trainer);
      const entry = transcript.entries.find((e) => e.completion.id === res.petition!.completion.id);
      expect(entry).toMatchObject({
        standing: 'PETITION_PENDING',
        countedCeu: '0.0',
        completion: { source: 'PETITION' },
      });
    });

    it('R6: a petition for a PETITION_REQUIRED completion links that completion and asks for the R2 value', async () => {
      const completion = await selfReported(t, trainer, c.c26a, '2026-01-02');
      expect(completion.creditPath).toBe('PETITION_REQUIRED');
      const res = await submitPetition(t, trainer, { completionId: completion.id });
      expect(res.userErrors).toEqual([]);
      expect(res.petition).toMatchObject({
        status: 'PENDING',
        requestedCeu: '1.0',
        fee: FEE,
        completion: { id: completion.id, source: 'SELF_REPORTED', course: { id: c.c26a } },
      });
    });

    it.each([
      [
        'R6: a petition for an AUTOMATIC completion is NO_PETITION_NEEDED',
        async (who: TrainerFixture) => ({ completionId: (await selfReported(t, who, c.c26b, '2026-03-03')).id }),
        'NO_PETITION_NEEDED',
        ['input', 'completionId'],
      ],
      [
        'R6: a second petition while one is pending is PETITION_ALREADY_OPEN',
        async (who: TrainerFixture) => {
          const completion = await selfReported(t, who, c.c26a, '2026-01-03');
          expect((await submitPetition(t, who, { completionId: completion.id })).userErrors).toEqual([]);
          return { completionId: completion.id };
        },
        'PETITION_ALREADY_OPEN',
        ['input', 'completionId'],
      ],
      [
        'R6: a petition for an already approved completion is PETITION_ALREADY_OPEN',
        async (who: TrainerFixture) => {
          const petition = await petitionForEvent(t, who, event('2026-02-10', '2'));
          data(await decidePetition(t, { petitionId: petition.id, decision: 'APPROVE' }));
          return { completionId: petition.completion.id };
        },
        'PETITION_ALREADY_OPEN',
        ['input', 'completionId'],
      ],
      ['R6: neither completionId nor event is INVALID_INPUT', async () => ({}), 'INVALID_INPUT', ['input']],
      [
        'R6: both completionId and event is INVALID_INPUT',
        async (who: TrainerFixture) => ({
          completionId: (await selfReported(t, who, c.c26a, '2026-01-01')).id,
          event: event('2026-04-02', '3'),
        }),
        'INVALID_INPUT',
        ['input'],
      ],
      [
        'R6: another trainer’s completion is NOT_FOUND',
        async () => {
          const other = await createTrainer(t);
          return { completionId: (await selfReported(t, other, c.c26a, '2026-01-02')).id };
        },
        'NOT_FOUND',
        ['input', 'completionId'],
      ],
      [
        'R6: an event in the future is FUTURE_DATE',
        async () => ({ event: event(plusDays(TODAY), '3') }),
        'FUTURE_DATE',
        ['input', 'event', 'completedOn'],
      ],
    ])('%s; no fee is charged', async (_name, setup, code, field) => {
      const who = await createTrainer(t);
      const input = await setup(who);
      const count = await petitionCount(who);
      const before = await snapshot(t);
      const res = await submitPetition(t, who, input);
      expect(res.petition).toBeNull();
      expect(res.userErrors).toEqual([expect.objectContaining({ code, field })]);
      expect(await petitionCount(who)).toBe(count);
      expect(await snapshot(t)).toEqual(before);
    });

    it('R6: concurrent petitions for one completion: one is accepted, the others PETITION_ALREADY_OPEN (one fee)', async () => {
      const who = await createTrainer(t);
      const completion = await selfReported(t, who, c.c26a, '2026-01-02');
      const results = await whileTableLocked(t, 'petition', 3, () =>
        Promise.all(Array.from({ length: 3 }, () => submitPetition(t, who, { completionId: completion.id }))),
      );
      expect(results.filter((r) => r.petition !== null)).toHaveLength(1);
      expect(results.flatMap((r) => r.userErrors.map((e) => e.code))).toEqual(Array(2).fill('PETITION_ALREADY_OPEN'));
      expect(await petitionCount(who)).toBe(1);
    });

    it('R6: a repeat with the same idempotencyKey returns the first petition and charges once', async () => {
      const who = await createTrainer(t);
      const input = { event: event('2026-04-03', '2'), idempotencyKey: 'petition-key-1' };
      const first = await submitPetition(t, who, input);
      const again = await submitPetition(t, who, input);
      expect(first.petition).not.toBeNull();
      expect(again).toEqual(first);
      expect(await petitionCount(who)).toBe(1);
      const reused = await submitPetition(t, who, { ...input, event: event('2026-04-04', '2') });
      expect(reused.userErrors).toEqual([
        expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }),
      ]);
      expect(await petitionCount(who)).toBe(1);
    });

    it('R6: only trainers submit petitions: staff are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
      const query = `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { userErrors { code } } }`;
      const input = { certificationId: trainer.certificationId, event: event('2026-04-01', '1'), justification: 'x' };
      const staff = await t.gql(query, { input }, 'staff');
      expect(staff.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const anonymous = await t.gql(query, { input });
      expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('withdrawPetition (R6)', () => {
    let trainer: TrainerFixture;
    let other: TrainerFixture;
    beforeAll(async () => {
      trainer = await createTrainer(t);
      other = await createTrainer(t);
    });

    it('R6: the trainer withdraws their own pending petition; the fee stays charged', async () => {
      const petition = await petitionForEvent(t, trainer, event('2026-05-01', '3'));
      const res = await withdrawPetition(t, trainer, petition.id, 'Changed my mind.');
      expect(res.userErrors).toEqual([]);
      expect(res.petition).toMatchObject({
        id: petition.id,
        status: 'WITHDRAWN',
        fee: FEE,
        awardedCeu: null,
        decisionReason: 'Changed my mind.',
        decidedAt: expect.any(String),
      });
      const transcript = await transcriptOf(t, trainer);
      expect(transcript.entries.find((e) => e.completion.id === petition.completion.id)?.standing).toBe(
        'PETITION_NEEDED',
      );
    });

    it('R6: another trainer gets NOT_FOUND and the petition stays pending', async () => {
      const petition = await petitionForEvent(t, trainer, event('2026-05-02', '3'));
      const res = await withdrawPetition(t, other, petition.id);
      expect(res.petition).toBeNull();
      expect(res.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'petitionId'] })]);
      const seen = data(
        await t.gql<{ petition: { status: string } | null }>(
          `query($id: ID!) { petition(id: $id) { status } }`,
          { id: petition.id },
          'staff',
        ),
      );
      expect(seen.petition).toEqual({ status: 'PENDING' });
      const hidden = data(
        await t.gql<{ petition: unknown }>(
          `query($id: ID!) { petition(id: $id) { status } }`,
          { id: petition.id },
          {
            trainer: other.trainerId,
          },
        ),
      );
      expect(hidden.petition).toBeNull();
    });

    it('R6: a withdrawn petition can be neither withdrawn again nor decided (INVALID_TRANSITION)', async () => {
      const petition = await petitionForEvent(t, trainer, event('2026-05-03', '3'));
      expect((await withdrawPetition(t, trainer, petition.id)).userErrors).toEqual([]);
      const again = await withdrawPetition(t, trainer, petition.id);
      expect(again.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
      const decided = data(await decidePetition(t, { petitionId: petition.id, decision: 'APPROVE' }));
      expect(decided.decidePetition.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
    });
  });

  describe('decidePetition (R6)', () => {
    let trainer: TrainerFixture;
    beforeAll(async () => {
      trainer = await createTrainer(t);
    });

    it.each([
      ['R6: APPROVE without a value awards the R2 default (4.5 contact hours × 0.1 = 0.45)', '4.5', undefined, '0.45'],
      ['R6: APPROVE without a value awards the R2 default (12 contact hours × 0.1 = 1.2)', '12', undefined, '1.2'],
      ['R6: APPROVE with a value awards that value', '4.5', '0.3', '0.3'],
    ])('%s', async (_name, hours, awardedCeu, awarded) => {
      const petition = await petitionForEvent(t, trainer, event('2026-06-01', hours));
      const res = data(
        await decidePetition(t, {
          petitionId: petition.id,
          decision: 'APPROVE',
          ...(awardedCeu ? { awardedCeu } : {}),
        }),
      ).decidePetition;
      expect(res.userErrors).toEqual([]);
      expect(res.petition).toMatchObject({
        status: 'APPROVED',
        awardedCeu: awarded,
        fee: FEE,
        decidedAt: expect.any(String),
        completion: { id: petition.completion.id, ceuValue: awarded },
      });
      const transcript = await transcriptOf(t, trainer);
      expect(transcript.entries.find((e) => e.completion.id === petition.completion.id)).toMatchObject({
        standing: 'COUNTED',
        countedCeu: awarded,
      });
    });

    it('R6: DENY requires a reason (REQUIRED); with one it is DENIED and the fee is kept', async () => {
      const petition = await petitionForEvent(t, trainer, event('2026-06-02', '2'));
      const noReason = data(await decidePetition(t, { petitionId: petition.id, decision: 'DENY' })).decidePetition;
      expect(noReason.petition).toBeNull();
      expect(noReason.userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: ['input', 'reason'] })]);
      const blank = data(
        await decidePetition(t, { petitionId: petition.id, decision: 'DENY', reason: '   ' }),
      ).decidePetition;
      expect(blank.userErrors.map((e) => e.code)).toEqual(['REQUIRED']);
      const denied = data(
        await decidePetition(t, { petitionId: petition.id, decision: 'DENY', reason: 'Not fitness related.' }),
      ).decidePetition;
      expect(denied.userErrors).toEqual([]);
      expect(denied.petition).toMatchObject({
        status: 'DENIED',
        awardedCeu: null,
        decisionReason: 'Not fitness related.',
        fee: FEE,
        completion: { ceuValue: '0.0' },
      });
      const transcript = await transcriptOf(t, trainer);
      expect(transcript.entries.find((e) => e.completion.id === petition.completion.id)?.standing).toBe(
        'PETITION_DENIED',
      );
    });

    it.each([
      ['R6: approving an approved petition is INVALID_TRANSITION', 'APPROVE', 'APPROVE'],
      ['R6: denying an approved petition is INVALID_TRANSITION', 'APPROVE', 'DENY'],
      ['R6: approving a denied petition is INVALID_TRANSITION', 'DENY', 'APPROVE'],
    ] as const)('%s', async (_name, firstDecision, secondDecision) => {
      const petition = await petitionForEvent(t, trainer, event('2026-06-03', '2'));
      const first = data(
        await decidePetition(t, { petitionId: petition.id, decision: firstDecision, reason: 'First.' }),
      ).decidePetition;
      expect(first.userErrors).toEqual([]);
      const before = await snapshot(t);
      const second = data(
        await decidePetition(t, { petitionId: petition.id, decision: secondDecision, reason: 'Second.' }),
      ).decidePetition;
      expect(second.petition).toBeNull();
      expect(second.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'petitionId'] }),
      ]);
      expect(await snapshot(t)).toEqual(before);
    });

    it.each([
      ['R6: a trainer may not decide a petition (FORBIDDEN), not even their own', 'trainer', 'FORBIDDEN'],
      ['R6: a provider may not decide a petition (FORBIDDEN)', 'provider', 'FORBIDDEN'],
      ['R6: an anonymous caller may not decide a petition (UNAUTHENTICATED)', 'anonymous', 'UNAUTHENTICATED'],
    ])('%s', async (_name, who, code) => {
      const petition = await petitionForEvent(t, trainer, event('2026-06-04', '2'));
      const as: As =
        who === 'trainer'
          ? { trainer: trainer.trainerId }
          : who === 'provider'
            ? { provider: c.providerId }
            : undefined;
      const res = await decidePetition(t, { petitionId: petition.id, decision: 'APPROVE' }, { as });
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      const seen = data(
        await t.gql<{ petition: { status: string } }>(
          `query($id: ID!) { petition(id: $id) { status } }`,
          { id: petition.id },
          'staff',
        ),
      );
      expect(seen.petition.status).toBe('PENDING');
    });

    it('R6: every decision is in the decision log (who, what, why)', async () => {
      const approved = await petitionForEvent(t, trainer, event('2026-06-05', '3'));
      const denied = await petitionForEvent(t, trainer, event('2026-06-06', '3'));
      data(await decidePetition(t, { petitionId: approved.id, decision: 'APPROVE', awardedCeu: '0.25' }));
      data(await decidePetition(t, { petitionId: denied.id, decision: 'DENY', reason: 'No certificate.' }));
      const log = async (subjectId: string) =>
        data(
          await t.gql<{
            decisionLog: {
              nodes: {
                action: string;
                actorType: string;
                actorId: string;
                reason: string | null;
                subjectType: string;
                occurredAt: string;
              }[];
            };
          }>(
            `query($id: ID!) { decisionLog(filter: { subjectId: $id }) { nodes { action actorType actorId reason subjectType occurredAt } } }`,
            { id: subjectId },
            'staff',
          ),
        ).decisionLog.nodes;
      expect(await log(approved.id)).toEqual([
        expect.objectContaining({
          action: 'PETITION_APPROVED',
          actorType: 'STAFF',
          actorId: 'test.reviewer',
          reason: null,
          subjectType: 'Petition',
          occurredAt: expect.any(String),
        }),
      ]);
      expect(await log(denied.id)).toEqual([
        expect.objectContaining({
          action: 'PETITION_DENIED',
          actorType: 'STAFF',
          actorId: 'test.reviewer',
          reason: 'No certificate.',
          subjectType: 'Petition',
          occurredAt: expect.any(String),
        }),
      ]);
    });
  });

  describe('transcript(certificationId, asOf) (R5, R6)', () => {
    /** Cycle 2024-07-01 … 2026-06-30, coursework deadline (E+90) 2026-09-28; certified since 2022. */
    let trainer: TrainerFixture;
    const e: Record<string, CompletionOut> = {};
    const p: Record<string, PetitionOut> = {};

    beforeAll(async () => {
      trainer = await createTrainer(t, {
        issuedOn: '2022-07-01',
        cycleStartsOn: '2024-07-01',
        expiresOn: '2026-06-30',
      });
      e.dayBeforeStart = await selfReported(t, trainer, c.c24a, '2024-06-30');
      e.cycleStart = await selfReported(t, trainer, c.c24b, '2024-07-01');
      e.first24a = await selfReported(t, trainer, c.c24a, '2024-08-01');
      e.second24a = await selfReported(t, trainer, c.c24a, '2024-09-01');
      e.unapproved = await selfReported(t, trainer, c.c24a, '2025-01-15');
      p.approved = await petitionForEvent(t, trainer, event('2025-03-01', '6'));
      p.pending = await petitionForEvent(t, trainer, event('2025-04-01', '4'));
      p.denied = await petitionForEvent(t, trainer, event('2025-05-01', '2'));
      data(await decidePetition(t, { petitionId: p.approved.id, decision: 'APPROVE' }));
      data(await decidePetition(t, { petitionId: p.denied.id, decision: 'DENY', reason: 'Not relevant.' }));
      e.expiryPlus90 = await selfReported(t, trainer, c.c26a, '2026-09-28');
      e.expiryPlus91 = await selfReported(t, trainer, c.c26b, '2026-09-29');
    });

    let transcript: TranscriptOut;
    let otherTrainer: TrainerFixture;
    beforeAll(async () => {
      transcript = await transcriptOf(t, trainer, '2026-10-01');
      otherTrainer = await createTrainer(t);
    });
    const standingOf = (id: string) => transcript.entries.find((x) => x.completion.id === id);

    it('R5: the cycle runs from its start to expiry, with coursework counted until expiry + 90', () => {
      expect(transcript.asOf).toBe('2026-10-01');
      expect(transcript.cycle).toEqual({
        startsOn: '2024-07-01',
        expiresOn: '2026-06-30',
        courseworkDeadline: '2026-09-28',
      });
    });

    it('R5/R6: entries, oldest first, with their standing and counted CEU', () => {
      expect(transcript.entries.map((x) => [x.completion.id, x.standing, x.countedCeu])).toEqual([
        [e.cycleStart.id, 'COUNTED', '0.3'],
        [e.first24a.id, 'COUNTED', '0.5'],
        [e.second24a.id, 'SAME_COURSE_ALREADY_COUNTED', '0.0'],
        [e.unapproved.id, 'PETITION_NEEDED', '0.0'],
        [p.approved.completion.id, 'COUNTED', '0.6'],
        [p.pending.completion.id, 'PETITION_PENDING', '0.0'],
        [p.denied.completion.id, 'PETITION_DENIED', '0.0'],
        [e.expiryPlus90.id, 'COUNTED', '0.25'],
        [e.expiryPlus91.id, 'OUTSIDE_CYCLE', '0.0'],
      ]);
    });

    it('R1/R5/R6: CEU totals are exact decimal strings', () => {
      expect(transcript.ceu).toEqual({
        earnedAutomatic: '1.05',
        earnedByPetition: '0.6',
        earned: '1.65',
        pending: '0.4',
        required: '1.9',
        remaining: '0.25',
      });
    });

    it.each([
      ['R5: a completion on the cycle start counts', () => e.cycleStart.id, 'COUNTED'],
      ['R5: the day before the cycle start is not in the transcript', () => e.dayBeforeStart.id, undefined],
      ['R5: with asOf after expiry, a completion on expiry + 90 counts', () => e.expiryPlus90.id, 'COUNTED'],
      [
        'R5: with asOf after expiry, a completion on expiry + 91 is shown with the cycle but counts for nothing',
        () => e.expiryPlus91.id,
        'OUTSIDE_CYCLE',
      ],
      ['R5: the same course twice in a cycle counts once', () => e.second24a.id, 'SAME_COURSE_ALREADY_COUNTED'],
      ['R3: an entry needing a petition, with none, earns nothing', () => e.unapproved.id, 'PETITION_NEEDED'],
      ['R6: an entry with an approved petition counts', () => p.approved.completion.id, 'COUNTED'],
      ['R6: an entry with a pending petition earns nothing yet', () => p.pending.completion.id, 'PETITION_PENDING'],
      ['R6: an entry with a denied petition earns nothing', () => p.denied.completion.id, 'PETITION_DENIED'],
    ])('%s', (_name, id, standing) => {
      expect(standingOf(id())?.standing).toBe(standing);
    });

    it('R5: asOf before expiry leaves out later completions', async () => {
      const early = await transcriptOf(t, trainer, '2026-06-30');
      expect(early.asOf).toBe('2026-06-30');
      expect(early.entries.map((x) => x.completion.id)).not.toContain(e.expiryPlus90.id);
      expect(early.entries).toHaveLength(7);
      expect(early.ceu).toEqual({
        earnedAutomatic: '0.8',
        earnedByPetition: '0.6',
        earned: '1.4',
        pending: '0.4',
        required: '1.9',
        remaining: '0.5',
      });
    });

    it('R5: without asOf the transcript is read as of today', async () => {
      const now = await transcriptOf(t, trainer);
      expect(now.asOf).toBe(TODAY);
      expect(now.ceu).toEqual(transcript.ceu);
    });

    it('R5: a provider-reported repeat of the same course on the same day is merged, counted once', async () => {
      const fresh = await createTrainer(t);
      const own = await selfReported(t, fresh, c.c26b, '2026-02-03');
      const report = data(await reportCompletions(t, c.providerId, [rowFor(fresh, c.c26b, '2026-02-03')]));
      expect(report.reportCompletions.results[0]).toMatchObject({ status: 'DUPLICATE', completion: { id: own.id } });
      const read = await transcriptOf(t, fresh);
      expect(read.entries.map((x) => [x.completion.id, x.standing])).toEqual([[own.id, 'COUNTED']]);
      expect(read.ceu).toMatchObject({ earnedAutomatic: '0.2', earned: '0.2', remaining: '1.7' });
    });

    it.each([
      ['Access: the trainer themself reads the transcript', () => ({ trainer: trainer.trainerId }) as As, true],
      ['Access: staff read any transcript', () => 'staff' as As, true],
      ['Access: another trainer gets null', () => ({ trainer: otherTrainer.trainerId }) as As, false],
      ['Access: a provider gets null', () => ({ provider: c.providerId }) as As, false],
      ['Access: an anonymous caller gets null', () => undefined as As, false],
    ])('%s', async (_name, as, visible) => {
      const res = data(await transcriptQuery(t, trainer.certificationId, as(), '2026-10-01'));
      if (visible) expect(res.transcript?.ceu).toEqual(transcript.ceu);
      else expect(res.transcript).toBeNull();
    });
  });

  describe('A refused mutation leaves the database exactly as it was', () => {
    let trainer: TrainerFixture;
    let other: TrainerFixture;
    let pendingPetition: PetitionOut;
    let approvedPetition: PetitionOut;
    let automatic: CompletionOut;
    beforeAll(async () => {
      trainer = await createTrainer(t);
      other = await createTrainer(t);
      const needsPetition = await selfReported(t, trainer, c.c26a, '2026-01-02');
      pendingPetition = (await submitPetition(t, trainer, { completionId: needsPetition.id })).petition!;
      approvedPetition = await petitionForEvent(t, trainer, event('2026-03-15', '5'));
      data(await decidePetition(t, { petitionId: approvedPetition.id, decision: 'APPROVE' }));
      automatic = await selfReported(t, trainer, c.c26b, '2026-03-16');
    });

    it.each([
      [
        'R6: a petition refused for PETITION_ALREADY_OPEN',
        () => submitPetition(t, trainer, { completionId: pendingPetition.completion.id, idempotencyKey: 'refused-1' }),
        'PETITION_ALREADY_OPEN',
      ],
      [
        'R6: a petition refused for NO_PETITION_NEEDED',
        () => submitPetition(t, trainer, { completionId: automatic.id }),
        'NO_PETITION_NEEDED',
      ],
      [
        'R6: an event petition refused for OUT_OF_RANGE contact hours',
        () => submitPetition(t, trainer, { event: event('2026-03-01', '0') }),
        'OUT_OF_RANGE',
      ],
      [
        'R6: an event petition refused for BEFORE_CERTIFICATION',
        () => submitPetition(t, trainer, { event: event('2020-01-01', '2') }),
        'BEFORE_CERTIFICATION',
      ],
      [
        'R3: a self-report refused for DUPLICATE_COMPLETION',
        () => selfReport(t, trainer, c.c26b, '2026-03-16'),
        'DUPLICATE_COMPLETION',
      ],
      [
        'R6: a withdrawal by another trainer (NOT_FOUND)',
        () => withdrawPetition(t, other, pendingPetition.id),
        'NOT_FOUND',
      ],
      [
        'R6: a denial without a reason (REQUIRED)',
        async () => data(await decidePetition(t, { petitionId: pendingPetition.id, decision: 'DENY' })).decidePetition,
        'REQUIRED',
      ],
      [
        'R6: a second decision (INVALID_TRANSITION)',
        async () =>
          data(await decidePetition(t, { petitionId: approvedPetition.id, decision: 'APPROVE', awardedCeu: '0.9' }))
            .decidePetition,
        'INVALID_TRANSITION',
      ],
      [
        'R6: an approval awarding more CEUs than the petition asked for (OUT_OF_RANGE, as the import)',
        async () =>
          data(await decidePetition(t, { petitionId: pendingPetition.id, decision: 'APPROVE', awardedCeu: '99.99' }))
            .decidePetition,
        'OUT_OF_RANGE',
      ],
      [
        'R6: an approval awarding 0 CEU (OUT_OF_RANGE)',
        async () =>
          data(await decidePetition(t, { petitionId: pendingPetition.id, decision: 'APPROVE', awardedCeu: '0' }))
            .decidePetition,
        'OUT_OF_RANGE',
      ],
      [
        'API: a report of 501 rows (TOO_MANY_ITEMS)',
        async () =>
          userErrorsOfReport(
            await reportCompletions(
              t,
              c.providerId,
              Array.from({ length: 501 }, (_, i) => rowFor(trainer, c.c26b, plusDays('2026-01-05', i % 200))),
              undefined,
              `mutation($input: ReportCompletionsInput!) { reportCompletions(input: $input) { userErrors { code field message } } }`,
            ),
          ),
        'TOO_MANY_ITEMS',
      ],
    ])('%s', async (_name, refused, code) => {
      const before = await snapshot(t);
      const res: { userErrors: UserErrorOut[] } = await refused();
      expect(res.userErrors.map((x) => x.code)).toEqual([code]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('R6: after the refusals the open petition can still be decided', async () => {
      const res = data(await decidePetition(t, { petitionId: pendingPetition.id, decision: 'APPROVE' })).decidePetition;
      expect(res.petition).toMatchObject({ status: 'APPROVED', awardedCeu: '1.0' });
    });
  });
});

function userErrorsOfReport(res: { body: { data?: { reportCompletions: { userErrors: UserErrorOut[] } } } }) {
  return { userErrors: res.body.data?.reportCompletions.userErrors ?? [] };
}
