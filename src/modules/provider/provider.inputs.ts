import { ArrayMaxSize, ArrayMinSize, IsEmail, IsOptional, IsUrl, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotentInput } from '../../common/idempotency/idempotency.inputs';
import { Text } from '../../common/validators';
import { ProviderKind, ProviderStatus } from './provider.entity';

@InputType({ description: 'An education company applying to become an approved provider.' })
export class ApplyAsProviderInput extends IdempotentInput {
  @Field({ description: 'Name of the organisation (1–200 characters, unique).' })
  @Text(200)
  name!: string;

  @Field({ description: 'E-mail address for decisions and notices.' })
  @MaxLength(254)
  @IsEmail()
  contactEmail!: string;

  @Field(() => String, { nullable: true, description: 'Public web site (http or https URL).' })
  @IsOptional()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  website?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'The credential programs whose lists the provider applies to (see `programs`), at most 20; left out, the default program. Staff approve its courses for these programs only.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @MaxLength(20, { each: true })
  programCodes?: string[] | null;
}

@InputType({ description: 'A provider applies to the list of one more credential program.' })
export class AddProviderProgramInput {
  @Field(() => ID, { nullable: true, description: 'The provider (prv_…); a provider’s own key may leave it out.' })
  @IsOptional()
  @MaxLength(40)
  providerId?: string | null;

  @Field({ description: 'The program, e.g. GFI.' })
  @MaxLength(20)
  programCode!: string;
}

@InputType({ description: 'A staff decision on a provider.' })
export class ProviderDecisionInput {
  @Field(() => ID, { description: 'The provider (prv_…).' })
  @MaxLength(40)
  providerId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why (kept in the decision log). Required to reject or suspend.',
  })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({ description: 'Which providers to list.' })
export class ProviderFilter {
  @Field(() => ProviderStatus, {
    nullable: true,
    description: 'Only providers in this status (staff see every status; others only APPROVED).',
  })
  @IsOptional()
  status?: ProviderStatus | null;

  @Field(() => ProviderKind, { nullable: true, description: 'Only providers of this kind.' })
  @IsOptional()
  kind?: ProviderKind | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only providers whose name contains this text (case-insensitive).',
  })
  @IsOptional()
  @Text(200, { blank: true })
  text?: string | null;
}
