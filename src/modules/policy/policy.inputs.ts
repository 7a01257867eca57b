import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { Text } from '../../common/validators';
import { LocalDate } from '../../rules/calendar';

export const AMOUNT_RE = /^\d{1,6}(\.\d{1,2})?$/;
export const AMOUNT_MESSAGE =
  '$property must be an amount from 0.00 to 100000.00 with at most two decimals, e.g. "99.00"';
export const CURRENCY_MESSAGE = 'currencyCode must be three capital letters (an ISO 4217 code), e.g. "USD"';
export const RATE_MESSAGE = 'auditRate must be a share from 0 to 1 with at most four decimals, e.g. "0.10"';

/** Base of the policy inputs that concern one program: the default one unless named. */
@InputType()
export abstract class ProgramNamedInput {
  @Field(() => String, {
    nullable: true,
    description: 'The credential program (e.g. CPT); left out, the default program.',
  })
  @IsOptional()
  @MaxLength(20)
  programCode?: string | null;
}

@InputType({
  description:
    'New recertification fees for applications received on or after a date (R8). Fees already in force are never rewritten: the date is today or later, and a date that already has a schedule is refused (correct that one with correctFeeSchedule).',
})
export class SetFeeScheduleInput extends ProgramNamedInput {
  @Field(() => DateScalar, {
    description:
      'First receipt date the fees apply to: today or later (EFFECTIVE_IN_PAST otherwise); a date with a schedule already is EFFECTIVE_DATE_TAKEN.',
  })
  effectiveFrom!: LocalDate;

  @Field(() => DecimalScalar, { description: 'Recertification fee, e.g. "99.00".' })
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  recertificationFee!: string;

  @Field(() => DecimalScalar, { description: 'Late fee, e.g. "30.00".' })
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  lateFee!: string;

  @Field(() => DecimalScalar, { description: 'Additional fee, e.g. "50.00".' })
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  additionalFee!: string;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency code; default USD.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: CURRENCY_MESSAGE })
  currencyCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({
  description:
    'Declare a hands-on waiver period, or change one (to lift it, give its ID and `liftedOn`) (R7). Days before today are never moved: a new waiver starts today or later; a waiver that has started keeps its start; a waiver is lifted today or later, and one lifted before today stays lifted. Past mistakes are fixed with correctHandsOnWaiver.',
})
export class SetHandsOnWaiverInput extends ProgramNamedInput {
  @Field(() => ID, { nullable: true, description: 'The waiver to change (wvr_…); leave out to declare a new one.' })
  @IsOptional()
  @MaxLength(40)
  waiverId?: string | null;

  @Field(() => DateScalar, {
    description:
      'First day of the waiver: today or later for a new waiver; for a change, the same start, or another date today or later while the waiver has not started (EFFECTIVE_IN_PAST otherwise).',
  })
  startsOn!: LocalDate;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Day the waiver is lifted, on or after its start and today or later; null while it is in force. A waiver lifted before today cannot be changed here (EFFECTIVE_IN_PAST).',
  })
  @IsOptional()
  liftedOn?: LocalDate | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({
  description:
    'Program settings (R6, R11); fields left out keep their value. A change applies from now on: a petition keeps the fee charged at its submission and an audit the rate and due date of its selection; the values before and after are kept in the decision log.',
})
export class SetProgramPolicyInput extends ProgramNamedInput {
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Share of accepted applications audited, "0" to "1", e.g. "0.10" (R11).',
  })
  @IsOptional()
  @Matches(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, { message: RATE_MESSAGE })
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
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  petitionFee?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({
  description:
    'Correct a fee schedule entered wrongly (R8), also one already in force. The schedule is not changed: a new one with the corrected values replaces it, and the old one stays readable with `supersededBy` naming the new one. Logged with the values before and after.',
})
export class CorrectFeeScheduleInput {
  @Field(() => ID, { description: 'The schedule to correct (fee_…); it must be current (not already corrected).' })
  @MaxLength(40)
  feeScheduleId!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Corrected first receipt date; left out, the same. Another current schedule may not have it (EFFECTIVE_DATE_TAKEN).',
  })
  @IsOptional()
  effectiveFrom?: LocalDate | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Corrected recertification fee; left out, the same.' })
  @IsOptional()
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  recertificationFee?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Corrected late fee; left out, the same.' })
  @IsOptional()
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  lateFee?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Corrected additional fee; left out, the same.' })
  @IsOptional()
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  additionalFee?: string | null;

  @Field({ description: 'Why the schedule was wrong (1–2000 characters; kept in the decision log).' })
  @Text(2000)
  reason!: string;
}

@InputType({
  description:
    'Correct a hands-on waiver entered wrongly (R7), also its past days. The waiver is not changed: a new one with the corrected dates replaces it, and the old one stays readable with `supersededBy` naming the new one. Logged with the dates before and after.',
})
export class CorrectHandsOnWaiverInput {
  @Field(() => ID, { description: 'The waiver to correct (wvr_…); it must be current (not already corrected).' })
  @MaxLength(40)
  waiverId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Corrected first day; left out, the same.' })
  @IsOptional()
  startsOn?: LocalDate | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Corrected day the waiver was lifted, on or after its start; left out, the same.',
  })
  @IsOptional()
  liftedOn?: LocalDate | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when the waiver was in fact never lifted (its lift date is removed); `liftedOn` is then left out.',
  })
  @IsOptional()
  notLifted?: boolean | null;

  @Field({ description: 'Why the waiver was wrong (1–2000 characters; kept in the decision log).' })
  @Text(2000)
  reason!: string;
}
