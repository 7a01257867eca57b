import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { Text } from '../../common/validators';
import { LocalDate } from '../../rules/calendar';
import { AMOUNT_MESSAGE, AMOUNT_RE, CURRENCY_MESSAGE, RATE_MESSAGE } from '../policy/policy.inputs';

/** CEU amounts of a policy: 0 to 999.99. */
const POLICY_CEU_RE = /^\d{1,3}(\.\d{1,2})?$/;
const POLICY_CEU_MESSAGE = '$property must be a number of CEUs from 0 to 999.99 with at most two decimals, e.g. "15.0"';
export const PROGRAM_CODE_RE = /^[A-Za-z][A-Za-z0-9-]{1,19}$/;
const PROGRAM_CODE_MESSAGE =
  '$property must be 2 to 20 letters, digits or dashes, starting with a letter, e.g. "NSCA-CSCS"';
const CATEGORY_CODE_RE = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;
const CATEGORY_CODE_MESSAGE =
  'code must be 1 to 20 letters, digits or underscores, starting with a letter, e.g. "PRACTICAL"';

@InputType({ description: 'A category of credit of a program, with its caps per cycle.' })
export class ProgramCategoryInput {
  @Field({ description: 'Code, unique in the program (1–20 letters, digits or underscores; kept upper-cased).' })
  @Matches(CATEGORY_CODE_RE, { message: CATEGORY_CODE_MESSAGE })
  code!: string;

  @Field({ description: 'Name shown to trainers (1–200 characters).' })
  @Text(200)
  name!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'At most this many CEUs of the category count in a cycle; null for no cap.',
  })
  @IsOptional()
  @Matches(POLICY_CEU_RE, { message: POLICY_CEU_MESSAGE })
  maximumCeu?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'At least this many CEUs of the category must count in a cycle; null for no minimum.',
  })
  @IsOptional()
  @Matches(POLICY_CEU_RE, { message: POLICY_CEU_MESSAGE })
  minimumCeu?: string | null;
}

@InputType({
  description:
    'The numbers of a program’s recertification rules. For `updateProgramPolicy`, fields left out keep their value (`categories`, when given, replaces the whole list). For `defineProgram`, `cycleMonths`, `requiredCeu`, `ceuPerContactHour` and the four fees are required and the others default as described.',
})
export class ProgramPolicyInput {
  @Field(() => Int, { nullable: true, description: 'R1: months in a cycle, 1 to 120 (CPT: 24).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  cycleMonths?: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'R1: CEUs required in a cycle, CPR/AED included (CPT: "2.0").',
  })
  @IsOptional()
  @Matches(POLICY_CEU_RE, { message: POLICY_CEU_MESSAGE })
  requiredCeu?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'R2: CEUs one contact hour is worth, "0.01" to "10" (CPT: "0.1"; one contact hour = one CEU: "1.0").',
  })
  @IsOptional()
  @Matches(/^\d{1,2}(\.\d{1,2})?$/, {
    message: 'ceuPerContactHour must be a number from 0.01 to 10 with at most two decimals',
  })
  ceuPerContactHour?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'R1/R7: a current CPR/AED credential is required to recertify (default false).',
  })
  @IsOptional()
  cprAedRequired?: boolean | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'R1: CEUs a current CPR/AED credential brings, part of `requiredCeu` (default "0"; CPT "0.1").',
  })
  @IsOptional()
  @Matches(POLICY_CEU_RE, { message: POLICY_CEU_MESSAGE })
  cprAedCeu?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'R7: the CPR/AED credential must include a hands-on skills assessment, waivers aside (default true).',
  })
  @IsOptional()
  handsOnRequired?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'R5: days after expiry during which coursework still counts, 0 to 365 (default 90).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  courseworkGraceDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'R8: days after expiry with the late fee only, 0 to 365 (default 90).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  lateWindowDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'R8/R12: months after expiry at which the window closes and the credential lapses, 1 to 60 (default 12).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  closeAfterMonths?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'R7: days after a hands-on waiver is lifted during which online-only cards are still accepted, 0 to 365 (default 60).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  waiverGraceDays?: number | null;

  @Field(() => [Int], {
    nullable: true,
    description:
      'Days before expiry at which `certification.expiring` events are sent: up to ten different numbers, 1 to 365 (default 90, 60, 30, 7).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  reminderDays?: number[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'R6: petition fee, e.g. "25.00".' })
  @IsOptional()
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  petitionFee?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'R8: standard recertification fee, charged when no fee schedule is in force, e.g. "99.00".',
  })
  @IsOptional()
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  recertificationFee?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'R8: standard late fee, e.g. "30.00".' })
  @IsOptional()
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  lateFee?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'R8: standard additional fee, e.g. "50.00".' })
  @IsOptional()
  @Matches(AMOUNT_RE, { message: AMOUNT_MESSAGE })
  additionalFee?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'R11: share of accepted applications audited, "0" to "1" (default "0.1").',
  })
  @IsOptional()
  @Matches(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, { message: RATE_MESSAGE })
  auditRate?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'R11: days after selection by which audit documents are due, 1 to 365 (default 30).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  auditDocumentsDays?: number | null;

  @Field(() => [ProgramCategoryInput], {
    nullable: true,
    description: 'Categories of credit, in the order to show them, at most 20 (default none).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  categories?: ProgramCategoryInput[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'At least this many categories must count some CEUs in a cycle, 0 to the number of categories (default 0).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  minimumCategories?: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'At most this many CEUs of one completion count (default: no cap). Give "0" to remove a cap.',
  })
  @IsOptional()
  @Matches(POLICY_CEU_RE, { message: POLICY_CEU_MESSAGE })
  maximumCeuPerEvent?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'At least this many CEUs must come from the certifying body’s own courses (default "0").',
  })
  @IsOptional()
  @Matches(POLICY_CEU_RE, { message: POLICY_CEU_MESSAGE })
  minimumOwnCoursesCeu?: string | null;
}

@InputType({ description: 'A new credential program with its first policy (staff).' })
export class DefineProgramInput {
  @Field({ description: 'Code, unique (2–20 letters, digits or dashes; kept upper-cased), e.g. "NSCA-CSCS".' })
  @Matches(PROGRAM_CODE_RE, { message: PROGRAM_CODE_MESSAGE })
  code!: string;

  @Field({ description: 'Name of the credential (1–200 characters).' })
  @Text(200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of its fees; default USD.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: CURRENCY_MESSAGE })
  currencyCode?: string | null;

  @Field(() => ProgramPolicyInput, { description: 'Its recertification policy; see the input type.' })
  @ValidateNested()
  policy!: ProgramPolicyInput;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({
  description:
    'A change of a program’s policy for receipts on or after a date, today or later (earlier quotes and decisions keep their answers). A change dated on the same day as another not yet superseded replaces it; the values before and after are kept in the decision log.',
})
export class UpdateProgramPolicyInput {
  @Field({ description: 'The program, e.g. CPT.' })
  @MaxLength(20)
  programCode!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'First receipt date the change applies to: today or later (EFFECTIVE_IN_PAST otherwise); default today.',
  })
  @IsOptional()
  effectiveFrom?: LocalDate | null;

  @Field(() => ProgramPolicyInput, { description: 'The numbers that change; fields left out keep their value.' })
  @ValidateNested()
  policy!: ProgramPolicyInput;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}
