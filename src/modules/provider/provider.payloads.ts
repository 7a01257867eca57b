import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/pagination';
import { Payload } from '../../common/user-errors';
import { Provider } from './provider.entity';

@ObjectType({ description: 'Result of a mutation on a provider.' })
export class ProviderPayload extends Payload {
  @Field(() => Provider, { nullable: true, description: 'The provider as it is now; null when refused.' })
  provider?: Provider | null;
}

export const ProviderConnection = connectionType(Provider, 'Provider');
