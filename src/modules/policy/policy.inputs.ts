import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
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
