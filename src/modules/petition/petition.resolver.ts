import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/ids';
import { reload } from '../../common/loader-helpers';
import { PageArgs } from '../../common/pagination';
import { RequestContext } from '../../context';
import { Completion } from '../completion/completion.entity';
import { Certification } from '../trainer/trainer.entity';
import { DecidePetitionInput, PetitionFilter, SubmitPetitionInput, WithdrawPetitionInput } from './petition.inputs';
import { Petition } from './petition.entity';
import { PetitionConnection, PetitionPayload } from './petition.payloads';
import { PetitionService } from './petition.service';

@Resolver(() => Petition)
export class PetitionResolver {
  constructor(private readonly service: PetitionService) {}

  @Authorized('TRAINER', 'STAFF')
  @Query(() => PetitionConnection, { description: 'Petitions, oldest first: a trainer’s own, or all for staff.' })
  async petitions(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => PetitionFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: PetitionFilter | null,
  ) {
    return PetitionConnection.of(await this.service.list(ctx, filter, page));
  }

  @Query(() => Petition, {
    nullable: true,
    description: 'One petition: the trainer’s own, or any for staff; null otherwise.',
  })
  petition(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Petition ID (pet_…).' }) id: string) {
    const petitionId = fromGlobalId('Petition', id);
    return petitionId ? this.service.get(ctx, petitionId) : null;
  }

  @FieldResolver(() => Completion, { description: 'The transcript entry the petition is about.' })
  async completion(@Root() petition: Petition, @Ctx() ctx: RequestContext) {
    return ctx.loaders.completion.load(petition.completionId);
  }

  @FieldResolver(() => Certification, { description: 'The certification the petition is for.' })
  async certification(@Root() petition: Petition, @Ctx() ctx: RequestContext) {
    return ctx.loaders.certification.load(petition.certificationId);
  }

  @Authorized('TRAINER')
  @Mutation(() => PetitionPayload, {
    description:
      'A trainer petitions to count a completion that was not pre-approved; the fee is charged now, never refunded (R6).',
  })
  async submitPetition(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SubmitPetitionInput,
  ) {
    return this.payload(ctx, await this.service.submit(ctx, input));
  }

  @Authorized('TRAINER')
  @Mutation(() => PetitionPayload, {
    description: 'A trainer withdraws a pending petition; the fee is not refunded (R6).',
  })
  async withdrawPetition(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: WithdrawPetitionInput,
  ) {
    return this.payload(ctx, await this.service.withdraw(ctx, input));
  }

  @Authorized('STAFF')
  @Mutation(() => PetitionPayload, {
    description: 'Staff approve (awarding CEUs) or deny (with a reason) a pending petition (R6). Staff only.',
  })
  async decidePetition(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: DecidePetitionInput,
  ) {
    return this.payload(ctx, await this.service.decide(ctx, input));
  }

  private async payload(ctx: RequestContext, { petitionId }: { petitionId: number }): Promise<PetitionPayload> {
    return { petition: await reload(ctx.loaders.petition, petitionId), userErrors: [] };
  }
}
