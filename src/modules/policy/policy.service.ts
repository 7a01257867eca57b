import { EntityManager, IsNull } from 'typeorm';
import { fromGlobalId, toGlobalId } from '../../common/ids';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Database } from '../../database/database';
import { LocalDate } from '../../rules/calendar';
import { formatMoney, parseMoney } from '../../rules/units';
import { ProgramFacts } from '../program/program.facts';
import { ProgramService } from '../program/program.service';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from './policy.entity';
import {
  CorrectFeeScheduleInput,
  CorrectHandsOnWaiverInput,
  SetFeeScheduleInput,
  SetHandsOnWaiverInput,
  SetProgramPolicyInput,
} from './policy.inputs';

/** Recertification policy as data: program settings, dated fee schedules, hands-on waivers. */
export class PolicyService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
    private readonly programs: ProgramService,
  ) {}

  /** The program an input names (or the default one), read with `em`. */
  private async program(em: EntityManager, code: string | null | undefined, field: string[]): Promise<ProgramFacts> {
    return (await this.programs.catalog(em)).resolve(code, field);
  }

  /**
   * R6/R11: change the audit rate, the audit documents window or the petition fee of a program
   * (the default one unless named), from today: a policy version dated today. These numbers are
   * read when a petition is charged or an application drawn for audit, and the result is stored
   * with it; the values before and after are kept in the decision log.
   */
  setProgramPolicy(ctx: RequestContext, input: SetProgramPolicyInput): Promise<{ code: string }> {
    return this.db.uow.run(async (em) => {
      const facts = await this.program(em, input.programCode, ['input', 'programCode']);
      const { before, after } = await this.programs.change(
        em,
        ctx,
        facts,
        ctx.today,
        { auditRate: input.auditRate, auditDocumentsDays: input.auditDocumentsDays, petitionFee: input.petitionFee },
        ['input'],
      );
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
        details: { program: facts.program.code, before: settings(before), after: settings(after) },
      });
      return { code: facts.program.code };
    });
  }

  /** R8: the current fee schedules (or, with `includeSuperseded`, every one ever set), oldest first. */
  async feeSchedules(programCode: string | null | undefined, includeSuperseded = false): Promise<FeeScheduleEntry[]> {
    const program = await this.program(this.db.reader, programCode, ['programCode']);
    const rows = await this.db.reader.find(FeeScheduleEntry, {
      where: { programCode: program.program.code },
      order: { effectiveFrom: 'ASC', id: 'ASC' },
    });
    return includeSuperseded ? rows : rows.filter(current);
  }

  /** R7: the current waivers (or, with `includeSuperseded`, every one ever declared), oldest first. */
  async waivers(programCode: string | null | undefined, includeSuperseded = false): Promise<HandsOnWaiverPeriod[]> {
    const program = await this.program(this.db.reader, programCode, ['programCode']);
    const rows = await this.db.reader.find(HandsOnWaiverPeriod, {
      where: { programCode: program.program.code },
      order: { startsOn: 'ASC', id: 'ASC' },
    });
    return includeSuperseded ? rows : rows.filter(current);
  }

  /** One fee schedule by ID, current or not. */
  scheduleById(id: number): Promise<FeeScheduleEntry | null> {
    return this.db.reader.findOneBy(FeeScheduleEntry, { id });
  }

  /** One waiver by ID, current or not. */
  waiverById(id: number): Promise<HandsOnWaiverPeriod | null> {
    return this.db.reader.findOneBy(HandsOnWaiverPeriod, { id });
  }

  /** R8: new fees for receipts from a date today or later; a date already scheduled is refused. */
  setFeeSchedule(ctx: RequestContext, input: SetFeeScheduleInput): Promise<{ id: number }> {
    return this.db.uow.run(async (em) => {
      notBeforeToday(ctx, input.effectiveFrom, ['input', 'effectiveFrom'], 'Fee changes apply');
      const { program } = await this.program(em, input.programCode, ['input', 'programCode']);
      const values = {
        programCode: program.code,
        effectiveFrom: input.effectiveFrom,
        currencyCode: input.currencyCode ?? program.currencyCode,
        recertificationFeeCents: amount(input.recertificationFee, 'recertificationFee'),
        lateFeeCents: amount(input.lateFee, 'lateFee'),
        additionalFeeCents: amount(input.additionalFee, 'additionalFee'),
        createdAt: ctx.now,
        supersededById: null,
      };
      await this.dateFree(em, program.code, input.effectiveFrom, null);
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
      const old = oldId ? await em.findOneBy(FeeScheduleEntry, { id: oldId }) : null;
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
      if (after.effectiveFrom !== old.effectiveFrom)
        await this.dateFree(em, old.programCode, after.effectiveFrom, old.id);
      const row = { ...after, programCode: old.programCode, currencyCode: old.currencyCode, createdAt: ctx.now };
      return this.replace(em, ctx, FeeScheduleEntry, old.id, row, 'FEE_SCHEDULE_CORRECTED', input.reason, {
        currencyCode: old.currencyCode,
        before,
        after: shown(after),
      });
    });
  }

  /** R8: refused when another current schedule (other than `except`) takes effect on `date`. */
  private async dateFree(
    em: EntityManager,
    programCode: string,
    date: LocalDate,
    except: number | null,
  ): Promise<void> {
    const taken = await em.findOneBy(FeeScheduleEntry, {
      programCode,
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
        const { program } = await this.program(em, input.programCode, ['input', 'programCode']);
        const res = await em.insert(HandsOnWaiverPeriod, {
          programCode: program.code,
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
      const row = { ...after, programCode: old.programCode, reason: old.reason, updatedAt: ctx.now };
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
