import { EntityManager } from 'typeorm';
import { hydrateJsonRows, jsonRowsSql, queryNamed } from '../../database/json-rows';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { LocalDate } from '../../rules/calendar';
import { normalizeProgramCode } from '../../rules/certification';
import { DatedPolicy, policyOn, ProgramPolicy } from '../../rules/policy';
import { HandsOnWaiver } from '../../rules/cpr-aed';
import { FeeSchedule } from '../../rules/fees';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from '../policy/policy.entity';
import { Program, ProgramPolicyVersion } from './program.entity';
import { policyOfVersion } from './program.policy';

export { policyOfVersion, reminderDaysOf } from './program.policy';

/** Everything the engine decides on for one program: its record, dated policy, fee schedules and waivers. */
export interface ProgramFacts {
  program: Program;
  /** Current policy versions, oldest first. */
  versions: DatedPolicy[];
  /** Current fee schedules (R8), oldest first. */
  schedules: FeeSchedule[];
  /** Current hands-on waivers (R7), oldest first. */
  waivers: HandsOnWaiver[];
}

/** The policy of a program in force on `on` (a receipt date, or today). */
export function policyIn(facts: ProgramFacts, on: LocalDate): ProgramPolicy {
  return policyOn(facts.versions, on);
}

const current = (row: { supersededById: number | null }) => row.supersededById === null;

/** The credential programs the ledger knows, with their facts: few, so read whole. */
export class ProgramCatalog {
  private readonly byCode: ReadonlyMap<string, ProgramFacts>;

  constructor(
    programs: readonly Program[],
    versions: readonly ProgramPolicyVersion[],
    schedules: readonly FeeScheduleEntry[],
    waivers: readonly HandsOnWaiverPeriod[],
  ) {
    const byDate =
      <T extends { id: number }>(key: (row: T) => string) =>
      (a: T, b: T) =>
        key(a) === key(b) ? a.id - b.id : key(a) < key(b) ? -1 : 1;
    this.byCode = new Map(
      programs.map((program) => [
        program.code,
        {
          program,
          versions: versions
            .filter((v) => v.programCode === program.code && current(v))
            .sort(byDate<ProgramPolicyVersion>((v) => v.effectiveFrom))
            .map((v) => ({ effectiveFrom: v.effectiveFrom, policy: policyOfVersion(v, program) })),
          schedules: schedules
            .filter((s) => s.programCode === program.code && current(s))
            .sort(byDate<FeeScheduleEntry>((s) => s.effectiveFrom))
            .map((s) => ({
              effectiveFrom: s.effectiveFrom,
              currencyCode: s.currencyCode,
              recertificationFee: s.recertificationFeeCents,
              lateFee: s.lateFeeCents,
              additionalFee: s.additionalFeeCents,
            })),
          waivers: waivers
            .filter((w) => w.programCode === program.code && current(w))
            .sort(byDate<HandsOnWaiverPeriod>((w) => w.startsOn))
            .map((w) => ({ startsOn: w.startsOn, liftedOn: w.liftedOn })),
        },
      ]),
    );
  }

  /** Reads every program with its current policy versions, schedules and waivers: one statement. */
  static async read(em: EntityManager): Promise<ProgramCatalog> {
    const sql = `SELECT
      ${jsonRowsSql(em, Program, 'pg', '1 = 1', 'pg.code')} AS programs,
      ${jsonRowsSql(em, ProgramPolicyVersion, 'pv', 'pv.superseded_by_id IS NULL', 'pv.effective_from, pv.id')} AS versions,
      ${jsonRowsSql(em, FeeScheduleEntry, 'fs', 'fs.superseded_by_id IS NULL', 'fs.effective_from, fs.id')} AS schedules,
      ${jsonRowsSql(em, HandsOnWaiverPeriod, 'hw', 'hw.superseded_by_id IS NULL', 'hw.starts_on, hw.id')} AS waivers`;
    const [row] = await queryNamed<Record<string, unknown>>(em, sql, {});
    return ProgramCatalog.fromJson(em, row);
  }

  /** The catalogue from the JSON columns `programs`, `versions`, `schedules` and `waivers` of a row. */
  static fromJson(em: EntityManager, row: Record<string, unknown>): ProgramCatalog {
    return new ProgramCatalog(
      hydrateJsonRows(em, Program, row.programs),
      hydrateJsonRows(em, ProgramPolicyVersion, row.versions),
      hydrateJsonRows(em, FeeScheduleEntry, row.schedules),
      hydrateJsonRows(em, HandsOnWaiverPeriod, row.waivers),
    );
  }

  /** Every program, by code. */
  all(): ProgramFacts[] {
    return [...this.byCode.values()];
  }

  /** A program by code (as given: trimmed and upper-cased first); null for an unknown one. */
  find(code: string): ProgramFacts | null {
    return this.byCode.get(normalizeProgramCode(code)) ?? null;
  }

  /** The program of a stored record (a certification, a schedule): it exists. */
  of(code: string): ProgramFacts {
    const facts = this.find(code);
    if (!facts) throw new Error(`No program ${code} in the catalogue.`);
    return facts;
  }

  /** The program an operation means when it names none. */
  default(): ProgramFacts {
    const facts = this.all().find((f) => f.program.isDefault) ?? this.all()[0];
    if (!facts) throw new Error('The ledger has no credential program.');
    return facts;
  }

  /**
   * The program an input names, or the default one when it names none; refused UNKNOWN_PROGRAM,
   * on `field`, when the code names no program.
   */
  resolve(code: string | null | undefined, field: string[]): ProgramFacts {
    if (code == null) return this.default();
    return (
      this.find(code) ??
      refuse(
        UserErrorCode.UNKNOWN_PROGRAM,
        `No credential program has the code ${normalizeProgramCode(code)}; the programs are ${this.all()
          .map((f) => f.program.code)
          .join(', ')}.`,
        field,
      )
    );
  }
}
