import { EntityManager } from 'typeorm';
import { RequestContext } from '../../context';
import { leanRawAndEntities } from '../../database/lean';
import { hydrateJsonRows, jsonArraySql, jsonRowsSql, parseJsonArray, queryNamed } from '../../database/json-rows';
import { LocalDate } from '../../rules/calendar';
import { CycleEntry, cycleOfCompletion, CycleSpan, cycleSpans } from '../../rules/cycle';
import { ComplianceInput } from '../../rules/compliance';
import { Completion } from '../completion/completion.entity';
import { CprAedCredential } from '../cpr-aed/cpr-aed.entity';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from '../policy/policy.entity';
import { Program, ProgramPolicyVersion } from '../program/program.entity';
import { policyIn, ProgramCatalog } from '../program/program.facts';
import { CertificationPastCycle } from '../trainer/past-cycle.entity';
import { Certification } from '../trainer/trainer.entity';
import { RecertificationApplication } from './recertification.entity';

/** A certification read on a date. */
export interface RecordKey {
  certification: Certification;
  on: LocalDate;
}

/**
 * Everything the transcript (R5, R6) and compliance (R1, R7–R9) of a certification decide on, as
 * of a date: its completions up to that date, each with its latest petition and whether an
 * approved application used it, the trainer's CPR/AED cards issued by then, the program policy,
 * fee schedules and waivers, and whether this cycle already has a live application.
 */
export interface CertificationRecord {
  /** Completions up to the date, oldest first. */
  completions: Completion[];
  /** Every cycle of the certification, oldest first, the current one last (R5). */
  cycles: CycleSpan[];
  /** The cycle (by number) each completion belongs to. */
  cycleOfCompletion: Map<number, number | null>;
  cards: CprAedCredential[];
  input: ComplianceInput;
}

export const recordKey = (key: RecordKey): string => `${key.certification.id}|${key.on}`;

/**
 * Reads the records of any number of certifications on any dates in two statements, whatever
 * the number of completions: one for the completions with their petition and
 * application marks, one for the cards, policy and applications as JSON columns.
 */
export async function readCertificationRecords(
  em: EntityManager,
  keys: readonly RecordKey[],
): Promise<CertificationRecord[]> {
  if (!keys.length) return [];
  // One read up to the latest date asked for; each key keeps what was there on its own date.
  const latest = keys.reduce((max, k) => (k.on > max ? k.on : max), keys[0].on);
  const certifications = [...new Map(keys.map((k) => [k.certification.id, k.certification])).values()];
  const entries = await readEntries(em, certifications, latest);
  const facts = await readFacts(em, certifications, latest);
  const records = new Map<string, CertificationRecord>();
  for (const { certification, on } of keys) {
    const own = entries.filter(
      (e) => e.completion.certificationId === certification.id && e.completion.completedOn <= on,
    );
    const cards = facts.cards.filter((c) => c.trainerId === certification.trainerId && c.issuedOn <= on);
    // Renewals approved by the date read.
    const closings = facts.approved
      .filter((a) => a.certificationId === certification.id && a.decidedAt !== null && a.decidedAt.slice(0, 10) <= on)
      .map((a) => ({ applicationId: a.id, cycleExpiresOn: a.cycleExpiresOn, receivedOn: a.receivedOn }));
    const program = facts.programs.of(certification.programCode);
    const policy = policyIn(program, on);
    const cycles = cycleSpans(
      {
        issuedOn: certification.issuedOn,
        pastExpiries: facts.pastCycles.filter((p) => p.certificationId === certification.id).map((p) => p.expiresOn),
        current: { startsOn: certification.cycleStartsOn, expiresOn: certification.expiresOn },
        closings,
      },
      policy,
    );
    const current = cycles[cycles.length - 1];
    records.set(recordKey({ certification, on }), {
      completions: own.map((e) => e.completion),
      cycles,
      cycleOfCompletion: new Map(
        own.map((e) => [
          e.completion.id,
          cycleOfCompletion(cycles, { completedOn: e.completion.completedOn, usedByApplicationId: e.usedBy }),
        ]),
      ),
      cards,
      input: {
        policy,
        certification,
        cycle: current,
        entries: own.map((e) => e.entry),
        cards: cards.map((c) => ({
          id: c.id,
          issuedOn: c.issuedOn,
          expiresOn: c.expiresOn,
          coversAdultCpr: c.coversAdultCpr,
          coversAed: c.coversAed,
          format: c.format,
        })),
        waivers: program.waivers,
        schedules: program.schedules,
        alreadyApplied: facts.applied.has(certification.id),
        on,
      },
    });
  }
  return keys.map((key) => records.get(recordKey(key)) as CertificationRecord);
}

const latestPetition = (column: string) =>
  `(SELECT lp.${column} FROM petition lp WHERE lp.completion_id = c.id ORDER BY lp.id DESC LIMIT 1)`;

/** Completions up to `on`, oldest first, each with its latest petition and whether it was used (R5). */
async function readEntries(
  em: EntityManager,
  certifications: Certification[],
  on: LocalDate,
): Promise<{ completion: Completion; entry: CycleEntry; usedBy: number | null }[]> {
  const query = em
    .createQueryBuilder(Completion, 'c')
    // The latest petition of each entry, read backwards from the end of its index range.
    .addSelect(latestPetition('status'), 'petition_status')
    .addSelect(latestPetition('requested_ceu_hundredths'), 'petition_requested')
    .addSelect(
      `(SELECT MIN(ac.application_id) FROM application_completion ac
        INNER JOIN recertification_application ra ON ra.id = ac.application_id
        WHERE ac.completion_id = c.id AND ra.status = 'APPROVED')`,
      'used_by',
    )
    // Own courses of the certifying body count toward a program's minimum of them.
    .addSelect(
      `(SELECT pk.kind FROM course co INNER JOIN provider pk ON pk.id = co.provider_id WHERE co.id = c.course_id)`,
      'provider_kind',
    )
    .where('c.certification_id IN (:...ids)', { ids: certifications.map((c) => c.id) })
    .andWhere('c.completed_on <= :on', { on })
    .orderBy('c.completed_on', 'ASC')
    .addOrderBy('c.id', 'ASC');
  // Rows to entities by assigning their columns (src/database/lean.ts), the marks beside them.
  return (await leanRawAndEntities(query)).map(({ entity: completion, row: mark }) => {
    const usedBy = mark.used_by == null ? null : Number(mark.used_by);
    return {
      completion,
      usedBy,
      entry: {
        id: completion.id,
        courseId: completion.courseId,
        completedOn: completion.completedOn,
        creditPath: completion.creditPath,
        ceu: completion.ceuHundredths,
        petitionStatus: (mark.petition_status as CycleEntry['petitionStatus']) ?? null,
        requestedCeu: mark.petition_requested == null ? 0 : Number(mark.petition_requested),
        usedByApplication: usedBy !== null,
        category: completion.categoryCode,
        ownCourse: mark.provider_kind === 'CERTIFYING_BODY',
      },
    };
  });
}

/** Cards, policy, fee schedules, waivers and live applications: one statement. */
async function readFacts(em: EntityManager, certifications: Certification[], on: LocalDate) {
  const sql = `SELECT
    ${jsonRowsSql(em, Program, 'pg', 'pg.code IN (:...programs)', 'pg.code')} AS programs,
    ${jsonRowsSql(em, ProgramPolicyVersion, 'pv', 'pv.program_code IN (:...programs) AND pv.superseded_by_id IS NULL', 'pv.effective_from, pv.id')} AS versions,
    ${jsonRowsSql(em, FeeScheduleEntry, 'fs', 'fs.program_code IN (:...programs) AND fs.superseded_by_id IS NULL', 'fs.effective_from, fs.id')} AS schedules,
    ${jsonRowsSql(em, HandsOnWaiverPeriod, 'hw', 'hw.program_code IN (:...programs) AND hw.superseded_by_id IS NULL', 'hw.starts_on, hw.id')} AS waivers,
    ${jsonRowsSql(em, CprAedCredential, 'cc', 'cc.trainer_id IN (:...trainers) AND cc.issued_on <= :on', 'cc.id')} AS cards,
    ${jsonRowsSql(em, RecertificationApplication, 'aa', "aa.certification_id IN (:...ids) AND aa.status = 'APPROVED'", 'aa.id')} AS approved,
    ${jsonRowsSql(em, CertificationPastCycle, 'pc', 'pc.certification_id IN (:...ids)', 'pc.expires_on')} AS past_cycles,
    ${jsonArraySql(
      em,
      'ra.certification_id',
      'recertification_application ra INNER JOIN certification ct ON ct.id = ra.certification_id',
      `ra.certification_id IN (:...ids) AND ra.cycle_expires_on = ct.expires_on AND ra.status <> 'REFUSED'`,
      'ra.id',
    )} AS applied`;
  const [row] = await queryNamed<Record<string, unknown>>(em, sql, {
    programs: [...new Set(certifications.map((c) => c.programCode))],
    on,
    ids: certifications.map((c) => c.id),
    trainers: [...new Set(certifications.map((c) => c.trainerId))],
  });
  return {
    programs: ProgramCatalog.fromJson(em, row),
    cards: hydrateJsonRows(em, CprAedCredential, row.cards),
    approved: hydrateJsonRows(em, RecertificationApplication, row.approved),
    pastCycles: hydrateJsonRows(em, CertificationPastCycle, row.past_cycles),
    applied: new Set(parseJsonArray<number>(row.applied).map(Number)),
  };
}

/**
 * The record of a certification on a date, read once per request (the transcript and its
 * compliance share it); the cards it read answer later `cprAedCredential` loads too.
 */
export async function certificationRecord(
  ctx: RequestContext,
  certification: Certification,
  on: LocalDate,
): Promise<CertificationRecord> {
  const record = await ctx.loaders.certificationRecord.load({ certification, on });
  for (const card of record.cards) ctx.loaders.cprAedCredential.prime(card.id, card);
  return record;
}
