import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionItemFields } from '../../common/selection';
import { CreditDecision, creditDecision } from '../../common/credit';
import { fromGlobalId } from '../../common/ids';
import { reload } from '../../common/loader-helpers';
import { PageArgs } from '../../common/pagination';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { programCeu } from '../../rules/policy';
import { policyIn } from '../program/program.facts';
import { RequestContext } from '../../context';
import { LocalDate } from '../../rules/calendar';
import { decideCreditPath, programCoverage } from '../../rules/coverage';
import { formatCeu } from '../../rules/units';
import { apiError } from '../../common/errors';
import { Provider } from '../provider/provider.entity';
import { Course, CourseApprovalPeriod, Topic } from './course.entity';
import {
  ApproveCourseForProgramInput,
  CourseActionInput,
  CourseFilter,
  RegisterCourseInput,
  ReviewCourseInput,
  UpdateCourseInput,
} from './course.inputs';
import { CourseConnection, CoursePayload, CourseProgramApprovalView } from './course.payloads';
import { CourseService } from './course.service';

@Resolver(() => Course)
export class CourseResolver {
  constructor(private readonly catalogue: CourseService) {}

  @Query(() => CourseConnection, {
    description:
      'The course catalogue, oldest first. The public sees approved courses of approved providers; a provider also sees its own; staff see all.',
  })
  async courses(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Arg('filter', () => CourseFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: CourseFilter | null,
  ) {
    return CourseConnection.of(await this.catalogue.list(ctx, filter, page, connectionItemFields(info)));
  }

  @Query(() => Course, { nullable: true, description: 'One course, or null when it does not exist or is not visible.' })
  course(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Course ID (crs_…).' }) id: string) {
    const courseId = fromGlobalId('Course', id);
    return courseId ? this.catalogue.get(ctx, courseId) : null;
  }

  @FieldResolver(() => Provider, { description: 'The provider offering the course.' })
  provider(@Root() course: Course, @Ctx() ctx: RequestContext): Provider | Promise<Provider | null> {
    // Read with the course on a catalogue page (no promise per course); loaded otherwise.
    return course.provider ?? ctx.loaders.provider.load(course.providerId);
  }

  @FieldResolver(() => [Topic], { description: 'Subject areas of the course.' })
  topics(@Root() course: Course, @Ctx() ctx: RequestContext) {
    return ctx.loaders.courseTopics.load(course.id);
  }

  @FieldResolver(() => DecimalScalar, {
    description:
      'The R2 default value for a program: contact hours × its CEUs per contact hour (the CPT: 0.1; the default program unless named).',
  })
  async defaultCeuValue(
    @Root() course: Course,
    @Ctx() ctx: RequestContext,
    @Arg('programCode', () => String, { nullable: true, description: 'The program; default the default program.' })
    programCode?: string | null,
  ): Promise<string> {
    const catalog = await ctx.loaders.programCatalog.load('all');
    const program = programCode == null ? catalog.default() : catalog.find(programCode);
    if (!program) throw apiError('BAD_USER_INPUT', `No credential program has the code ${programCode}.`);
    return formatCeu(programCeu(course.contactHourTenths, policyIn(program, ctx.today)));
  }

  @FieldResolver(() => [CourseProgramApprovalView], {
    description: 'The credential programs the course is approved for, each with its CEU value and category there.',
  })
  async programApprovals(@Root() course: Course, @Ctx() ctx: RequestContext): Promise<CourseProgramApprovalView[]> {
    return (await ctx.loaders.courseApprovals.load(course.id)).map((a) => ({
      programCode: a.programCode,
      ceuValue: formatCeu(a.ceuHundredths),
      categoryCode: a.categoryCode,
      approvedFrom: a.approvedFrom,
    }));
  }

  @FieldResolver(() => [CourseApprovalPeriod], {
    description: 'Spans of days covered by approvals and confirmed renewals (R4).',
  })
  approvalPeriods(@Root() course: Course, @Ctx() ctx: RequestContext) {
    return ctx.loaders.coursePeriods.load(course.id);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'Last day covered by an approval; null when never approved.',
  })
  approvedThrough(@Root() course: Course, @Ctx() ctx: RequestContext): LocalDate | null | Promise<LocalDate | null> {
    // Read with the course on a catalogue page (no promise per course); loaded otherwise.
    return course.approvedThroughDay !== undefined
      ? course.approvedThroughDay
      : ctx.loaders.courseApprovedThrough.load(course.id);
  }

  @FieldResolver(() => CreditDecision, {
    description: 'Whether a completion of this course on a date would count automatically or need a petition (R3/R4).',
  })
  async creditPath(
    @Root() course: Course,
    @Ctx() ctx: RequestContext,
    @Arg('on', () => DateScalar, { nullable: true, description: 'The completion date; default today.' })
    on?: LocalDate | null,
    @Arg('programCode', () => String, {
      nullable: true,
      description:
        'The credential program to decide for (each approves courses on its own); default the default program.',
    })
    programCode?: string | null,
  ) {
    const [provider, providerPeriods, coursePeriods, approvals, catalog] = await Promise.all([
      ctx.loaders.provider.load(course.providerId),
      ctx.loaders.providerPeriods.load(course.providerId),
      ctx.loaders.coursePeriods.load(course.id),
      ctx.loaders.courseApprovals.load(course.id),
      ctx.loaders.programCatalog.load('all'),
    ]);
    const program = programCode == null ? catalog.default() : catalog.find(programCode);
    if (!program) throw apiError('BAD_USER_INPUT', `No credential program has the code ${programCode}.`);
    const approval = approvals.find((a) => a.programCode === program.program.code);
    const decision = decideCreditPath(
      {
        providerKind: provider?.kind ?? 'PARTNER',
        providerPeriods,
        coursePeriods: programCoverage(coursePeriods, approval?.approvedFrom ?? null),
      },
      on ?? ctx.today,
    );
    return creditDecision(decision.path, decision.reason);
  }

  @Authorized('PROVIDER', 'STAFF')
  @Mutation(() => CoursePayload, {
    description: 'An approved provider submits a course for review. Providers (own courses) and staff.',
  })
  async registerCourse(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: RegisterCourseInput,
  ) {
    return this.payload(ctx, await this.catalogue.register(ctx, input));
  }

  @Authorized('PROVIDER', 'STAFF')
  @Mutation(() => CoursePayload, {
    description:
      'Change a course pending review or rejected; it goes (back) to review. Providers (own courses) and staff.',
  })
  async updateCourse(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: UpdateCourseInput,
  ) {
    return this.payload(ctx, await this.catalogue.update(ctx, input));
  }

  @Authorized('STAFF')
  @Mutation(() => CoursePayload, {
    description:
      'Staff approve (with a CEU value) or reject (with a reason) a course pending review, or confirm or refuse a pending renewal. Staff only.',
  })
  async reviewCourse(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ReviewCourseInput,
  ) {
    return this.payload(ctx, await this.catalogue.review(ctx, input));
  }

  @Authorized('STAFF')
  @Mutation(() => CoursePayload, {
    description:
      'Staff approve an approved course for one more credential program from today, with that program’s CEU value and category. Staff only; logged.',
  })
  async approveCourseForProgram(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ApproveCourseForProgramInput,
  ) {
    return this.payload(ctx, await this.catalogue.approveForProgram(ctx, input));
  }

  @Authorized('PROVIDER', 'STAFF')
  @Mutation(() => CoursePayload, {
    description: 'Ask to renew an unchanged approved course for the next calendar year; staff confirm (R4).',
  })
  async renewCourse(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: CourseActionInput,
  ) {
    return this.payload(ctx, await this.catalogue.renew(ctx, input));
  }

  @Authorized('PROVIDER', 'STAFF')
  @Mutation(() => CoursePayload, {
    description: 'Retire a course: it covers nothing after today; past completions keep their credit (R4).',
  })
  async retireCourse(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: CourseActionInput,
  ) {
    return this.payload(ctx, await this.catalogue.retire(ctx, input));
  }

  private async payload(ctx: RequestContext, { courseId }: { courseId: number }): Promise<CoursePayload> {
    return { course: await reload(ctx.loaders.course, courseId), userErrors: [] };
  }
}
