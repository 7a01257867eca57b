/**
 * R9 compliance: everything a trainer needs to know on a date (R1, R5, R7–R9, R12 together) and
 * the blockers that refuse an application. Pure: every "today" is an argument.
 */
import { LocalDate } from './calendar';
import { Cycle, cycleOf, CycleEntry, CycleSummary, summarizeCycle } from './cycle';
import { assessCprAed, CprAedAssessment, CprAedCard, HandsOnWaiver } from './cpr-aed';
import { FeeQuote, feeQuote, FeeSchedule } from './fees';
import { continuingEducationRequired, ProgramPolicy } from './policy';
import { CeuHundredths, formatCeu } from './units';
import {
  CertificationStatus,
  certificationStatus,
  WindowDates,
  windowDates,
  WindowPhase,
  windowPhase,
} from './windows';

export type BlockerCode =
  | 'CLOSED'
  | 'CE_SHORT'
  | 'CPR_AED_MISSING'
  | 'CPR_AED_EXPIRED'
  | 'CPR_AED_COVERAGE'
  | 'CPR_AED_HANDS_ON'
  | 'ALREADY_APPLIED'
  | 'CATEGORY_MINIMUM'
  | 'CATEGORIES_TOO_FEW'
  | 'OWN_COURSES_MINIMUM';

export interface Blocker {
  code: BlockerCode;
  message: string;
}

export interface ComplianceInput {
  policy: ProgramPolicy;
  certification: { cycleStartsOn: LocalDate; expiresOn: LocalDate };
  /** The current cycle with its coursework days (R5); by default those of `cycleOf(certification)`. */
  cycle?: Cycle;
  /** Every transcript entry of the certification (any date); R5 selects. */
  entries: readonly CycleEntry[];
  cards: readonly CprAedCard[];
  waivers: readonly HandsOnWaiver[];
  schedules: readonly FeeSchedule[];
  /** True when an application for this cycle already exists and is not refused. */
  alreadyApplied: boolean;
  /** The date to decide on: today for compliance, the receipt date for a quote or application. */
  on: LocalDate;
}

export interface Compliance {
  cycle: { startsOn: LocalDate; expiresOn: LocalDate; courseworkFrom: LocalDate; courseworkDeadline: LocalDate };
  window: WindowDates;
  phase: WindowPhase;
  status: CertificationStatus;
  /** Continuing education (R1: 1.9 required), totals by R5/R6. */
  continuingEducation: {
    required: CeuHundredths;
    earned: CeuHundredths;
    earnedAutomatic: CeuHundredths;
    earnedByPetition: CeuHundredths;
    pending: CeuHundredths;
    remaining: CeuHundredths;
  };
  /** CPR/AED part (R1: 0.1 required). */
  cprAed: CprAedAssessment & { required: CeuHundredths };
  /** Total earned (CE + CPR/AED) and required (2.0). */
  totalEarned: CeuHundredths;
  totalRequired: CeuHundredths;
  summary: CycleSummary;
  /** The program's minimum of CEUs from the certifying body's own courses. */
  policyMinimumOwnCourses: CeuHundredths;
  fee: FeeQuote;
  blockers: Blocker[];
  /** R9: an application received on `on` would be accepted. */
  acceptable: boolean;
  /** The next date that matters: the next fee step, or the closing date. */
  nextDeadline: {
    date: LocalDate;
    what: 'EXPIRES' | 'LATE_FEE_STARTS' | 'ADDITIONAL_FEE_STARTS' | 'WINDOW_CLOSES';
  } | null;
}

function cprAedBlocker(
  assessment: CprAedAssessment,
  cards: readonly CprAedCard[],
  policy: ProgramPolicy,
): Blocker | null {
  const needed = `${formatCeu(policy.cprAedCeu)} CEU`;
  const card = cards.find((c) => c.id === assessment.cardId);
  switch (assessment.status) {
    case 'VALID':
    case 'ACCEPTED_UNDER_WAIVER':
      return null;
    case 'MISSING':
      return { code: 'CPR_AED_MISSING', message: `No CPR/AED credential on record (${needed} required)` };
    case 'EXPIRED':
      return {
        code: 'CPR_AED_EXPIRED',
        message: `The CPR/AED credential expired on ${card?.expiresOn ?? '?'}; a current one is required (${needed})`,
      };
    case 'COVERAGE_INCOMPLETE': {
      const missing = [card?.coversAdultCpr ? null : 'adult CPR', card?.coversAed ? null : 'AED'].filter(Boolean);
      return {
        code: 'CPR_AED_COVERAGE',
        message: `The CPR/AED credential does not cover ${missing.join(' or ')} (${needed} required)`,
      };
    }
    case 'HANDS_ON_REQUIRED':
      return {
        code: 'CPR_AED_HANDS_ON',
        message:
          'The CPR/AED credential is online-only, has no hands-on skills assessment and was not issued ' +
          `inside a hands-on waiver period (${needed} required)`,
      };
  }
}

/** R1 with categories: the program's minimums (per category, categories used, own courses) the cycle misses. */
function creditLimitBlockers(summary: CycleSummary, policy: ProgramPolicy): Blocker[] {
  const blockers: Blocker[] = [];
  for (const category of summary.categories) {
    if (category.minimumCeu !== null && category.counted < category.minimumCeu) {
      blockers.push({
        code: 'CATEGORY_MINIMUM',
        message: `${formatCeu(category.minimumCeu - category.counted)} CEU more of ${category.name} (${category.code}) needed: at least ${formatCeu(category.minimumCeu)} must count`,
      });
    }
  }
  if (summary.categoriesUsed < policy.minimumCategories) {
    blockers.push({
      code: 'CATEGORIES_TOO_FEW',
      message: `Credit from at least ${policy.minimumCategories} categories is required; ${summary.categoriesUsed} counted so far`,
    });
  }
  if (summary.ownCourses.counted < policy.minimumOwnCoursesCeu) {
    blockers.push({
      code: 'OWN_COURSES_MINIMUM',
      message: `${formatCeu(policy.minimumOwnCoursesCeu - summary.ownCourses.counted)} CEU more from the certifying body’s own courses needed: at least ${formatCeu(policy.minimumOwnCoursesCeu)} must count`,
    });
  }
  return blockers;
}

/** R1, R5, R7–R9, R12: everything a trainer needs to know on `input.on`. */
export function compliance(input: ComplianceInput): Compliance {
  const { policy, certification, on } = input;
  const cycle = input.cycle ?? cycleOf(certification, policy);
  const window = windowDates(certification.expiresOn, policy);
  const phase = windowPhase(certification.expiresOn, on, policy);
  const summary = summarizeCycle(cycle, input.entries, policy);
  const required = continuingEducationRequired(policy);
  const earned = summary.earnedAutomatic + summary.earnedByPetition;
  const remaining = Math.max(0, required - earned);
  const assessment = assessCprAed(input.cards, input.waivers, on, policy);

  const blockers: Blocker[] = [];
  if (phase === 'CLOSED') {
    blockers.push({
      code: 'CLOSED',
      message: `The application window closed on ${window.closesOn}; the certification has lapsed`,
    });
  }
  if (input.alreadyApplied) {
    blockers.push({ code: 'ALREADY_APPLIED', message: 'An application for this cycle has already been submitted' });
  }
  if (remaining > 0) {
    blockers.push({ code: 'CE_SHORT', message: `${formatCeu(remaining)} CEU of continuing education still missing` });
  }
  blockers.push(...creditLimitBlockers(summary, policy));
  const cpr = policy.cprAedRequired ? cprAedBlocker(assessment, input.cards, policy) : null;
  if (cpr) blockers.push(cpr);

  let nextDeadline: Compliance['nextDeadline'];
  if (on <= window.expiresOn) nextDeadline = { date: window.expiresOn, what: 'EXPIRES' };
  else if (on < window.additionalFeeFrom)
    nextDeadline = { date: window.additionalFeeFrom, what: 'ADDITIONAL_FEE_STARTS' };
  else if (on < window.closesOn) nextDeadline = { date: window.closesOn, what: 'WINDOW_CLOSES' };
  else nextDeadline = null;

  return {
    cycle: {
      startsOn: cycle.startsOn,
      expiresOn: cycle.expiresOn,
      courseworkFrom: cycle.courseworkFrom,
      courseworkDeadline: cycle.courseworkDeadline,
    },
    window,
    phase,
    status: certificationStatus(certification.expiresOn, on, policy),
    continuingEducation: {
      required,
      earned,
      earnedAutomatic: summary.earnedAutomatic,
      earnedByPetition: summary.earnedByPetition,
      pending: summary.pending,
      remaining,
    },
    cprAed: { ...assessment, required: policy.cprAedCeu },
    totalEarned: earned + (policy.cprAedRequired ? assessment.ceu : 0),
    totalRequired: policy.requiredCeu,
    summary,
    policyMinimumOwnCourses: policy.minimumOwnCoursesCeu,
    fee: feeQuote(input.schedules, certification.expiresOn, on, policy),
    blockers,
    acceptable: blockers.length === 0,
    nextDeadline,
  };
}
