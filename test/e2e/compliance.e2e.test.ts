import { createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import { As, data, startTestApp, TestApp } from '../support/harness';
import { decidePetition, onDay, petitionForEvent, plusDays, selfReported } from '../support/ledger-fixtures';
import {
  BlockerOut,
  CardIn,
  certificationOf,
  ComplianceOut,
  complianceOf,
  decisionsAbout,
  DEFAULT_FEES,
  quoteFor,
  quoteQuery,
  recertCatalogue,
  RecertCatalogue,
  recordCard,
  recordedCard,
  setFeeSchedule,
  setWaiver,
  transcriptComplianceQuery,
  usd,
} from '../support/recertification-fixtures';

const TODAY = '2026-06-15';
/** A card that is valid (hands-on, adult CPR and AED) from 2025-09-01 to 2028-09-01. */
const GOOD_CARD: CardIn = { issuedOn: '2025-09-01', expiresOn: '2028-09-01' };

const CE_SHORT = (remaining: string): BlockerOut => ({
  code: 'CE_SHORT',
  message: `${remaining} CEU of continuing education still missing`,
});
const CPR_AED_MISSING: BlockerOut = {
  code: 'CPR_AED_MISSING',
  message: 'No CPR/AED credential on record (0.1 CEU required)',
};
const CPR_AED_HANDS_ON: BlockerOut = {
  code: 'CPR_AED_HANDS_ON',
  message:
    'The CPR/AED credential is online-only, has no hands-on skills assessment and was not issued ' +
    'inside a hands-on waiver period (0.1 CEU required)',
};

describe('compliance, quotes and certification status (R1, R7–R9, R12)', () => {
  let t: TestApp;
  let cat: RecertCatalogue;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    cat = await recertCatalogue(t);
  });
  afterAll(() => t.close());

  describe('R8/R12: the application window around the expiry E', () => {
    /** E = 2026-03-31: 1.9 CE and a card valid until 2028, so only the window decides. */
    let ready: TrainerFixture;
    /** E = 2024-02-29 (a leap day): nothing on record. */
    let leap: TrainerFixture;

    beforeAll(async () => {
      ready = await createTrainer(t, { cycleStartsOn: '2024-04-01', expiresOn: '2026-03-31' });
      await selfReported(t, ready, await cat.course(2025, '1.9'), '2025-05-01');
      await recordedCard(t, ready, GOOD_CARD);
      leap = await createTrainer(t, { cycleStartsOn: '2022-03-01', expiresOn: '2024-02-29' });
    });

    const who = { ready: () => ready, leap: () => leap };

    it.each([
      ['R8/R12: E itself is ON_TIME (99.00) and ACTIVE', 'ready', '2026-03-31', 'ON_TIME', '99.00', 'ACTIVE'],
      ['R8/R12: E+1 is LATE (99.00 + 30.00) and EXPIRED', 'ready', '2026-04-01', 'LATE', '129.00', 'EXPIRED'],
      ['R8/R12: E+90 is still LATE (129.00), EXPIRED', 'ready', '2026-06-29', 'LATE', '129.00', 'EXPIRED'],
      [
        'R8/R12: E+91 adds the additional fee (179.00), EXPIRED',
        'ready',
        '2026-06-30',
        'LATE_ADDITIONAL_FEE',
        '179.00',
        'EXPIRED',
      ],
      [
        'R8/R12: E+1 year − 1 day is the last day to apply (179.00), EXPIRED',
        'ready',
        '2027-03-30',
        'LATE_ADDITIONAL_FEE',
        '179.00',
        'EXPIRED',
      ],
      ['R8/R12: E+1 year is CLOSED, no fee, LAPSED', 'ready', '2027-03-31', 'CLOSED', '0.00', 'LAPSED'],
      ['R8/R12: leap-day E 2024-02-29 itself is ON_TIME, ACTIVE', 'leap', '2024-02-29', 'ON_TIME', '99.00', 'ACTIVE'],
      ['R8/R12: leap-day E+1 (2024-03-01) is LATE, EXPIRED', 'leap', '2024-03-01', 'LATE', '129.00', 'EXPIRED'],
      [
        'R8/R12: leap-day E+1 year − 1 day (2025-02-27) is LATE_ADDITIONAL_FEE, EXPIRED',
        'leap',
        '2025-02-27',
        'LATE_ADDITIONAL_FEE',
        '179.00',
        'EXPIRED',
      ],
      ['R8/R12: leap-day E+1 year (2025-02-28) is CLOSED, LAPSED', 'leap', '2025-02-28', 'CLOSED', '0.00', 'LAPSED'],
    ] as const)('%s', async (_name, trainerKey, receivedOn, phase, total, status) => {
      const trainer = who[trainerKey]();
      const quote = await quoteFor(t, trainer, receivedOn);
      expect(quote).toMatchObject({ receivedOn, phase, fees: DEFAULT_FEES[phase], total: usd(total) });
      expect(quote.blockers.some((b) => b.code === 'CLOSED')).toBe(phase === 'CLOSED');
      expect((await certificationOf(t, trainer, receivedOn, 'self'))?.status).toBe(status);
      const compliance = await complianceOf(t, trainer, receivedOn);
      expect(compliance).toMatchObject({ asOf: receivedOn, status, window: { phase } });
      expect(compliance.quote).toEqual(quote);
    });

    it.each([
      ['R8: E', '2026-03-31', true, []],
      ['R8: E+90', '2026-06-29', true, []],
      ['R8: E+1 year − 1 day', '2027-03-30', true, []],
      [
        'R8: E+1 year: refused with the blocker CLOSED',
        '2027-03-31',
        false,
        [{ code: 'CLOSED', message: 'The application window closed on 2027-03-31; the certification has lapsed' }],
      ],
    ])('%s: acceptable and blockers for a trainer who meets R1', async (_name, receivedOn, acceptable, blockers) => {
      expect(await quoteFor(t, ready, receivedOn)).toMatchObject({ acceptable, blockers });
    });

    it.each([
      [
        'R8: E 2026-03-31',
        '2026-03-31',
        {
          expiresOn: '2026-03-31',
          lateFeeFrom: '2026-04-01',
          courseworkDeadline: '2026-06-29',
          additionalFeeFrom: '2026-06-30',
          lastDayToApply: '2027-03-30',
          closesOn: '2027-03-31',
        },
      ],
      [
        'R8: leap-day E 2024-02-29 closes on 2025-02-28',
        '2024-02-29',
        {
          expiresOn: '2024-02-29',
          lateFeeFrom: '2024-03-01',
          courseworkDeadline: '2024-05-29',
          additionalFeeFrom: '2024-05-30',
          lastDayToApply: '2025-02-27',
          closesOn: '2025-02-28',
        },
      ],
      [
        'R8: E 2025-12-31 crosses the year',
        '2025-12-31',
        {
          expiresOn: '2025-12-31',
          lateFeeFrom: '2026-01-01',
          courseworkDeadline: '2026-03-31',
          additionalFeeFrom: '2026-04-01',
          lastDayToApply: '2026-12-30',
          closesOn: '2026-12-31',
        },
      ],
      [
        'R8: E 2026-08-31',
        '2026-08-31',
        {
          expiresOn: '2026-08-31',
          lateFeeFrom: '2026-09-01',
          courseworkDeadline: '2026-11-29',
          additionalFeeFrom: '2026-11-30',
          lastDayToApply: '2027-08-30',
          closesOn: '2027-08-31',
        },
      ],
    ])('%s: window dates', async (_name, expiresOn, window) => {
      const trainer = await createTrainer(t, { expiresOn });
      const compliance = await complianceOf(t, trainer);
      expect(compliance.window).toMatchObject(window);
      expect(compliance.cycle).toMatchObject({ expiresOn, courseworkDeadline: window.courseworkDeadline });
    });

    it.each([
      ['R8: before E the next deadline is the expiry', '2026-03-01', { date: '2026-03-31', kind: 'EXPIRES' }],
      ['R8: on E the next deadline is the expiry', '2026-03-31', { date: '2026-03-31', kind: 'EXPIRES' }],
      [
        'R8: on E+1 the next deadline is the additional fee (E+91)',
        '2026-04-01',
        { date: '2026-06-30', kind: 'ADDITIONAL_FEE_STARTS' },
      ],
      [
        'R8: on E+90 the next deadline is the additional fee (E+91)',
        '2026-06-29',
        { date: '2026-06-30', kind: 'ADDITIONAL_FEE_STARTS' },
      ],
      ['R8: on E+91 the next deadline is the closing', '2026-06-30', { date: '2027-03-31', kind: 'WINDOW_CLOSES' }],
      ['R8: once closed there is no next deadline', '2027-03-31', null],
    ])('%s', async (_name, asOf, nextDeadline) => {
      expect((await complianceOf(t, ready, asOf)).nextDeadline).toEqual(nextDeadline);
    });

    it('R12: status(on:) defaults to today and is reachable through trainer { certifications }', async () => {
      const res = data(
        await t.gql<{
          trainer: { certifications: { id: string; status: string; onE: string; compliance: { status: string } }[] };
        }>(
          `query($id: ID!) { trainer(id: $id) { certifications {
            id status onE: status(on: "2026-03-31") compliance { status } } } }`,
          { id: ready.trainerId },
          { trainer: ready.trainerId },
        ),
      );
      expect(res.trainer.certifications).toEqual([
        { id: ready.certificationId, status: 'EXPIRED', onE: 'ACTIVE', compliance: { status: 'EXPIRED' } },
      ]);
    });
  });

  describe('R1/R7/R9: blockers, each named with its code and message', () => {
    const RECEIPT = TODAY;

    interface Case {
      ce: string[];
      cards: CardIn[];
    }

    const setup = async ({ ce, cards }: Case) => {
      const trainer = await createTrainer(t, { cycleStartsOn: '2025-01-01', expiresOn: '2026-12-31' });
      let day = '2026-02-01';
      for (const value of ce) {
        await selfReported(t, trainer, await cat.course(2026, value), day);
        day = plusDays(day);
      }
      const recorded = [];
      for (const card of cards) recorded.push(await recordedCard(t, trainer, card));
      return { trainer, cards: recorded };
    };

    it.each([
      [
        'R1/R9: 1.9 CE and a valid card: acceptable, 2.0 of 2.0, no blocker',
        { ce: ['1.9'], cards: [GOOD_CARD] },
        { status: 'VALID', counts: true, earned: '0.1', advisories: [] },
        { earned: '1.9', remaining: '0.0' },
        '2.0',
        [],
      ],
      [
        'R9: CE_SHORT names the exact remaining 0.35 (1.55 earned)',
        { ce: ['1.55'], cards: [GOOD_CARD] },
        { status: 'VALID', counts: true, earned: '0.1' },
        { earned: '1.55', remaining: '0.35' },
        '1.65',
        [CE_SHORT('0.35')],
      ],
      [
        'R7: CPR_AED_MISSING without any card (CE complete)',
        { ce: ['1.9'], cards: [] },
        { status: 'MISSING', counts: false, earned: '0.0', credential: null },
        { earned: '1.9', remaining: '0.0' },
        '1.9',
        [CPR_AED_MISSING],
      ],
      [
        'R7: CPR_AED_EXPIRED for a card that expired the day before the receipt date',
        { ce: ['1.9'], cards: [{ issuedOn: '2024-06-14', expiresOn: plusDays(RECEIPT, -1) }] },
        { status: 'EXPIRED', counts: false, earned: '0.0' },
        { earned: '1.9', remaining: '0.0' },
        '1.9',
        [
          {
            code: 'CPR_AED_EXPIRED',
            message: 'The CPR/AED credential expired on 2026-06-14; a current one is required (0.1 CEU)',
          },
        ],
      ],
      [
        'R7: a card expiring on the receipt date still counts',
        { ce: ['1.9'], cards: [{ issuedOn: '2024-06-15', expiresOn: RECEIPT }] },
        { status: 'VALID', counts: true, earned: '0.1' },
        { earned: '1.9', remaining: '0.0' },
        '2.0',
        [],
      ],
      [
        'R7: CPR_AED_COVERAGE for a card without AED',
        { ce: ['1.9'], cards: [{ ...GOOD_CARD, coversAed: false }] },
        { status: 'COVERAGE_INCOMPLETE', counts: false, earned: '0.0' },
        { earned: '1.9', remaining: '0.0' },
        '1.9',
        [{ code: 'CPR_AED_COVERAGE', message: 'The CPR/AED credential does not cover AED (0.1 CEU required)' }],
      ],
      [
        'R7: CPR_AED_COVERAGE for a card covering neither adult CPR nor AED',
        { ce: ['1.9'], cards: [{ ...GOOD_CARD, coversAdultCpr: false, coversAed: false }] },
        { status: 'COVERAGE_INCOMPLETE', counts: false },
        { earned: '1.9', remaining: '0.0' },
        '1.9',
        [
          {
            code: 'CPR_AED_COVERAGE',
            message: 'The CPR/AED credential does not cover adult CPR or AED (0.1 CEU required)',
          },
        ],
      ],
      [
        'R7: CPR_AED_HANDS_ON for an online-only card and no waiver',
        { ce: ['1.9'], cards: [{ ...GOOD_CARD, format: 'ONLINE_ONLY' }] },
        { status: 'HANDS_ON_REQUIRED', counts: false, earned: '0.0', advisories: [] },
        { earned: '1.9', remaining: '0.0' },
        '1.9',
        [CPR_AED_HANDS_ON],
      ],
      [
        'R7: a BLENDED card has a hands-on assessment and counts',
        { ce: ['1.9'], cards: [{ ...GOOD_CARD, format: 'BLENDED' }] },
        { status: 'VALID', counts: true, earned: '0.1' },
        { earned: '1.9', remaining: '0.0' },
        '2.0',
        [],
      ],
      [
        'R7: of an expired and a current card, the current one counts',
        { ce: ['1.9'], cards: [{ issuedOn: '2022-01-01', expiresOn: '2024-01-01' }, GOOD_CARD] },
        { status: 'VALID', counts: true },
        { earned: '1.9', remaining: '0.0' },
        '2.0',
        [],
      ],
      [
        'R9: every blocker at once: CE_SHORT (1.9 missing) and CPR_AED_MISSING',
        { ce: [], cards: [] },
        { status: 'MISSING', counts: false },
        { earned: '0.0', remaining: '1.9' },
        '0.0',
        [CE_SHORT('1.9'), CPR_AED_MISSING],
      ],
      [
        'R9: every blocker at once: CE_SHORT (1.4 missing) and CPR_AED_HANDS_ON',
        { ce: ['0.5'], cards: [{ ...GOOD_CARD, format: 'ONLINE_ONLY' }] },
        { status: 'HANDS_ON_REQUIRED', counts: false },
        { earned: '0.5', remaining: '1.4' },
        '0.5',
        [CE_SHORT('1.4'), CPR_AED_HANDS_ON],
      ],
    ] as const)('%s', async (_name, setupCase, cprAed, ce, totalEarned, blockers) => {
      const { trainer, cards } = await setup(setupCase as unknown as Case);
      const compliance = await complianceOf(t, trainer, RECEIPT);
      expect(compliance.cprAed).toMatchObject({ ...cprAed, required: '0.1' });
      // The card assessed: the only one, or (expired + current) the current one, recorded last.
      expect(compliance.cprAed.credential?.id ?? null).toBe(cards.length ? cards[cards.length - 1].id : null);
      expect(compliance.cprAed.reason).toEqual(expect.any(String));
      expect(compliance.continuingEducation).toMatchObject({ ...ce, required: '1.9' });
      expect(compliance.totalEarned).toBe(totalEarned);
      expect(compliance.totalRequired).toBe('2.0');
      expect(compliance.blockers).toEqual(blockers);
      expect(compliance.acceptable).toBe(blockers.length === 0);
      const quote = await quoteFor(t, trainer, RECEIPT);
      expect(quote).toMatchObject({ phase: 'ON_TIME', acceptable: blockers.length === 0, blockers });
    });

    it('R7: the card is judged on the receipt date: a what-if after its expiry names CPR_AED_EXPIRED', async () => {
      const { trainer } = await setup({ ce: ['1.9'], cards: [{ issuedOn: '2025-01-10', expiresOn: '2026-09-30' }] });
      expect((await quoteFor(t, trainer, '2026-09-30')).blockers).toEqual([]);
      expect((await quoteFor(t, trainer, '2026-10-01')).blockers).toEqual([
        {
          code: 'CPR_AED_EXPIRED',
          message: 'The CPR/AED credential expired on 2026-09-30; a current one is required (0.1 CEU)',
        },
      ]);
    });

    it('R8/R9: after the window closed, every blocker is named: CLOSED, CE_SHORT and CPR_AED_MISSING', async () => {
      const lapsed = await createTrainer(t, { cycleStartsOn: '2023-05-01', expiresOn: '2025-04-30' });
      const compliance = await complianceOf(t, lapsed);
      expect(compliance).toMatchObject({ status: 'LAPSED', window: { phase: 'CLOSED' }, acceptable: false });
      expect(compliance.blockers).toEqual([
        { code: 'CLOSED', message: 'The application window closed on 2026-04-30; the certification has lapsed' },
        CE_SHORT('1.9'),
        CPR_AED_MISSING,
      ]);
      expect(compliance.quote).toMatchObject({ phase: 'CLOSED', fees: [], total: usd('0.00') });
    });

    it('R9: pending petitions do not count; once approved they do', async () => {
      const { trainer } = await setup({ ce: ['1.5'], cards: [GOOD_CARD] });
      const petition = await petitionForEvent(t, trainer, {
        title: 'Mobility seminar',
        providerName: 'Local Gym',
        completedOn: '2026-03-01',
        contactHours: '4',
      });
      const pending = await complianceOf(t, trainer);
      expect(pending.continuingEducation).toEqual({
        earnedAutomatic: '1.5',
        earnedByPetition: '0.0',
        earned: '1.5',
        pending: '0.4',
        required: '1.9',
        remaining: '0.4',
      });
      expect(pending.blockers).toEqual([CE_SHORT('0.4')]);
      expect(pending.acceptable).toBe(false);
      data(await decidePetition(t, { petitionId: petition.id, decision: 'APPROVE' }));
      const approved = await complianceOf(t, trainer);
      expect(approved.continuingEducation).toEqual({
        earnedAutomatic: '1.5',
        earnedByPetition: '0.4',
        earned: '1.9',
        pending: '0.0',
        required: '1.9',
        remaining: '0.0',
      });
      expect(approved).toMatchObject({ totalEarned: '2.0', totalRequired: '2.0', acceptable: true, blockers: [] });
    });

    it('R1/R2: CEU totals are exact decimal strings (0.1 + 0.2 + 0.45 automatic, 0.35 by petition)', async () => {
      const { trainer } = await setup({ ce: ['0.1', '0.2', '0.45'], cards: [GOOD_CARD] });
      const petition = await petitionForEvent(t, trainer, {
        title: 'Breathing workshop',
        providerName: 'Local Gym',
        completedOn: '2026-03-02',
        contactHours: '3.5',
      });
      data(await decidePetition(t, { petitionId: petition.id, decision: 'APPROVE' }));
      const compliance = await complianceOf(t, trainer);
      expect(compliance.continuingEducation).toEqual({
        earnedAutomatic: '0.75',
        earnedByPetition: '0.35',
        earned: '1.1',
        pending: '0.0',
        required: '1.9',
        remaining: '0.8',
      });
      expect(compliance.totalEarned).toBe('1.2');
      expect(compliance.blockers).toEqual([CE_SHORT('0.8')]);
    });
  });

  describe('recordCprAedCredential (R7)', () => {
    let trainer: TrainerFixture;
    beforeAll(async () => {
      trainer = await createTrainer(t, { cycleStartsOn: '2025-01-01', expiresOn: '2026-12-31' });
    });

    it('R7: a trainer records their own card; it is on the trainer and assessed in compliance', async () => {
      const res = data(
        await recordCard(
          t,
          trainer,
          {
            issuer: '  American Heart Association ',
            cardNumber: 'AHA-1234',
            issuedOn: TODAY,
            expiresOn: '2028-06-15',
            format: 'BLENDED',
          },
          'self',
        ),
      ).recordCprAedCredential;
      expect(res.userErrors).toEqual([]);
      expect(res.credential).toMatchObject({
        id: expect.stringMatching(/^cpr_/),
        issuer: 'American Heart Association',
        cardNumber: 'AHA-1234',
        issuedOn: TODAY,
        expiresOn: '2028-06-15',
        coversAdultCpr: true,
        coversAed: true,
        format: 'BLENDED',
      });
      const cardId = res.credential!.id;
      const compliance = await complianceOf(t, trainer);
      expect(compliance.cprAed).toMatchObject({
        status: 'VALID',
        counts: true,
        earned: '0.1',
        credential: { id: cardId, issuedOn: TODAY, expiresOn: '2028-06-15', format: 'BLENDED' },
      });
      const onTrainer = data(
        await t.gql<{ trainer: { cprAedCredentials: { id: string }[] } }>(
          `query($id: ID!) { trainer(id: $id) { cprAedCredentials { id } } }`,
          { id: trainer.trainerId },
          { trainer: trainer.trainerId },
        ),
      );
      expect(onTrainer.trainer.cprAedCredentials.map((c) => c.id)).toContain(cardId);
    });

    it.each([
      [
        'R7: a card issued after today is FUTURE_DATE',
        { issuedOn: plusDays(TODAY), expiresOn: '2028-06-16' },
        'FUTURE_DATE',
        ['input', 'issuedOn'],
      ],
      [
        'R7: a card expiring before it was issued is INVALID_DATES',
        { issuedOn: '2026-01-10', expiresOn: '2026-01-09' },
        'INVALID_DATES',
        ['input', 'expiresOn'],
      ],
      [
        'R7: a card expiring on its issue date is INVALID_DATES',
        { issuedOn: '2026-01-10', expiresOn: '2026-01-10' },
        'INVALID_DATES',
        ['input', 'expiresOn'],
      ],
      [
        'R7: a blank issuer is REQUIRED',
        { issuer: '   ', issuedOn: '2026-01-10', expiresOn: '2028-01-10' },
        'REQUIRED',
        ['input', 'issuer'],
      ],
    ])('%s; nothing is written', async (_name, card, code, field) => {
      const before = await snapshot(t);
      const res = data(await recordCard(t, trainer, card, 'self')).recordCprAedCredential;
      expect(res.credential).toBeNull();
      expect(res.userErrors).toEqual([expect.objectContaining({ code, field })]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('R7: staff record a card for a named trainer', async () => {
      const other = await createTrainer(t);
      const res = data(
        await recordCard(t, other, { ...GOOD_CARD, trainerId: other.trainerId }, 'staff'),
      ).recordCprAedCredential;
      expect(res.userErrors).toEqual([]);
      expect((await complianceOf(t, other)).cprAed.credential?.id).toBe(res.credential!.id);
    });

    it('R7: a trainer naming another trainer is refused (NOT_FOUND), and no card is recorded for either', async () => {
      const other = await createTrainer(t);
      const self = await createTrainer(t);
      const before = await snapshot(t);
      const res = data(
        await recordCard(t, self, { ...GOOD_CARD, trainerId: other.trainerId }, 'self'),
      ).recordCprAedCredential;
      expect(res.credential).toBeNull();
      expect(res.userErrors).toEqual([
        { code: 'NOT_FOUND', field: ['input', 'trainerId'], message: 'No trainer has this ID.' },
      ]);
      expect(await snapshot(t)).toEqual(before);
      expect((await complianceOf(t, self)).cprAed).toMatchObject({ status: 'MISSING', credential: null });
    });

    it('R7: staff must name an existing trainer (NOT_FOUND)', async () => {
      const res = data(await recordCard(t, trainer, GOOD_CARD, 'staff')).recordCprAedCredential;
      expect(res).toEqual({
        credential: null,
        userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'trainerId'] })],
      });
    });

    it.each([
      ['R7: a provider may not record a card (FORBIDDEN)', () => ({ provider: cat.providerId }) as As, 'FORBIDDEN'],
      ['R7: an anonymous caller may not record a card (UNAUTHENTICATED)', () => undefined as As, 'UNAUTHENTICATED'],
    ])('%s', async (_name, as, code) => {
      const res = await recordCard(t, trainer, GOOD_CARD, as());
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    });
  });

  describe('Access to compliance and quotes', () => {
    let owner: TrainerFixture;
    let other: TrainerFixture;
    beforeAll(async () => {
      owner = await createTrainer(t, { cycleStartsOn: '2025-01-01', expiresOn: '2026-12-31' });
      other = await createTrainer(t);
      await selfReported(t, owner, await cat.course(2026, '1.9'), '2026-02-01');
      await recordedCard(t, owner, GOOD_CARD);
    });

    it.each([
      ['Access: the trainer themself reads compliance and quotes', () => ({ trainer: owner.trainerId }) as As, true],
      ['Access: staff read any compliance and quote', () => 'staff' as As, true],
      ['Access: another trainer gets null', () => ({ trainer: other.trainerId }) as As, false],
      ['Access: a provider gets null', () => ({ provider: cat.providerId }) as As, false],
      ['Access: an anonymous caller gets null', () => undefined as As, false],
    ])('%s', async (_name, as, visible) => {
      const transcript = data(await transcriptComplianceQuery(t, owner.certificationId, as())).transcript;
      const quote = data(await quoteQuery(t, owner.certificationId, '2026-07-01', as())).recertificationQuote;
      const node = await certificationOf(t, owner, null, as());
      if (visible) {
        expect(transcript?.compliance).toMatchObject({ acceptable: true, totalEarned: '2.0' });
        expect(quote).toMatchObject({ phase: 'ON_TIME', total: usd('99.00'), acceptable: true });
        expect(node).toMatchObject({ id: owner.certificationId, status: 'ACTIVE' });
      } else {
        expect(transcript).toBeNull();
        expect(quote).toBeNull();
        expect(node).toBeNull();
      }
    });

    it('Access: certification.compliance is null for another trainer reaching it through nodes', async () => {
      const res = data(
        await t.gql<{ nodes: ({ compliance: ComplianceOut | null } | null)[] }>(
          `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Certification { compliance { acceptable } } } }`,
          { ids: [owner.certificationId, other.certificationId] },
          { trainer: other.trainerId },
        ),
      );
      expect(res.nodes).toEqual([null, { compliance: { acceptable: false } }]);
    });
  });
});

describe('policy data: dated fees and hands-on waivers (R7, R8)', () => {
  let t: TestApp;
  let cat: RecertCatalogue;
  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    cat = await recertCatalogue(t);
  });
  afterAll(() => t.close());

  const ready = async (card: CardIn = GOOD_CARD) => {
    const trainer = await createTrainer(t, { cycleStartsOn: '2025-01-01', expiresOn: '2026-12-31' });
    await selfReported(t, trainer, await cat.course(2026, '1.9'), '2026-02-01');
    const recorded = await recordedCard(t, trainer, card);
    return { trainer, card: recorded };
  };

  describe('R8: fee schedules are dated', () => {
    let trainer: TrainerFixture;
    let scheduleId: string;
    beforeAll(async () => {
      ({ trainer } = await ready());
      const res = data(
        await setFeeSchedule(
          t,
          {
            effectiveFrom: '2026-07-01',
            recertificationFee: '109.00',
            lateFee: '35',
            additionalFee: '60.5',
            reason: 'Annual review.',
          },
          'staff',
        ),
      ).setFeeSchedule;
      expect(res.userErrors).toEqual([]);
      scheduleId = res.feeSchedule!.id;
      expect(res.feeSchedule).toEqual({
        id: expect.stringMatching(/^fee_/),
        effectiveFrom: '2026-07-01',
        recertificationFee: usd('109.00'),
        lateFee: usd('35.00'),
        additionalFee: usd('60.50'),
      });
    });

    it.each([
      [
        'R8: a receipt the day before the schedule (D−1) keeps the old fee',
        '2026-06-30',
        'ON_TIME',
        [['RECERTIFICATION', '99.00']],
        '99.00',
      ],
      ['R8: a receipt on D pays the new fee', '2026-07-01', 'ON_TIME', [['RECERTIFICATION', '109.00']], '109.00'],
      [
        'R8: a late receipt after D pays the new fee and late fee',
        '2027-01-01',
        'LATE',
        [
          ['RECERTIFICATION', '109.00'],
          ['LATE', '35.00'],
        ],
        '144.00',
      ],
      [
        'R8: a receipt from E+91 after D pays all three new fees',
        '2027-04-01',
        'LATE_ADDITIONAL_FEE',
        [
          ['RECERTIFICATION', '109.00'],
          ['LATE', '35.00'],
          ['ADDITIONAL', '60.50'],
        ],
        '204.50',
      ],
    ])('%s', async (_name, receivedOn, phase, lines, total) => {
      const quote = await quoteFor(t, trainer, receivedOn);
      expect(quote).toMatchObject({
        phase,
        fees: lines.map(([kind, amount]) => ({ kind, amount: usd(amount) })),
        total: usd(total),
        acceptable: true,
      });
      expect((await complianceOf(t, trainer, receivedOn)).quote).toEqual(quote);
    });

    it('R8: the change is in the decision log (who, what, why) and in feeSchedules', async () => {
      expect(await decisionsAbout(t, scheduleId)).toEqual([
        {
          action: 'FEE_SCHEDULE_SET',
          actorType: 'STAFF',
          actorId: 'test.reviewer',
          subject: scheduleId,
          subjectType: 'FeeScheduleEntry',
          reason: 'Annual review.',
          details: expect.objectContaining({
            effectiveFrom: '2026-07-01',
            currencyCode: 'USD',
            recertificationFee: '109.00',
          }),
        },
      ]);
      const listed = data(
        await t.gql<{ feeSchedules: { id: string; effectiveFrom: string }[] }>(
          `query { feeSchedules { id effectiveFrom } }`,
        ),
      );
      expect(listed.feeSchedules).toEqual([{ id: scheduleId, effectiveFrom: '2026-07-01' }]);
    });

    it('R8: a second schedule for the same date is EFFECTIVE_DATE_TAKEN; the first stays as it was', async () => {
      const before = await snapshot(t);
      const res = data(
        await setFeeSchedule(
          t,
          { effectiveFrom: '2026-07-01', recertificationFee: '119.00', lateFee: '35.00', additionalFee: '60.50' },
          'staff',
        ),
      ).setFeeSchedule;
      expect(res.feeSchedule).toBeNull();
      expect(res.userErrors).toEqual([
        {
          code: 'EFFECTIVE_DATE_TAKEN',
          field: ['input', 'effectiveFrom'],
          message: `A fee schedule already takes effect on 2026-07-01 (${scheduleId}); correct it with correctFeeSchedule.`,
        },
      ]);
      expect(await snapshot(t)).toEqual(before);
      expect((await quoteFor(t, trainer, '2026-07-01')).total).toEqual(usd('109.00'));
    });

    it.each([
      ['R8: a trainer may not set fees (FORBIDDEN)', () => ({ trainer: trainer.trainerId }) as As, 'FORBIDDEN'],
      ['R8: a provider may not set fees (FORBIDDEN)', () => ({ provider: cat.providerId }) as As, 'FORBIDDEN'],
      ['R8: an anonymous caller may not set fees (UNAUTHENTICATED)', () => undefined as As, 'UNAUTHENTICATED'],
    ])('%s; nothing changes', async (_name, as, code) => {
      const before = await snapshot(t);
      const input = { effectiveFrom: '2026-06-20', recertificationFee: '1.00', lateFee: '1.00', additionalFee: '1.00' };
      const res = await setFeeSchedule(t, input, as());
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expect(await snapshot(t)).toEqual(before);
    });
  });

  describe('R7: hands-on waivers (lifted 2025-06-30: online-only cards issued until 2025-08-29 accepted)', () => {
    const cases: Record<string, { trainer: TrainerFixture; cardId: string }> = {};
    let waiverId: string;
    const online = (issuedOn: string): CardIn => ({ issuedOn, expiresOn: '2028-01-01', format: 'ONLINE_ONLY' });

    beforeAll(async () => {
      for (const [key, issuedOn] of [
        ['beforeStart', '2024-12-31'],
        ['onStart', '2025-01-01'],
        ['liftedPlus60', '2025-08-29'],
        ['liftedPlus61', '2025-08-30'],
      ]) {
        const { trainer, card } = await ready(online(issuedOn));
        cases[key] = { trainer, cardId: card.id };
      }
    });

    const ACCEPTED = {
      status: 'ACCEPTED_UNDER_WAIVER',
      counts: true,
      earned: '0.1',
      advisories: ['HANDS_ON_RECOMMENDED'],
    };
    const REFUSED = { status: 'HANDS_ON_REQUIRED', counts: false, earned: '0.0', advisories: [] };

    const check = async (key: string, accepted: boolean) => {
      const compliance = await complianceOf(t, cases[key].trainer);
      expect(compliance.cprAed).toMatchObject({
        ...(accepted ? ACCEPTED : REFUSED),
        credential: { id: cases[key].cardId },
      });
      expect(compliance.blockers).toEqual(accepted ? [] : [CPR_AED_HANDS_ON]);
      expect(compliance.acceptable).toBe(accepted);
      expect(compliance.totalEarned).toBe(accepted ? '2.0' : '1.9');
    };

    it('R7: without a waiver every online-only card is CPR_AED_HANDS_ON', async () => {
      for (const key of Object.keys(cases)) await check(key, false);
    });

    describe('declared from 2025-01-01, in force', () => {
      beforeAll(async () => {
        // Declared on its first day: days before today are never moved.
        const res = data(
          await onDay(t, '2025-01-01', () =>
            setWaiver(t, { startsOn: '2025-01-01', reason: 'Pandemic closures.' }, 'staff'),
          ),
        ).setHandsOnWaiver;
        expect(res.userErrors).toEqual([]);
        expect(res.waiver).toEqual({
          id: expect.stringMatching(/^wvr_/),
          startsOn: '2025-01-01',
          liftedOn: null,
          reason: 'Pandemic closures.',
        });
        waiverId = res.waiver!.id;
      });

      it.each([
        ['R7: a card issued the day before the waiver starts is not covered', 'beforeStart', false],
        ['R7: a card issued on the start day is ACCEPTED_UNDER_WAIVER with HANDS_ON_RECOMMENDED', 'onStart', true],
        ['R7: a card issued while the waiver is in force is accepted', 'liftedPlus61', true],
      ])('%s', async (_name, key, accepted) => {
        await check(key, accepted);
      });
    });

    describe('lifted on 2025-06-30', () => {
      beforeAll(async () => {
        const res = data(
          await onDay(t, '2025-06-30', () =>
            setWaiver(t, { waiverId, startsOn: '2025-01-01', liftedOn: '2025-06-30' }, 'staff'),
          ),
        ).setHandsOnWaiver;
        expect(res.userErrors).toEqual([]);
        expect(res.waiver).toMatchObject({ id: waiverId, liftedOn: '2025-06-30', reason: 'Pandemic closures.' });
      });

      it.each([
        ['R7: a card issued before the waiver is still not covered', 'beforeStart', false],
        ['R7: a card issued on the start day stays accepted', 'onStart', true],
        ['R7: a card issued on liftedOn + 60 days is accepted (advisory HANDS_ON_RECOMMENDED)', 'liftedPlus60', true],
        ['R7: a card issued on liftedOn + 61 days is CPR_AED_HANDS_ON', 'liftedPlus61', false],
      ])('%s', async (_name, key, accepted) => {
        await check(key, accepted);
      });

      it('R7: declaring and lifting are in the decision log', async () => {
        const log = await decisionsAbout(t, waiverId);
        expect(log).toEqual([
          expect.objectContaining({
            action: 'HANDS_ON_WAIVER_DECLARED',
            actorType: 'STAFF',
            actorId: 'test.reviewer',
            subjectType: 'HandsOnWaiverPeriod',
            reason: 'Pandemic closures.',
            details: { startsOn: '2025-01-01', liftedOn: null },
          }),
          expect.objectContaining({
            action: 'HANDS_ON_WAIVER_CHANGED',
            actorType: 'STAFF',
            details: {
              startsOn: '2025-01-01',
              liftedOn: '2025-06-30',
              before: { startsOn: '2025-01-01', liftedOn: null },
              after: { startsOn: '2025-01-01', liftedOn: '2025-06-30' },
            },
          }),
        ]);
      });

      it('R7: a waiver cannot be lifted before it starts (OUT_OF_RANGE); nothing changes', async () => {
        const before = await snapshot(t);
        const res = data(
          await setWaiver(t, { waiverId, startsOn: '2025-01-01', liftedOn: '2024-12-31' }, 'staff'),
        ).setHandsOnWaiver;
        expect(res.waiver).toBeNull();
        expect(res.userErrors).toEqual([
          expect.objectContaining({ code: 'OUT_OF_RANGE', field: ['input', 'liftedOn'] }),
        ]);
        expect(await snapshot(t)).toEqual(before);
      });

      it.each([
        [
          'R7: a trainer may not set waivers (FORBIDDEN)',
          () => ({ trainer: cases.onStart.trainer.trainerId }) as As,
          'FORBIDDEN',
        ],
        ['R7: an anonymous caller may not set waivers (UNAUTHENTICATED)', () => undefined as As, 'UNAUTHENTICATED'],
      ])('%s; nothing changes', async (_name, as, code) => {
        const before = await snapshot(t);
        const res = await setWaiver(t, { startsOn: '2020-01-01' }, as());
        expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
        expect(await snapshot(t)).toEqual(before);
      });
    });
  });
});
