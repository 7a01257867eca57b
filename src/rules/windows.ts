/**
 * R8 application windows and R12 certification status, as pure functions: plain data and dates
 * in, decisions out. No database, no GraphQL, no clock: every "today" is an argument.
 */
import { addDays, addMonths, LocalDate } from './calendar';
import { ProgramPolicy } from './policy';

export type WindowPhase = 'ON_TIME' | 'LATE' | 'LATE_ADDITIONAL_FEE' | 'CLOSED';

export interface WindowDates {
  /** E: the last day of the on-time window. */
  expiresOn: LocalDate;
  /** E+1: first day the late fee applies. */
  lateFeeFrom: LocalDate;
  /** E+90 (R5): last day coursework still counts toward the cycle. */
  courseworkDeadline: LocalDate;
  /** E+91: first day the additional fee applies. */
  additionalFeeFrom: LocalDate;
  /** E+1 year − 1 day: last day an application is still received. */
  lastDayToApply: LocalDate;
  /** E+1 year: the window is closed and the credential has lapsed. */
  closesOn: LocalDate;
}

export type CertificationStatus = 'ACTIVE' | 'EXPIRED' | 'LAPSED';

/** R8/R12: the dates of the application window around expiry E. */
export function windowDates(expiresOn: LocalDate, policy: ProgramPolicy): WindowDates {
  const closesOn = addMonths(expiresOn, policy.closeAfterMonths);
  return {
    expiresOn,
    lateFeeFrom: addDays(expiresOn, 1),
    courseworkDeadline: addDays(expiresOn, policy.courseworkGraceDays),
    additionalFeeFrom: addDays(expiresOn, policy.lateWindowDays + 1),
    lastDayToApply: addDays(closesOn, -1),
    closesOn,
  };
}

/** R8: the window phase of an application received on `receivedOn`. */
export function windowPhase(expiresOn: LocalDate, receivedOn: LocalDate, policy: ProgramPolicy): WindowPhase {
  const w = windowDates(expiresOn, policy);
  if (receivedOn <= w.expiresOn) return 'ON_TIME';
  if (receivedOn < w.additionalFeeFrom) return 'LATE';
  if (receivedOn < w.closesOn) return 'LATE_ADDITIONAL_FEE';
  return 'CLOSED';
}

/** R12: ACTIVE through E, EXPIRED from E+1 while a late application is possible, LAPSED from E+1 year. */
export function certificationStatus(expiresOn: LocalDate, on: LocalDate, policy: ProgramPolicy): CertificationStatus {
  if (on <= expiresOn) return 'ACTIVE';
  if (on < windowDates(expiresOn, policy).closesOn) return 'EXPIRED';
  return 'LAPSED';
}
