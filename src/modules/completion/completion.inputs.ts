import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotentInput } from '../../common/idempotency/idempotency.inputs';
import { Text } from '../../common/validators';
import { DateScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';

export const MAX_REPORT_ROWS = 500;

@InputType({ description: 'A trainer reports having completed a catalogue course.' })
export class ReportCompletionInput extends IdempotentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The certification (crt_…); may be left out by a trainer holding one.',
  })
  @IsOptional()
  @MaxLength(40)
  certificationId?: string | null;

  @Field(() => ID, { description: 'The catalogue course (crs_…).' })
  @MaxLength(40)
  courseId!: string;

  @Field(() => DateScalar, { description: 'Date the course was completed (not after today).' })
  completedOn!: LocalDate;
}

@InputType({ description: 'One completion in a provider’s report.' })
export class CompletionReportRow {
  @Field({ description: 'Certification number of the trainer, as printed on the certificate.' })
  @Text(32)
  certificationNumber!: string;

  @Field({ description: 'Family name of the trainer; must match the certification holder (case and accents ignored).' })
  @Text(100)
  lastName!: string;

  @Field(() => String, { nullable: true, description: 'Given name; checked too when present.' })
  @IsOptional()
  @Text(100)
  firstName?: string | null;

  @Field(() => ID, { description: 'One of the provider’s approved courses (crs_…).' })
  @MaxLength(40)
  courseId!: string;

  @Field(() => DateScalar, { description: 'Date the course was completed.' })
  completedOn!: LocalDate;

  @Field(() => String, { nullable: true, description: 'The provider’s own reference for the row, echoed back.' })
  @IsOptional()
  @Text(100, { blank: true })
  externalRef?: string | null;
}

@InputType({ description: 'A provider’s report of completions of its courses: 1 to 500 rows, answered row by row.' })
export class ReportCompletionsInput extends IdempotentInput {
  @Field(() => [CompletionReportRow], { description: 'The completions, at most 500.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPORT_ROWS)
  @ValidateNested({ each: true })
  rows!: CompletionReportRow[];
}

@InputType({ description: 'Narrows the completions a provider reported; every filter is served by an index.' })
export class ReportedCompletionFilter {
  @Field(() => ID, {
    nullable: true,
    description:
      'Staff: the provider whose reported completions to list (prv_…), required for staff. Ignored for providers.',
  })
  @IsOptional()
  @MaxLength(40)
  providerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only completions of this course (crs_…).' })
  @IsOptional()
  @MaxLength(40)
  courseId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only completions dated on or after this day.' })
  @IsOptional()
  completedFrom?: LocalDate | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only completions dated on or before this day.' })
  @IsOptional()
  completedThrough?: LocalDate | null;

  @Field(() => String, { nullable: true, description: 'Only completions reported with this externalRef (exact).' })
  @IsOptional()
  @MaxLength(100)
  externalRef?: string | null;
}
