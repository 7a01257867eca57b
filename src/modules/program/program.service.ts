import { EntityManager, IsNull } from 'typeorm';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Database } from '../../database/database';
import { LocalDate } from '../../rules/calendar';
import { normalizeProgramCode } from '../../rules/certification';
import { DEFAULT_REMINDER_DAYS, ProgramCategory, ProgramPolicy } from '../../rules/policy';
import { formatCeu, parseCeu, parseMoney } from '../../rules/units';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { Program, ProgramPolicyVersion } from './program.entity';
import { policyIn, ProgramCatalog, ProgramFacts } from './program.facts';
import { DefineProgramInput, ProgramPolicyInput, UpdateProgramPolicyInput } from './program.inputs';
import { policyVersionView } from './program.types';

const MAX_AMOUNT_CENTS = 10_000_000;

/** What a program starts with when `defineProgram` leaves a number out. */
const DEFINE_DEFAULTS = {
  cprAedRequired: false,
  cprAedCeu: 0,
  handsOnRequired: true,
  courseworkGraceDays: 90,
  lateWindowDays: 90,
  closeAfterMonths: 12,
  waiverGraceDays: 60,
  auditRate: 0.1,
  auditDocumentsDays: 30,
  categories: [] as ProgramCategory[],
  minimumCategories: 0,
  maximumCeuPerEvent: null as number | null,
  minimumOwnCoursesCeu: 0,
  reminderDays: DEFAULT_REMINDER_DAYS,
};

const REQUIRED_TO_DEFINE = [
  'cycleMonths',
  'requiredCeu',
  'ceuPerContactHour',
  'petitionFee',
  'recertificationFee',
  'lateFee',
  'additionalFee',
] as const;

function cents(text: string, field: string[]): number {
  const value = parseMoney(text);
  if (value === null || value > MAX_AMOUNT_CENTS) {
    return refuse(UserErrorCode.OUT_OF_RANGE, 'Amounts are 0.00 to 100000.00 with at most two decimals.', field);
  }
  return value;
}

/** Reminder offsets: distinct whole days, 1 to 365, at most ten; kept largest first. */
function reminderDays(days: number[], field: string[]): number[] {
  if (
    days.length > 10 ||
    new Set(days).size !== days.length ||
    days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)
  ) {
    refuse(UserErrorCode.OUT_OF_RANGE, 'Reminder days are up to ten different whole numbers of days, 1 to 365.', field);
  }
  return [...days].sort((a, b) => b - a);
}

function ceu(text: string, field: string[]): number {
  return parseCeu(text) ?? refuse(UserErrorCode.OUT_OF_RANGE, 'CEUs are a number with at most two decimals.', field);
}

/**
 * The policy `input` makes of `base` (fields left out keep their value), checked as a whole:
 * every refusal names the field. `currencyCode` is the program's.
 */
export function policyFromInput(base: ProgramPolicy, input: ProgramPolicyInput, at: string[]): ProgramPolicy {
  const f = (name: string) => [...at, name];
  const policy: ProgramPolicy = {
    ...base,
    cycleMonths: input.cycleMonths ?? base.cycleMonths,
    requiredCeu: input.requiredCeu != null ? ceu(input.requiredCeu, f('requiredCeu')) : base.requiredCeu,
    ceuPerContactHour:
      input.ceuPerContactHour != null ? ceu(input.ceuPerContactHour, f('ceuPerContactHour')) : base.ceuPerContactHour,
    cprAedRequired: input.cprAedRequired ?? base.cprAedRequired,
    cprAedCeu: input.cprAedCeu != null ? ceu(input.cprAedCeu, f('cprAedCeu')) : base.cprAedCeu,
    handsOnRequired: input.handsOnRequired ?? base.handsOnRequired,
    courseworkGraceDays: input.courseworkGraceDays ?? base.courseworkGraceDays,
    lateWindowDays: input.lateWindowDays ?? base.lateWindowDays,
    closeAfterMonths: input.closeAfterMonths ?? base.closeAfterMonths,
    waiverGraceDays: input.waiverGraceDays ?? base.waiverGraceDays,
    reminderDays: input.reminderDays ? reminderDays(input.reminderDays, f('reminderDays')) : base.reminderDays,
    petitionFee: input.petitionFee != null ? cents(input.petitionFee, f('petitionFee')) : base.petitionFee,
    recertificationFee:
      input.recertificationFee != null
        ? cents(input.recertificationFee, f('recertificationFee'))
        : base.recertificationFee,
    lateFee: input.lateFee != null ? cents(input.lateFee, f('lateFee')) : base.lateFee,
    additionalFee: input.additionalFee != null ? cents(input.additionalFee, f('additionalFee')) : base.additionalFee,
    auditRate: input.auditRate != null ? Math.round(Number(input.auditRate) * 10_000) / 10_000 : base.auditRate,
    auditDocumentsDays: input.auditDocumentsDays ?? base.auditDocumentsDays,
    categories: input.categories
      ? input.categories.map((c, i) => ({
          code: c.code.trim().toUpperCase(),
          name: c.name.trim(),
          maximumCeu: c.maximumCeu != null ? ceu(c.maximumCeu, [...f('categories'), String(i), 'maximumCeu']) : null,
          minimumCeu: c.minimumCeu != null ? ceu(c.minimumCeu, [...f('categories'), String(i), 'minimumCeu']) : null,
        }))
      : base.categories,
    minimumCategories: input.minimumCategories ?? base.minimumCategories,
    maximumCeuPerEvent:
      input.maximumCeuPerEvent != null
        ? ceu(input.maximumCeuPerEvent, f('maximumCeuPerEvent')) || null
        : base.maximumCeuPerEvent,
    minimumOwnCoursesCeu:
      input.minimumOwnCoursesCeu != null
        ? ceu(input.minimumOwnCoursesCeu, f('minimumOwnCoursesCeu'))
        : base.minimumOwnCoursesCeu,
  };
  return checkedPolicy(policy, at);
}

/** A policy whose numbers hold together, or a refusal naming the field that does not. */
function checkedPolicy(policy: ProgramPolicy, at: string[]): ProgramPolicy {
  const f = (...names: string[]) => [...at, ...names];
  if (policy.requiredCeu < 1)
    refuse(UserErrorCode.OUT_OF_RANGE, 'A program requires at least 0.01 CEU.', f('requiredCeu'));
  if (policy.ceuPerContactHour < 1 || policy.ceuPerContactHour > 1000) {
    refuse(UserErrorCode.OUT_OF_RANGE, 'A contact hour is worth 0.01 to 10 CEUs.', f('ceuPerContactHour'));
  }
  if (!policy.cprAedRequired && policy.cprAedCeu > 0) {
    refuse(
      UserErrorCode.INVALID_INPUT,
      'CPR/AED brings CEUs only when it is required (cprAedRequired).',
      f('cprAedCeu'),
    );
  }
  if (policy.cprAedCeu > policy.requiredCeu) {
    refuse(UserErrorCode.OUT_OF_RANGE, 'CPR/AED cannot bring more CEUs than the program requires.', f('cprAedCeu'));
  }
  if (policy.lateWindowDays >= policy.closeAfterMonths * 28) {
    refuse(
      UserErrorCode.OUT_OF_RANGE,
      'The late window must end before the application window closes (closeAfterMonths).',
      f('lateWindowDays'),
    );
  }
  const codes = new Set<string>();
  policy.categories.forEach((c, i) => {
    if (codes.has(c.code)) {
      refuse(
        UserErrorCode.INVALID_INPUT,
        `Two categories have the code ${c.code}.`,
        f('categories', String(i), 'code'),
      );
    }
    codes.add(c.code);
    if (!c.name) refuse(UserErrorCode.REQUIRED, 'A category needs a name.', f('categories', String(i), 'name'));
    if (c.maximumCeu !== null && c.minimumCeu !== null && c.minimumCeu > c.maximumCeu) {
      refuse(
        UserErrorCode.OUT_OF_RANGE,
        `The minimum of ${c.code} is more than its maximum.`,
        f('categories', String(i), 'minimumCeu'),
      );
    }
  });
  if (policy.minimumCategories > policy.categories.length) {
    refuse(
      UserErrorCode.OUT_OF_RANGE,
      `At least ${policy.minimumCategories} categories cannot be required of a program with ${policy.categories.length}.`,
      f('minimumCategories'),
    );
  }
  const floor = policy.categories.reduce((sum, c) => sum + (c.minimumCeu ?? 0), 0);
  if (floor > policy.requiredCeu - policy.cprAedCeu) {
    refuse(
      UserErrorCode.OUT_OF_RANGE,
      `The category minimums add up to ${formatCeu(floor)} CEUs, more than the ${formatCeu(policy.requiredCeu - policy.cprAedCeu)} of continuing education required.`,
      f('categories'),
    );
  }
  return policy;
}

/** The stored row of a policy version. */
function versionRow(
  programCode: string,
  effectiveFrom: LocalDate,
  policy: ProgramPolicy,
  createdAt: string,
): Omit<ProgramPolicyVersion, 'id'> {
  return {
    programCode,
    effectiveFrom,
    cycleMonths: policy.cycleMonths,
    requiredCeuHundredths: policy.requiredCeu,
    ceuPerContactHourHundredths: policy.ceuPerContactHour,
    cprAedRequired: policy.cprAedRequired,
    cprAedCeuHundredths: policy.cprAedCeu,
    handsOnRequired: policy.handsOnRequired,
    courseworkGraceDays: policy.courseworkGraceDays,
    lateWindowDays: policy.lateWindowDays,
    closeAfterMonths: policy.closeAfterMonths,
    waiverGraceDays: policy.waiverGraceDays,
    petitionFeeCents: policy.petitionFee,
    recertificationFeeCents: policy.recertificationFee,
    lateFeeCents: policy.lateFee,
    additionalFeeCents: policy.additionalFee,
    auditRateBasisPoints: Math.round(policy.auditRate * 10_000),
    auditDocumentsDays: policy.auditDocumentsDays,
    categories: policy.categories.map((c) => ({ ...c })),
    minimumCategories: policy.minimumCategories,
    maximumCeuPerEventHundredths: policy.maximumCeuPerEvent,
    minimumOwnCoursesCeuHundredths: policy.minimumOwnCoursesCeu,
    reminderDays: policy.reminderDays.join(','),
    createdAt,
    supersededById: null,
  };
}

/** A policy as the decision log keeps it: the numbers of its GraphQL view, amounts as decimal strings. */
export function loggedPolicy(policy: ProgramPolicy): Record<string, unknown> {
  const { effectiveFrom: _from, continuingEducationCeu: _derived, ...view } = policyVersionView(policy, '');
  return {
    ...view,
    petitionFee: view.petitionFee.amount,
    recertificationFee: view.recertificationFee.amount,
    lateFee: view.lateFee.amount,
    additionalFee: view.additionalFee.amount,
  };
}

/** Credential programs as records: defined and changed by staff, dated like fee schedules. */
export class ProgramService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
  ) {}

  /** Every program with its facts, read with `em` (a unit of work) or the reader. */
  catalog(em: EntityManager = this.db.reader): Promise<ProgramCatalog> {
    return ProgramCatalog.read(em);
  }

  /** Every policy version of a program, oldest first (the current ones). */
  async versions(em: EntityManager, programCode: string): Promise<ProgramPolicyVersion[]> {
    return em.find(ProgramPolicyVersion, {
      where: { programCode, supersededById: IsNull() },
      order: { effectiveFrom: 'ASC', id: 'ASC' },
    });
  }

  /** A new program with its first policy, in force from today; logged PROGRAM_DEFINED. */
  define(ctx: RequestContext, input: DefineProgramInput): Promise<{ code: string }> {
    return this.db.uow.run(async (em) => {
      const code = normalizeProgramCode(input.code);
      if (await em.existsBy(Program, { code })) {
        refuse(UserErrorCode.PROGRAM_CODE_TAKEN, `A program with the code ${code} already exists.`, ['input', 'code']);
      }
      const missing = REQUIRED_TO_DEFINE.filter((name) => input.policy[name] == null);
      if (missing.length) {
        refuse(UserErrorCode.REQUIRED, `A new program needs ${missing.join(', ')}.`, ['input', 'policy', missing[0]]);
      }
      const currencyCode = input.currencyCode ?? 'USD';
      const base: ProgramPolicy = {
        ...DEFINE_DEFAULTS,
        currencyCode,
        cycleMonths: 0,
        requiredCeu: 0,
        ceuPerContactHour: 0,
        petitionFee: 0,
        recertificationFee: 0,
        lateFee: 0,
        additionalFee: 0,
      };
      const policy = policyFromInput(base, input.policy, ['input', 'policy']);
      await em.insert(Program, { code, name: input.name.trim(), currencyCode, isDefault: false, createdAt: ctx.now });
      const { identifiers } = await em.insert(ProgramPolicyVersion, versionRow(code, ctx.today, policy, ctx.now));
      await this.decisions.record(em, ctx, {
        action: 'PROGRAM_DEFINED',
        subjectType: 'Program',
        subjectId: identifiers[0].id as number,
        reason: input.reason ?? null,
        details: {
          program: code,
          name: input.name.trim(),
          currencyCode,
          effectiveFrom: ctx.today,
          policy: loggedPolicy(policy),
        },
      });
      return { code };
    });
  }

  /** A change of a program's policy from a date today or later; logged with before and after. */
  update(ctx: RequestContext, input: UpdateProgramPolicyInput): Promise<{ code: string }> {
    return this.db.uow.run(async (em) => {
      const catalog = await this.catalog(em);
      const facts = catalog.resolve(input.programCode, ['input', 'programCode']);
      const effectiveFrom = input.effectiveFrom ?? ctx.today;
      const { versionId, before, after } = await this.change(em, ctx, facts, effectiveFrom, input.policy, [
        'input',
        'policy',
      ]);
      await this.decisions.record(em, ctx, {
        action: 'PROGRAM_POLICY_UPDATED',
        subjectType: 'ProgramPolicy',
        subjectId: versionId,
        reason: input.reason ?? null,
        details: {
          program: facts.program.code,
          effectiveFrom,
          before: loggedPolicy(before),
          after: loggedPolicy(after),
        },
      });
      return { code: facts.program.code };
    });
  }

  /**
   * The policy of `facts` from `effectiveFrom` changed by `input`, in the caller's unit of work:
   * a new version (one dated the same day is replaced by it, and kept pointing at it). Dated today
   * or later: the past is never rewritten. The caller logs the decision.
   */
  async change(
    em: EntityManager,
    ctx: RequestContext,
    facts: ProgramFacts,
    effectiveFrom: LocalDate,
    input: ProgramPolicyInput,
    at: string[],
  ): Promise<{ versionId: number; before: ProgramPolicy; after: ProgramPolicy }> {
    if (effectiveFrom < ctx.today) {
      refuse(
        UserErrorCode.EFFECTIVE_IN_PAST,
        `Policy changes apply from today (${ctx.today}) or later; ${effectiveFrom} has passed.`,
        [...at.slice(0, -1), 'effectiveFrom'],
      );
    }
    const before = policyIn(facts, effectiveFrom);
    const after = policyFromInput(before, input, at);
    const code = facts.program.code;
    const { identifiers } = await em.insert(ProgramPolicyVersion, versionRow(code, effectiveFrom, after, ctx.now));
    const versionId = identifiers[0].id as number;
    await em
      .createQueryBuilder()
      .update(ProgramPolicyVersion)
      .set({ supersededById: versionId })
      .where('program_code = :code AND effective_from = :effectiveFrom AND superseded_by_id IS NULL AND id <> :id', {
        code,
        effectiveFrom,
        id: versionId,
      })
      .execute();
    return { versionId, before, after };
  }
}
