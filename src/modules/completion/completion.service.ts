import { EntityManager, In } from 'typeorm';
import { fromGlobalId } from '../../common/ids';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { foldName } from '../../common/text';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import { Database } from '../../database/database';
import { CreditDecision, CreditFacts, decideCreditPath } from '../../rules/coverage';
import { cycleOf, summarizeCycle } from '../../rules/cycle';
import { continuingEducationRequired, CPT_DEFAULT_POLICY } from '../../rules/policy';
import { LocalDate } from '../../rules/calendar';
import { formatCeu } from '../../rules/units';
import { Course } from '../course/course.entity';
import { creditFactsOf } from '../course/course.service';
import { Provider } from '../provider/provider.entity';
import { Certification, Trainer } from '../trainer/trainer.entity';
import { TrainerService } from '../trainer/trainer.service';
import { certificationRecord } from '../recertification/certification-record';
import { Completion } from './completion.entity';
import { CompletionReportRow, ReportCompletionInput, ReportCompletionsInput } from './completion.inputs';
import { ReportRowStatus, RowOutcome } from './completion.payloads';
import { Transcript } from './transcript.types';

const ROW_MESSAGES: Record<ReportRowStatus, string> = {
  ACCEPTED: 'Recorded.',
  DUPLICATE: 'Already on the transcript; not counted twice.',
  UNKNOWN_CERTIFICATION: 'No certification has this number.',
  NAME_MISMATCH: 'The name does not match the certification holder.',
  DATE_OUTSIDE_APPROVAL: 'The course approval does not cover the completion date.',
  FUTURE_DATE: 'The completion date is after today.',
  BEFORE_CERTIFICATION: 'The completion date is before the certification was issued.',
  COURSE_NOT_REPORTABLE: 'Not one of your approved courses.',
};

/** Pending and rejected courses were never approved, so never in the catalogue: nothing to report or self-report. */
function neverApproved(course: Course): boolean {
  return course.status === 'PENDING_REVIEW' || course.status === 'REJECTED';
}

/** Rows per INSERT statement: well under SQLite's limit of bound variables. */
const INSERT_CHUNK = 50;

function completionKey(certificationId: number, courseId: number | null, completedOn: LocalDate): string {
  return `${certificationId}:${courseId}:${completedOn}`;
}

function nameMatches(row: CompletionReportRow, trainer: Trainer): boolean {
  if (foldName(row.lastName) !== foldName(trainer.lastName)) return false;
  return !row.firstName || foldName(row.firstName) === foldName(trainer.firstName);
}

export class CompletionService {
  constructor(
    private readonly db: Database,
    private readonly trainers: TrainerService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** Staff, the trainer holding the certification, and the provider that reported it. */
  async canSee(ctx: RequestContext, completion: Completion): Promise<boolean> {
    if (isStaff(ctx)) return true;
    const provider = providerIdOf(ctx);
    if (provider !== null) return completion.reportedByProviderId === provider;
    const certification = await ctx.loaders.certification.load(completion.certificationId);
    return certification !== null && this.trainers.canSee(ctx, certification.trainerId);
  }

  /** The certification of a completion, with the same access as `node` (providers get null). */
  certificationOf(ctx: RequestContext, completion: Completion): Promise<Certification | null> {
    return this.trainers.certification(ctx, completion.certificationId);
  }

  async get(ctx: RequestContext, id: number): Promise<Completion | null> {
    const completion = await ctx.loaders.completion.load(id);
    return completion && (await this.canSee(ctx, completion)) ? completion : null;
  }

  /** A trainer reports a catalogue course; R3 decides on the date whether it counts automatically. */
  selfReport(ctx: RequestContext, input: ReportCompletionInput): Promise<{ completionId: number }> {
    return this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'reportCompletion', input, async () => {
        const certification = await this.trainers.actingCertification(em, ctx, input.certificationId);
        const courseId = fromGlobalId('Course', input.courseId);
        const course = courseId ? await em.findOneBy(Course, { id: courseId }) : null;
        // Courses never approved were never in the catalogue: those need a petition as an outside event.
        if (!course || neverApproved(course)) {
          return refuse(UserErrorCode.NOT_FOUND, 'No catalogue course has this ID.', ['input', 'courseId']);
        }
        this.checkDate(ctx, certification, input.completedOn);
        if (
          await em.existsBy(Completion, {
            certificationId: certification.id,
            courseId: course.id,
            completedOn: input.completedOn,
          })
        ) {
          refuse(UserErrorCode.DUPLICATE_COMPLETION, 'This completion is already on the transcript.', [
            'input',
            'completedOn',
          ]);
        }
        const decision = decideCreditPath(await creditFactsOf(em, course), input.completedOn);
        const provider = await em.findOneByOrFail(Provider, { id: course.providerId });
        const { identifiers } = await em.insert(Completion, {
          ...this.entryFor(ctx, certification.id, course, provider.name, input.completedOn, decision),
          source: 'SELF_REPORTED',
          reportedByProviderId: null,
          providerConfirmed: false,
          externalRef: null,
        });
        return { completionId: identifiers[0].id as number };
      }),
    );
  }

  /**
   * A provider reports completions of its own courses, up to 500 rows, answered row by row. Rows
   * that pass are recorded together; a row already on the transcript is merged (DUPLICATE).
   */
  reportBatch(ctx: RequestContext, input: ReportCompletionsInput): Promise<{ rows: RowOutcome[] }> {
    return this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'reportCompletions', input, async () => {
        const providerId = providerIdOf(ctx);
        const provider = providerId ? await em.findOneBy(Provider, { id: providerId }) : null;
        if (!provider) return refuse(UserErrorCode.PROVIDER_NOT_APPROVED, 'Only providers report completions.');
        const facts = await this.loadReportFacts(em, provider, input.rows);
        const seen = new Set<string>();
        const confirm = new Set<number>();
        const inserts: { index: number; entry: Partial<Completion>; key: string }[] = [];
        const outcomes = input.rows.map((row, index): RowOutcome => {
          const result = (status: ReportRowStatus, completionId: number | null = null): RowOutcome => ({
            index,
            status,
            message: ROW_MESSAGES[status],
            completionId,
            externalRef: row.externalRef ?? null,
          });
          const course = facts.courses.get(fromGlobalId('Course', row.courseId) ?? 0);
          if (!course || neverApproved(course)) return result('COURSE_NOT_REPORTABLE');
          if (row.completedOn > ctx.today) return result('FUTURE_DATE');
          const certification = facts.certifications.get(row.certificationNumber.trim().toUpperCase());
          if (!certification) return result('UNKNOWN_CERTIFICATION');
          if (!nameMatches(row, facts.trainers.get(certification.trainerId) as Trainer)) return result('NAME_MISMATCH');
          if (row.completedOn < certification.issuedOn) return result('BEFORE_CERTIFICATION');
          const decision = decideCreditPath(facts.credit.get(course.id) as CreditFacts, row.completedOn);
          if (decision.path !== 'AUTOMATIC') return result('DATE_OUTSIDE_APPROVAL');
          const key = completionKey(certification.id, course.id, row.completedOn);
          const already = facts.existing.get(key);
          if (already) {
            if (!already.providerConfirmed) confirm.add(already.id);
            return result('DUPLICATE', already.id);
          }
          if (seen.has(key)) return result('DUPLICATE');
          seen.add(key);
          inserts.push({
            index,
            key,
            entry: {
              ...this.entryFor(ctx, certification.id, course, provider.name, row.completedOn, decision),
              source: 'PROVIDER_REPORTED',
              reportedByProviderId: provider.id,
              providerConfirmed: true,
              externalRef: row.externalRef ?? null,
            },
          });
          return result('ACCEPTED');
        });
        // A trainer's self-report confirmed by the provider is merged into one entry.
        if (confirm.size) await em.update(Completion, { id: In([...confirm]) }, { providerConfirmed: true });
        for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
          await em.insert(
            Completion,
            inserts.slice(i, i + INSERT_CHUNK).map((r) => r.entry),
          );
        }
        if (inserts.length) {
          const ids = await this.existingCompletions(
            em,
            inserts.map((r) => r.entry.certificationId as number),
            [...facts.courses.keys()],
          );
          for (const { index, key } of inserts) outcomes[index].completionId = ids.get(key)?.id ?? null;
          // Rows repeated inside the batch point at the entry their first copy created.
          for (const outcome of outcomes) {
            if (outcome.status === 'DUPLICATE' && outcome.completionId === null) {
              const row = input.rows[outcome.index];
              const certification = facts.certifications.get(
                row.certificationNumber.trim().toUpperCase(),
              ) as Certification;
              const key = completionKey(certification.id, fromGlobalId('Course', row.courseId), row.completedOn);
              outcome.completionId = ids.get(key)?.id ?? null;
            }
          }
        }
        return { rows: outcomes };
      }),
    );
  }

  /** Everything a report's rows are checked against, in a fixed number of statements. */
  private async loadReportFacts(em: EntityManager, provider: Provider, rows: CompletionReportRow[]) {
    const numbers = [...new Set(rows.map((r) => r.certificationNumber.trim().toUpperCase()))];
    const courseIds = [
      ...new Set(rows.map((r) => fromGlobalId('Course', r.courseId)).filter((id): id is number => id !== null)),
    ];
    const certificationList = numbers.length ? await em.findBy(Certification, { number: In(numbers) }) : [];
    const trainerIds = [...new Set(certificationList.map((c) => c.trainerId))];
    const trainerList = trainerIds.length ? await em.findBy(Trainer, { id: In(trainerIds) }) : [];
    const courseList = courseIds.length ? await em.findBy(Course, { id: In(courseIds), providerId: provider.id }) : [];
    const courses = new Map(courseList.map((c) => [c.id, c]));
    const credit = new Map<number, CreditFacts>();
    for (const course of courseList) credit.set(course.id, await creditFactsOf(em, course));
    return {
      certifications: new Map(certificationList.map((c) => [c.number, c])),
      trainers: new Map(trainerList.map((t) => [t.id, t])),
      courses,
      credit,
      existing: await this.existingCompletions(
        em,
        certificationList.map((c) => c.id),
        [...courses.keys()],
      ),
    };
  }

  private async existingCompletions(em: EntityManager, certificationIds: number[], courseIds: number[]) {
    if (!certificationIds.length || !courseIds.length) return new Map<string, Completion>();
    const rows = await em.findBy(Completion, {
      certificationId: In([...new Set(certificationIds)]),
      courseId: In(courseIds),
    });
    return new Map(rows.map((c) => [completionKey(c.certificationId, c.courseId, c.completedOn), c]));
  }

  /**
   * The transcript of a certification's current cycle as of a date: every entry with how it
   * stands (R5, R6) and the CEU totals, from the certification's record (see certificationRecord).
   */
  async transcript(
    ctx: RequestContext,
    certificationId: number,
    asOf: LocalDate | null | undefined,
  ): Promise<Transcript | null> {
    const certification = await this.trainers.certification(ctx, certificationId);
    if (!certification) return null;
    const day = asOf ?? ctx.today;
    const policy = CPT_DEFAULT_POLICY;
    const cycle = cycleOf(certification, policy);
    const last = cycle.courseworkDeadline < day ? cycle.courseworkDeadline : day;
    // The record up to `day` is the one compliance reads too: one read serves both.
    const record = await certificationRecord(ctx, certification, day);
    const inCycle = (c: { completedOn: LocalDate }) => c.completedOn >= cycle.startsOn && c.completedOn <= last;
    const completions = record.completions.filter(inCycle);
    const entries = record.input.entries.filter(inCycle);
    const summary = summarizeCycle(cycle, entries);
    const earned = summary.earnedAutomatic + summary.earnedByPetition;
    const required = continuingEducationRequired(policy);
    return {
      certification,
      asOf: day,
      cycle,
      entries: completions.map((completion) => {
        const standing = summary.standings.get(completion.id) ?? 'OUTSIDE_CYCLE';
        return { completion, standing, countedCeu: formatCeu(standing === 'COUNTED' ? completion.ceuHundredths : 0) };
      }),
      ceu: {
        earnedAutomatic: formatCeu(summary.earnedAutomatic),
        earnedByPetition: formatCeu(summary.earnedByPetition),
        earned: formatCeu(earned),
        pending: formatCeu(summary.pending),
        required: formatCeu(required),
        remaining: formatCeu(Math.max(0, required - earned)),
      },
    };
  }

  private checkDate(ctx: RequestContext, certification: Certification, completedOn: LocalDate): void {
    if (completedOn > ctx.today) {
      refuse(UserErrorCode.FUTURE_DATE, 'The completion date is after today.', ['input', 'completedOn']);
    }
    if (completedOn < certification.issuedOn) {
      refuse(UserErrorCode.BEFORE_CERTIFICATION, 'The completion date is before the certification was issued.', [
        'input',
        'completedOn',
      ]);
    }
  }

  private entryFor(
    ctx: RequestContext,
    certificationId: number,
    course: Course,
    providerName: string,
    completedOn: LocalDate,
    decision: CreditDecision,
  ): Partial<Completion> {
    return {
      certificationId,
      courseId: course.id,
      completedOn,
      creditPath: decision.path,
      creditReason: decision.reason,
      ceuHundredths: decision.path === 'AUTOMATIC' ? (course.ceuHundredths ?? 0) : 0,
      title: course.title,
      providerName,
      contactHourTenths: course.contactHourTenths,
      createdAt: ctx.now,
    };
  }
}
