import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/ids';
import { reload } from '../../common/loader-helpers';
import { PageArgs } from '../../common/pagination';
import { DateScalar } from '../../common/scalars';
import { RequestContext } from '../../context';
import { LocalDate } from '../../rules/calendar';
import { certificationStatus } from '../../rules/windows';
import { Audit } from '../audit/audit.entity';
import { Completion } from '../completion/completion.entity';
import { Transcript } from '../completion/transcript.types';
import { policyIn } from '../program/program.facts';
import { Certification } from '../trainer/trainer.entity';
import { RecertificationApplication } from './recertification.entity';
import { RecertificationApplicationFilter, SubmitRecertificationInput } from './recertification.inputs';
import {
  complianceView,
  quoteView,
  RecertificationApplicationConnection,
  RecertificationPayload,
} from './recertification.payloads';
import { RecertificationService } from './recertification.service';
import { CertificationStatus, Compliance, RecertificationQuote } from './recertification.types';

async function view(service: RecertificationService, ctx: RequestContext, certificationId: number, on: LocalDate) {
  const decided = await service.compliance(ctx, certificationId, on);
  if (!decided) return null;
  const credential = decided.cprAed.cardId ? await ctx.loaders.cprAedCredential.load(decided.cprAed.cardId) : null;
  return { decided, compliance: complianceView(decided, on, credential) };
}

@Resolver(() => RecertificationApplication)
export class RecertificationResolver {
  constructor(private readonly service: RecertificationService) {}

  @Query(() => RecertificationQuote, {
    nullable: true,
    description:
      'What-if: the phase, fees and blockers of an application received on a date (R8, R9). The trainer themself and staff.',
  })
  async recertificationQuote(
    @Ctx() ctx: RequestContext,
    @Arg('certificationId', () => ID, { description: 'The certification (crt_…).' }) certificationId: string,
    @Arg('receivedOn', () => DateScalar, { description: 'The receipt date to price.' }) receivedOn: LocalDate,
  ) {
    const id = fromGlobalId('Certification', certificationId);
    const result = id ? await view(this.service, ctx, id, receivedOn) : null;
    return result ? quoteView(result.decided, receivedOn) : null;
  }

  @Authorized('TRAINER', 'STAFF')
  @Query(() => RecertificationApplicationConnection, {
    description: 'Recertification applications, oldest first: a trainer’s own, or all for staff.',
  })
  async recertificationApplications(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => RecertificationApplicationFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: RecertificationApplicationFilter | null,
  ) {
    return RecertificationApplicationConnection.of(await this.service.list(ctx, filter, page));
  }

  @Authorized('TRAINER', 'STAFF')
  @Mutation(() => RecertificationPayload, {
    description:
      'Apply to recertify, received today. Refused with every blocker as userErrors when R9 is not met; otherwise charged (R8), possibly selected for audit (R11), else approved with the new expiry (R10).',
  })
  async submitRecertification(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SubmitRecertificationInput,
  ): Promise<RecertificationPayload> {
    const { applicationId } = await this.service.submit(ctx, input);
    return { application: await reload(ctx.loaders.application, applicationId), userErrors: [] };
  }

  @FieldResolver(() => Certification, { description: 'The certification being renewed.' })
  async certification(@Root() application: RecertificationApplication, @Ctx() ctx: RequestContext) {
    return ctx.loaders.certification.load(application.certificationId);
  }

  @FieldResolver(() => Audit, { nullable: true, description: 'The audit, when the application was selected (R11).' })
  async audit(@Root() application: RecertificationApplication, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.auditsByApplication.load(application.id))[0] ?? null;
  }

  @FieldResolver(() => [Completion], {
    description: 'The completions the application counted; an approved application uses them for good (R5).',
  })
  completions(@Root() application: RecertificationApplication, @Ctx() ctx: RequestContext) {
    return this.service.completionsOf(ctx, application.id);
  }
}

@Resolver(() => Certification)
export class CertificationComplianceResolver {
  constructor(private readonly service: RecertificationService) {}

  @FieldResolver(() => CertificationStatus, { description: 'Status on a date (R12): ACTIVE, EXPIRED or LAPSED.' })
  async status(
    @Root() certification: Certification,
    @Ctx() ctx: RequestContext,
    @Arg('on', () => DateScalar, { nullable: true, description: 'The date; default today.' }) on?: LocalDate | null,
  ) {
    const day = on ?? ctx.today;
    const catalog = await ctx.loaders.programCatalog.load('all');
    return certificationStatus(certification.expiresOn, day, policyIn(catalog.of(certification.programCode), day));
  }

  @FieldResolver(() => Compliance, {
    nullable: true,
    description: 'The compliance summary on a date (default today); null for callers who may not see it.',
  })
  async compliance(
    @Root() certification: Certification,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; default today.' }) asOf?: LocalDate | null,
  ) {
    return (await view(this.service, ctx, certification.id, asOf ?? ctx.today))?.compliance ?? null;
  }
}

@Resolver(() => Transcript)
export class TranscriptComplianceResolver {
  constructor(private readonly service: RecertificationService) {}

  @FieldResolver(() => Compliance, {
    description:
      'Does the trainer meet the requirements on a date (default: the transcript’s date), and if not what is missing, by when, at what cost.',
  })
  async compliance(
    @Root() transcript: Transcript,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; default the transcript’s asOf.' })
    asOf?: LocalDate | null,
  ) {
    return (await view(this.service, ctx, transcript.certification.id, asOf ?? transcript.asOf))?.compliance;
  }
}
