import { EntityManager, IsNull } from 'typeorm';
import { fromGlobalId, toGlobalId } from '../../common/ids';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Database } from '../../database/database';
import { normalizeProgramCode } from '../../rules/certification';
import { CPT_DEFAULT_POLICY, ProgramPolicy } from '../../rules/policy';
import { HandsOnWaiver } from '../../rules/cpr-aed';
import { FeeSchedule } from '../../rules/fees';
import { LocalDate } from '../../rules/calendar';
import { formatMoney, parseMoney } from '../../rules/units';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { FeeScheduleEntry, HandsOnWaiverPeriod, ProgramPolicyRow } from './policy.entity';
import {
  CorrectFeeScheduleInput,
  CorrectHandsOnWaiverInput,
  SetFeeScheduleInput,
  SetHandsOnWaiverInput,
  SetProgramPolicyInput,
} from './policy.inputs';

export const PROGRAM = 'CPT';

/**
 * The credential programs the ledger knows, each with the numbers of its rules (cycle, windows,
 * R12). Only the CPT exists today; a program is looked up here and nowhere else.
 */
const PROGRAM_POLICIES: ReadonlyMap<string, ProgramPolicy> = new Map([[PROGRAM, CPT_DEFAULT_POLICY]]);

/** The rules' policy of a program by code (as given: trimmed and upper-cased first); null for an unknown one. */
export function programPolicy(programCode: string): ProgramPolicy | null {
  return PROGRAM_POLICIES.get(normalizeProgramCode(programCode)) ?? null;
}

/** Everything the engine needs to decide for a program, read together. */
export interface PolicyFacts {
  policy: ProgramPolicy;
  schedules: FeeSchedule[];
  waivers: HandsOnWaiver[];
}

function toSchedule(row: FeeScheduleEntry): FeeSchedule {
  return {
    effectiveFrom: row.effectiveFrom,
    currencyCode: row.currencyCode,
    recertificationFee: row.recertificationFeeCents,
    lateFee: row.lateFeeCents,
    additionalFee: row.additionalFeeCents,
  };
}

/**
 * The facts the engine decides on, from the program's policy row (if any), schedules and waivers:
 * the one place that turns policy rows into the policy in force (R8 `scheduleOn` then picks by date).
 */
export function policyFactsOf(
  row: ProgramPolicyRow | null,
  schedules: FeeScheduleEntry[],
  waivers: HandsOnWaiverPeriod[],
): PolicyFacts {
  const policy: ProgramPolicy = row
    ? {
        ...CPT_DEFAULT_POLICY,
        auditRate: row.auditRateBasisPoints / 10_000,
        auditDocumentsDays: row.auditDocumentsDays,
        petitionFee: row.petitionFeeCents,
        currencyCode: row.currencyCode,
      }
    : CPT_DEFAULT_POLICY;
  // Corrected rows stay for the record; only the current ones decide.
  return {
    policy,
    schedules: schedules.filter(current).map(toSchedule),
    waivers: waivers.filter(current).map((w) => ({ startsOn: w.startsOn, liftedOn: w.liftedOn })),
  };
}

/** Recertification policy as data: program settings, dated fee schedules, hands-on waivers. */
export class PolicyService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
  ) {}

  /** The policy, fee schedules and waivers, read with `em` (a unit of work) or the reader. */
  async facts(em: EntityManager = this.db.reader): Promise<PolicyFacts> {
    const row = await em.findOneBy(ProgramPolicyRow, { programCode: PROGRAM });
    const schedules = await em.find(FeeScheduleEntry, {
      where: { programCode: PROGRAM },
      order: { effectiveFrom: 'ASC', id: 'ASC' },
    });
    const waivers = await em.find(HandsOnWaiverPeriod, { order: { startsOn: 'ASC', id: 'ASC' } });
    return policyFactsOf(row, schedules, waivers);
  }

  /**
   * R6/R11: change the audit rate, the audit documents window or the petition fee, from now on.
   * These numbers are read only when a petition is charged or an application drawn for audit,
   * and the result is stored with it, so one settings row is the program's present; its past
   * values are kept in the decision log (`before`, `after`).
   */
  setProgramPolicy(ctx: RequestContext, input: SetProgramPolicyInput): Promise<void> {
    return this.db.uow.run(async (em) => {
      const { policy } = await this.facts(em);
      const petitionFee = input.petitionFee != null ? parseMoney(input.petitionFee) : policy.petitionFee;
      if (petitionFee === null || petitionFee > MAX_AMOUNT_CENTS) {
        return refuse(UserErrorCode.OUT_OF_RANGE, 'The petition fee is 0.00 to 100000.00.', ['input', 'petitionFee']);
      }
      const row: ProgramPolicyRow = {
        programCode: PROGRAM,
        auditRateBasisPoints:
          input.auditRate != null
            ? Math.round(Number(input.auditRate) * 10_000)
            : Math.round(policy.auditRate * 10_000),
        auditDocumentsDays: input.auditDocumentsDays ?? policy.auditDocumentsDays,
        petitionFeeCents: petitionFee,
        currencyCode: policy.currencyCode,
        updatedAt: ctx.now,
      };
      await em.upsert(ProgramPolicyRow, row, ['programCode']);
      const settings = (p: { auditRate: number; auditDocumentsDays: number; petitionFee: number }) => ({
        auditRate: String(p.auditRate),
        auditDocumentsDays: p.auditDocumentsDays,
        petitionFee: formatMoney(p.petitionFee),
      });
      await this.decisions.record(em, ctx, {
        action: 'PROGRAM_POLICY_SET',
        subjectType: 'ProgramPolicy',
        subjectId: 0,
        reason: input.reason ?? null,
        details: {
          program: PROGRAM,
          before: settings(policy),
          after: settings({
            auditRate: row.auditRateBasisPoints / 10_000,
            auditDocumentsDays: row.auditDocumentsDays,
            petitionFee: row.petitionFeeCents,
          }),
        },
      });
    });
  }

  /** R8: the current fee schedules (or, with `includeSuperseded`, every one ever set), oldest first. */
  async feeSchedules(includeSuperseded = false): Promise<FeeScheduleEntry[]> {
    const rows = await this.db.reader.find(FeeScheduleEntry, {
      where: { programCode: PROGRAM },
      order: { effectiveFrom: 'ASC', id: 'ASC' },
    });
    return includeSuperseded ? rows : rows.filter(current);
  }

  /** R7: the current waivers (or, with `includeSuperseded`, every one ever declared), oldest first. */
  async waivers(includeSuperseded = false): Promise<HandsOnWaiverPeriod[]> {
    const rows = await this.db.reader.find(HandsOnWaiverPeriod, { order: { startsOn: 'ASC', id: 'ASC' } });
    return includeSuperseded ? rows : rows.filter(current);
  }

  /** R8: new fees for receipts from a date today or later; a date already scheduled is refused. */
  setFeeSchedule(ctx: RequestContext, input: SetFeeScheduleInput): Promise<{ id: number }> {
    return this.db.uow.run(async (em) => {
      notBeforeToday(ctx, input.effectiveFrom, ['input', 'effectiveFrom'], 'Fee changes apply');
      const values = {
        programCode: PROGRAM,
        effectiveFrom: input.effectiveFrom,
        currencyCode: input.currencyCode ?? 'USD',
        recertificationFeeCents: amount(input.recertificationFee, 'recertificationFee'),
        lateFeeCents: amount(input.lateFee, 'lateFee'),
        additionalFeeCents: amount(input.additionalFee, 'additionalFee'),
        createdAt: ctx.now,
        supersededById: null,
      };
      await this.dateFree(em, input.effectiveFrom, null);
      const id = (await em.insert(FeeScheduleEntry, values)).identifiers[0].id as number;
      await this.decisions.record(em, ctx, {
        action: 'FEE_SCHEDULE_SET',
        subjectType: 'FeeScheduleEntry',
        subjectId: id,
        reason: input.reason ?? null,
        details: {
          effectiveFrom: input.effectiveFrom,
          currencyCode: values.currencyCode,
          recertificationFee: input.recertificationFee,
          lateFee: input.lateFee,
          additionalFee: input.additionalFee,
        },
      });
      return { id };
    });
  }

  /**
   * R8: correct a schedule, also one in force: a new row with the corrected values replaces it,
   * and the old row, unchanged, points at it. Logged with the values before and after.
   */
  correctFeeSchedule(ctx: RequestContext, input: CorrectFeeScheduleInput): Promise<{ id: number }> {
    return this.db.uow.run(async (em) => {
      const field = ['input', 'feeScheduleId'];
      const oldId = fromGlobalId('FeeScheduleEntry', input.feeScheduleId);
      const old = oldId ? await em.findOneBy(FeeScheduleEntry, { id: oldId, programCode: PROGRAM }) : null;
      if (!old) return refuse(UserErrorCode.NOT_FOUND, 'No fee schedule has this ID.', field);
      alreadyCorrected(old, 'FeeScheduleEntry', 'schedule', field);
      const after = {
        effectiveFrom: input.effectiveFrom ?? old.effectiveFrom,
        recertificationFeeCents:
          input.recertificationFee != null
            ? amount(input.recertificationFee, 'recertificationFee')
            : old.recertificationFeeCents,
        lateFeeCents: input.lateFee != null ? amount(input.lateFee, 'lateFee') : old.lateFeeCents,
        additionalFeeCents:
          input.additionalFee != null ? amount(input.additionalFee, 'additionalFee') : old.additionalFeeCents,
      };
      const shown = (v: typeof after) => ({
        effectiveFrom: v.effectiveFrom,
        recertificationFee: formatMoney(v.recertificationFeeCents),
        lateFee: formatMoney(v.lateFeeCents),
        additionalFee: formatMoney(v.additionalFeeCents),
      });
      const before = shown(old);
      if (JSON.stringify(before) === JSON.stringify(shown(after))) {
        return refuse(UserErrorCode.INVALID_INPUT, 'The correction changes nothing: give at least one new value.', [
          'input',
        ]);
      }
      if (after.effectiveFrom !== old.effectiveFrom) await this.dateFree(em, after.effectiveFrom, old.id);
      const row = { ...after, programCode: PROGRAM, currencyCode: old.currencyCode, createdAt: ctx.now };
      return this.replace(em, ctx, FeeScheduleEntry, old.id, row, 'FEE_SCHEDULE_CORRECTED', input.reason, {
        currencyCode: old.currencyCode,
        before,
        after: shown(after),
      });
    });
  }

  /** R8: refused when another current schedule (other than `except`) takes effect on `date`. */
  private async dateFree(em: EntityManager, date: LocalDate, except: number | null): Promise<void> {
    const taken = await em.findOneBy(FeeScheduleEntry, {
      programCode: PROGRAM,
      effectiveFrom: date,
      supersededById: IsNull(),
    });
    if (taken && taken.id !== except) {
      refuse(
        UserErrorCode.EFFECTIVE_DATE_TAKEN,
        `A fee schedule already takes effect on ${date} (${toGlobalId('FeeScheduleEntry', taken.id)}); correct it with correctFeeSchedule.`,
        ['input', 'effectiveFrom'],
      );
    }
  }

  /**
   * R7: declare a hands-on waiver, or change one (give its ID): days before today are not
   * moved. A new waiver starts today or later; a started waiver keeps its start; a lift date is
   * today or later, and a lift date already past stays.
   */
  setHandsOnWaiver(ctx: RequestContext, input: SetHandsOnWaiverInput): Promise<{ id: number }> {
    return this.db.uow.run(async (em) => {
      const liftedOn = input.liftedOn ?? null;
      if (liftedOn && liftedOn < input.startsOn) {
        refuse(UserErrorCode.OUT_OF_RANGE, 'A waiver cannot be lifted before it starts.', ['input', 'liftedOn']);
      }
      if (!input.waiverId) {
        notBeforeToday(ctx, input.startsOn, ['input', 'startsOn'], 'A new waiver starts');
        const res = await em.insert(HandsOnWaiverPeriod, {
          startsOn: input.startsOn,
          liftedOn,
          reason: input.reason ?? null,
          updatedAt: ctx.now,
          supersededById: null,
        });
        const id = res.identifiers[0].id as number;
        await this.decisions.record(em, ctx, {
          action: 'HANDS_ON_WAIVER_DECLARED',
          subjectType: 'HandsOnWaiverPeriod',
          subjectId: id,
          reason: input.reason ?? null,
          details: { startsOn: input.startsOn, liftedOn },
        });
        return { id };
      }
      const field = ['input', 'waiverId'];
      const waiverId = fromGlobalId('HandsOnWaiverPeriod', input.waiverId);
      const waiver = waiverId ? await em.findOneBy(HandsOnWaiverPeriod, { id: waiverId }) : null;
      if (!waiver) return refuse(UserErrorCode.NOT_FOUND, 'No waiver has this ID.', field);
      alreadyCorrected(waiver, 'HandsOnWaiverPeriod', 'waiver', field);
      if (input.startsOn !== waiver.startsOn) {
        if (waiver.startsOn < ctx.today) {
          refuse(
            UserErrorCode.EFFECTIVE_IN_PAST,
            `The waiver started on ${waiver.startsOn}, before today (${ctx.today}); its start stays. To fix a wrong start, use correctHandsOnWaiver.`,
            ['input', 'startsOn'],
          );
        }
        notBeforeToday(ctx, input.startsOn, ['input', 'startsOn'], 'A waiver starts');
      }
      if (liftedOn !== waiver.liftedOn) {
        if (waiver.liftedOn !== null && waiver.liftedOn < ctx.today) {
          refuse(
            UserErrorCode.EFFECTIVE_IN_PAST,
            `The waiver was lifted on ${waiver.liftedOn}, before today (${ctx.today}); it stays lifted. To fix a wrong date, use correctHandsOnWaiver.`,
            ['input', 'liftedOn'],
          );
        }
        if (liftedOn !== null) notBeforeToday(ctx, liftedOn, ['input', 'liftedOn'], 'A waiver is lifted');
      }
      const before = { startsOn: waiver.startsOn, liftedOn: waiver.liftedOn };
      const after = { startsOn: input.startsOn, liftedOn };
      await em.update(
        HandsOnWaiverPeriod,
        { id: waiver.id },
        { ...after, reason: input.reason ?? waiver.reason, updatedAt: ctx.now },
      );
      await this.decisions.record(em, ctx, {
        action: 'HANDS_ON_WAIVER_CHANGED',
        subjectType: 'HandsOnWaiverPeriod',
        subjectId: waiver.id,
        reason: input.reason ?? null,
        details: { ...after, before, after },
      });
      return { id: waiver.id };
    });
  }

  /**
   * R7: correct a waiver, also its past days: a new row with the corrected dates replaces it,
   * and the old row, unchanged, points at it. Logged with the dates before and after.
   */
  correctHandsOnWaiver(ctx: RequestContext, input: CorrectHandsOnWaiverInput): Promise<{ id: number }> {
    return this.db.uow.run(async (em) => {
      const field = ['input', 'waiverId'];
      const oldId = fromGlobalId('HandsOnWaiverPeriod', input.waiverId);
      const old = oldId ? await em.findOneBy(HandsOnWaiverPeriod, { id: oldId }) : null;
      if (!old) return refuse(UserErrorCode.NOT_FOUND, 'No waiver has this ID.', field);
      alreadyCorrected(old, 'HandsOnWaiverPeriod', 'waiver', field);
      if (input.notLifted && input.liftedOn) {
        refuse(UserErrorCode.INVALID_INPUT, 'Give either liftedOn or notLifted, not both.', ['input', 'notLifted']);
      }
      const before = { startsOn: old.startsOn, liftedOn: old.liftedOn };
      const after = {
        startsOn: input.startsOn ?? old.startsOn,
        liftedOn: input.notLifted ? null : (input.liftedOn ?? old.liftedOn),
      };
      if (after.liftedOn !== null && after.liftedOn < after.startsOn) {
        refuse(UserErrorCode.OUT_OF_RANGE, 'A waiver cannot be lifted before it starts.', [
          'input',
          input.liftedOn ? 'liftedOn' : 'startsOn',
        ]);
      }
      if (before.startsOn === after.startsOn && before.liftedOn === after.liftedOn) {
        return refuse(UserErrorCode.INVALID_INPUT, 'The correction changes nothing: give at least one new date.', [
          'input',
        ]);
      }
      const row = { ...after, reason: old.reason, updatedAt: ctx.now };
      return this.replace(em, ctx, HandsOnWaiverPeriod, old.id, row, 'HANDS_ON_WAIVER_CORRECTED', input.reason, {
        before,
        after,
      });
    });
  }

  /**
   * A correction: the corrected values as a new row, the old row marked as replaced by it (once:
   * of two racing corrections the second is told CONCURRENT_UPDATE), and the decision logged with
   * before and after, all in the caller's unit of work. The old values stay readable.
   */
  private async replace(
    em: EntityManager,
    ctx: RequestContext,
    entity: typeof FeeScheduleEntry | typeof HandsOnWaiverPeriod,
    oldId: number,
    row: Record<string, unknown>,
    action: string,
    reason: string,
    details: Record<string, unknown>,
  ): Promise<{ id: number }> {
    const id = (await em.insert(entity, { ...row, supersededById: null } as never)).identifiers[0].id as number;
    const res = await em.update(entity, { id: oldId, supersededById: IsNull() }, { supersededById: id });
    if (!res.affected) {
      refuse(UserErrorCode.CONCURRENT_UPDATE, 'Another correction replaced this row first; read it again.');
    }
    const subjectType = entity === FeeScheduleEntry ? 'FeeScheduleEntry' : 'HandsOnWaiverPeriod';
    await this.decisions.record(em, ctx, {
      action,
      subjectType,
      subjectId: id,
      reason,
      details: { corrected: toGlobalId(subjectType, oldId), ...details },
    });
    return { id };
  }
}

const MAX_AMOUNT_CENTS = 10_000_000;

function amount(text: string, field: string): number {
  const cents = parseMoney(text);
  if (cents === null || cents > MAX_AMOUNT_CENTS) {
    return refuse(UserErrorCode.OUT_OF_RANGE, 'Amounts are 0.00 to 100000.00 with at most two decimals.', [
      'input',
      field,
    ]);
  }
  return cents;
}

/** Dated policy changes apply from today or later: the past is corrected, never rewritten. */
function notBeforeToday(ctx: RequestContext, date: LocalDate, field: string[], what: string): void {
  if (date < ctx.today) {
    refuse(
      UserErrorCode.EFFECTIVE_IN_PAST,
      `${what} from today (${ctx.today}) or later; ${date} has passed. To fix what is already in force, make a correction.`,
      field,
    );
  }
}

function current(row: { supersededById: number | null }): boolean {
  return row.supersededById === null;
}

function alreadyCorrected(
  row: { supersededById: number | null },
  type: 'FeeScheduleEntry' | 'HandsOnWaiverPeriod',
  noun: string,
  field: string[],
): void {
  if (row.supersededById !== null) {
    refuse(
      UserErrorCode.INVALID_TRANSITION,
      `This ${noun} was replaced by its correction ${toGlobalId(type, row.supersededById)}; change that one.`,
      field,
    );
  }
}
