import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/ids';
import { RequestContext } from '../../context';
import { CprAedCredential } from '../cpr-aed/cpr-aed.entity';
import { Certification, Trainer } from './trainer.entity';
import { TrainerService } from './trainer.service';

@Resolver(() => Trainer)
export class TrainerResolver {
  constructor(private readonly trainers: TrainerService) {}

  @Query(() => Trainer, {
    nullable: true,
    description: 'A trainer: visible to the trainer themself and to staff; null otherwise.',
  })
  trainer(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Trainer ID (trn_…).' }) id: string) {
    const trainerId = fromGlobalId('Trainer', id);
    return trainerId ? this.trainers.get(ctx, trainerId) : null;
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
  constructor(private readonly trainers: TrainerService) {}

  @FieldResolver(() => Trainer, {
    nullable: true,
    description: 'The holder of the certification: for the trainer themself and staff.',
  })
  trainer(@Root() certification: Certification, @Ctx() ctx: RequestContext) {
    return this.trainers.get(ctx, certification.trainerId);
  }
}
