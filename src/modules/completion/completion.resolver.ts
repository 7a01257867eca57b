import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Extensions,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { BULK_MUTATION, ONE_BULK_MUTATION } from '../../common/document-limits';
import { fromGlobalId } from '../../common/ids';
import { reload } from '../../common/loader-helpers';
import { PageArgs } from '../../common/pagination';
import { DateScalar } from '../../common/scalars';
import { RequestContext } from '../../context';
import { LocalDate } from '../../rules/calendar';
import { Course } from '../course/course.entity';
import { Petition } from '../petition/petition.entity';
import { Certification } from '../trainer/trainer.entity';
import { Completion } from './completion.entity';
import { ReportCompletionInput, ReportCompletionsInput, ReportedCompletionFilter } from './completion.inputs';
import { CompletionConnection, CompletionPayload, ReportCompletionsPayload } from './completion.payloads';
import { CompletionService } from './completion.service';
import { RecertificationApplication } from '../recertification/recertification.entity';
import { CertificationCycle, Transcript } from './transcript.types';

@Resolver(() => Completion)
export class CompletionResolver {
  constructor(private readonly completions: CompletionService) {}

  @Query(() => Transcript, {
    nullable: true,
    description:
      'A certification’s transcript for one cycle, by default the current one (`Certification.cycles` lists them all; ' +
      'every completion is in exactly one cycle’s transcript). The trainer themself and staff; null for anyone else. ' +
      'The same transcript downloads as a PDF (`GET /transcripts/{certificationId}.pdf`) and as a signed ' +
      'Open Badges 3.0 verifiable credential (`GET /transcripts/{certificationId}.jwt`, checked with the keys at ' +
      '`/.well-known/jwks.json`), both with an optional `?asOf=` and the same token.',
  })
  transcript(
    @Ctx() ctx: RequestContext,
    @Arg('certificationId', () => ID, { description: 'The certification (crt_…).' }) certificationId: string,
    @Arg('asOf', () => DateScalar, {
      nullable: true,
      description: 'Read the transcript as of this date; default today.',
    })
    asOf?: LocalDate | null,
    @Arg('cycle', () => Int, {
      nullable: true,
      description: 'The cycle by number (1 for the first, see `Certification.cycles`); default the current one.',
    })
    cycle?: number | null,
  ) {
    const id = fromGlobalId('Certification', certificationId);
    return id ? this.completions.transcript(ctx, id, asOf, cycle) : null;
  }

  @FieldResolver(() => Course, {
    nullable: true,
    description: 'The catalogue course; null for an event outside the catalogue.',
  })
  course(@Root() completion: Completion, @Ctx() ctx: RequestContext) {
    return completion.courseId === null ? null : ctx.loaders.course.load(completion.courseId);
  }

  @FieldResolver(() => Certification, {
    nullable: true,
    description: 'The certification whose transcript holds the entry: for its trainer and staff; null for providers.',
  })
  certification(@Root() completion: Completion, @Ctx() ctx: RequestContext) {
    return this.completions.certificationOf(ctx, completion);
  }

  @FieldResolver(() => Petition, { nullable: true, description: 'The latest petition for this entry, if any.' })
  async petition(@Root() completion: Completion, @Ctx() ctx: RequestContext) {
    const petitions = await ctx.loaders.petitionsByCompletion.load(completion.id);
    return petitions[petitions.length - 1] ?? null;
  }

  @Authorized('TRAINER', 'STAFF')
  @Mutation(() => CompletionPayload, {
    description:
      'A trainer reports completing a catalogue course. It counts automatically when R3 allows; otherwise it needs a petition.',
  })
  async reportCompletion(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ReportCompletionInput,
  ): Promise<CompletionPayload> {
    const { completionId } = await this.completions.selfReport(ctx, input);
    return { completion: await reload(ctx.loaders.completion, completionId), userErrors: [] };
  }

  @Authorized('PROVIDER')
  @Extensions(BULK_MUTATION)
  @Mutation(() => ReportCompletionsPayload, {
    description: `A provider reports completions of its approved courses: up to 500 rows, answered row by row. Providers only. ${ONE_BULK_MUTATION}`,
  })
  async reportCompletions(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ReportCompletionsInput,
  ): Promise<ReportCompletionsPayload> {
    const { reportId, rows, ...counts } = await this.completions.reportBatch(ctx, input);
    return { report: await ctx.loaders.completionReport.load(reportId), results: rows, ...counts, userErrors: [] };
  }

  @Authorized('PROVIDER', 'STAFF')
  @Query(() => CompletionConnection, {
    description:
      'Completions a provider reported (source PROVIDER_REPORTED), newest completion date first: a provider’s ' +
      'own; staff name the provider in the filter. A trainer’s self-report that the provider confirmed stays the ' +
      'trainer’s and is not listed.',
  })
  async reportedCompletions(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ReportedCompletionFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: ReportedCompletionFilter | null,
  ) {
    return CompletionConnection.of(await this.completions.reported(ctx, filter, page));
  }
}

@Resolver(() => Certification)
export class CertificationCyclesResolver {
  constructor(private readonly completions: CompletionService) {}

  @FieldResolver(() => [CertificationCycle], {
    nullable: true,
    description:
      'Every cycle of the certification, oldest first, the current one last, each with the days whose coursework belongs to it and the application that closed it; read one’s transcript with `transcript(certificationId, cycle:)`. For the trainer themself and staff.',
  })
  cycles(@Root() certification: Certification, @Ctx() ctx: RequestContext) {
    return this.completions.cycles(ctx, certification.id);
  }
}

@Resolver(() => CertificationCycle)
export class CertificationCycleResolver {
  @FieldResolver(() => RecertificationApplication, {
    nullable: true,
    description:
      'The approved recertification application that closed the cycle; null for the current cycle, and for imported history without one.',
  })
  closedBy(@Root() cycle: CertificationCycle, @Ctx() ctx: RequestContext) {
    return cycle.closedBy ? ctx.loaders.application.load(cycle.closedBy.applicationId) : null;
  }
}
