import { endOfYear, LocalDate, startOfYear, yearOf } from './calendar';
import { CeuHundredths } from './units';

/**
 * A span of days during which something holds (a provider is approved, a course approval
 * covers completions). `through` is inclusive; null means open-ended.
 */
export interface Period {
  from: LocalDate;
  through: LocalDate | null;
}

export function covers(periods: readonly Period[], date: LocalDate): boolean {
  return periods.some((p) => p.from <= date && (p.through === null || date <= p.through));
}

/** The last day any period covers, or null when one is open-ended or there are none. */
export function lastCoveredDay(periods: readonly Period[]): LocalDate | null | undefined {
  if (periods.length === 0) return undefined;
  if (periods.some((p) => p.through === null)) return null;
  return periods.map((p) => p.through as LocalDate).sort()[periods.length - 1];
}

/**
 * R3/R4 per program: the days a course's periods cover for a program that approved it from
 * `approvedFrom` (none when the program never approved it).
 */
export function programCoverage(periods: readonly Period[], approvedFrom: LocalDate | null): Period[] {
  if (approvedFrom === null) return [];
  return periods
    .filter((p) => p.through === null || p.through >= approvedFrom)
    .map((p) => (p.from < approvedFrom ? { ...p, from: approvedFrom } : p));
}

/** R4: a course approved on D is covered from D through 31 December of D's year. */
export function approvalPeriod(approvedOn: LocalDate): Period {
  return { from: approvedOn, through: endOfYear(yearOf(approvedOn)) };
}

/**
 * R4: the calendar year a renewal asks for: the year after the last covered one. A course whose
 * coverage already ended can only be renewed for the current year.
 */
export function renewalYear(periods: readonly Period[], today: LocalDate): number {
  const last = lastCoveredDay(periods);
  const next = last ? yearOf(last) + 1 : yearOf(today);
  return Math.max(next, yearOf(today));
}

/**
 * R4: the period a confirmed renewal adds. Coverage is never backdated: a renewal confirmed
 * during the year it is for covers from the confirmation day; one confirmed after it adds nothing.
 */
export function renewalPeriod(year: number, confirmedOn: LocalDate): Period | null {
  if (year < yearOf(confirmedOn)) return null; // the year is over: nothing left to cover
  const from = startOfYear(year) > confirmedOn ? startOfYear(year) : confirmedOn;
  return { from, through: endOfYear(year) };
}

/**
 * R3/R4: ends every period on `endsOn` (inclusive). A course retired or a provider suspended on
 * day D still covers D itself: a completion reported earlier that day keeps its credit, and
 * nothing after D is covered.
 */
export function endCoverage(periods: readonly Period[], endsOn: LocalDate): Period[] {
  return periods
    .filter((p) => p.from <= endsOn)
    .map((p) => (p.through === null || p.through > endsOn ? { ...p, through: endsOn } : p));
}

export type ProviderKind = 'CERTIFYING_BODY' | 'PARTNER';
export type CreditPath = 'AUTOMATIC' | 'PETITION_REQUIRED';
export type CreditReason =
  'PRE_APPROVED' | 'PROVIDER_NOT_APPROVED_ON_DATE' | 'COURSE_NOT_APPROVED_ON_DATE' | 'NOT_IN_CATALOGUE';

export interface CreditDecision {
  path: CreditPath;
  reason: CreditReason;
}

export interface CreditFacts {
  providerKind: ProviderKind;
  /** Periods during which the provider was approved (ignored for the certifying body). */
  providerPeriods: readonly Period[];
  /** Periods covered by the course's approvals and confirmed renewals. */
  coursePeriods: readonly Period[];
}

/**
 * R3: a completion counts automatically when its provider is approved (or is the certifying
 * body) on the completion date and the course's approval covers that date; otherwise it needs a
 * petition. `facts` is null for an event outside the catalogue.
 */
export function decideCreditPath(facts: CreditFacts | null, completedOn: LocalDate): CreditDecision {
  if (!facts) return { path: 'PETITION_REQUIRED', reason: 'NOT_IN_CATALOGUE' };
  if (facts.providerKind !== 'CERTIFYING_BODY' && !covers(facts.providerPeriods, completedOn)) {
    return { path: 'PETITION_REQUIRED', reason: 'PROVIDER_NOT_APPROVED_ON_DATE' };
  }
  if (!covers(facts.coursePeriods, completedOn)) {
    return { path: 'PETITION_REQUIRED', reason: 'COURSE_NOT_APPROVED_ON_DATE' };
  }
  return { path: 'AUTOMATIC', reason: 'PRE_APPROVED' };
}

/**
 * R3/R6: the CEUs a completion earns on its credit path: the course's value when it counts
 * automatically, else nothing until a petition awards some (`awardedByPetition`).
 */
export function creditedCeu(
  path: CreditPath,
  courseCeu: CeuHundredths | null | undefined,
  awardedByPetition: CeuHundredths | null = null,
): CeuHundredths {
  return path === 'AUTOMATIC' ? (courseCeu ?? 0) : (awardedByPetition ?? 0);
}

/**
 * What is wrong with a history of periods (R3/R4), in words, or null when it is sound: each
 * period ends on or after its first day, they are given oldest first without overlapping, and
 * only the last may be open-ended.
 */
export function periodHistoryProblem(periods: readonly Period[]): string | null {
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i];
    if (p.through !== null && p.through < p.from) return `period ${i + 1} ends before it starts`;
    if (p.through === null && i < periods.length - 1) return `period ${i + 1} has no end, but a later one follows`;
    const previous = periods[i - 1];
    if (previous && (previous.through === null || previous.through >= p.from)) {
      return `period ${i + 1} starts before period ${i} ends: give them oldest first, without overlapping`;
    }
  }
  return null;
}

export const COURSE_NOT_COVERED_MESSAGE = 'The course approval does not cover the completion date (R4).';

/**
 * Why a provider-reported completion does not count automatically (R3/R4): not a catalogue
 * course, the provider's approval did not cover the date, the certification's program never
 * approved the course, or the course's approval did not cover the date.
 */
export function outsideApprovalMessage(
  decision: CreditDecision,
  approvedForProgram: boolean,
  programCode: string,
): string {
  if (decision.reason === 'NOT_IN_CATALOGUE')
    return 'Not a course of the catalogue: it earns credit only by petition (R3).';
  if (decision.reason === 'PROVIDER_NOT_APPROVED_ON_DATE')
    return 'The provider was not approved on the completion date (R3).';
  if (!approvedForProgram) {
    return `The course is not approved for the ${programCode} program of this certification, so it earns no credit on it (R3).`;
  }
  return COURSE_NOT_COVERED_MESSAGE;
}
