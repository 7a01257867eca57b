import { CycleEntry } from '../../../src/rules/cycle';
import { CPT_DEFAULT_POLICY } from '../../support/programs';
import { BlockerCode, compliance, Compliance, ComplianceInput } from '../../../src/rules/compliance';
import { CprAedCard } from '../../../src/rules/cpr-aed';
import { FeeSchedule } from '../../../src/rules/fees';

const P = CPT_DEFAULT_POLICY;
// Cycle 2024-09-01 … 2026-08-31; coursework counts through 2026-11-29; closes 2027-08-31.
const CERT = { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' };

let nextId = 1;
function entry(overrides: Partial<CycleEntry> = {}): CycleEntry {
  return {
    id: nextId++,
    courseId: null,
    completedOn: '2025-06-01',
    creditPath: 'AUTOMATIC',
    ceu: 50,
    petitionStatus: null,
    requestedCeu: 0,
    usedByApplication: false,
    ...overrides,
  };
}

/** Automatic entries worth `ceu` in total (chunks of at most 100). */
function earned(ceu: number): CycleEntry[] {
  const out: CycleEntry[] = [];
  for (let left = ceu; left > 0; left -= 100) out.push(entry({ ceu: Math.min(100, left) }));
  return out;
}

const goodCard: CprAedCard = {
  id: 1,
  issuedOn: '2025-01-10',
  expiresOn: '2027-01-10',
  coversAdultCpr: true,
  coversAed: true,
  format: 'IN_PERSON',
};

function input(overrides: Partial<ComplianceInput> = {}): ComplianceInput {
  return {
    policy: P,
    certification: CERT,
    entries: earned(190),
    cards: [goodCard],
    waivers: [],
    schedules: [],
    alreadyApplied: false,
    on: '2026-08-15',
    ...overrides,
  };
}

const codes = (c: Compliance): BlockerCode[] => c.blockers.map((b) => b.code);

describe('R9 compliance blockers', () => {
  it.each<[string, Partial<ComplianceInput>, BlockerCode[]]>([
    ['R9: everything met → acceptable, no blockers', {}, []],
    [
      'R8/R9: received on E+1 year alone → CLOSED',
      { on: '2027-08-31', cards: [{ ...goodCard, expiresOn: '2028-01-01' }] },
      ['CLOSED'],
    ],
    ['R9: an existing application alone → ALREADY_APPLIED', { alreadyApplied: true }, ['ALREADY_APPLIED']],
    ['R1/R9: continuing education short alone → CE_SHORT', { entries: earned(150) }, ['CE_SHORT']],
    ['R7/R9: no card alone → CPR_AED_MISSING', { cards: [] }, ['CPR_AED_MISSING']],
    [
      'R7/R9: card expired the day before alone → CPR_AED_EXPIRED',
      { cards: [{ ...goodCard, expiresOn: '2026-08-14' }] },
      ['CPR_AED_EXPIRED'],
    ],
    ['R7/R9: card expiring on the date itself → acceptable', { cards: [{ ...goodCard, expiresOn: '2026-08-15' }] }, []],
    [
      'R7/R9: card without AED alone → CPR_AED_COVERAGE',
      { cards: [{ ...goodCard, coversAed: false }] },
      ['CPR_AED_COVERAGE'],
    ],
    [
      'R7/R9: online-only card without a waiver alone → CPR_AED_HANDS_ON',
      { cards: [{ ...goodCard, format: 'ONLINE_ONLY' }] },
      ['CPR_AED_HANDS_ON'],
    ],
    [
      'R7/R9: online-only card under a waiver → acceptable',
      { cards: [{ ...goodCard, format: 'ONLINE_ONLY' }], waivers: [{ startsOn: '2025-01-01', liftedOn: null }] },
      [],
    ],
    [
      'R8/R9: every blocker together, in order',
      { on: '2027-09-15', alreadyApplied: true, entries: earned(100), cards: [] },
      ['CLOSED', 'ALREADY_APPLIED', 'CE_SHORT', 'CPR_AED_MISSING'],
    ],
    [
      'R9: CE short and card expired together',
      { entries: earned(189), cards: [{ ...goodCard, expiresOn: '2026-01-01' }] },
      ['CE_SHORT', 'CPR_AED_EXPIRED'],
    ],
    ['R8/R9: late (E+1) but complete → acceptable', { on: '2026-09-01' }, []],
    [
      'R8/R9: E+1 year − 1 day and complete → acceptable',
      { on: '2027-08-30', cards: [{ ...goodCard, expiresOn: '2028-01-01' }] },
      [],
    ],
  ])('%s', (_name, overrides, expected) => {
    const c = compliance(input(overrides));
    expect(codes(c)).toEqual(expected);
    expect(c.acceptable).toBe(expected.length === 0);
    for (const b of c.blockers) expect(b.message.length).toBeGreaterThan(0);
  });
});

describe('R1/R9 continuing-education totals', () => {
  it.each<
    [string, CycleEntry[], { earned: number; remaining: number; pending: number; total: number; short: boolean }]
  >([
    [
      'R1/R9: exactly 1.9 CEU → acceptable',
      earned(190),
      { earned: 190, remaining: 0, pending: 0, total: 200, short: false },
    ],
    [
      'R1/R9: 1.89 CEU → CE_SHORT with 0.01 remaining',
      earned(189),
      { earned: 189, remaining: 1, pending: 0, total: 199, short: true },
    ],
    ['R1/R9: nothing earned → 1.9 remaining', [], { earned: 0, remaining: 190, pending: 0, total: 10, short: true }],
    [
      'R1: more than required is not capped in the total',
      earned(250),
      { earned: 250, remaining: 0, pending: 0, total: 260, short: false },
    ],
    [
      'R9: a pending petition does not count',
      [
        ...earned(150),
        entry({ creditPath: 'PETITION_REQUIRED', petitionStatus: 'PENDING', requestedCeu: 40, ceu: 40 }),
      ],
      { earned: 150, remaining: 40, pending: 40, total: 160, short: true },
    ],
    [
      'R6/R9: an approved petition counts',
      [...earned(150), entry({ creditPath: 'PETITION_REQUIRED', petitionStatus: 'APPROVED', ceu: 40 })],
      { earned: 190, remaining: 0, pending: 0, total: 200, short: false },
    ],
    [
      'R5/R9: coursework on E+90 counts, on E+91 does not',
      [...earned(150), entry({ completedOn: '2026-11-29', ceu: 40 }), entry({ completedOn: '2026-11-30', ceu: 40 })],
      { earned: 190, remaining: 0, pending: 0, total: 200, short: false },
    ],
    [
      'R5/R9: coursework used by an earlier application does not count',
      [...earned(150), entry({ ceu: 40, usedByApplication: true })],
      { earned: 150, remaining: 40, pending: 0, total: 160, short: true },
    ],
  ])('%s', (_name, entries, expected) => {
    const c = compliance(input({ entries }));
    expect(c.continuingEducation.required).toBe(190);
    expect(c.continuingEducation.earned).toBe(expected.earned);
    expect(c.continuingEducation.remaining).toBe(expected.remaining);
    expect(c.continuingEducation.pending).toBe(expected.pending);
    expect(c.totalEarned).toBe(expected.total);
    expect(c.totalRequired).toBe(200);
    expect(codes(c).includes('CE_SHORT')).toBe(expected.short);
  });

  it('R1/R9: the CE_SHORT message names the missing CEUs (0.01)', () => {
    const c = compliance(input({ entries: earned(189) }));
    expect(c.blockers).toEqual([{ code: 'CE_SHORT', message: '0.01 CEU of continuing education still missing' }]);
  });

  it('R1/R9: the CE_SHORT message names the missing CEUs (0.35)', () => {
    const c = compliance(input({ entries: earned(155) }));
    expect(c.blockers[0].message).toBe('0.35 CEU of continuing education still missing');
  });

  it('R7/R9: the coverage message names what the card lacks', () => {
    const c = compliance(input({ cards: [{ ...goodCard, coversAdultCpr: false }] }));
    expect(c.blockers[0].message).toContain('adult CPR');
    expect(c.cprAed).toMatchObject({ status: 'COVERAGE_INCOMPLETE', required: 10, ceu: 0, counts: false, cardId: 1 });
  });
});

describe('R8/R12 compliance dates, status and fee', () => {
  it.each<[string, string, Compliance['nextDeadline'], string, string, number]>([
    [
      'R8/R12: on E → next deadline is the expiry',
      '2026-08-31',
      { date: '2026-08-31', what: 'EXPIRES' },
      'ON_TIME',
      'ACTIVE',
      9900,
    ],
    [
      'R8/R12: on E+1 → next deadline is the additional fee (E+91)',
      '2026-09-01',
      { date: '2026-11-30', what: 'ADDITIONAL_FEE_STARTS' },
      'LATE',
      'EXPIRED',
      12900,
    ],
    [
      'R8/R12: on E+90 → next deadline is still the additional fee',
      '2026-11-29',
      { date: '2026-11-30', what: 'ADDITIONAL_FEE_STARTS' },
      'LATE',
      'EXPIRED',
      12900,
    ],
    [
      'R8/R12: on E+91 → next deadline is the closing date',
      '2026-11-30',
      { date: '2027-08-31', what: 'WINDOW_CLOSES' },
      'LATE_ADDITIONAL_FEE',
      'EXPIRED',
      17900,
    ],
    [
      'R8/R12: on E+1 year − 1 → next deadline is the closing date',
      '2027-08-30',
      { date: '2027-08-31', what: 'WINDOW_CLOSES' },
      'LATE_ADDITIONAL_FEE',
      'EXPIRED',
      17900,
    ],
    ['R8/R12: on E+1 year → no deadline left, lapsed', '2027-08-31', null, 'CLOSED', 'LAPSED', 0],
  ])('%s', (_name, on, deadline, phase, status, total) => {
    const c = compliance(input({ on }));
    expect(c.nextDeadline).toEqual(deadline);
    expect(c.phase).toBe(phase);
    expect(c.status).toBe(status);
    expect(c.fee.total).toBe(total);
    expect(c.cycle).toEqual({
      startsOn: '2024-09-01',
      expiresOn: '2026-08-31',
      courseworkFrom: '2024-09-01',
      courseworkDeadline: '2026-11-29',
    });
    expect(c.window.closesOn).toBe('2027-08-31');
  });

  it('R8: compliance quotes the schedule in force on the decision date', () => {
    const schedule: FeeSchedule = {
      effectiveFrom: '2026-08-01',
      currencyCode: 'USD',
      recertificationFee: 12000,
      lateFee: 4000,
      additionalFee: 7000,
    };
    expect(compliance(input({ schedules: [schedule] })).fee.total).toBe(12000);
    expect(compliance(input({ schedules: [schedule], on: '2026-07-31' })).fee.total).toBe(9900);
  });
});
