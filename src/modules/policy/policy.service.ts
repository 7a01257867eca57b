import { EntityManager } from 'typeorm';
import { fromGlobalId } from '../../common/ids';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Database } from '../../database/database';
import { normalizeProgramCode } from '../../rules/certification';
import { CPT_DEFAULT_POLICY, ProgramPolicy } from '../../rules/policy';
import { FeeSchedule, HandsOnWaiver } from '../../rules/recertification';
import { parseMoney } from '../../rules/units';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { FeeScheduleEntry, HandsOnWaiverPeriod, ProgramPolicyRow } from './policy.entity';
import { SetFeeScheduleInput, SetHandsOnWaiverInput, SetProgramPolicyInput } from './policy.inputs';

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

/** The facts the engine decides on, from the program's policy row (if any), schedules and waivers. */
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
  return {
    policy,
    schedules: schedules.map(toSchedule),
    waivers: waivers.map((w) => ({ startsOn: w.startsOn, liftedOn: w.liftedOn })),
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

  /** R6/R11: change the audit rate, the audit documents window or the petition fee. */
  setProgramPolicy(ctx: RequestContext, input: SetProgramPolicyInput): Promise<void> {
    return this.db.uow.run(async (em) => {
      const { policy } = await this.facts(em);
      const petitionFee = input.petitionFee != null ? parseMoney(input.petitionFee) : policy.petitionFee;
      if (petitionFee === null || petitionFee > 10_000_000) {
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
      await this.decisions.record(em, ctx, {
        action: 'PROGRAM_POLICY_SET',
        subjectType: 'ProgramPolicy',
        subjectId: 0,
        reason: input.reason ?? null,
        details: {
          program: PROGRAM,
          auditRate: row.auditRateBasisPoints / 10_000,
          auditDocumentsDays: row.auditDocumentsDays,
          petitionFee: input.petitionFee ?? null,
        },
      });
    });
  }

  feeSchedules(): Promise<FeeScheduleEntry[]> {
    return this.db.reader.find(FeeScheduleEntry, { where: { programCode: PROGRAM }, order: { effectiveFrom: 'ASC' } });
  }

  waivers(): Promise<HandsOnWaiverPeriod[]> {
    return this.db.reader.find(HandsOnWaiverPeriod, { order: { startsOn: 'ASC' } });
  }

  /** R8: a fee schedule for receipts on or after a date; replaces one with the same date. */
  setFeeSchedule(ctx: RequestContext, input: SetFeeScheduleInput): Promise<{ id: number }> {
    return this.db.uow.run(async (em) => {
      const amount = (text: string, field: string) => {
        const cents = parseMoney(text);
        if (cents === null || cents > 10_000_000) {
          return refuse(UserErrorCode.OUT_OF_RANGE, 'Amounts are 0.00 to 100000.00 with at most two decimals.', [
            'input',
            field,
          ]);
        }
        return cents;
      };
      const values = {
        programCode: PROGRAM,
        effectiveFrom: input.effectiveFrom,
        currencyCode: input.currencyCode ?? 'USD',
        recertificationFeeCents: amount(input.recertificationFee, 'recertificationFee'),
        lateFeeCents: amount(input.lateFee, 'lateFee'),
        additionalFeeCents: amount(input.additionalFee, 'additionalFee'),
        createdAt: ctx.now,
      };
      const existing = await em.findOneBy(FeeScheduleEntry, {
        programCode: PROGRAM,
        effectiveFrom: input.effectiveFrom,
      });
      let id: number;
      if (existing) {
        await em.update(FeeScheduleEntry, { id: existing.id }, values);
        id = existing.id;
      } else {
        id = (await em.insert(FeeScheduleEntry, values)).identifiers[0].id as number;
      }
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

  /** R7: declare a hands-on waiver, or lift one (give its ID and `liftedOn`). */
  setHandsOnWaiver(ctx: RequestContext, input: SetHandsOnWaiverInput): Promise<{ id: number }> {
    return this.db.uow.run(async (em) => {
      if (input.liftedOn && input.liftedOn < input.startsOn) {
        refuse(UserErrorCode.OUT_OF_RANGE, 'A waiver cannot be lifted before it starts.', ['input', 'liftedOn']);
      }
      let id: number;
      if (input.waiverId) {
        const waiverId = fromGlobalId('HandsOnWaiverPeriod', input.waiverId);
        const waiver = waiverId ? await em.findOneBy(HandsOnWaiverPeriod, { id: waiverId }) : null;
        if (!waiver) return refuse(UserErrorCode.NOT_FOUND, 'No waiver has this ID.', ['input', 'waiverId']);
        await em.update(
          HandsOnWaiverPeriod,
          { id: waiver.id },
          {
            startsOn: input.startsOn,
            liftedOn: input.liftedOn ?? null,
            reason: input.reason ?? waiver.reason,
            updatedAt: ctx.now,
          },
        );
        id = waiver.id;
      } else {
        const res = await em.insert(HandsOnWaiverPeriod, {
          startsOn: input.startsOn,
          liftedOn: input.liftedOn ?? null,
          reason: input.reason ?? null,
          updatedAt: ctx.now,
        });
        id = res.identifiers[0].id as number;
      }
      await this.decisions.record(em, ctx, {
        action: input.waiverId ? 'HANDS_ON_WAIVER_CHANGED' : 'HANDS_ON_WAIVER_DECLARED',
        subjectType: 'HandsOnWaiverPeriod',
        subjectId: id,
        reason: input.reason ?? null,
        details: { startsOn: input.startsOn, liftedOn: input.liftedOn ?? null },
      });
      return { id };
    });
  }
}
