import { CprAedCredential } from '../../src/modules/cpr-aed/cpr-aed.entity';
import { fromGlobalId } from '../../src/common/ids';
import { approvedProvider, createCourse, createTrainer, snapshot } from '../support/fixtures';
import { onDay } from '../support/ledger-fixtures';
import { data, scriptedRandom, startTestApp, TestApp } from '../support/harness';

const SET = `mutation($input: SetProgramPolicyInput!) { setProgramPolicy(input: $input) {
  programPolicy { auditRate auditDocumentsDays petitionFee { amount currencyCode } } userErrors { code field } } }`;

describe('program policy as data (R6, R11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every draw is 0.5: never audited at the default 10 %, always at a rate above one half.
    t = await startTestApp({ today: '2026-06-15', random: scriptedRandom(0.5) });
  });
  afterAll(() => t.close());

  it('R6/R11: the defaults are in force until staff change them', async () => {
    const res = data(
      await t.gql<{ programPolicy: unknown }>(
        `{ programPolicy { auditRate auditDocumentsDays petitionFee { amount } } }`,
      ),
    );
    expect(res.programPolicy).toEqual({ auditRate: '0.1', auditDocumentsDays: 30, petitionFee: { amount: '25.00' } });
  });

  it('only staff change the settings, and each change is logged', async () => {
    const asTrainer = await t.gql(
      SET,
      { input: { petitionFee: '1.00' } },
      { trainer: (await createTrainer(t)).trainerId },
    );
    expect(asTrainer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = data(
      await t.gql<{ setProgramPolicy: { userErrors: unknown[] } }>(SET, { input: { auditRate: '1.5' } }, 'staff'),
    );
    expect(bad.setProgramPolicy.userErrors).toEqual([{ code: 'INVALID_FORMAT', field: ['input', 'auditRate'] }]);
  });

  it('R6: a new petition fee is charged on the next petition; R11: a new rate and window select and date the next audit', async () => {
    const changed = data(
      await t.gql<{ setProgramPolicy: { programPolicy: unknown } }>(
        SET,
        { input: { petitionFee: '30.00', auditRate: '0.75', auditDocumentsDays: 14, reason: 'New policy year' } },
        'staff',
      ),
    );
    expect(changed.setProgramPolicy.programPolicy).toEqual({
      auditRate: '0.75',
      auditDocumentsDays: 14,
      petitionFee: { amount: '30.00', currencyCode: 'USD' },
    });

    const trainer = await createTrainer(t, { expiresOn: '2026-07-31' });
    const petition = data(
      await t.gql<{ submitPetition: { petition: { fee: { amount: string } } } }>(
        `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { petition { fee { amount } } userErrors { code } } }`,
        {
          input: {
            event: { title: 'Summit', providerName: 'Forum', completedOn: '2026-05-01', contactHours: '2' },
            justification: 'In scope.',
          },
        },
        { trainer: trainer.trainerId },
      ),
    );
    expect(petition.submitPetition.petition.fee.amount).toBe('30.00');

    // Enough CEUs and a valid card, so the application is accepted and the audit draw decides.
    const providerId = await approvedProvider(t);
    const courseId = await createCourse(t, providerId, { contactHours: '19' });
    data(
      await t.gql(
        `mutation($input: ReportCompletionInput!) { reportCompletion(input: $input) { userErrors { code } } }`,
        { input: { courseId, completedOn: '2026-06-15' } },
        { trainer: trainer.trainerId },
      ),
    );
    await t.db.uow.run((em) =>
      em.insert(CprAedCredential, {
        trainerId: fromGlobalId('Trainer', trainer.trainerId) as number,
        issuer: 'Red Cross',
        cardNumber: null,
        issuedOn: '2026-01-10',
        expiresOn: '2028-01-10',
        coversAdultCpr: true,
        coversAed: true,
        format: 'IN_PERSON',
        createdAt: new Date().toISOString(),
      }),
    );
    const applied = data(
      await t.gql<{
        submitRecertification: { application: { status: string; audit: { documentsDueOn: string } | null } };
      }>(
        `mutation { submitRecertification(input: {}) { application { status audit { documentsDueOn } } userErrors { code message } } }`,
        undefined,
        { trainer: trainer.trainerId },
      ),
    );
    expect(applied.submitRecertification.application).toEqual({
      status: 'AUDIT_PENDING',
      audit: { documentsDueOn: '2026-06-29' },
    });

    const log = data(
      await t.gql<{ decisionLog: { nodes: { action: string; subject: string | null; reason: string }[] } }>(
        `{ decisionLog(filter: { action: "PROGRAM_POLICY_SET" }) { nodes { action subject reason } } }`,
        undefined,
        'staff',
      ),
    );
    expect(log.decisionLog.nodes).toEqual([{ action: 'PROGRAM_POLICY_SET', subject: null, reason: 'New policy year' }]);
  });
});

const FEES = { recertificationFee: '99.00', lateFee: '30.00', additionalFee: '50.00' };
const SCHEDULE_FIELDS = `id effectiveFrom supersededBy recertificationFee { amount } lateFee { amount }`;
const WAIVER_FIELDS = `id startsOn liftedOn supersededBy`;

interface Refusal {
  code: string;
  field: string[] | null;
  message: string;
}

describe('dated policy is append-only: changes apply from today (2026-06-15) or later', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ today: '2026-06-15' });
  });
  afterAll(() => t.close());

  const gql = async <T>(query: string, input: Record<string, unknown>, on?: string): Promise<T> => {
    const send = () => t.gql<T>(query, { input }, 'staff');
    return data(await (on ? onDay(t, on, send) : send()));
  };
  const setSchedule = (input: Record<string, unknown>) =>
    gql<{ setFeeSchedule: { feeSchedule: { id: string } | null; userErrors: Refusal[] } }>(
      `mutation($input: SetFeeScheduleInput!) { setFeeSchedule(input: $input) { feeSchedule { id } userErrors { code field message } } }`,
      { ...FEES, ...input },
    ).then((r) => r.setFeeSchedule);
  const correctSchedule = (input: Record<string, unknown>) =>
    gql<{ correctFeeSchedule: { feeSchedule: Record<string, unknown> | null; userErrors: Refusal[] } }>(
      `mutation($input: CorrectFeeScheduleInput!) { correctFeeSchedule(input: $input) { feeSchedule { ${SCHEDULE_FIELDS} } userErrors { code field message } } }`,
      input,
    ).then((r) => r.correctFeeSchedule);
  const setWaiverAs = (input: Record<string, unknown>, on?: string) =>
    gql<{ setHandsOnWaiver: { waiver: { id: string } | null; userErrors: Refusal[] } }>(
      `mutation($input: SetHandsOnWaiverInput!) { setHandsOnWaiver(input: $input) { waiver { id } userErrors { code field message } } }`,
      input,
      on,
    ).then((r) => r.setHandsOnWaiver);
  const correctWaiver = (input: Record<string, unknown>) =>
    gql<{ correctHandsOnWaiver: { waiver: Record<string, unknown> | null; userErrors: Refusal[] } }>(
      `mutation($input: CorrectHandsOnWaiverInput!) { correctHandsOnWaiver(input: $input) { waiver { ${WAIVER_FIELDS} } userErrors { code field message } } }`,
      input,
    ).then((r) => r.correctHandsOnWaiver);
  const quoteTotal = async (trainer: { certificationId: string; trainerId: string }, receivedOn: string) =>
    data(
      await t.gql<{ recertificationQuote: { total: { amount: string } } }>(
        `query($c: ID!, $d: Date!) { recertificationQuote(certificationId: $c, receivedOn: $d) { total { amount } } }`,
        { c: trainer.certificationId, d: receivedOn },
        { trainer: trainer.trainerId },
      ),
    ).recertificationQuote.total.amount;
  const decisions = async (action: string) =>
    data(
      await t.gql<{ decisionLog: { nodes: { subject: string | null; reason: string | null; details: unknown }[] } }>(
        `query($a: String!) { decisionLog(filter: { action: $a }) { nodes { subject reason details } } }`,
        { a: action },
        'staff',
      ),
    ).decisionLog.nodes;

  const PAST = (what: string, date: string) =>
    `${what} from today (2026-06-15) or later; ${date} has passed. To fix what is already in force, make a correction.`;

  describe('R8: fee schedules', () => {
    let spareYear = 2030;
    it.each<[string, Record<string, unknown>, Refusal[]]>([
      [
        'R8: a schedule from yesterday is EFFECTIVE_IN_PAST',
        { effectiveFrom: '2026-06-14' },
        [
          {
            code: 'EFFECTIVE_IN_PAST',
            field: ['input', 'effectiveFrom'],
            message: PAST('Fee changes apply', '2026-06-14'),
          },
        ],
      ],
      [
        'R8: a schedule from a year ago is EFFECTIVE_IN_PAST',
        { effectiveFrom: '2025-06-15' },
        [
          {
            code: 'EFFECTIVE_IN_PAST',
            field: ['input', 'effectiveFrom'],
            message: PAST('Fee changes apply', '2025-06-15'),
          },
        ],
      ],
    ])('%s; nothing changes', async (_name, input, errors) => {
      const before = await snapshot(t);
      expect(await setSchedule(input)).toEqual({ feeSchedule: null, userErrors: errors });
      expect(await snapshot(t)).toEqual(before);
    });

    it('R8: a schedule from a future date leaves today’s quote alone and prices receipts from that date', async () => {
      const trainer = await createTrainer(t, { expiresOn: '2026-12-31' });
      expect(await quoteTotal(trainer, '2026-06-15')).toBe('99.00');
      const set = await setSchedule({ effectiveFrom: '2026-09-01', recertificationFee: '120.00' });
      expect(set.userErrors).toEqual([]);
      expect(await quoteTotal(trainer, '2026-06-15')).toBe('99.00');
      expect(await quoteTotal(trainer, '2026-08-31')).toBe('99.00');
      expect(await quoteTotal(trainer, '2026-09-01')).toBe('120.00');
    });

    it('R8: a schedule from today applies today; a correction keeps the old amounts readable and is logged with before and after', async () => {
      const trainer = await createTrainer(t, { expiresOn: '2026-12-31' });
      const set = await setSchedule({ effectiveFrom: '2026-06-15', recertificationFee: '990.00' });
      expect(set.userErrors).toEqual([]);
      const oldId = set.feeSchedule!.id;
      expect(await quoteTotal(trainer, '2026-06-15')).toBe('990.00');

      const corrected = await correctSchedule({
        feeScheduleId: oldId,
        recertificationFee: '99.00',
        reason: 'Typed 990 for 99.',
      });
      expect(corrected.userErrors).toEqual([]);
      const newId = (corrected.feeSchedule as { id: string }).id;
      expect(corrected.feeSchedule).toEqual({
        id: expect.stringMatching(/^fee_/),
        effectiveFrom: '2026-06-15',
        supersededBy: null,
        recertificationFee: { amount: '99.00' },
        lateFee: { amount: '30.00' },
      });
      expect(newId).not.toBe(oldId);
      expect(await quoteTotal(trainer, '2026-06-15')).toBe('99.00');

      const all = data(
        await t.gql<{ current: { id: string }[]; all: Record<string, unknown>[] }>(
          `{ current: feeSchedules { id } all: feeSchedules(includeSuperseded: true) { ${SCHEDULE_FIELDS} } }`,
        ),
      );
      expect(all.current.map((s) => s.id)).toContain(newId);
      expect(all.current.map((s) => s.id)).not.toContain(oldId);
      expect(all.all).toContainEqual({
        id: oldId,
        effectiveFrom: '2026-06-15',
        supersededBy: newId,
        recertificationFee: { amount: '990.00' },
        lateFee: { amount: '30.00' },
      });
      expect(await decisions('FEE_SCHEDULE_CORRECTED')).toEqual([
        {
          subject: newId,
          reason: 'Typed 990 for 99.',
          details: {
            corrected: oldId,
            currencyCode: 'USD',
            before: {
              effectiveFrom: '2026-06-15',
              recertificationFee: '990.00',
              lateFee: '30.00',
              additionalFee: '50.00',
            },
            after: {
              effectiveFrom: '2026-06-15',
              recertificationFee: '99.00',
              lateFee: '30.00',
              additionalFee: '50.00',
            },
          },
        },
      ]);

      // The replaced schedule is history: it is not corrected a second time.
      expect(await correctSchedule({ feeScheduleId: oldId, lateFee: '1.00', reason: 'Again.' })).toEqual({
        feeSchedule: null,
        userErrors: [
          {
            code: 'INVALID_TRANSITION',
            field: ['input', 'feeScheduleId'],
            message: `This schedule was replaced by its correction ${newId}; change that one.`,
          },
        ],
      });
    });

    it.each<[string, (id: string) => Record<string, unknown>, string, string[]]>([
      [
        'R8: a correction without a reason is REQUIRED',
        (id) => ({ feeScheduleId: id, lateFee: '1.00', reason: ' ' }),
        'REQUIRED',
        ['input', 'reason'],
      ],
      [
        'R8: a correction that changes nothing is INVALID_INPUT',
        (id) => ({ feeScheduleId: id, lateFee: '30', reason: 'No-op.' }),
        'INVALID_INPUT',
        ['input'],
      ],
      [
        'R8: a correction onto another schedule’s date is EFFECTIVE_DATE_TAKEN',
        (id) => ({ feeScheduleId: id, effectiveFrom: '2026-09-01', reason: 'Moved.' }),
        'EFFECTIVE_DATE_TAKEN',
        ['input', 'effectiveFrom'],
      ],
      [
        'R8: a correction of an unknown schedule is NOT_FOUND',
        () => ({ feeScheduleId: 'fee_nothing', lateFee: '1.00', reason: 'Lost.' }),
        'NOT_FOUND',
        ['input', 'feeScheduleId'],
      ],
    ])('%s; nothing changes', async (_name, input, code, field) => {
      const set = await setSchedule({
        effectiveFrom: `${++spareYear}-01-01`,
      });
      const id = set.feeSchedule?.id ?? 'fee_nothing';
      const before = await snapshot(t);
      const res = await correctSchedule(input(id));
      expect(res.feeSchedule).toBeNull();
      expect(res.userErrors.map((e) => [e.code, e.field])).toEqual([[code, field]]);
      expect(await snapshot(t)).toEqual(before);
    });
  });

  describe('R7: hands-on waivers', () => {
    let inForce: string;
    let liftedLastMonth: string;
    beforeAll(async () => {
      inForce = (await setWaiverAs({ startsOn: '2026-03-01', reason: 'Closures.' }, '2026-03-01')).waiver!.id;
      liftedLastMonth = (await setWaiverAs({ startsOn: '2026-01-01', liftedOn: '2026-05-15' }, '2026-01-01')).waiver!
        .id;
    });

    it.each<[string, () => Record<string, unknown>, Refusal['field'], string]>([
      [
        'R7: a new waiver starting yesterday is EFFECTIVE_IN_PAST',
        () => ({ startsOn: '2026-06-14' }),
        ['input', 'startsOn'],
        PAST('A new waiver starts', '2026-06-14'),
      ],
      [
        'R7: a started waiver keeps its start (moving it is EFFECTIVE_IN_PAST)',
        () => ({ waiverId: inForce, startsOn: '2026-07-01' }),
        ['input', 'startsOn'],
        'The waiver started on 2026-03-01, before today (2026-06-15); its start stays. To fix a wrong start, use correctHandsOnWaiver.',
      ],
      [
        'R7: lifting a waiver on a past date is EFFECTIVE_IN_PAST',
        () => ({ waiverId: inForce, startsOn: '2026-03-01', liftedOn: '2026-06-01' }),
        ['input', 'liftedOn'],
        PAST('A waiver is lifted', '2026-06-01'),
      ],
      [
        'R7: a waiver lifted before today stays lifted (EFFECTIVE_IN_PAST)',
        () => ({ waiverId: liftedLastMonth, startsOn: '2026-01-01', liftedOn: null }),
        ['input', 'liftedOn'],
        'The waiver was lifted on 2026-05-15, before today (2026-06-15); it stays lifted. To fix a wrong date, use correctHandsOnWaiver.',
      ],
    ])('%s; nothing changes', async (_name, input, field, message) => {
      const before = await snapshot(t);
      expect(await setWaiverAs(input())).toEqual({
        waiver: null,
        userErrors: [{ code: 'EFFECTIVE_IN_PAST', field, message }],
      });
      expect(await snapshot(t)).toEqual(before);
    });

    it.each<[string, () => Record<string, unknown>]>([
      ['R7: a new waiver may start today', () => ({ startsOn: '2026-06-15', liftedOn: '2026-06-20' })],
      ['R7: a new waiver may start in the future', () => ({ startsOn: '2026-08-01' })],
      [
        'R7: a waiver in force may be lifted today',
        () => ({ waiverId: inForce, startsOn: '2026-03-01', liftedOn: '2026-06-15' }),
      ],
    ])('%s', async (_name, input) => {
      expect((await setWaiverAs(input())).userErrors).toEqual([]);
    });

    it('R7: a correction moves past days, keeps the old waiver readable and is logged with before and after', async () => {
      const res = await correctWaiver({
        waiverId: liftedLastMonth,
        liftedOn: '2026-05-31',
        reason: 'Lifted at month end.',
      });
      expect(res.userErrors).toEqual([]);
      const newId = (res.waiver as { id: string }).id;
      expect(res.waiver).toEqual({ id: newId, startsOn: '2026-01-01', liftedOn: '2026-05-31', supersededBy: null });
      const listed = data(
        await t.gql<{ current: { id: string }[]; all: Record<string, unknown>[] }>(
          `{ current: handsOnWaivers { id } all: handsOnWaivers(includeSuperseded: true) { ${WAIVER_FIELDS} } }`,
        ),
      );
      expect(listed.current.map((w) => w.id)).not.toContain(liftedLastMonth);
      expect(listed.all).toContainEqual({
        id: liftedLastMonth,
        startsOn: '2026-01-01',
        liftedOn: '2026-05-15',
        supersededBy: newId,
      });
      expect(await decisions('HANDS_ON_WAIVER_CORRECTED')).toEqual([
        {
          subject: newId,
          reason: 'Lifted at month end.',
          details: {
            corrected: liftedLastMonth,
            before: { startsOn: '2026-01-01', liftedOn: '2026-05-15' },
            after: { startsOn: '2026-01-01', liftedOn: '2026-05-31' },
          },
        },
      ]);
    });
  });

  it('R6/R11: a settings change applies from now on and is logged with the values before and after', async () => {
    const res = data(
      await t.gql<{ setProgramPolicy: { userErrors: unknown[] } }>(
        SET,
        { input: { petitionFee: '27.50', reason: 'Indexation.' } },
        'staff',
      ),
    );
    expect(res.setProgramPolicy.userErrors).toEqual([]);
    expect(await decisions('PROGRAM_POLICY_SET')).toEqual([
      {
        subject: null,
        reason: 'Indexation.',
        details: {
          program: 'CPT',
          before: { auditRate: '0.1', auditDocumentsDays: 30, petitionFee: '25.00' },
          after: { auditRate: '0.1', auditDocumentsDays: 30, petitionFee: '27.50' },
        },
      },
    ]);
  });
});
