import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/pagination';
import { Payload } from '../../common/user-errors';
import { Certification, Trainer } from './trainer.entity';

@ObjectType({ description: 'Result of issuing a certification.' })
export class IssueCertificationPayload extends Payload {
  @Field(() => Certification, {
    nullable: true,
    description: 'The certification issued, with its holder; null when refused.',
  })
  certification?: Certification | null;
}

@ObjectType({ description: 'Result of a change to a trainer.' })
export class UpdateTrainerPayload extends Payload {
  @Field(() => Trainer, { nullable: true, description: 'The trainer as they are now; null when refused.' })
  trainer?: Trainer | null;
}

export const TrainerConnection = connectionType(Trainer, 'Trainer');
export const CertificationConnection = connectionType(Certification, 'Certification');
