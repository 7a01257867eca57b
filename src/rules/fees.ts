/**
 * R8 fees: dated fee schedules and the fee lines of an application by its window phase. Pure:
 * every "today" is an argument.
 */
import { LocalDate } from './calendar';
import { ProgramPolicy } from './policy';
import { Cents } from './units';
import { WindowPhase, windowPhase } from './windows';

/** A fee schedule in force for receipts on or after `effectiveFrom`. */
export interface FeeSchedule {
  effectiveFrom: LocalDate;
  currencyCode: string;
  recertificationFee: Cents;
  lateFee: Cents;
  additionalFee: Cents;
}

export type FeeKind = 'RECERTIFICATION' | 'LATE' | 'ADDITIONAL';

export interface FeeLine {
  kind: FeeKind;
  amount: Cents;
}

export interface FeeQuote {
  phase: WindowPhase;
  currencyCode: string;
  /** Empty when the window is closed. */
  lines: FeeLine[];
  total: Cents;
}

/** R8: the standard fees of a policy, as a schedule: what applies before the program's first fee schedule. */
export function standardFees(policy: ProgramPolicy): FeeSchedule {
  return {
    effectiveFrom: '1970-01-01',
    currencyCode: policy.currencyCode,
    recertificationFee: policy.recertificationFee,
    lateFee: policy.lateFee,
    additionalFee: policy.additionalFee,
  };
}

/**
 * R8: the fee schedule in force on `receivedOn`: the one with the latest `effectiveFrom` on or
 * before it (of two with the same date, the later in the list); the policy's standard fees when
 * none applies.
 */
export function scheduleOn(
  schedules: readonly FeeSchedule[],
  receivedOn: LocalDate,
  policy: ProgramPolicy,
): FeeSchedule {
  let best: FeeSchedule | null = null;
  for (const schedule of schedules) {
    if (schedule.effectiveFrom > receivedOn) continue;
    if (best === null || schedule.effectiveFrom >= best.effectiveFrom) best = schedule;
  }
  return best ?? standardFees(policy);
}

/** R8: the fee lines of an application received on `receivedOn`; nothing when the window is closed. */
export function feeQuote(
  schedules: readonly FeeSchedule[],
  expiresOn: LocalDate,
  receivedOn: LocalDate,
  policy: ProgramPolicy,
): FeeQuote {
  const phase = windowPhase(expiresOn, receivedOn, policy);
  const schedule = scheduleOn(schedules, receivedOn, policy);
  const lines: FeeLine[] = [];
  if (phase !== 'CLOSED') lines.push({ kind: 'RECERTIFICATION', amount: schedule.recertificationFee });
  if (phase === 'LATE' || phase === 'LATE_ADDITIONAL_FEE') lines.push({ kind: 'LATE', amount: schedule.lateFee });
  if (phase === 'LATE_ADDITIONAL_FEE') lines.push({ kind: 'ADDITIONAL', amount: schedule.additionalFee });
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  return { phase, currencyCode: schedule.currencyCode, lines, total };
}
