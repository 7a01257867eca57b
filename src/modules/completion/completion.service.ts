import { EntityManager, In } from 'typeorm';
import { apiError } from '../../common/errors';
import { fromGlobalId, toGlobalId } from '../../common/ids';
import { Page, PageArgs, paginateByKey } from '../../common/pagination';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { foldName } from '../../common/text';
import { COMPLETION_DATE_MESSAGES, completionDateProblem } from '../../rules/certification';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import { Database } from '../../database/database';
import { insertMany } from '../../database/insert-many';
import { leanFindById, leanRowsIn } from '../../database/lean';
import { hydrateJsonRows, jsonRowsSql, queryNamed } from '../../database/json-rows';
import {
  COURSE_NOT_COVERED_MESSAGE,
  CreditDecision,
  creditedCeu,
  CreditFacts,
  decideCreditPath,
  outsideApprovalMessage,
  programCoverage,
} from '../../rules/coverage';
import { CycleSpan } from '../../rules/cycle';
import { continuingEducationRequired } from '../../rules/policy';
import { isLocalDate, LocalDate } from '../../rules/calendar';
import { formatCeu } from '../../rules/units';
import { Course, CourseApprovalPeriod } from '../course/course.entity';
import { CourseProgramApproval } from '../program/program.entity';
import { Provider, ProviderApprovalPeriod } from '../provider/provider.entity';
import { Certification, Trainer } from '../trainer/trainer.entity';
import { TrainerService } from '../trainer/trainer.service';
import { certificationRecord, readCertificationRecords } from '../recertification/certification-record';
import { Completion } from './completion.entity';
import { WebhookEventType } from '../webhook/event-types';
import { courseEvent, EventService, NewEvent } from '../webhook/event.service';
import {
  CompletionReportRow,
  ReportCompletionInput,
  ReportCompletionsInput,
  ReportedCompletionFilter,
} from './completion.inputs';
import { ReportRowStatus } from './completion.payloads';
import { ReportRowResult } from './completion-report.entity';
import { CompletionReportService, ReportAnswer, ReportRowDraft, tally } from './completion-report.service';
import { Transcript } from './transcript.types';
import { currentCycle, cycleView, CycleView, standingIn } from './current-cycle';

const ROW_MESSAGES: Record<ReportRowStatus, string> = {
  ACCEPTED: 'Recorded.',
  DUPLICATE: 'Already on the transcript; not counted twice.',
  UNKNOWN_CERTIFICATION: 'No certification has this number.',
  NAME_MISMATCH: 'The name does not match the certification holder.',
  DATE_OUTSIDE_APPROVAL: COURSE_NOT_COVERED_MESSAGE,
  ...COMPLETION_DATE_MESSAGES,
  COURSE_NOT_REPORTABLE: 'Not one of your approved courses.',
};

/** Pending and rejected courses were never approved, so never in the catalogue: nothing to report or self-report. */
function neverApproved(course: Course): boolean {
  return course.status === 'PENDING_REVIEW' || course.status === 'REJECTED';
}

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
    private readonly reports: CompletionReportService,
    private readonly events: EventService,
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
        const course = courseId ? await leanFindById(em, Course, courseId) : null;
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
        const credit = await CourseCredit.read(em, [course]);
        const provider = credit.providerOf(course);
        const decision = decideCreditPath(credit.facts(course.id, certification.programCode), input.completedOn);
        const entry: Partial<Completion> = {
          ...this.entryFor(ctx, certification, course, provider.name, input.completedOn, decision, credit),
          source: 'SELF_REPORTED',
          reportedByProviderId: null,
          providerConfirmed: false,
          externalRef: null,
        };
        const [completionId] = await insertMany(em, Completion, [entry]);
        const siblings = await this.alsoCounts(
          em,
          ctx,
          [
            {
              certification,
              course,
              providerName: provider.name,
              completedOn: input.completedOn,
              row: { source: 'SELF_REPORTED', reportedByProviderId: null, providerConfirmed: false, externalRef: null },
            },
          ],
          credit,
        );
        await this.events.emit(em, ctx.now, [completionRecorded(completionId, entry, course), ...siblings]);
        return { completionId };
      }),
    );
  }

  /**
   * A provider reports completions of its own courses, up to 500 rows, answered row by row. Rows
   * that pass are recorded together; a row already on the transcript is merged (DUPLICATE). Each
   * recorded or merged row is told how its completion stands in the trainer's current cycle, as
   * the transcript shows it. The answer is stored as a report in the same unit of work, after
   * expired reports are purged (see CompletionReportService).
   */
  async reportBatch(ctx: RequestContext, input: ReportCompletionsInput): Promise<ReportAnswer> {
    const answer = await this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'reportCompletions', input, async () => {
        const providerId = providerIdOf(ctx);
        const provider = providerId ? await em.findOneBy(Provider, { id: providerId }) : null;
        if (!provider) return refuse(UserErrorCode.PROVIDER_NOT_APPROVED, 'Only providers report completions.');
        await this.reports.purge(em, ctx);
        const facts = await this.loadReportFacts(em, provider, input.rows);
        const seen = new Set<string>();
        const confirm = new Set<number>();
        const inserts: Partial<Completion>[] = [];
        const recorded: RecordedCompletion[] = [];
        /** The certification and completion key of each row that has (or will have) an entry. */
        const entries = new Map<number, { certification: Certification; key: string }>();
        const rows = input.rows.map((row, index): ReportRowDraft => {
          const result = (
            status: ReportRowStatus,
            decision: CreditDecision | null = null,
            message = ROW_MESSAGES[status],
          ): ReportRowDraft => ({
            index,
            status,
            message,
            certificationNumber: row.certificationNumber,
            lastName: row.lastName,
            firstName: row.firstName ?? null,
            courseId: row.courseId,
            completedOn: row.completedOn,
            externalRef: row.externalRef ?? null,
            completionId: null,
            creditPath: decision?.path ?? null,
            creditReason: decision?.reason ?? null,
            standing: null,
            countedCeuHundredths: null,
          });
          const course = facts.courses.get(fromGlobalId('Course', row.courseId) ?? 0);
          if (!course || neverApproved(course)) return result('COURSE_NOT_REPORTABLE');
          if (row.completedOn > ctx.today) return result('FUTURE_DATE');
          const certification = facts.certifications.get(row.certificationNumber.trim().toUpperCase());
          if (!certification) return result('UNKNOWN_CERTIFICATION');
          if (!nameMatches(row, facts.trainers.get(certification.trainerId) as Trainer)) return result('NAME_MISMATCH');
          const dateProblem = completionDateProblem(row.completedOn, certification, ctx.today);
          if (dateProblem) return result(dateProblem);
          const decision = decideCreditPath(facts.credit.facts(course.id, certification.programCode), row.completedOn);
          if (decision.path !== 'AUTOMATIC') {
            const approved = facts.credit.approval(course.id, certification.programCode) !== undefined;
            return result(
              'DATE_OUTSIDE_APPROVAL',
              decision,
              outsideApprovalMessage(decision, approved, certification.programCode),
            );
          }
          const key = completionKey(certification.id, course.id, row.completedOn);
          entries.set(index, { certification, key });
          const already = facts.existing.get(key);
          if (already) {
            if (!already.providerConfirmed) confirm.add(already.id);
            return result('DUPLICATE');
          }
          // A row repeated inside the batch points at the entry its first copy creates.
          if (seen.has(key)) return result('DUPLICATE');
          seen.add(key);
          const reported = {
            source: 'PROVIDER_REPORTED' as const,
            reportedByProviderId: provider.id,
            providerConfirmed: true,
            externalRef: row.externalRef ?? null,
          };
          inserts.push({
            ...this.entryFor(ctx, certification, course, provider.name, row.completedOn, decision, facts.credit),
            ...reported,
          });
          recorded.push({
            certification,
            course,
            providerName: provider.name,
            completedOn: row.completedOn,
            row: reported,
          });
          return result('ACCEPTED');
        });
        // A trainer's self-report confirmed by the provider is merged into one entry.
        if (confirm.size) await em.update(Completion, { id: In([...confirm]) }, { providerConfirmed: true });
        const ids = await insertMany(em, Completion, inserts);
        const siblings = await this.alsoCounts(em, ctx, recorded, facts.credit);
        await this.events.emit(em, ctx.now, [
          ...ids.map((id, i) => completionRecorded(id, inserts[i], recorded[i].course)),
          ...siblings,
        ]);
        await this.tellStandings(em, ctx, rows, entries);
        const reportId = await this.reports.record(em, ctx, provider.id, rows);
        return { reportId, rows, ...tally(rows) };
      }),
    );
    // A replay comes back as plain JSON: rows become result objects again.
    return { ...answer, rows: answer.rows.map((row) => Object.assign(new ReportRowResult(), row)) };
  }

  /**
   * Gives each row with an entry its completion, credit path and standing in the trainer's
   * current cycle today, from the certifications' records as the transcript reads them: two
   * statements for the whole batch. A row is told about its own entry only.
   */
  private async tellStandings(
    em: EntityManager,
    ctx: RequestContext,
    rows: ReportRowDraft[],
    entries: Map<number, { certification: Certification; key: string }>,
  ): Promise<void> {
    if (!entries.size) return;
    const certifications = [
      ...new Map([...entries.values()].map((e) => [e.certification.id, e.certification])).values(),
    ];
    const records = await readCertificationRecords(
      em,
      certifications.map((certification) => ({ certification, on: ctx.today })),
    );
    const cycles = new Map<number, CycleView>();
    const byKey = new Map<string, Completion>();
    certifications.forEach((certification, i) => {
      cycles.set(certification.id, currentCycle(records[i]));
      for (const c of records[i].completions) byKey.set(completionKey(c.certificationId, c.courseId, c.completedOn), c);
    });
    for (const [index, { certification, key }] of entries) {
      const completion = byKey.get(key);
      if (!completion) continue;
      const { standing, countedCeu } = standingIn(cycles.get(certification.id) as CycleView, completion);
      Object.assign(rows[index], {
        completionId: completion.id,
        creditPath: completion.creditPath,
        creditReason: completion.creditReason,
        standing,
        countedCeuHundredths: countedCeu,
      });
    }
  }

  /**
   * Completions a provider reported, newest completion date first: one statement a page, each
   * filter served by an index on (reporting provider, filter, completion date, ID).
   */
  reported(
    ctx: RequestContext,
    filter: ReportedCompletionFilter | null | undefined,
    page: PageArgs,
  ): Promise<Page<Completion>> {
    const own = providerIdOf(ctx);
    if (own === null && !filter?.providerId) {
      throw apiError('BAD_USER_INPUT', 'Name the provider whose reported completions to list (filter.providerId).');
    }
    // An ID that names no provider or course matches nothing, as in the other lists.
    const provider = own ?? fromGlobalId('Provider', filter?.providerId ?? '') ?? 0;
    const query = this.db.reader
      .getRepository(Completion)
      .createQueryBuilder('c')
      .where('c.reported_by_provider_id = :provider', { provider });
    if (filter?.courseId) {
      query.andWhere('c.course_id = :course', { course: fromGlobalId('Course', filter.courseId) ?? 0 });
    }
    if (filter?.externalRef) query.andWhere('c.external_ref = :externalRef', { externalRef: filter.externalRef });
    if (filter?.completedFrom) query.andWhere('c.completed_on >= :from', { from: filter.completedFrom });
    if (filter?.completedThrough) query.andWhere('c.completed_on <= :through', { through: filter.completedThrough });
    return paginateByKey(query, page, {
      column: 'c.completed_on',
      keyOf: (c) => c.completedOn,
      isKey: isLocalDate,
      direction: 'DESC',
    });
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
    const credit = await CourseCredit.read(em, courseList);
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
   * The transcript of one cycle of a certification as of a date (the current one unless `cycle`
   * names another by number): every entry that belongs to it (R5, see `cycleSpans`) with how it
   * stands (R5, R6) and the CEU totals, from the certification's record (see certificationRecord).
   * Every completion is in exactly one cycle's transcript.
   */
  async transcript(
    ctx: RequestContext,
    certificationId: number,
    asOf: LocalDate | null | undefined,
    cycleNumber?: number | null,
  ): Promise<Transcript | null> {
    const certification = await this.trainers.certification(ctx, certificationId);
    if (!certification) return null;
    const day = asOf ?? ctx.today;
    // The record up to `day` is the one compliance reads too: one read serves both.
    const record = await certificationRecord(ctx, certification, day);
    const { policy } = record.input;
    const view = cycleView(record, cycleNumber);
    if (!view) throw apiError('BAD_USER_INPUT', `This certification has cycles 1 to ${record.cycles.length}.`);
    const { cycle, summary } = view;
    const earned = summary.earnedAutomatic + summary.earnedByPetition;
    const required = continuingEducationRequired(policy);
    return {
      certification,
      asOf: day,
      cycle,
      entries: view.completions.map((completion) => {
        const { standing, countedCeu } = standingIn(view, completion);
        return { completion, standing, countedCeu: formatCeu(countedCeu) };
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

  /** Every cycle of a certification (R5), oldest first; null when the caller may not see it. */
  async cycles(ctx: RequestContext, certificationId: number): Promise<CycleSpan[] | null> {
    const certification = await this.trainers.certification(ctx, certificationId);
    return certification ? (await certificationRecord(ctx, certification, ctx.today)).cycles : null;
  }

  private checkDate(ctx: RequestContext, certification: Certification, completedOn: LocalDate): void {
    const problem = completionDateProblem(completedOn, certification, ctx.today);
    if (problem) refuse(UserErrorCode[problem], COMPLETION_DATE_MESSAGES[problem], ['input', 'completedOn']);
  }

  /**
   * The entry of a completion of `course` on a certification: R3 decided for its program, worth
   * the program's CEU value for the course when it counts automatically (R2/R6), in its category.
   */
  private entryFor(
    ctx: RequestContext,
    certification: Certification,
    course: Course,
    providerName: string,
    completedOn: LocalDate,
    decision: CreditDecision,
    credit: CourseCredit,
  ): Partial<Completion> {
    const approval = credit.approval(course.id, certification.programCode);
    return {
      certificationId: certification.id,
      courseId: course.id,
      completedOn,
      creditPath: decision.path,
      creditReason: decision.reason,
      ceuHundredths: creditedCeu(decision.path, approval?.ceuHundredths),
      categoryCode: approval?.categoryCode ?? null,
      title: course.title,
      providerName,
      contactHourTenths: course.contactHourTenths,
      createdAt: ctx.now,
    };
  }

  /**
   * A completion counts toward every certification of the trainer whose program approved the
   * course on that day: for each completion just recorded, an entry on the holder's other
   * certifications where R3 decides AUTOMATIC for their program, the completion date is not
   * before their issue, and the entry is not there already. Each has its program's CEU value and
   * category. A fixed number of statements for any number of completions.
   */
  private async alsoCounts(
    em: EntityManager,
    ctx: RequestContext,
    recorded: RecordedCompletion[],
    credit: CourseCredit,
  ): Promise<NewEvent[]> {
    if (!recorded.length) return [];
    const trainerIds = [...new Set(recorded.map((r) => r.certification.trainerId))];
    const held = await leanRowsIn(em, Certification, 'trainer_id', trainerIds, [['id', 'ASC']]);
    const others = (r: RecordedCompletion) =>
      held.filter((c) => c.trainerId === r.certification.trainerId && c.id !== r.certification.id);
    if (!recorded.some((r) => others(r).length)) return [];
    const existing = await this.existingCompletions(
      em,
      held.map((c) => c.id),
      [...new Set(recorded.map((r) => r.course.id))],
    );
    const keys = new Set(existing.keys());
    const inserts: Partial<Completion>[] = [];
    const courses: Course[] = [];
    for (const r of recorded) {
      for (const other of others(r)) {
        const key = completionKey(other.id, r.course.id, r.completedOn);
        if (keys.has(key) || r.completedOn < other.issuedOn) continue;
        const decision = decideCreditPath(credit.facts(r.course.id, other.programCode), r.completedOn);
        if (decision.path !== 'AUTOMATIC') continue;
        keys.add(key);
        inserts.push({
          ...this.entryFor(ctx, other, r.course, r.providerName, r.completedOn, decision, credit),
          ...r.row,
        });
        courses.push(r.course);
      }
    }
    const ids = await insertMany(em, Completion, inserts);
    return ids.map((id, i) => completionRecorded(id, inserts[i], courses[i]));
  }
}

/** The `completion.recorded` event of an entry just written; the course's provider receives it. */
function completionRecorded(id: number, entry: Partial<Completion>, course: Course): NewEvent {
  return courseEvent(WebhookEventType.COMPLETION_RECORDED, course, {
    completion: toGlobalId('Completion', id),
    certification: toGlobalId('Certification', entry.certificationId as number),
    completedOn: entry.completedOn,
    ceuValue: formatCeu(entry.ceuHundredths as number),
    creditPath: entry.creditPath,
    creditReason: entry.creditReason,
    categoryCode: entry.categoryCode ?? null,
    source: entry.source,
    externalRef: entry.externalRef ?? null,
  });
}

/** A completion recorded on one certification, and how it was reported. */
interface RecordedCompletion {
  certification: Certification;
  course: Course;
  providerName: string;
  completedOn: LocalDate;
  row: Pick<Completion, 'source' | 'reportedByProviderId' | 'providerConfirmed' | 'externalRef'>;
}

/**
 * The R3 facts of some courses for every program, read in one statement: providers and their
 * approval periods, course periods and the courses' approvals per program.
 */
export class CourseCredit {
  private constructor(
    private readonly base: Map<number, CreditFacts>,
    private readonly approvals: Map<number, CourseProgramApproval[]>,
    private readonly providers: Map<number, Provider>,
  ) {}

  static async read(em: EntityManager, courses: readonly Course[]): Promise<CourseCredit> {
    if (!courses.length) return new CourseCredit(new Map(), new Map(), new Map());
    const sql = `SELECT
      ${jsonRowsSql(em, Provider, 'pr', 'pr.id IN (:...providers)', 'pr.id')} AS providers,
      ${jsonRowsSql(em, ProviderApprovalPeriod, 'pp', 'pp.provider_id IN (:...providers)', 'pp.id')} AS provider_periods,
      ${jsonRowsSql(em, CourseApprovalPeriod, 'cp', 'cp.course_id IN (:...courses)', 'cp.id')} AS course_periods,
      ${jsonRowsSql(em, CourseProgramApproval, 'ca', 'ca.course_id IN (:...courses)', 'ca.course_id, ca.program_code')} AS approvals`;
    const [row] = await queryNamed<Record<string, unknown>>(em, sql, {
      courses: courses.map((c) => c.id),
      providers: [...new Set(courses.map((c) => c.providerId))],
    });
    const providers = new Map(hydrateJsonRows(em, Provider, row.providers).map((p) => [p.id, p]));
    const providerPeriods = hydrateJsonRows(em, ProviderApprovalPeriod, row.provider_periods);
    const coursePeriods = hydrateJsonRows(em, CourseApprovalPeriod, row.course_periods);
    const base = new Map<number, CreditFacts>();
    for (const course of courses) {
      base.set(course.id, {
        providerKind: providers.get(course.providerId)?.kind ?? 'PARTNER',
        providerPeriods: providerPeriods.filter((p) => p.providerId === course.providerId),
        coursePeriods: coursePeriods.filter((p) => p.courseId === course.id),
      });
    }
    const byCourse = new Map<number, CourseProgramApproval[]>();
    for (const a of hydrateJsonRows(em, CourseProgramApproval, row.approvals)) {
      byCourse.set(a.courseId, [...(byCourse.get(a.courseId) ?? []), a]);
    }
    return new CourseCredit(base, byCourse, providers);
  }

  /** The provider of a course read with it. */
  providerOf(course: Course): Provider {
    const provider = this.providers.get(course.providerId);
    if (!provider) throw new Error(`Provider ${course.providerId} of course ${course.id} was not read`);
    return provider;
  }

  /** The course's approval for a program, if it has one. */
  approval(courseId: number, programCode: string): CourseProgramApproval | undefined {
    return this.approvals.get(courseId)?.find((a) => a.programCode === programCode);
  }

  /** R3 facts of the course for a program: its periods from the program's approval on. */
  facts(courseId: number, programCode: string): CreditFacts {
    const base = this.base.get(courseId) as CreditFacts;
    return {
      ...base,
      coursePeriods: programCoverage(base.coursePeriods, this.approval(courseId, programCode)?.approvedFrom ?? null),
    };
  }
}
