import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { reload } from '../../common/loader-helpers';
import { connectionType, PageArgs } from '../../common/pagination';
import { Payload } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { auditOverdue } from '../../rules/audit';
import { RecertificationApplication } from '../recertification/recertification.entity';
import { Audit, AuditDocument } from './audit.entity';
import { AuditFilter, ResolveAuditInput, SubmitAuditDocumentsInput } from './audit.inputs';
import { AuditService } from './audit.service';

const AuditConnection = connectionType(Audit, 'Audit');

@ObjectType({ description: 'Result of a mutation on an audit.' })
export class AuditPayload extends Payload {
  @Field(() => Audit, { nullable: true, description: 'The audit as it is now; null when refused.' })
  audit?: Audit | null;
}

@Resolver(() => Audit)
export class AuditResolver {
  constructor(private readonly service: AuditService) {}

  @Authorized('TRAINER', 'STAFF')
  @Query(() => AuditConnection, {
    description:
      'Audits, oldest first: a trainer’s own, or all for staff (filter `overdue: true` for the overdue list).',
  })
  async audits(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => AuditFilter, { nullable: true, description: 'Narrow the list.' }) filter?: AuditFilter | null,
  ) {
    return AuditConnection.of(await this.service.list(ctx, filter, page));
  }

  @FieldResolver(() => Boolean, { description: 'True when documents are still missing after the due date (R11).' })
  overdue(@Root() audit: Audit, @Ctx() ctx: RequestContext) {
    return auditOverdue(audit.documentsDueOn, audit.status !== 'AWAITING_DOCUMENTS', ctx.today);
  }

  @FieldResolver(() => RecertificationApplication, { description: 'The audited application.' })
  async application(@Root() audit: Audit, @Ctx() ctx: RequestContext) {
    return ctx.loaders.application.load(audit.applicationId);
  }

  @FieldResolver(() => [AuditDocument], { description: 'Documents submitted, oldest first.' })
  documents(@Root() audit: Audit, @Ctx() ctx: RequestContext) {
    return ctx.loaders.documentsByAudit.load(audit.id);
  }

  @Authorized('TRAINER')
  @Mutation(() => AuditPayload, {
    description: 'The trainer submits audit documents (metadata: name, media type, size, SHA-256, location).',
  })
  async submitAuditDocuments(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SubmitAuditDocumentsInput,
  ): Promise<AuditPayload> {
    const { auditId } = await this.service.submitDocuments(ctx, input);
    return { audit: await reload(ctx.loaders.audit, auditId), userErrors: [] };
  }

  @Authorized('STAFF')
  @Mutation(() => AuditPayload, {
    description:
      'Staff pass an audit (the application is approved, R10) or fail it with a reason (refused). Staff only.',
  })
  async resolveAudit(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ResolveAuditInput,
  ): Promise<AuditPayload> {
    const { auditId } = await this.service.resolve(ctx, input);
    return { audit: await reload(ctx.loaders.audit, auditId), userErrors: [] };
  }
}
