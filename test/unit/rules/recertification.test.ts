import { CPT_DEFAULT_POLICY } from '../../support/programs';
import { auditOverdue, decideAudit, RandomSource } from '../../../src/rules/audit';
import { FeeKind, feeQuote, FeeSchedule, scheduleOn, standardFees } from '../../../src/rules/fees';
import { nextCycleStart, renewedExpiry } from '../../../src/rules/renewal';
import {
  certificationStatus,
  CertificationStatus,
  windowDates,
  WindowPhase,
  windowPhase,
} from '../../../src/rules/windows';

const P = CPT_DEFAULT_POLICY;
// E = 2026-08-31: E+1 = 2026-09-01, E+90 = 2026-11-29, E+91 = 2026-11-30, E+1y = 2027-08-31.
const E = '2026-08-31';
// Leap-day expiry: E+1 = 2024-03-01, E+90 = 2024-05-29, E+91 = 2024-05-30, E+1y = 2025-02-28 (clamped).
const LEAP = '2024-02-29';

describe('R8/R12 windowDates', () => {
  it.each([
    [
      'R8: window dates for E = 2026-08-31',
      E,
      P,
      {
        expiresOn: E,
        lateFeeFrom: '2026-09-01',
        courseworkDeadline: '2026-11-29',
        additionalFeeFrom: '2026-11-30',
        lastDayToApply: '2027-08-30',
        closesOn: '2027-08-31',
      },
    ],
    [
      'R8: window dates for the leap-day expiry 2024-02-29 (closes 2025-02-28, last day 2025-02-27)',
      LEAP,
      P,
      {
        expiresOn: LEAP,
        lateFeeFrom: '2024-03-01',
        courseworkDeadline: '2024-05-29',
        additionalFeeFrom: '2024-05-30',
        lastDayToApply: '2025-02-27',
        closesOn: '2025-02-28',
      },
    ],
    [
      'R8: window dates across a year end (E = 2026-12-31)',
      '2026-12-31',
      P,
      {
        expiresOn: '2026-12-31',
        lateFeeFrom: '2027-01-01',
        courseworkDeadline: '2027-03-31',
        additionalFeeFrom: '2027-04-01',
        lastDayToApply: '2027-12-30',
        closesOn: '2027-12-31',
      },
    ],
    [
      'R8: closing month-end clamp from policy (closeAfterMonths 1, E = 2026-01-31 → closes 2026-02-28)',
      '2026-01-31',
      { ...P, closeAfterMonths: 1, lateWindowDays: 10, courseworkGraceDays: 10 },
      {
        expiresOn: '2026-01-31',
        lateFeeFrom: '2026-02-01',
        courseworkDeadline: '2026-02-10',
        additionalFeeFrom: '2026-02-11',
        lastDayToApply: '2026-02-27',
        closesOn: '2026-02-28',
      },
    ],
  ])('%s', (_name, expiresOn, policy, expected) => {
    expect(windowDates(expiresOn, policy)).toEqual(expected);
  });
});

describe('R8 windowPhase and R12 certificationStatus', () => {
  it.each<[string, string, string, WindowPhase, CertificationStatus]>([
    ['R8/R12: a year before expiry is on time, active', E, '2025-08-31', 'ON_TIME', 'ACTIVE'],
    ['R8/R12: E − 1 is on time, active', E, '2026-08-30', 'ON_TIME', 'ACTIVE'],
    ['R8/R12: E itself is on time, active', E, '2026-08-31', 'ON_TIME', 'ACTIVE'],
    ['R8/R12: E+1 is late, expired', E, '2026-09-01', 'LATE', 'EXPIRED'],
    ['R8/R12: E+90 is still late only, expired', E, '2026-11-29', 'LATE', 'EXPIRED'],
    ['R8/R12: E+91 adds the additional fee, expired', E, '2026-11-30', 'LATE_ADDITIONAL_FEE', 'EXPIRED'],
    ['R8/R12: E+1 year − 1 day is the last day to apply, expired', E, '2027-08-30', 'LATE_ADDITIONAL_FEE', 'EXPIRED'],
    ['R8/R12: E+1 year is closed, lapsed', E, '2027-08-31', 'CLOSED', 'LAPSED'],
    ['R8/R12: E+1 year + 1 day is closed, lapsed', E, '2027-09-01', 'CLOSED', 'LAPSED'],
    ['R8/R12: leap expiry, 2024-02-29 itself is on time', LEAP, '2024-02-29', 'ON_TIME', 'ACTIVE'],
    ['R8/R12: leap expiry, 2024-03-01 (E+1) is late', LEAP, '2024-03-01', 'LATE', 'EXPIRED'],
    ['R8/R12: leap expiry, 2024-05-29 (E+90) is late', LEAP, '2024-05-29', 'LATE', 'EXPIRED'],
    [
      'R8/R12: leap expiry, 2024-05-30 (E+91) adds the additional fee',
      LEAP,
      '2024-05-30',
      'LATE_ADDITIONAL_FEE',
      'EXPIRED',
    ],
    ['R8/R12: leap expiry, 2025-02-27 is the last day to apply', LEAP, '2025-02-27', 'LATE_ADDITIONAL_FEE', 'EXPIRED'],
    ['R8/R12: leap expiry, 2025-02-28 (clamped E+1 year) is closed', LEAP, '2025-02-28', 'CLOSED', 'LAPSED'],
    ['R8/R12: leap expiry, 2025-03-01 is closed', LEAP, '2025-03-01', 'CLOSED', 'LAPSED'],
  ])('%s', (_name, expiresOn, on, phase, status) => {
    expect(windowPhase(expiresOn, on, P)).toBe(phase);
    expect(certificationStatus(expiresOn, on, P)).toBe(status);
  });
});

describe('R8 feeQuote with the default schedule', () => {
  it.each<[string, string, [FeeKind, number][], number, WindowPhase]>([
    ['R8: received on E pays the fee only (99.00)', '2026-08-31', [['RECERTIFICATION', 9900]], 9900, 'ON_TIME'],
    [
      'R8: received on E+1 adds the late fee (129.00)',
      '2026-09-01',
      [
        ['RECERTIFICATION', 9900],
        ['LATE', 3000],
      ],
      12900,
      'LATE',
    ],
    [
      'R8: received on E+90 still pays 129.00',
      '2026-11-29',
      [
        ['RECERTIFICATION', 9900],
        ['LATE', 3000],
      ],
      12900,
      'LATE',
    ],
    [
      'R8: received on E+91 adds the additional fee (179.00)',
      '2026-11-30',
      [
        ['RECERTIFICATION', 9900],
        ['LATE', 3000],
        ['ADDITIONAL', 5000],
      ],
      17900,
      'LATE_ADDITIONAL_FEE',
    ],
    [
      'R8: received on E+1 year − 1 day pays 179.00',
      '2027-08-30',
      [
        ['RECERTIFICATION', 9900],
        ['LATE', 3000],
        ['ADDITIONAL', 5000],
      ],
      17900,
      'LATE_ADDITIONAL_FEE',
    ],
    ['R8: received on E+1 year is closed: no lines, total 0', '2027-08-31', [], 0, 'CLOSED'],
  ])('%s', (_name, receivedOn, lines, total, phase) => {
    const quote = feeQuote([], E, receivedOn, P);
    expect(quote.lines).toEqual(lines.map(([kind, amount]) => ({ kind, amount })));
    expect(quote.total).toBe(total);
    expect(quote.phase).toBe(phase);
    expect(quote.currencyCode).toBe('USD');
  });
});

describe('R8 dated fee schedules', () => {
  const raise: FeeSchedule = {
    effectiveFrom: '2026-09-15',
    currencyCode: 'USD',
    recertificationFee: 10900,
    lateFee: 3500,
    additionalFee: 6000,
  };
  const older: FeeSchedule = { ...raise, effectiveFrom: '2025-01-01', recertificationFee: 9500 };
  const schedules = [raise, older];

  it.each<[string, readonly FeeSchedule[], string, FeeSchedule]>([
    ['R8: no schedules → the policy’s standard fees', [], '2026-09-14', standardFees(CPT_DEFAULT_POLICY)],
    [
      'R8: before every schedule → the policy’s standard fees',
      schedules,
      '2024-12-31',
      standardFees(CPT_DEFAULT_POLICY),
    ],
    ['R8: on the day an older schedule starts it applies', schedules, '2025-01-01', older],
    ['R8: the day before a change the old schedule applies', schedules, '2026-09-14', older],
    ['R8: on the day of a change the new schedule applies', schedules, '2026-09-15', raise],
    ['R8: after a change the new schedule applies (input order does not matter)', [older, raise], '2027-01-01', raise],
  ])('%s', (_name, list, receivedOn, expected) => {
    expect(scheduleOn(list, receivedOn, CPT_DEFAULT_POLICY)).toEqual(expected);
  });

  it.each<[string, string, number]>([
    ['R8: late receipt the day before the change pays the old amounts (95.00 + 35.00)', '2026-09-14', 13000],
    ['R8: late receipt on the day of the change pays the new amounts (109.00 + 35.00)', '2026-09-15', 14400],
    ['R8: additional-fee receipt under the new schedule (109.00 + 35.00 + 60.00)', '2026-11-30', 20400],
  ])('%s', (_name, receivedOn, total) => {
    expect(feeQuote(schedules, E, receivedOn, P).total).toBe(total);
  });

  it('R8: the currency comes from the schedule in force', () => {
    const eur: FeeSchedule = { ...raise, currencyCode: 'EUR' };
    expect(feeQuote([eur], E, '2026-10-01', P).currencyCode).toBe('EUR');
  });
});

describe('R10 renewedExpiry and the next cycle', () => {
  it.each([
    ['R10: 2026-08-31 → 2028-08-31', '2026-08-31', P, '2028-08-31'],
    ['R10: leap day 2024-02-29 → 2026-02-28 (clamped)', '2024-02-29', P, '2026-02-28'],
    ['R10: 2023-02-28 → 2025-02-28', '2023-02-28', P, '2025-02-28'],
    ['R10: 2025-12-31 → 2027-12-31', '2025-12-31', P, '2027-12-31'],
    [
      'R10: month-end clamp with a 13-month cycle (2026-01-31 → 2027-02-28)',
      '2026-01-31',
      { ...P, cycleMonths: 13 },
      '2027-02-28',
    ],
    [
      'R10: leap to leap with a 48-month cycle (2024-02-29 → 2028-02-29)',
      '2024-02-29',
      { ...P, cycleMonths: 48 },
      '2028-02-29',
    ],
  ])('%s', (_name, expiresOn, policy, expected) => {
    expect(renewedExpiry(expiresOn, policy)).toBe(expected);
  });

  it.each([
    ['R5/R10: the next cycle starts the day after expiry', '2026-08-31', '2026-09-01'],
    ['R5/R10: the next cycle after a leap-day expiry starts 2024-03-01', '2024-02-29', '2024-03-01'],
    ['R5/R10: the next cycle after a year-end expiry starts 1 January', '2026-12-31', '2027-01-01'],
  ])('%s', (_name, expiresOn, expected) => {
    expect(nextCycleStart(expiresOn)).toBe(expected);
  });
});

function stub(...values: number[]): RandomSource & { calls: number } {
  const source = {
    calls: 0,
    next(): number {
      const value = values[source.calls % values.length];
      source.calls += 1;
      return value;
    },
  };
  return source;
}

describe('R11 decideAudit', () => {
  it.each<[string, number, number, boolean, string | null]>([
    ['R11: draw 0.0999 at rate 0.1 is selected, documents due +30 days', 0.1, 0.0999, true, '2026-10-01'],
    ['R11: draw 0.1 at rate 0.1 is not selected', 0.1, 0.1, false, null],
    ['R11: draw 0.5 at rate 0.1 is not selected', 0.1, 0.5, false, null],
    ['R11: rate 0 never selects, even on draw 0', 0, 0, false, null],
    ['R11: rate 1 always selects, even on draw 0.9999999', 1, 0.9999999, true, '2026-10-01'],
    ['R11: rate 1 selects on draw 0', 1, 0, true, '2026-10-01'],
  ])('%s', (_name, rate, draw, selected, due) => {
    const random = stub(draw);
    expect(decideAudit(rate, random, '2026-09-01', P)).toEqual({ selected, documentsDueOn: due });
    expect(random.calls).toBe(1);
  });

  it.each([
    ['R11: documents due across a month end (2026-01-15 → 2026-02-14)', '2026-01-15', P, '2026-02-14'],
    ['R11: documents due across a leap February (2024-02-15 → 2024-03-16)', '2024-02-15', P, '2024-03-16'],
    [
      'R11: the documents window comes from the policy (14 days)',
      '2026-09-01',
      { ...P, auditDocumentsDays: 14 },
      '2026-09-15',
    ],
  ])('%s', (_name, selectedOn, policy, due) => {
    expect(decideAudit(1, stub(0.5), selectedOn, policy).documentsDueOn).toBe(due);
  });
});

describe('R11 auditOverdue', () => {
  it.each<[string, boolean, string, boolean]>([
    ['R11: not overdue the day before the due date', false, '2026-09-30', false],
    ['R11: not overdue on the due date itself', false, '2026-10-01', false],
    ['R11: overdue the day after the due date', false, '2026-10-02', true],
    ['R11: documents submitted are never overdue', true, '2027-01-01', false],
  ])('%s', (_name, submitted, on, expected) => {
    expect(auditOverdue('2026-10-01', submitted, on)).toBe(expected);
  });
});
