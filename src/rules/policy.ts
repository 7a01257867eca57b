import { CeuHundredths, Cents, HourTenths } from './units';

/**
 * A category of credit of a program (e.g. NSCA's four), with the CEUs a cycle may count from it
 * at most and must count from it at least.
 */
export interface ProgramCategory {
  code: string;
  name: string;
  /** At most this many CEUs of the category count in a cycle; null for no cap. */
  maximumCeu: CeuHundredths | null;
  /** At least this many CEUs of the category must count in a cycle; null for no minimum. */
  minimumCeu: CeuHundredths | null;
}

/**
 * The recertification policy of a credential program, in force from a date. Every number is
 * data, read from the program's record: nothing here knows one program from another.
 */
export interface ProgramPolicy {
  /** R1: length of a cycle. */
  cycleMonths: number;
  /** R1: total CEUs required, CPR/AED included. */
  requiredCeu: CeuHundredths;
  /** R2: CEUs a contact hour is worth (hundredths of a CEU per hour: 10 = 0.1 CEU, 100 = 1 CEU). */
  ceuPerContactHour: CeuHundredths;
  /** R1/R7: a current CPR/AED credential is required. */
  cprAedRequired: boolean;
  /** R1: the part of the requirement met by a current CPR/AED credential (0 when it brings none). */
  cprAedCeu: CeuHundredths;
  /** R7: the CPR/AED credential must include a hands-on skills assessment (waivers aside). */
  handsOnRequired: boolean;
  /** R5: days after expiry during which coursework still counts toward the cycle. */
  courseworkGraceDays: number;
  /** R6: fee charged when a petition is submitted, never refunded. */
  petitionFee: Cents;
  currencyCode: string;
  /** R8: the standard fees, charged when no fee schedule of the program is in force on the receipt date. */
  recertificationFee: Cents;
  lateFee: Cents;
  additionalFee: Cents;
  /** R8: days after expiry with the late fee only (E+1 … E+90). */
  lateWindowDays: number;
  /** R8/R12: months after expiry at which the window closes and the credential lapses. */
  closeAfterMonths: number;
  /** R7: days after a hands-on waiver is lifted during which online-only cards are still accepted. */
  waiverGraceDays: number;
  /** R11: share of accepted applications selected for audit, from 0 to 1. */
  auditRate: number;
  /** R11: days after selection by which audit documents are due. */
  auditDocumentsDays: number;
  /** Categories of credit, in the order the program lists them; empty when it has none. */
  categories: readonly ProgramCategory[];
  /** At least this many categories must count some CEUs in a cycle (0: no such rule). */
  minimumCategories: number;
  /** At most this many CEUs of one completion count; null for no cap. */
  maximumCeuPerEvent: CeuHundredths | null;
  /** At least this many CEUs must come from the certifying body's own courses (0: no such rule). */
  minimumOwnCoursesCeu: CeuHundredths;
  /** Days before expiry at which a `certification.expiring` event is sent, largest first. */
  reminderDays: readonly number[];
}

/** The reminder offsets of a program that names none. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = Object.freeze([90, 60, 30, 7]);

/** The caps and minimums of a policy that the cycle summary applies (R1 with categories). */
export type CreditLimits = Pick<
  ProgramPolicy,
  'categories' | 'minimumCategories' | 'maximumCeuPerEvent' | 'minimumOwnCoursesCeu'
>;

/** A policy with neither categories nor caps. */
export const NO_CREDIT_LIMITS: CreditLimits = Object.freeze({
  categories: [],
  minimumCategories: 0,
  maximumCeuPerEvent: null,
  minimumOwnCoursesCeu: 0,
});

/** A program's policy in force from `effectiveFrom` (R1: dated like fee schedules). */
export interface DatedPolicy {
  effectiveFrom: string;
  policy: ProgramPolicy;
}

/**
 * The policy in force on `on`: the version with the latest `effectiveFrom` on or before it (of
 * two with the same date, the later in the list); before the first version, the first one.
 */
export function policyOn(versions: readonly DatedPolicy[], on: string): ProgramPolicy {
  if (!versions.length) throw new Error('A program has at least one policy version.');
  let best: DatedPolicy | null = null;
  for (const version of versions) {
    if (version.effectiveFrom > on) continue;
    if (best === null || version.effectiveFrom >= best.effectiveFrom) best = version;
  }
  return (best ?? versions.reduce((a, b) => (b.effectiveFrom < a.effectiveFrom ? b : a))).policy;
}

/** R1: the continuing-education part of the requirement (CPT: 2.0 − 0.1 = 1.9 CEUs). */
export function continuingEducationRequired(policy: ProgramPolicy): CeuHundredths {
  return policy.requiredCeu - policy.cprAedCeu;
}

/**
 * R2: the default CEU value of `hours` contact hours under a policy, in whole hundredths of a
 * CEU, rounded down (CPT: 0.1 CEU an hour, so one tenth of an hour is one hundredth of a CEU).
 */
export function programCeu(hours: HourTenths, policy: Pick<ProgramPolicy, 'ceuPerContactHour'>): CeuHundredths {
  return Math.floor((hours * policy.ceuPerContactHour) / 10);
}
