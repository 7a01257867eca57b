import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/ids';
import { reload } from '../../common/loader-helpers';
import { PageArgs } from '../../common/pagination';
import { RequestContext } from '../../context';
import { CprAedCredential } from '../cpr-aed/cpr-aed.entity';
import { CertificationService } from './certification.service';
import { Certification, Trainer } from './trainer.entity';
import { CertificationFilter, IssueCertificationInput, TrainerFilter, UpdateTrainerInput } from './trainer.inputs';
import {
  CertificationConnection,
  IssueCertificationPayload,
  TrainerConnection,
  UpdateTrainerPayload,
} from './trainer.payloads';
import { TrainerService } from './trainer.service';

@Resolver(() => Trainer)
export class TrainerResolver {
  constructor(private readonly service: TrainerService) {}

  @Query(() => Trainer, {
    nullable: true,
    description: 'A trainer: visible to the trainer themself and to staff; null otherwise.',
  })
  trainer(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Trainer ID (trn_…).' }) id: string) {
    const trainerId = fromGlobalId('Trainer', id);
    return trainerId ? this.service.get(ctx, trainerId) : null;
  }

  @Authorized('STAFF')
  @Query(() => TrainerConnection, {
    description:
      'Find trainers by name, e-mail address or certification number, oldest first. Staff only (a trainer reads their own record through `viewer`).',
  })
  async trainers(
    @Args() page: PageArgs,
    @Arg('filter', () => TrainerFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: TrainerFilter | null,
  ) {
    return TrainerConnection.of(await this.service.list(filter, page));
  }

  @Authorized('TRAINER', 'STAFF')
  @Mutation(() => UpdateTrainerPayload, {
    description:
      'Change a trainer’s names or e-mail address (logged with before and after). Staff: any trainer; a trainer: their own e-mail address only.',
  })
  async updateTrainer(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to change; see the input type.' }) input: UpdateTrainerInput,
  ): Promise<UpdateTrainerPayload> {
    const { trainerId } = await this.service.update(ctx, input);
    return { trainer: await reload(ctx.loaders.trainer, trainerId), userErrors: [] };
  }

  @FieldResolver(() => [Certification], { description: 'The trainer’s certifications.' })
  certifications(@Root() trainer: Trainer, @Ctx() ctx: RequestContext) {
    return ctx.loaders.certificationsByTrainer.load(trainer.id);
  }

  @FieldResolver(() => [CprAedCredential], { description: 'CPR/AED cards on record, latest expiry first.' })
  cprAedCredentials(@Root() trainer: Trainer, @Ctx() ctx: RequestContext) {
    return ctx.loaders.cprAedByTrainer.load(trainer.id);
  }
}

@Resolver(() => Certification)
export class CertificationResolver {
  constructor(
    private readonly trainerService: TrainerService,
    private readonly service: CertificationService,
  ) {}

  @Authorized('STAFF')
  @Query(() => CertificationConnection, {
    description:
      'Certifications by expiry date (then ID), e.g. those expiring in the next 90 days or expired but still in the late window. Staff only (a trainer reads their own through `viewer`).',
  })
  async certifications(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CertificationFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: CertificationFilter | null,
  ) {
    return CertificationConnection.of(await this.service.list(ctx, filter, page));
  }

  @Authorized('STAFF')
  @Mutation(() => IssueCertificationPayload, {
    description:
      'Issue a certification to an existing trainer or to a new one; its first cycle starts on the issue date. Logged in the decision log. Staff only.',
  })
  async issueCertification(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to issue; see the input type.' }) input: IssueCertificationInput,
  ): Promise<IssueCertificationPayload> {
    const { certificationId } = await this.service.issue(ctx, input);
    return { certification: await reload(ctx.loaders.certification, certificationId), userErrors: [] };
  }

  @FieldResolver(() => Trainer, {
    nullable: true,
    description: 'The holder of the certification: for the trainer themself and staff.',
  })
  trainer(@Root() certification: Certification, @Ctx() ctx: RequestContext) {
    return this.trainerService.get(ctx, certification.trainerId);
  }
}
