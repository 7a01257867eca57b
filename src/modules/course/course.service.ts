import { Brackets, EntityManager } from 'typeorm';
import { fromGlobalId } from '../../common/ids';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { foldName, likePattern } from '../../common/text';
import { applyTransition } from '../../common/transitions';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import { Database } from '../../database/database';
import { yearOf } from '../../rules/calendar';
import { approvalPeriod, endCoverage, renewalPeriod, renewalYear } from '../../rules/coverage';
import { COURSE_TRANSITIONS } from '../../rules/statuses';
import { CONTACT_HOURS_REFUSAL, contactHoursOf } from '../../rules/units';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { WebhookEventType } from '../webhook/event-types';
import { courseEvent } from '../webhook/event.service';
import { Provider } from '../provider/provider.entity';
import { Course, CourseApprovalPeriod, CourseTopic, Topic } from './course.entity';
import { approveForProgram } from './course-programs';
import { approvedThroughSql, automaticOnSql } from './credit-path.sql';
import { ProgramCatalog } from '../program/program.facts';
import {
  ApproveCourseForProgramInput,
  CourseActionInput,
  CourseFilter,
  CourseReviewDecision,
  RegisterCourseInput,
  ReviewCourseInput,
  UpdateCourseInput,
} from './course.inputs';

export function courseSearchText(code: string, title: string): string {
  return foldName(`${code.trim()} ${title.trim()}`);
}

function contactHourTenths(text: string, field: string[]): number {
  return contactHoursOf(text) ?? refuse(UserErrorCode.OUT_OF_RANGE, CONTACT_HOURS_REFUSAL, field);
}

/**
 * The columns each Course field reads from its course (field resolvers read related rows by
 * `id` and `providerId`). The ID, provider and status are always read: visibility needs them.
 */
const COURSE_FIELD_COLUMNS: Readonly<Record<string, readonly (keyof Course)[]>> = {
  __typename: [],
  id: [],
  code: ['code'],
  title: ['title'],
  description: ['description'],
  deliveryFormat: ['deliveryFormat'],
  contactHours: ['contactHourTenths'],
  ceuValue: ['ceuHundredths'],
  status: [],
  decisionReason: ['decisionReason'],
  renewalYear: ['renewalYear'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  defaultCeuValue: ['contactHourTenths'],
  provider: [],
  topics: [],
  programApprovals: [],
  approvalPeriods: [],
  approvedThrough: [],
  creditPath: [],
};

/** The columns a page needs for these fields; null (every column) when one is not in the table. */
export function columnsFor(fields: ReadonlySet<string>): (keyof Course)[] | null {
  const columns = new Set<keyof Course>(['id', 'providerId', 'status']);
  for (const field of fields) {
    const needs = COURSE_FIELD_COLUMNS[field];
    if (!needs) return null;
    for (const column of needs) columns.add(column);
  }
  return [...columns];
}

export class CourseService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The public catalogue shows approved courses of approved providers; a provider sees its own; staff all. */
  async canSee(ctx: RequestContext, course: Course): Promise<boolean> {
    if (isStaff(ctx) || course.providerId === providerIdOf(ctx)) return true;
    if (course.status !== 'APPROVED') return false;
    const provider = await ctx.loaders.provider.load(course.providerId);
    return provider?.status === 'APPROVED';
  }

  async get(ctx: RequestContext, id: number): Promise<Course | null> {
    const course = await ctx.loaders.course.load(id);
    return course && (await this.canSee(ctx, course)) ? course : null;
  }

  /**
   * A page of the catalogue. `fields` are the Course fields the request asks of each item: the
   * page reads only their columns (and the provider's only when `provider` is asked); without
   * them, or with a field not in COURSE_FIELD_COLUMNS, every column.
   */
  async list(
    ctx: RequestContext,
    filter: CourseFilter | null | undefined,
    page: PageArgs,
    fields?: ReadonlySet<string>,
  ): Promise<Page<Course>> {
    // The provider and the last approved day come with the page (a many-to-one join: one row per
    // course, and a subquery), so that a page with its providers and approval dates is one statement.
    const columns = fields && columnsFor(fields);
    const query = this.db.reader.getRepository(Course).createQueryBuilder('c');
    if (columns) query.select(columns.map((column) => `c.${column}`));
    if (!columns || fields.has('provider')) query.innerJoinAndSelect('c.provider', 'p');
    else query.innerJoin('c.provider', 'p');
    if (!columns || fields.has('approvedThrough')) query.addSelect(approvedThroughSql('c'), 'approved_through');
    const own = providerIdOf(ctx);
    if (own !== null) {
      // A provider also sees its own courses in any status. `+ 0` keeps the planner from
      // merging two index ranges and sorting them all: the page walks the course table in key
      // order instead and stops after its LIMIT.
      query.where(
        new Brackets((q) =>
          q.where("(c.status = 'APPROVED' AND p.status = 'APPROVED')").orWhere('c.provider_id + 0 = :own', { own }),
        ),
      );
    } else if (!isStaff(ctx)) {
      query.where("c.status = 'APPROVED' AND p.status = 'APPROVED'");
    }
    if (filter?.providerId) {
      query.andWhere('c.provider_id = :providerId', { providerId: fromGlobalId('Provider', filter.providerId) ?? 0 });
    }
    if (filter?.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter?.deliveryFormat) query.andWhere('c.delivery_format = :format', { format: filter.deliveryFormat });
    if (filter?.topic) {
      query.andWhere('EXISTS (SELECT 1 FROM course_topic ct WHERE ct.course_id = c.id AND ct.topic = :topic)', {
        topic: filter.topic,
      });
    }
    if (filter?.text) {
      query.andWhere("c.search_text LIKE :text ESCAPE '\\'", { text: likePattern(filter.text) });
    }
    const program = filter?.programCode
      ? ((await ctx.loaders.programCatalog.load('all')).find(filter.programCode)?.program.code ?? '')
      : null;
    if (program !== null) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM course_program fcp WHERE fcp.course_id = c.id AND fcp.program_code = :fp)',
        {
          fp: program,
        },
      );
    }
    if (filter?.creditPath) {
      const sql = automaticOnSql('c', 'p');
      query.andWhere(filter.creditPath === 'AUTOMATIC' ? sql : `NOT ${sql}`, {
        on: filter.on ?? ctx.today,
        program: program ?? (await ctx.loaders.programCatalog.load('all')).default().program.code,
      });
    }
    const result = await paginate(query, page, 'ASC', { approvedThroughDay: 'approved_through' });
    for (const { node } of result.edges) {
      if (node.provider) ctx.loaders.provider.prime(node.providerId, node.provider);
    }
    return result;
  }

  register(ctx: RequestContext, input: RegisterCourseInput): Promise<{ courseId: number }> {
    return this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'registerCourse', input, async () => {
        const providerId = this.registeringProvider(ctx, input);
        const provider = await em.findOneBy(Provider, { id: providerId });
        if (!provider) return refuse(UserErrorCode.NOT_FOUND, 'No provider has this ID.', ['input', 'providerId']);
        if (provider.status !== 'APPROVED') {
          refuse(UserErrorCode.PROVIDER_NOT_APPROVED, 'Only approved providers can register courses.');
        }
        const code = input.code.trim();
        if (await em.existsBy(Course, { providerId, code })) {
          refuse(UserErrorCode.DUPLICATE_COURSE_CODE, 'The provider already has a course with this code.', [
            'input',
            'code',
          ]);
        }
        const { identifiers } = await em.insert(Course, {
          providerId,
          code,
          title: input.title.trim(),
          searchText: courseSearchText(code, input.title),
          description: input.description ?? null,
          deliveryFormat: input.deliveryFormat,
          contactHourTenths: contactHourTenths(input.contactHours, ['input', 'contactHours']),
          ceuHundredths: null,
          status: 'PENDING_REVIEW',
          decisionReason: null,
          renewalYear: null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        const courseId = identifiers[0].id as number;
        await this.setTopics(em, courseId, input.topics);
        return { courseId };
      }),
    );
  }

  update(ctx: RequestContext, input: UpdateCourseInput): Promise<{ courseId: number }> {
    return this.db.uow.run(async (em) => {
      const course = await this.ownCourse(em, ctx, input.courseId);
      const changes: Partial<Course> = { updatedAt: ctx.now, decisionReason: null };
      if (input.title != null) {
        changes.title = input.title.trim();
        changes.searchText = courseSearchText(course.code, input.title);
      }
      if (input.description !== undefined) changes.description = input.description;
      if (input.deliveryFormat != null) changes.deliveryFormat = input.deliveryFormat;
      if (input.contactHours != null) {
        changes.contactHourTenths = contactHourTenths(input.contactHours, ['input', 'contactHours']);
      }
      await applyTransition(em, Course, course, COURSE_TRANSITIONS, 'update', changes, ['input', 'courseId']);
      if (input.topics) await this.setTopics(em, course.id, input.topics);
      return { courseId: course.id };
    });
  }

  /**
   * Staff review. A course pending review is approved for the rest of the calendar year (R4)
   * with the CEU value given or the R2 default; a pending renewal is confirmed for its year.
   */
  review(ctx: RequestContext, input: ReviewCourseInput): Promise<{ courseId: number }> {
    return this.db.uow.run(async (em) => {
      const course = await this.findCourse(em, input.courseId);
      const field = ['input', 'courseId'];
      const approve = input.decision === CourseReviewDecision.APPROVE;
      const reason = input.reason?.trim() || null;
      if (!approve && !reason) refuse(UserErrorCode.REQUIRED, 'A reason is required to reject.', ['input', 'reason']);
      const renewal = course.status === 'APPROVED' && course.renewalYear !== null;
      if (approve) {
        const provider = await em.findOneByOrFail(Provider, { id: course.providerId });
        if (provider.status !== 'APPROVED') {
          refuse(UserErrorCode.PROVIDER_NOT_APPROVED, 'The provider of this course is not approved.', field);
        }
      }
      let details: Record<string, unknown>;
      if (renewal) {
        details = await this.decideRenewal(em, ctx, course, approve, reason);
      } else {
        await applyTransition(
          em,
          Course,
          course,
          COURSE_TRANSITIONS,
          approve ? 'approve' : 'reject',
          { decisionReason: reason, updatedAt: ctx.now },
          field,
        );
        details = {};
        if (approve) {
          const provider = await em.findOneByOrFail(Provider, { id: course.providerId });
          const catalog = await ProgramCatalog.read(em);
          const requests = input.programs?.length
            ? input.programs.map((p, i) => ({
                program: catalog.resolve(p.programCode, ['input', 'programs', String(i), 'programCode']),
                ceuValue: p.ceuValue,
                categoryCode: p.categoryCode,
                field: ['input', 'programs', String(i)],
              }))
            : [{ program: catalog.default(), ceuValue: input.ceuValue, categoryCode: null, field: ['input'] }];
          const programs = [];
          for (const request of requests) programs.push(await approveForProgram(em, ctx, course, provider, request));
          const period = approvalPeriod(ctx.today);
          await em.insert(CourseApprovalPeriod, {
            courseId: course.id,
            from: period.from,
            through: period.through as string,
          });
          const main = programs.find((p) => p.program === catalog.default().program.code) ?? programs[0];
          details = { ceuValue: main.ceuValue, period, programs };
        }
      }
      await this.decisions.record(em, ctx, {
        action: `COURSE_${renewal ? 'RENEWAL_' : ''}${approve ? 'APPROVED' : 'REJECTED'}`,
        subjectType: 'Course',
        subjectId: course.id,
        reason,
        details,
        events: [
          courseEvent(
            renewal && approve
              ? WebhookEventType.COURSE_RENEWED
              : approve
                ? WebhookEventType.COURSE_APPROVED
                : WebhookEventType.COURSE_REJECTED,
            course,
            { renewal, reason, ...details },
          ),
        ],
      });
      return { courseId: course.id };
    });
  }

  /**
   * Staff approve an approved course for one more program from today, with that program's CEU
   * value and category (R2/R3 per program). Its approval periods (R4) are the course's.
   */
  approveForProgram(ctx: RequestContext, input: ApproveCourseForProgramInput): Promise<{ courseId: number }> {
    return this.db.uow.run(async (em) => {
      const course = await this.findCourse(em, input.courseId);
      if (course.status !== 'APPROVED') {
        refuse(
          UserErrorCode.INVALID_TRANSITION,
          'Only an approved course is approved for another program; review it first.',
          ['input', 'courseId'],
        );
      }
      const provider = await em.findOneByOrFail(Provider, { id: course.providerId });
      if (provider.status !== 'APPROVED') {
        refuse(UserErrorCode.PROVIDER_NOT_APPROVED, 'The provider of this course is not approved.', [
          'input',
          'courseId',
        ]);
      }
      const program = (await ProgramCatalog.read(em)).resolve(input.programCode, ['input', 'programCode']);
      const approved = await approveForProgram(em, ctx, course, provider, {
        program,
        ceuValue: input.ceuValue,
        categoryCode: input.categoryCode,
        field: ['input'],
      });
      await em.update(Course, { id: course.id }, { updatedAt: ctx.now });
      await this.decisions.record(em, ctx, {
        action: 'COURSE_APPROVED_FOR_PROGRAM',
        subjectType: 'Course',
        subjectId: course.id,
        reason: input.reason?.trim() || null,
        details: { ...approved, from: ctx.today },
        events: [courseEvent(WebhookEventType.COURSE_APPROVED, course, { renewal: false, programs: [approved] })],
      });
      return { courseId: course.id };
    });
  }

  /** R4: the provider asks to renew an unchanged, approved course for the next calendar year. */
  renew(ctx: RequestContext, input: CourseActionInput): Promise<{ courseId: number }> {
    return this.db.uow.run(async (em) => {
      const course = await this.ownCourse(em, ctx, input.courseId);
      if (course.renewalYear !== null) {
        refuse(UserErrorCode.RENEWAL_ALREADY_REQUESTED, 'A renewal of this course is already waiting for staff.', [
          'input',
          'courseId',
        ]);
      }
      const periods = await em.findBy(CourseApprovalPeriod, { courseId: course.id });
      const year = renewalYear(periods, ctx.today);
      if (year > yearOf(ctx.today) + 1) {
        refuse(UserErrorCode.RENEWAL_TOO_EARLY, `The course is already approved through ${year - 1}.`, [
          'input',
          'courseId',
        ]);
      }
      await applyTransition(
        em,
        Course,
        course,
        COURSE_TRANSITIONS,
        'renew',
        { renewalYear: year, updatedAt: ctx.now },
        ['input', 'courseId'],
      );
      return { courseId: course.id };
    });
  }

  /** R4: a retired course covers nothing after today; completions up to today keep their credit. */
  retire(ctx: RequestContext, input: CourseActionInput): Promise<{ courseId: number }> {
    return this.db.uow.run(async (em) => {
      const course = await this.ownCourse(em, ctx, input.courseId);
      const reason = input.reason?.trim() || null;
      await applyTransition(
        em,
        Course,
        course,
        COURSE_TRANSITIONS,
        'retire',
        {
          renewalYear: null,
          decisionReason: reason,
          updatedAt: ctx.now,
        },
        ['input', 'courseId'],
      );
      const periods = await em.findBy(CourseApprovalPeriod, { courseId: course.id });
      const kept = new Map(endCoverage(periods, ctx.today).map((p) => [(p as CourseApprovalPeriod).id, p]));
      for (const period of periods) {
        const next = kept.get(period.id);
        if (!next) await em.delete(CourseApprovalPeriod, { id: period.id });
        else if (next.through !== period.through) {
          await em.update(CourseApprovalPeriod, { id: period.id }, { through: next.through as string });
        }
      }
      await this.decisions.record(em, ctx, {
        action: 'COURSE_RETIRED',
        subjectType: 'Course',
        subjectId: course.id,
        reason,
        details: { effectiveOn: ctx.today },
        events: [courseEvent(WebhookEventType.COURSE_RETIRED, course, { effectiveOn: ctx.today, reason })],
      });
      return { courseId: course.id };
    });
  }

  private async decideRenewal(
    em: EntityManager,
    ctx: RequestContext,
    course: Course,
    approve: boolean,
    reason: string | null,
  ): Promise<Record<string, unknown>> {
    const year = course.renewalYear as number;
    const period = approve ? renewalPeriod(year, ctx.today) : null;
    if (approve && !period) {
      refuse(
        UserErrorCode.INVALID_TRANSITION,
        `The renewal for ${year} can no longer be confirmed: the year is over.`,
        ['input', 'courseId'],
      );
    }
    await applyTransition(
      em,
      Course,
      course,
      COURSE_TRANSITIONS,
      'renew',
      {
        renewalYear: null,
        decisionReason: approve ? null : reason,
        updatedAt: ctx.now,
      },
      ['input', 'courseId'],
    );
    if (period)
      await em.insert(CourseApprovalPeriod, {
        courseId: course.id,
        from: period.from,
        through: period.through as string,
      });
    return { year, period };
  }

  private registeringProvider(ctx: RequestContext, input: RegisterCourseInput): number {
    const own = providerIdOf(ctx);
    const id = input.providerId ? fromGlobalId('Provider', input.providerId) : null;
    if (own !== null) {
      // A provider registers its own courses: naming another provider is refused as unknown to it.
      if (input.providerId && id !== own) {
        return refuse(UserErrorCode.NOT_FOUND, 'No provider has this ID.', ['input', 'providerId']);
      }
      return own;
    }
    if (!isStaff(ctx) || !id) {
      return refuse(UserErrorCode.REQUIRED, 'Staff must name the provider of the course.', ['input', 'providerId']);
    }
    return id;
  }

  private async findCourse(em: EntityManager, globalId: string): Promise<Course> {
    const id = fromGlobalId('Course', globalId);
    const course = id ? await em.findOneBy(Course, { id }) : null;
    return course ?? refuse(UserErrorCode.NOT_FOUND, 'No course has this ID.', ['input', 'courseId']);
  }

  /** A course the caller may change: its provider's own, or any for staff. */
  private async ownCourse(em: EntityManager, ctx: RequestContext, globalId: string): Promise<Course> {
    const course = await this.findCourse(em, globalId);
    if (!isStaff(ctx) && course.providerId !== providerIdOf(ctx)) {
      refuse(UserErrorCode.NOT_FOUND, 'No course has this ID.', ['input', 'courseId']);
    }
    return course;
  }

  private async setTopics(em: EntityManager, courseId: number, topics: Topic[]): Promise<void> {
    await em.delete(CourseTopic, { courseId });
    await em.insert(
      CourseTopic,
      [...new Set(topics)].map((topic) => ({ courseId, topic })),
    );
  }
}
