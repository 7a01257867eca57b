import { addDays, addMonths, LocalDate } from './calendar';
import { CreditPath } from './coverage';
import { CreditLimits, NO_CREDIT_LIMITS, ProgramPolicy } from './policy';
import { PetitionStatus } from './statuses';
import { CeuHundredths } from './units';

export interface Cycle {
  /** The issue date, or the day after the previous expiry. */
  startsOn: LocalDate;
  expiresOn: LocalDate;
  /**
   * R5: the first day a completion counts toward this cycle: its start, or the receipt date of
   * the approved application that opened it when that came earlier (an early applicant keeps
   * learning, and what they learn after applying counts toward the new cycle).
   */
  courseworkFrom: LocalDate;
  /** R5: the last day a completion still counts toward this cycle (expiry + 90 days). */
  courseworkDeadline: LocalDate;
}

export function cycleOf(
  certification: { cycleStartsOn: LocalDate; expiresOn: LocalDate },
  policy: ProgramPolicy,
  courseworkFrom: LocalDate = certification.cycleStartsOn,
): Cycle {
  return {
    startsOn: certification.cycleStartsOn,
    expiresOn: certification.expiresOn,
    courseworkFrom: courseworkFrom < certification.cycleStartsOn ? courseworkFrom : certification.cycleStartsOn,
    courseworkDeadline: addDays(certification.expiresOn, policy.courseworkGraceDays),
  };
}

/** An approved recertification application: the cycle it closed, its receipt, what it used (R5, R10). */
export interface Closing {
  applicationId: number;
  /** Expiry of the cycle it renewed. */
  cycleExpiresOn: LocalDate;
  receivedOn: LocalDate;
}

/** What a certification's cycles are made of: its issue, the expiries before the current one, and renewals. */
export interface CycleHistory {
  issuedOn: LocalDate;
  /** Expiries of earlier cycles from the go-live import, in any order (renewals come from `closings`). */
  pastExpiries: readonly LocalDate[];
  current: { startsOn: LocalDate; expiresOn: LocalDate };
  closings: readonly Closing[];
}

/** One cycle of a certification, with the days whose coursework belongs to it (R5). */
export interface CycleSpan extends Cycle {
  /** 1 for the first cycle. */
  number: number;
  /** The last day whose coursework belongs to this cycle (a closed cycle's ends where the next one's starts). */
  courseworkThrough: LocalDate;
  /** The approved application that closed it; null for the current cycle and for history without one. */
  closedBy: Closing | null;
  current: boolean;
}

/**
 * R5: every cycle of a certification, oldest first, the current one last. A cycle's coursework
 * runs from its `courseworkFrom` (see `cycleOf`) to the day before the next cycle's, so that the
 * days of a certification's history are shared out without overlap: a cycle closed by an
 * approved application received on S keeps the days before S (and at the latest its expiry);
 * the current cycle runs to its coursework deadline. Completions an approved application used
 * belong to the cycle it closed, whatever their date (`cycleOfCompletion`).
 */
export function cycleSpans(history: CycleHistory, policy: ProgramPolicy): CycleSpan[] {
  // Earlier expiries: imported, renewed by an approved application, and the day before the
  // current cycle (which starts the day after the previous expiry) unless it is the first.
  const known = [...history.pastExpiries, ...history.closings.map((c) => c.cycleExpiresOn)];
  if (history.current.startsOn > history.issuedOn) known.push(addDays(history.current.startsOn, -1));
  const past = [...new Set(known)].filter((e) => e >= history.issuedOn && e < history.current.startsOn).sort();
  const ends = [...past, history.current.expiresOn];
  const closingOf = (expiresOn: LocalDate) => history.closings.find((c) => c.cycleExpiresOn === expiresOn) ?? null;
  const spans: CycleSpan[] = [];
  ends.forEach((expiresOn, n) => {
    const current = n === ends.length - 1;
    const startsOn = current ? history.current.startsOn : n === 0 ? history.issuedOn : addDays(ends[n - 1], 1);
    const opened = n === 0 ? null : closingOf(ends[n - 1]);
    const cycle = cycleOf({ cycleStartsOn: startsOn, expiresOn }, policy, opened?.receivedOn ?? startsOn);
    const closedBy = current ? null : closingOf(expiresOn);
    const next = current ? null : closingOf(expiresOn)?.receivedOn;
    const nextStart = current ? null : n + 1 === ends.length - 1 ? history.current.startsOn : addDays(expiresOn, 1);
    const nextFrom = nextStart === null ? null : next && next < nextStart ? next : nextStart;
    spans.push({
      ...cycle,
      number: n + 1,
      courseworkThrough: nextFrom === null ? cycle.courseworkDeadline : addDays(nextFrom, -1),
      closedBy,
      current,
    });
  });
  return spans;
}

/**
 * R5: the cycle a completion belongs to, by number: the one whose approved application used it,
 * else the one whose coursework days hold its date; null before the first cycle's.
 */
export function cycleOfCompletion(
  spans: readonly CycleSpan[],
  completion: { completedOn: LocalDate; usedByApplicationId: number | null },
): number | null {
  if (completion.usedByApplicationId !== null) {
    const used = spans.find((s) => s.closedBy?.applicationId === completion.usedByApplicationId);
    if (used) return used.number;
  }
  const span = spans.find(
    (s) => s.courseworkFrom <= completion.completedOn && completion.completedOn <= s.courseworkThrough,
  );
  if (span) return span.number;
  // After the current cycle's deadline: shown with the current cycle (it counts for nothing there).
  const last = spans[spans.length - 1];
  return last && completion.completedOn > last.courseworkThrough ? last.number : null;
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
  return cycle.courseworkFrom <= date && date <= cycle.courseworkDeadline;
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
  /** The program category the entry's CEUs belong to; null or absent when none. */
  category?: string | null;
  /** True for a course of the certifying body itself. */
  ownCourse?: boolean;
}

export type Standing =
  | 'COUNTED'
  | 'CAPPED'
  | 'OUTSIDE_CYCLE'
  | 'USED_BY_EARLIER_APPLICATION'
  | 'SAME_COURSE_ALREADY_COUNTED'
  | 'PETITION_PENDING'
  | 'PETITION_NEEDED'
  | 'PETITION_DENIED';

/** What one category of a program earned and counted in a cycle. */
export interface CategoryTally {
  code: string;
  name: string;
  /** CEUs of the category's entries that earn (before caps). */
  earned: CeuHundredths;
  /** What of that counts toward the requirement (after the event and category caps). */
  counted: CeuHundredths;
  maximumCeu: CeuHundredths | null;
  minimumCeu: CeuHundredths | null;
}

export interface CycleSummary {
  standings: Map<number, Standing>;
  /** CEUs each entry counts (COUNTED entries only; less than its value when a cap cut it). */
  counted: Map<number, CeuHundredths>;
  /** Counted CEUs of automatic entries. */
  earnedAutomatic: CeuHundredths;
  /** Counted CEUs of entries an approved petition awarded. */
  earnedByPetition: CeuHundredths;
  /** CEUs asked for by pending petitions; they count for nothing until approved (R9). */
  pending: CeuHundredths;
  /** CEUs earned but not counted because a cap was reached: shown, never dropped in silence. */
  capped: CeuHundredths;
  /** One tally per category of the program, in the program's order. */
  categories: CategoryTally[];
  /** Categories with some counted CEUs. */
  categoriesUsed: number;
  /** CEUs from the certifying body's own courses: earned, and counted after caps. */
  ownCourses: { earned: CeuHundredths; counted: CeuHundredths };
}

function earns(entry: CycleEntry): boolean {
  return entry.creditPath === 'AUTOMATIC' || entry.petitionStatus === 'APPROVED';
}

/**
 * R5/R6 and the program's caps: how each entry stands in the cycle and what the cycle has earned
 * and counted. An entry earns when it is automatic or has an approved petition; it counts when it
 * lies in the cycle, was not used by an approved application, and no earlier completion of the
 * same course already counted. Oldest first, each entry counts up to the program's cap per event
 * and what its category still allows; the rest is earned but not counted (`capped`), and an entry
 * left with nothing is CAPPED.
 */
export function summarizeCycle(
  cycle: Cycle,
  entries: readonly CycleEntry[],
  limits: CreditLimits = NO_CREDIT_LIMITS,
): CycleSummary {
  const ordered = [...entries].sort((a, b) =>
    a.completedOn === b.completedOn ? a.id - b.id : a.completedOn < b.completedOn ? -1 : 1,
  );
  const seenCourses = new Set<number>();
  const standings = new Map<number, Standing>();
  const categories = limits.categories.map((c): CategoryTally => ({
    code: c.code,
    name: c.name,
    earned: 0,
    counted: 0,
    maximumCeu: c.maximumCeu,
    minimumCeu: c.minimumCeu,
  }));
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const summary: CycleSummary = {
    standings,
    counted: new Map(),
    earnedAutomatic: 0,
    earnedByPetition: 0,
    pending: 0,
    capped: 0,
    categories,
    categoriesUsed: 0,
    ownCourses: { earned: 0, counted: 0 },
  };
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
    } else if (entry.courseId !== null && seenCourses.has(entry.courseId)) {
      standing = 'SAME_COURSE_ALREADY_COUNTED';
    } else {
      if (entry.courseId !== null) seenCourses.add(entry.courseId);
      const category = entry.category ? byCode.get(entry.category) : undefined;
      let counts = entry.ceu;
      if (limits.maximumCeuPerEvent !== null) counts = Math.min(counts, limits.maximumCeuPerEvent);
      if (category && category.maximumCeu !== null) {
        counts = Math.min(counts, Math.max(0, category.maximumCeu - category.counted));
      }
      standing = counts > 0 || entry.ceu === 0 ? 'COUNTED' : 'CAPPED';
      summary.capped += entry.ceu - counts;
      if (standing === 'COUNTED') summary.counted.set(entry.id, counts);
      if (entry.creditPath === 'AUTOMATIC') summary.earnedAutomatic += counts;
      else summary.earnedByPetition += counts;
      if (category) {
        category.earned += entry.ceu;
        category.counted += counts;
      }
      if (entry.ownCourse) {
        summary.ownCourses.earned += entry.ceu;
        summary.ownCourses.counted += counts;
      }
    }
    standings.set(entry.id, standing);
  }
  summary.categoriesUsed = categories.filter((c) => c.counted > 0).length;
  // A pending petition promises credit only if its course has not already counted this cycle.
  for (const entry of ordered) {
    if (standings.get(entry.id) !== 'PETITION_PENDING') continue;
    if (entry.courseId === null || !seenCourses.has(entry.courseId)) summary.pending += entry.requestedCeu;
  }
  return summary;
}
