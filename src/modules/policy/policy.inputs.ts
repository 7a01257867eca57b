import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { Text } from '../../common/validators';
import { LocalDate } from '../../rules/calendar';

const AMOUNT_RE = /^\d{1,6}(\.\d{1,2})?$/;

@InputType({ description: 'Recertification fees for applications received on or after a date (R8).' })
export class SetFeeScheduleInput {
  @Field(() => DateScalar, {
    description: 'First receipt date the fees apply to; a schedule with the same date is replaced.',
  })
  effectiveFrom!: LocalDate;

  @Field(() => DecimalScalar, { description: 'Recertification fee, e.g. "99.00".' })
  @Matches(AMOUNT_RE)
  recertificationFee!: string;

  @Field(() => DecimalScalar, { description: 'Late fee, e.g. "30.00".' })
  @Matches(AMOUNT_RE)
  lateFee!: string;

  @Field(() => DecimalScalar, { description: 'Additional fee, e.g. "50.00".' })
  @Matches(AMOUNT_RE)
  additionalFee!: string;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency code; default USD.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currencyCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({
  description: 'Declare a hands-on waiver period, or change one (to lift it, give its ID and `liftedOn`) (R7).',
})
export class SetHandsOnWaiverInput {
  @Field(() => ID, { nullable: true, description: 'The waiver to change (wvr_…); leave out to declare a new one.' })
  @IsOptional()
  @MaxLength(40)
  waiverId?: string | null;

  @Field(() => DateScalar, { description: 'First day of the waiver.' })
  startsOn!: LocalDate;

  @Field(() => DateScalar, { nullable: true, description: 'Day the waiver is lifted; null while it is in force.' })
  @IsOptional()
  liftedOn?: LocalDate | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({ description: 'Program settings (R6, R11); fields left out keep their value.' })
export class SetProgramPolicyInput {
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Share of accepted applications audited, "0" to "1", e.g. "0.10" (R11).',
  })
  @IsOptional()
  @Matches(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/)
  auditRate?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Days after selection by which audit documents are due, 1 to 365 (R11).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  auditDocumentsDays?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Petition fee, e.g. "25.00" (R6).' })
  @IsOptional()
  @Matches(AMOUNT_RE)
  petitionFee?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}
