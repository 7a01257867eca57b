/**
 * The work both baselines share: the answers of the four operations in the API's JSON shape,
 * computed from plain rows with the project's pure rule engine (src/rules): no database access,
 * no GraphQL.
 */
import { toGlobalId } from '../../src/common/ids';
import { dateOf, LocalDate } from '../../src/rules/calendar';
import { CreditPath, creditedCeu, decideCreditPath, Period, ProviderKind } from '../../src/rules/coverage';
import { CycleEntry, cycleOf } from '../../src/rules/cycle';
import { continuingEducationRequired, ProgramPolicy } from '../../src/rules/policy';
import type { ProgramPolicyVersion } from '../../src/modules/program/program.entity';
import { policyOfVersion } from '../../src/modules/program/program.policy';
import { compliance } from '../../src/rules/compliance';
import { CprAedCard, HandsOnWaiver } from '../../src/rules/cpr-aed';
import { FeeSchedule } from '../../src/rules/fees';
import { nextStatus } from '../../src/rules/state-machine';
import { PETITION_TRANSITIONS, PetitionStatus } from '../../src/rules/statuses';
import { formatCeu, formatMoney } from '../../src/rules/units';

export interface CertificationFacts {
  id: number;
  trainerId: number;
  issuedOn: LocalDate;
  cycleStartsOn: LocalDate;
  expiresOn: LocalDate;
}

export interface CompletionFacts {
  id: number;
  courseId: number | null;
  completedOn: LocalDate;
  creditPath: CreditPath;
  ceuHundredths: number;
  title: string;
}

export interface PetitionFacts {
  id: number;
  completionId: number;
  status: PetitionStatus;
  requestedCeuHundredths: number;
}

export interface PolicyFacts {
  policy: ProgramPolicy;
  schedules: FeeSchedule[];
  waivers: HandsOnWaiver[];
}

/** Everything a transcript with its compliance summary is decided on. */
export interface TranscriptFacts {
  certification: CertificationFacts;
  /** Completions dated up to `today`. */
  completions: CompletionFacts[];
  /** Petitions of the certification, oldest first. */
  petitions: PetitionFacts[];
  /** Completions an approved application already used (R5). */
  usedIds: Set<number>;
  /** CPR/AED cards issued up to `today`. */
  cards: CprAedCard[];
  policy: PolicyFacts;
  alreadyApplied: boolean;
  today: LocalDate;
}

/**
 * The CPT's current policy version with its program's currency: the version in force today in
 * the bench's data (one version, effective from the reference data's first day).
 */
export const POLICY_VERSION_SQL = `SELECT v.*, p.currency_code FROM program_policy_version v
  INNER JOIN program p ON p.code = v.program_code
  WHERE v.program_code = 'CPT' AND v.superseded_by_id IS NULL ORDER BY v.effective_from DESC, v.id DESC LIMIT 1`;

/** Rows of the program_policy_version, fee_schedule and hands_on_waiver tables. */
export interface PolicyRows {
  /** A program_policy_version row with its program's currency_code, columns by their SQL names. */
  policy: Record<string, unknown> | null;
  schedules: {
    effective_from: string;
    currency_code: string;
    recertification_fee_cents: number;
    late_fee_cents: number;
    additional_fee_cents: number;
  }[];
  waivers: { starts_on: string; lifted_on: string | null }[];
}

/** The policy as the engine takes it, from its table rows (as ProgramCatalog reads them). */
export function policyFacts(rows: PolicyRows): PolicyFacts {
  if (!rows.policy) throw new Error('The bench database has no CPT policy version.');
  const camel = Object.fromEntries(
    Object.entries(rows.policy).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]),
  ) as unknown as ProgramPolicyVersion & { currencyCode: string };
  return {
    policy: policyOfVersion(camel, { currencyCode: camel.currencyCode }),
    schedules: rows.schedules.map((s) => ({
      effectiveFrom: s.effective_from,
      currencyCode: s.currency_code,
      recertificationFee: s.recertification_fee_cents,
      lateFee: s.late_fee_cents,
      additionalFee: s.additional_fee_cents,
    })),
    waivers: rows.waivers.map((w) => ({ startsOn: w.starts_on, liftedOn: w.lifted_on })),
  };
}

function cycleEntries(facts: TranscriptFacts): CycleEntry[] {
  const latest = new Map(facts.petitions.map((p) => [p.completionId, p]));
  return facts.completions.map((c) => ({
    id: c.id,
    courseId: c.courseId,
    completedOn: c.completedOn,
    creditPath: c.creditPath,
    ceu: c.ceuHundredths,
    petitionStatus: latest.get(c.id)?.status ?? null,
    requestedCeu: latest.get(c.id)?.requestedCeuHundredths ?? 0,
    usedByApplication: facts.usedIds.has(c.id),
  }));
}

function byDateThenId(a: CompletionFacts, b: CompletionFacts): number {
  return a.completedOn === b.completedOn ? a.id - b.id : a.completedOn < b.completedOn ? -1 : 1;
}

/** The transcript of the current cycle with its compliance summary, as the Transcript operation selects it. */
export function transcriptView(facts: TranscriptFacts) {
  const { certification, today } = facts;
  const cycle = cycleOf(certification, facts.policy.policy);
  const last = cycle.courseworkDeadline < today ? cycle.courseworkDeadline : today;
  const decided = compliance({
    policy: facts.policy.policy,
    certification,
    entries: cycleEntries(facts),
    cards: facts.cards,
    waivers: facts.policy.waivers,
    schedules: facts.policy.schedules,
    alreadyApplied: facts.alreadyApplied,
    on: today,
  });
  const ce = decided.continuingEducation;
  const inCycle = facts.completions
    .filter((c) => c.completedOn >= cycle.startsOn && c.completedOn <= last)
    .sort(byDateThenId);
  const required = continuingEducationRequired(facts.policy.policy);
  return {
    asOf: today,
    cycle: { startsOn: cycle.startsOn, expiresOn: cycle.expiresOn, courseworkDeadline: cycle.courseworkDeadline },
    entries: inCycle.map((c) => {
      const standing = decided.summary.standings.get(c.id) ?? 'OUTSIDE_CYCLE';
      return {
        standing,
        countedCeu: formatCeu(decided.summary.counted.get(c.id) ?? 0),
        completion: {
          id: toGlobalId('Completion', c.id),
          title: c.title,
          completedOn: c.completedOn,
          creditPath: c.creditPath,
        },
      };
    }),
    ceu: {
      earned: formatCeu(ce.earned),
      required: formatCeu(required),
      remaining: formatCeu(Math.max(0, required - ce.earned)),
    },
    compliance: {
      status: decided.status,
      acceptable: decided.acceptable,
      totalEarned: formatCeu(decided.totalEarned),
      totalRequired: formatCeu(decided.totalRequired),
      window: {
        phase: decided.phase,
        expiresOn: decided.window.expiresOn,
        lateFeeFrom: decided.window.lateFeeFrom,
        additionalFeeFrom: decided.window.additionalFeeFrom,
        closesOn: decided.window.closesOn,
      },
      continuingEducation: {
        earned: formatCeu(ce.earned),
        pending: formatCeu(ce.pending),
        required: formatCeu(ce.required),
        remaining: formatCeu(ce.remaining),
      },
      cprAed: {
        status: decided.cprAed.status,
        counts: decided.cprAed.counts,
        earned: formatCeu(decided.cprAed.ceu),
        required: formatCeu(decided.cprAed.required),
      },
      quote: {
        phase: decided.fee.phase,
        total: { amount: formatMoney(decided.fee.total), currencyCode: decided.fee.currencyCode },
      },
      blockers: decided.blockers.map((b) => ({ code: b.code, message: b.message })),
      nextDeadline: decided.nextDeadline ? { date: decided.nextDeadline.date, kind: decided.nextDeadline.what } : null,
    },
  };
}

/** One course of the catalogue page. */
export interface CatalogueRow {
  id: number;
  code: string;
  title: string;
  ceuHundredths: number | null;
  deliveryFormat: string;
  approvedThrough: LocalDate | null;
  providerId: number;
  providerName: string;
}

export function catalogueNode(row: CatalogueRow) {
  return {
    id: toGlobalId('Course', row.id),
    code: row.code,
    title: row.title,
    ceuValue: row.ceuHundredths === null ? null : formatCeu(row.ceuHundredths),
    deliveryFormat: row.deliveryFormat,
    approvedThrough: row.approvedThrough,
    provider: { id: toGlobalId('Provider', row.providerId), name: row.providerName },
  };
}

/** A business refusal, in the API's words. */
export interface UserError {
  code: string;
  message: string;
}

/** Thrown inside a write to refuse it; the transaction is rolled back and the payload carries it. */
export class Refusal extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
  }
}

export function refuse(code: string, message: string): never {
  throw new Refusal({ code, message });
}

/** The catalogue course a trainer reports, with what R3 decides on. */
export interface ReportedCourse {
  id: number;
  status: string;
  title: string;
  ceuHundredths: number | null;
  contactHourTenths: number;
  providerKind: ProviderKind;
  providerName: string;
  providerPeriods: Period[];
  coursePeriods: Period[];
}

type Row = Record<string, unknown>;

/** An approval period from its row (`from_date`, `through_date`). */
export const periodOf = (row: Row): Period => ({
  from: row.from_date as string,
  through: (row.through_date as string | null) ?? null,
});

/** A reported course from its course row, its provider's row and both sets of period rows. */
export function reportedCourseOf(
  course: Row,
  provider: Row,
  providerPeriods: Row[],
  coursePeriods: Row[],
): ReportedCourse {
  return {
    id: Number(course.id),
    status: course.status as string,
    title: course.title as string,
    ceuHundredths: course.ceu_hundredths === null ? null : Number(course.ceu_hundredths),
    contactHourTenths: Number(course.contact_hour_tenths),
    providerKind: provider.kind as ProviderKind,
    providerName: provider.name as string,
    providerPeriods: providerPeriods.map(periodOf),
    coursePeriods: coursePeriods.map(periodOf),
  };
}

/** The checks of CompletionService.selfReport before the duplicate check: course, dates. */
export function checkReportedCourse(
  course: { status: string } | null | undefined,
  certification: CertificationFacts,
  completedOn: LocalDate,
  today: LocalDate,
): void {
  if (!course || course.status === 'PENDING_REVIEW' || course.status === 'REJECTED') {
    refuse('NOT_FOUND', 'No catalogue course has this ID.');
  }
  if (completedOn > today) refuse('FUTURE_DATE', 'The completion date is after today.');
  if (completedOn < certification.issuedOn) {
    refuse('BEFORE_CERTIFICATION', 'The completion date is before the certification was issued.');
  }
}

/** The transcript entry a self-report creates (R3 decides its credit path on the date). */
export function selfReportedEntry(course: ReportedCourse, completedOn: LocalDate) {
  const decision = decideCreditPath(
    { providerKind: course.providerKind, providerPeriods: course.providerPeriods, coursePeriods: course.coursePeriods },
    completedOn,
  );
  return {
    creditPath: decision.path,
    creditReason: decision.reason,
    ceuHundredths: creditedCeu(decision.path, course.ceuHundredths),
  };
}

export function completionView(c: {
  id: number;
  completedOn: LocalDate;
  creditPath: string;
  ceuHundredths: number;
  title: string;
}) {
  return {
    id: toGlobalId('Completion', c.id),
    completedOn: c.completedOn,
    creditPath: c.creditPath,
    ceuValue: formatCeu(c.ceuHundredths),
    title: c.title,
  };
}

/** R6: the CEUs a staff approval awards (no value given: the requested R2 value). */
export function approvalOf(petition: { status: PetitionStatus; requestedCeuHundredths: number }): number {
  if (!nextStatus(PETITION_TRANSITIONS, petition.status, 'approve')) {
    refuse('INVALID_TRANSITION', `Cannot approve when the status is ${petition.status}.`);
  }
  const awarded = petition.requestedCeuHundredths;
  if (awarded < 1) refuse('OUT_OF_RANGE', 'The CEUs awarded must be between 0.01 and 99.99.');
  return awarded;
}

/** The decision-log details of a petition approval, as the API writes them. */
export function approvalDetails(awarded: number, completionId: number): string {
  return JSON.stringify({ awardedCeu: formatCeu(awarded), completion: toGlobalId('Completion', completionId) });
}

export function petitionView(p: {
  id: number;
  status: string;
  awardedCeuHundredths: number | null;
  decidedAt: string | null;
}) {
  return {
    id: toGlobalId('Petition', p.id),
    status: p.status,
    awardedCeu: p.awardedCeuHundredths === null ? null : formatCeu(p.awardedCeuHundredths),
    decidedAt: p.decidedAt,
  };
}

/** Today as the API decides it: the UTC calendar date. */
export function todayUtc(now: Date = new Date()): LocalDate {
  return dateOf(now);
}
