import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsOptional,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IdempotencyKeyField } from '../../common/idempotency/idempotency.inputs';
import { Text } from '../../common/validators';
import { CreditPath } from '../../common/credit';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { CONTACT_HOURS_MESSAGE } from '../../rules/units';
import { CourseStatus, DeliveryFormat, Topic } from './course.entity';

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const HOURS_RE = /^\d{1,4}(\.\d)?$/;
export const CEU_RE = /^\d{1,2}(\.\d{1,2})?$/;
/** The form of contact hours (digits, at most one decimal); the range is checked by `contactHoursOf`. */
export const HOURS_MESSAGE = `${CONTACT_HOURS_MESSAGE}, e.g. "7.5"`;
export const CEU_MESSAGE = '$property must be a number from 0.01 to 99.99 with at most two decimals, e.g. "1.9"';

/** What a course is: the fields a provider registers it with, and the go-live import brings. */
@InputType()
export abstract class CourseFields {
  @Field({ description: 'The provider’s code for the course (1–40 letters, digits, dot, dash, underscore).' })
  @Text(40)
  @Matches(CODE_RE, { message: 'code may hold only letters, digits, dots, dashes and underscores' })
  code!: string;

  @Field({ description: 'Title (1–200 characters).' })
  @Text(200)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description (at most 5000 characters).' })
  @IsOptional()
  @Text(5000, { blank: true })
  description?: string | null;

  @Field(() => [Topic], { description: 'One to five topics.' })
  @ArrayMinSize(1, { message: 'topics must name at least one topic' })
  @ArrayMaxSize(5, { message: 'topics may name at most five topics' })
  @ArrayUnique({ message: 'topics must not name a topic twice' })
  topics!: Topic[];

  @Field(() => DeliveryFormat, { description: 'How the course is delivered.' })
  deliveryFormat!: DeliveryFormat;

  @Field(() => DecimalScalar, { description: 'Contact hours, 0.5 to 200 in steps of 0.1, e.g. "7.5".' })
  @Matches(HOURS_RE, { message: HOURS_MESSAGE })
  contactHours!: string;
}

@InputType({ description: 'A course a provider submits for review.' })
export class RegisterCourseInput extends CourseFields {
  @Field(() => ID, {
    nullable: true,
    description:
      'The provider the course belongs to: required for staff; a provider may leave it out or name itself (another provider is NOT_FOUND).',
  })
  @IsOptional()
  @MaxLength(40)
  providerId?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({
  description: 'Changes to a course that is pending review or was rejected; the course goes (back) to review.',
})
export class UpdateCourseInput {
  @Field(() => ID, { description: 'The course (crs_…).' })
  @MaxLength(40)
  courseId!: string;

  @Field(() => String, { nullable: true, description: 'New title (1–200 characters).' })
  @IsOptional()
  @Text(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New description (at most 5000 characters).' })
  @IsOptional()
  @Text(5000, { blank: true })
  description?: string | null;

  @Field(() => [Topic], { nullable: true, description: 'New topics (one to five).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  topics?: Topic[] | null;

  @Field(() => DeliveryFormat, { nullable: true, description: 'New delivery format.' })
  @IsOptional()
  deliveryFormat?: DeliveryFormat | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'New contact hours (0.5 to 200 in steps of 0.1).' })
  @IsOptional()
  @Matches(HOURS_RE, { message: HOURS_MESSAGE })
  contactHours?: string | null;
}

export enum CourseReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(CourseReviewDecision, {
  name: 'CourseReviewDecision',
  description: 'A staff decision on a course or on its renewal.',
  valuesConfig: {
    APPROVE: { description: 'Approve the course (or confirm its renewal).' },
    REJECT: { description: 'Reject the course (or its renewal); a reason is required.' },
  },
});

@InputType({ description: 'A course’s approval for one credential program: its CEU value and category there.' })
export class CourseProgramInput {
  @Field({ description: 'The program, e.g. GFI.' })
  @MaxLength(20)
  programCode!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'CEU value for the program (0.01 to 99.99); default: contact hours × the program’s CEUs per hour (R2).',
  })
  @IsOptional()
  @Matches(CEU_RE, { message: CEU_MESSAGE })
  ceuValue?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The program category of the course’s credit; required when the program has categories.',
  })
  @IsOptional()
  @MaxLength(20)
  categoryCode?: string | null;
}

@InputType({ description: 'Staff approve an approved course for one more credential program, from today.' })
export class ApproveCourseForProgramInput extends CourseProgramInput {
  @Field(() => ID, { description: 'The course (crs_…); it must be APPROVED.' })
  @MaxLength(40)
  courseId!: string;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({ description: 'A staff review of a course pending review, or of a pending renewal.' })
export class ReviewCourseInput {
  @Field(() => ID, { description: 'The course (crs_…).' })
  @MaxLength(40)
  courseId!: string;

  @Field(() => CourseReviewDecision, { description: 'Approve or reject.' })
  decision!: CourseReviewDecision;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'CEU value to assign on approval (0.01 to 99.99); default: contact hours × 0.1 (R2).',
  })
  @IsOptional()
  @Matches(CEU_RE, { message: CEU_MESSAGE })
  ceuValue?: string | null;

  @Field(() => [CourseProgramInput], {
    nullable: true,
    description:
      'On approval, the programs to approve the course for, each with its CEU value and category (1 to 20); left out, the default program with `ceuValue`.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  programs?: CourseProgramInput[] | null;

  @Field(() => String, { nullable: true, description: 'Why; required to reject (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({ description: 'Names one course, with an optional reason.' })
export class CourseActionInput {
  @Field(() => ID, { description: 'The course (crs_…).' })
  @MaxLength(40)
  courseId!: string;

  @Field(() => String, { nullable: true, description: 'Why (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({ description: 'Which courses to list.' })
export class CourseFilter {
  @Field(() => ID, { nullable: true, description: 'Only courses of this provider (prv_…).' })
  @IsOptional()
  @MaxLength(40)
  providerId?: string | null;

  @Field(() => CourseStatus, {
    nullable: true,
    description: 'Only courses in this status (the public sees APPROVED only).',
  })
  @IsOptional()
  status?: CourseStatus | null;

  @Field(() => Topic, { nullable: true, description: 'Only courses with this topic.' })
  @IsOptional()
  topic?: Topic | null;

  @Field(() => DeliveryFormat, { nullable: true, description: 'Only courses delivered this way.' })
  @IsOptional()
  deliveryFormat?: DeliveryFormat | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only courses whose code or title contains this text (case-insensitive).',
  })
  @IsOptional()
  @Text(200, { blank: true })
  text?: string | null;

  @Field(() => CreditPath, {
    nullable: true,
    description: 'Only courses whose completion on `on` would have this credit path (R3).',
  })
  @IsOptional()
  creditPath?: CreditPath | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only courses approved for this credential program (e.g. GFI); also the program `creditPath` is decided for (default: the default program).',
  })
  @IsOptional()
  @MaxLength(20)
  programCode?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date for `creditPath`; default today.' })
  @IsOptional()
  on?: LocalDate | null;
}
