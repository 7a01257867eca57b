import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/ids';
import { reload } from '../../common/loader-helpers';
import { PageArgs } from '../../common/pagination';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import {
  AddProviderProgramInput,
  ApplyAsProviderInput,
  ProviderDecisionInput,
  ProviderFilter,
} from './provider.inputs';
import { Provider, ProviderApprovalPeriod } from './provider.entity';
import { ProviderConnection, ProviderPayload } from './provider.payloads';
import { ProviderService } from './provider.service';

@Resolver(() => Provider)
export class ProviderResolver {
  constructor(private readonly service: ProviderService) {}

  @Query(() => ProviderConnection, {
    description:
      'Providers, oldest first. The public sees approved providers; staff see all; a provider also sees itself.',
  })
  async providers(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ProviderFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: ProviderFilter | null,
  ) {
    return ProviderConnection.of(await this.service.list(ctx, filter, page));
  }

  @Query(() => Provider, {
    nullable: true,
    description: 'One provider, or null when it does not exist or is not visible.',
  })
  provider(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Provider ID (prv_…).' }) id: string) {
    const providerId = fromGlobalId('Provider', id);
    return providerId ? this.service.get(ctx, providerId) : null;
  }

  @FieldResolver(() => String, {
    name: 'contactEmail',
    nullable: true,
    description:
      'Where the certification body writes to the provider. Staff and the provider itself only; null for others.',
  })
  contactEmailFor(@Root() provider: Provider, @Ctx() ctx: RequestContext): string | null {
    return isStaff(ctx) || providerIdOf(ctx) === provider.id ? provider.contactEmail : null;
  }

  @FieldResolver(() => [String], {
    description: 'Codes of the credential programs the provider applied for; its courses are approved for these only.',
  })
  programCodes(@Root() provider: Provider, @Ctx() ctx: RequestContext) {
    return ctx.loaders.providerPrograms.load(provider.id);
  }

  @FieldResolver(() => [ProviderApprovalPeriod], {
    description: 'Spans of days during which the provider was approved (R3 history).',
  })
  approvalPeriods(@Root() provider: Provider, @Ctx() ctx: RequestContext) {
    return ctx.loaders.providerPeriods.load(provider.id);
  }

  @Mutation(() => ProviderPayload, {
    description: 'An education company applies to become an approved provider. Open to anyone.',
  })
  async applyAsProvider(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ApplyAsProviderInput,
  ): Promise<ProviderPayload> {
    const { providerId } = await this.service.apply(ctx, input);
    return { provider: await reload(ctx.loaders.provider, providerId), userErrors: [] };
  }

  @Authorized('PROVIDER', 'STAFF')
  @Mutation(() => ProviderPayload, {
    description:
      'A provider applies to the list of one more credential program (staff may do it for a provider). Logged.',
  })
  async addProviderProgram(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: AddProviderProgramInput,
  ): Promise<ProviderPayload> {
    const { providerId } = await this.service.addProgram(ctx, input);
    return { provider: await reload(ctx.loaders.provider, providerId), userErrors: [] };
  }

  @Authorized('STAFF')
  @Mutation(() => ProviderPayload, {
    description: 'Staff approve a pending provider, or reinstate a suspended one. Staff only.',
  })
  approveProvider(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ProviderDecisionInput,
  ) {
    return this.decide(ctx, 'approve', input);
  }

  @Authorized('STAFF')
  @Mutation(() => ProviderPayload, { description: 'Staff reject a pending application, with a reason. Staff only.' })
  rejectProvider(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ProviderDecisionInput,
  ) {
    return this.decide(ctx, 'reject', input);
  }

  @Authorized('STAFF')
  @Mutation(() => ProviderPayload, {
    description:
      'Staff suspend an approved provider, with a reason. Completions after today need a petition; earlier ones keep their credit (R3). Staff only.',
  })
  suspendProvider(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: ProviderDecisionInput,
  ) {
    return this.decide(ctx, 'suspend', input);
  }

  private async decide(ctx: RequestContext, action: 'approve' | 'reject' | 'suspend', input: ProviderDecisionInput) {
    const { providerId } = await this.service.decide(ctx, action, input);
    return { provider: await reload(ctx.loaders.provider, providerId), userErrors: [] };
  }
}
