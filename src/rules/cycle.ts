import { addDays, addMonths, LocalDate } from './calendar';
import { CreditPath } from './coverage';
import { ProgramPolicy } from './policy';
import { PetitionStatus } from './statuses';
import { CeuHundredths } from './units';

export interface Cycle {
  /** The issue date, or the day after the previous expiry. */
  startsOn: LocalDate;
  expiresOn: LocalDate;
  /** R5: the last day a completion still counts toward this cycle (expiry + 90 days). */
  courseworkDeadline: LocalDate;
}

export function cycleOf(
  certification: { cycleStartsOn: LocalDate; expiresOn: LocalDate },
  policy: ProgramPolicy,
): Cycle {
  return {
    startsOn: certification.cycleStartsOn,
    expiresOn: certification.expiresOn,
    courseworkDeadline: addDays(certification.expiresOn, policy.courseworkGraceDays),
  };
}

/**
 * R1: the expiry of a certification issued on `issuedOn` when none is given: one cycle later, a
 * day the target month lacks becoming its last day (29 Feb 2024 + 24 months = 28 Feb 2026).
 */
export function defaultExpiry(issuedOn: LocalDate, policy: ProgramPolicy): LocalDate {
  return addMonths(issuedOn, policy.cycleMonths);
}

/** R5: a completion counts toward the cycle that contains it, grace days included. */
export function withinCycle(cycle: Cycle, date: LocalDate): boolean {
  return cycle.startsOn <= date && date <= cycle.courseworkDeadline;
}

/** What a transcript entry brings to a cycle. */
export interface CycleEntry {
  id: number;
  /** Catalogue course, or null for an event outside the catalogue (petition only). */
  courseId: number | null;
  completedOn: LocalDate;
  creditPath: CreditPath;
  /** CEUs the entry earns when it counts: the course value, or the value a petition awarded. */
  ceu: CeuHundredths;
  /** The latest petition on the entry, if any. */
  petitionStatus: PetitionStatus | null;
  /** CEUs asked for by a pending petition. */
  requestedCeu: CeuHundredths;
  /** Set when an approved recertification application already used the entry (R5). */
  usedByApplication: boolean;
}

export type Standing =
  | 'COUNTED'
  | 'OUTSIDE_CYCLE'
  | 'USED_BY_EARLIER_APPLICATION'
  | 'SAME_COURSE_ALREADY_COUNTED'
  | 'PETITION_PENDING'
  | 'PETITION_NEEDED'
  | 'PETITION_DENIED';

export interface CycleSummary {
  standings: Map<number, Standing>;
  earnedAutomatic: CeuHundredths;
  earnedByPetition: CeuHundredths;
  /** CEUs asked for by pending petitions; they count for nothing until approved (R9). */
  pending: CeuHundredths;
}

function earns(entry: CycleEntry): boolean {
  return entry.creditPath === 'AUTOMATIC' || entry.petitionStatus === 'APPROVED';
}

/**
 * R5/R6: how each entry stands in the cycle and what the cycle has earned. An entry earns when
 * it is automatic or has an approved petition; it counts when it lies in the cycle, was not used
 * by an approved application, and no earlier completion of the same course already counted.
 */
export function summarizeCycle(cycle: Cycle, entries: readonly CycleEntry[]): CycleSummary {
  const ordered = [...entries].sort((a, b) =>
    a.completedOn === b.completedOn ? a.id - b.id : a.completedOn < b.completedOn ? -1 : 1,
  );
  const counted = new Set<number>();
  const standings = new Map<number, Standing>();
  const summary: CycleSummary = { standings, earnedAutomatic: 0, earnedByPetition: 0, pending: 0 };
  for (const entry of ordered) {
    let standing: Standing;
    if (!withinCycle(cycle, entry.completedOn)) standing = 'OUTSIDE_CYCLE';
    else if (entry.usedByApplication) standing = 'USED_BY_EARLIER_APPLICATION';
    else if (!earns(entry)) {
      standing =
        entry.petitionStatus === 'PENDING'
          ? 'PETITION_PENDING'
          : entry.petitionStatus === 'DENIED'
            ? 'PETITION_DENIED'
            : 'PETITION_NEEDED';
    } else if (entry.courseId !== null && counted.has(entry.courseId)) {
      standing = 'SAME_COURSE_ALREADY_COUNTED';
    } else {
      standing = 'COUNTED';
      if (entry.courseId !== null) counted.add(entry.courseId);
      if (entry.creditPath === 'AUTOMATIC') summary.earnedAutomatic += entry.ceu;
      else summary.earnedByPetition += entry.ceu;
    }
    standings.set(entry.id, standing);
  }
  // A pending petition promises credit only if its course has not already counted this cycle.
  for (const entry of ordered) {
    if (standings.get(entry.id) !== 'PETITION_PENDING') continue;
    if (entry.courseId === null || !counted.has(entry.courseId)) summary.pending += entry.requestedCeu;
  }
  return summary;
}
