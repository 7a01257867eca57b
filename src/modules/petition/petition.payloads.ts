import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/pagination';
import { Payload } from '../../common/user-errors';
import { Petition } from './petition.entity';

@ObjectType({ description: 'Result of a mutation on a petition.' })
export class PetitionPayload extends Payload {
  @Field(() => Petition, { nullable: true, description: 'The petition as it is now; null when refused.' })
  petition?: Petition | null;
}

export const PetitionConnection = connectionType(Petition, 'Petition');
