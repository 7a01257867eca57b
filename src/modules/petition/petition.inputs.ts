import { IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IdempotentInput } from '../../common/idempotency/idempotency.inputs';
import { Text } from '../../common/validators';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { CEU_MESSAGE, CEU_RE, HOURS_MESSAGE, HOURS_RE } from '../course/course.inputs';
import { PetitionStatus } from './petition.entity';

@InputType({ description: 'A course or event outside the catalogue, described by the trainer.' })
export class PetitionEventInput {
  @Field({ description: 'Title of the course or event (1–200 characters).' })
  @Text(200)
  title!: string;

  @Field({ description: 'Who offered it (1–200 characters).' })
  @Text(200)
  providerName!: string;

  @Field(() => DateScalar, { description: 'Date it was completed (not after today).' })
  completedOn!: LocalDate;

  @Field(() => DecimalScalar, { description: 'Contact hours, 0.5 to 200 in steps of 0.1.' })
  @Matches(HOURS_RE, { message: HOURS_MESSAGE })
  contactHours!: string;
}

@InputType({
  description:
    'A petition to count a completion that was not pre-approved. Give either `completionId` or `event`. The fee is charged now and never refunded (R6).',
})
export class SubmitPetitionInput extends IdempotentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The certification (crt_…); may be left out by a trainer holding one.',
  })
  @IsOptional()
  @MaxLength(40)
  certificationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A transcript entry that needs a petition (cmp_…).' })
  @IsOptional()
  @MaxLength(40)
  completionId?: string | null;

  @Field(() => PetitionEventInput, { nullable: true, description: 'A course or event outside the catalogue.' })
  @IsOptional()
  @ValidateNested()
  event?: PetitionEventInput | null;

  @Field({ description: 'Why it should count (1–2000 characters).' })
  @Text(2000)
  justification!: string;
}

@InputType({ description: 'The trainer withdraws a pending petition. The fee is not refunded.' })
export class WithdrawPetitionInput {
  @Field(() => ID, { description: 'The petition (pet_…).' })
  @MaxLength(40)
  petitionId!: string;

  @Field(() => String, { nullable: true, description: 'Why (optional).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

export enum PetitionDecision {
  APPROVE = 'APPROVE',
  DENY = 'DENY',
}
registerEnumType(PetitionDecision, {
  name: 'PetitionDecision',
  description: 'A staff decision on a petition.',
  valuesConfig: {
    APPROVE: { description: 'Approve, awarding CEUs (default: contact hours × 0.1).' },
    DENY: { description: 'Deny, with a reason. The fee is not refunded.' },
  },
});

@InputType({ description: 'A staff decision on a pending petition.' })
export class DecidePetitionInput {
  @Field(() => ID, { description: 'The petition (pet_…).' })
  @MaxLength(40)
  petitionId!: string;

  @Field(() => PetitionDecision, { description: 'Approve or deny.' })
  decision!: PetitionDecision;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'CEUs to award on approval (0.01 to 99.99); default: the R2 value of the contact hours.',
  })
  @IsOptional()
  @Matches(CEU_RE, { message: CEU_MESSAGE })
  awardedCeu?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'On approval, the category of the certification’s program the awarded CEUs belong to; required when the program has categories.',
  })
  @IsOptional()
  @MaxLength(20)
  categoryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Why; required to deny (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({ description: 'Which petitions to list.' })
export class PetitionFilter {
  @Field(() => PetitionStatus, { nullable: true, description: 'Only petitions in this status.' })
  @IsOptional()
  status?: PetitionStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only petitions of this certification (crt_…).' })
  @IsOptional()
  @MaxLength(40)
  certificationId?: string | null;
}
