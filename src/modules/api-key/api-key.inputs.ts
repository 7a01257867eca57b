import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Text } from '../../common/validators';

@InputType({ description: 'Staff create an API key for a provider partner.' })
export class CreateApiKeyInput {
  @Field(() => ID, { description: 'The provider (prv_…).' })
  @MaxLength(40)
  providerId!: string;

  @Field(() => String, { nullable: true, description: 'What the key is for (at most 200 characters).' })
  @IsOptional()
  @Text(200)
  label?: string | null;
}

@InputType({ description: 'Revoke an API key: it is refused from then on.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key (key_…).' })
  @MaxLength(40)
  apiKeyId!: string;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}
