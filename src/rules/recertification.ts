/**
 * The recertification engine (R1, R5, R7–R12) as pure functions: plain data and dates in,
 * decisions out. No database, no GraphQL, no clock: every "today" is an argument.
 */
import { addDays, addMonths, LocalDate } from './calendar';
import { Cycle, cycleOf, CycleEntry, CycleSummary, summarizeCycle } from './cycle';
import { continuingEducationRequired, ProgramPolicy } from './policy';
import { CeuHundredths, Cents, formatCeu } from './units';

// ---------------------------------------------------------------------------------------------
// R8 windows and R12 status

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

// ---------------------------------------------------------------------------------------------
// R8 fees (dated policy data)

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

/** The CPT defaults: 99.00, late 30.00, additional 50.00 USD. */
export const DEFAULT_FEE_SCHEDULE: FeeSchedule = Object.freeze({
  effectiveFrom: '1970-01-01',
  currencyCode: 'USD',
  recertificationFee: 9900,
  lateFee: 3000,
  additionalFee: 5000,
});

// ---------------------------------------------------------------------------------------------
// R7 CPR/AED

export type CprAedFormat = 'IN_PERSON' | 'BLENDED' | 'ONLINE_ONLY';

export interface CprAedCard {
  id: number;
  issuedOn: LocalDate;
  expiresOn: LocalDate;
  coversAdultCpr: boolean;
  coversAed: boolean;
  format: CprAedFormat;
}

/** A hands-on waiver period: online-only cards issued from `startsOn` to `liftedOn` + 60 days are accepted. */
export interface HandsOnWaiver {
  startsOn: LocalDate;
  /** Null while the waiver is still in force. */
  liftedOn: LocalDate | null;
}

export type CprAedStatus =
  'VALID' | 'ACCEPTED_UNDER_WAIVER' | 'MISSING' | 'EXPIRED' | 'COVERAGE_INCOMPLETE' | 'HANDS_ON_REQUIRED';

export interface CprAedAssessment {
  status: CprAedStatus;
  /** The card the assessment is about: the best one on record, or null when there is none. */
  cardId: number | null;
  /** True for VALID and ACCEPTED_UNDER_WAIVER. */
  counts: boolean;
  /** ACCEPTED_UNDER_WAIVER carries HANDS_ON_RECOMMENDED. */
  advisories: 'HANDS_ON_RECOMMENDED'[];
  /** CEUs it brings (R1: 0.1 when it counts, else 0). */
  ceu: CeuHundredths;
}

// ---------------------------------------------------------------------------------------------
// R9 compliance and blockers

export type BlockerCode =
  | 'CLOSED'
  | 'CE_SHORT'
  | 'CPR_AED_MISSING'
  | 'CPR_AED_EXPIRED'
  | 'CPR_AED_COVERAGE'
  | 'CPR_AED_HANDS_ON'
  | 'ALREADY_APPLIED';

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

// ---------------------------------------------------------------------------------------------
// R11 audits

export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
}

export interface AuditDecision {
  selected: boolean;
  /** Selection day + the documents window (30 days), when selected. */
  documentsDueOn: LocalDate | null;
}

// ---------------------------------------------------------------------------------------------
// Functions (implemented below; each names the rule it applies)

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

/**
 * R8: the fee schedule in force on `receivedOn`: the one with the latest `effectiveFrom` on or
 * before it (of two with the same date, the later in the list); the CPT defaults when none applies.
 */
export function scheduleOn(schedules: readonly FeeSchedule[], receivedOn: LocalDate): FeeSchedule {
  let best: FeeSchedule | null = null;
  for (const schedule of schedules) {
    if (schedule.effectiveFrom > receivedOn) continue;
    if (best === null || schedule.effectiveFrom >= best.effectiveFrom) best = schedule;
  }
  return best ?? DEFAULT_FEE_SCHEDULE;
}

/** R8: the fee lines of an application received on `receivedOn`; nothing when the window is closed. */
export function feeQuote(
  schedules: readonly FeeSchedule[],
  expiresOn: LocalDate,
  receivedOn: LocalDate,
  policy: ProgramPolicy,
): FeeQuote {
  const phase = windowPhase(expiresOn, receivedOn, policy);
  const schedule = scheduleOn(schedules, receivedOn);
  const lines: FeeLine[] = [];
  if (phase !== 'CLOSED') lines.push({ kind: 'RECERTIFICATION', amount: schedule.recertificationFee });
  if (phase === 'LATE' || phase === 'LATE_ADDITIONAL_FEE') lines.push({ kind: 'LATE', amount: schedule.lateFee });
  if (phase === 'LATE_ADDITIONAL_FEE') lines.push({ kind: 'ADDITIONAL', amount: schedule.additionalFee });
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  return { phase, currencyCode: schedule.currencyCode, lines, total };
}

/** R7: a card issued on `issuedOn` falls inside the waiver (start through lifted + 60 days). */
export function waiverCovers(waiver: HandsOnWaiver, issuedOn: LocalDate, policy: ProgramPolicy): boolean {
  if (issuedOn < waiver.startsOn) return false;
  return waiver.liftedOn === null || issuedOn <= addDays(waiver.liftedOn, policy.waiverGraceDays);
}

type CardStatus = Exclude<CprAedStatus, 'MISSING'>;

/** R7: how one card stands on `on`; failures in priority expired, coverage, hands-on. */
function cardStatus(
  card: CprAedCard,
  waivers: readonly HandsOnWaiver[],
  on: LocalDate,
  policy: ProgramPolicy,
): CardStatus {
  if (card.expiresOn < on) return 'EXPIRED';
  if (!card.coversAdultCpr || !card.coversAed) return 'COVERAGE_INCOMPLETE';
  if (card.format !== 'ONLINE_ONLY') return 'VALID';
  return waivers.some((w) => waiverCovers(w, card.issuedOn, policy)) ? 'ACCEPTED_UNDER_WAIVER' : 'HANDS_ON_REQUIRED';
}

/** Later expiry first, then later issue, then higher id: a total order, so the choice never depends on input order. */
function compareCards(a: CprAedCard, b: CprAedCard): number {
  if (a.expiresOn !== b.expiresOn) return a.expiresOn > b.expiresOn ? -1 : 1;
  if (a.issuedOn !== b.issuedOn) return a.issuedOn > b.issuedOn ? -1 : 1;
  return b.id - a.id;
}

/**
 * R7: the CPR/AED assessment on `on`. The best counting card wins (VALID before
 * ACCEPTED_UNDER_WAIVER, then the latest expiry); with none counting, the latest-expiring card
 * says what is wrong.
 */
export function assessCprAed(
  cards: readonly CprAedCard[],
  waivers: readonly HandsOnWaiver[],
  on: LocalDate,
  policy: ProgramPolicy,
): CprAedAssessment {
  if (cards.length === 0) return { status: 'MISSING', cardId: null, counts: false, advisories: [], ceu: 0 };
  const rank: Record<CardStatus, number> = {
    VALID: 0,
    ACCEPTED_UNDER_WAIVER: 1,
    EXPIRED: 2,
    COVERAGE_INCOMPLETE: 2,
    HANDS_ON_REQUIRED: 2,
  };
  const assessed = cards.map((card) => ({ card, status: cardStatus(card, waivers, on, policy) }));
  assessed.sort((a, b) => rank[a.status] - rank[b.status] || compareCards(a.card, b.card));
  const { card, status } = assessed[0];
  const counts = status === 'VALID' || status === 'ACCEPTED_UNDER_WAIVER';
  return {
    status,
    cardId: card.id,
    counts,
    advisories: status === 'ACCEPTED_UNDER_WAIVER' ? ['HANDS_ON_RECOMMENDED'] : [],
    ceu: counts ? policy.cprAedCeu : 0,
  };
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

/** R1, R5, R7–R9, R12: everything a trainer needs to know on `input.on`. */
export function compliance(input: ComplianceInput): Compliance {
  const { policy, certification, on } = input;
  const cycle = input.cycle ?? cycleOf(certification, policy);
  const window = windowDates(certification.expiresOn, policy);
  const phase = windowPhase(certification.expiresOn, on, policy);
  const summary = summarizeCycle(cycle, input.entries);
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
  const cpr = cprAedBlocker(assessment, input.cards, policy);
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
    totalEarned: earned + assessment.ceu,
    totalRequired: policy.requiredCeu,
    summary,
    fee: feeQuote(input.schedules, certification.expiresOn, on, policy),
    blockers,
    acceptable: blockers.length === 0,
    nextDeadline,
  };
}

/** R11: selected when the injected source draws below the rate; documents due 30 days later. */
export function decideAudit(
  rate: number,
  random: RandomSource,
  selectedOn: LocalDate,
  policy: ProgramPolicy,
): AuditDecision {
  const selected = random.next() < rate;
  return { selected, documentsDueOn: selected ? addDays(selectedOn, policy.auditDocumentsDays) : null };
}

/** R11: an audit is overdue when its documents are missing after the due date. */
export function auditOverdue(documentsDueOn: LocalDate, documentsSubmitted: boolean, on: LocalDate): boolean {
  return !documentsSubmitted && on > documentsDueOn;
}

/** R10: the new expiry is the old one + 24 months, whatever the receipt date. */
export function renewedExpiry(expiresOn: LocalDate, policy: ProgramPolicy): LocalDate {
  return addMonths(expiresOn, policy.cycleMonths);
}

/** R5: the next cycle starts the day after the old expiry. */
export function nextCycleStart(expiresOn: LocalDate): LocalDate {
  return addDays(expiresOn, 1);
}
