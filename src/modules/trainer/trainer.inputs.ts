import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotentInput } from '../../common/idempotency/idempotency.inputs';
import { DateScalar } from '../../common/scalars';
import { Text } from '../../common/validators';
import { LocalDate } from '../../rules/calendar';
import { CertificationStatus as Status } from '../../rules/windows';
import { CertificationStatus } from '../recertification/recertification.types';

@InputType({
  description:
    'Who a certification is issued to: an existing trainer (`id`) or a new one (`firstName`, `lastName`, `email`), exactly one of the two.',
})
export class TrainerRefInput {
  @Field(() => ID, { nullable: true, description: 'An existing trainer (trn_…).' })
  @IsOptional()
  @MaxLength(40)
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'A new trainer’s given name (1–100 characters).' })
  @IsOptional()
  @Text(100)
  firstName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new trainer’s family name, as printed on the certificate (1–100 characters).',
  })
  @IsOptional()
  @Text(100)
  lastName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new trainer’s e-mail address, unique among trainers (kept trimmed and lower-cased).',
  })
  @IsOptional()
  @Text(254)
  email?: string | null;
}

@InputType({ description: 'Staff issue a certification to an existing or a new trainer.' })
export class IssueCertificationInput extends IdempotentInput {
  @Field(() => TrainerRefInput, { description: 'The holder: an existing trainer, or a new one.' })
  @ValidateNested()
  trainer!: TrainerRefInput;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the credential program (see `programs`); left out, the default program (the CPT).',
  })
  @IsOptional()
  @Text(20)
  programCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The certification number, unique (1–32 letters, digits and dashes; kept trimmed and upper-cased). When left out, one is generated: the program code, a dash and seven digits, e.g. CPT-4821937.',
  })
  @IsOptional()
  @Text(40)
  number?: string | null;

  @Field(() => DateScalar, { description: 'The issue date: today or earlier. The first cycle starts on it.' })
  issuedOn!: LocalDate;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The expiry date, after the issue date; default one cycle after it (R1: 24 months, a day the month lacks becoming its last day).',
  })
  @IsOptional()
  expiresOn?: LocalDate | null;
}

@InputType({
  description:
    'Changes to a trainer. Staff may change the names and the e-mail address of any trainer; a trainer only their own e-mail address.',
})
export class UpdateTrainerInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The trainer (trn_…); required for staff, a trainer’s own by default.',
  })
  @IsOptional()
  @MaxLength(40)
  trainerId?: string | null;

  @Field(() => String, { nullable: true, description: 'New given name (1–100 characters). Staff only.' })
  @IsOptional()
  @Text(100)
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'New family name (1–100 characters). Staff only.' })
  @IsOptional()
  @Text(100)
  lastName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New e-mail address, unique among trainers (kept trimmed and lower-cased).',
  })
  @IsOptional()
  @Text(254)
  email?: string | null;
}

@InputType({ description: 'Which trainers to list; the conditions given must all hold.' })
export class TrainerFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Trainers whose given name or family name starts with this text, ignoring case, accents and runs of spaces (“muller” finds Müller).',
  })
  @IsOptional()
  @Text(100)
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'The trainer with this e-mail address (case does not matter).' })
  @IsOptional()
  @Text(254)
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The holder of the certification with this number (case and surrounding spaces do not matter).',
  })
  @IsOptional()
  @Text(40)
  certificationNumber?: string | null;
}

@InputType({ description: 'Which certifications to list; the conditions given must all hold.' })
export class CertificationFilter {
  @Field(() => String, { nullable: true, description: 'Only certifications of this program (e.g. CPT).' })
  @IsOptional()
  @Text(20)
  programCode?: string | null;

  @Field(() => CertificationStatus, {
    nullable: true,
    description: 'Only certifications with this status (R12) on `statusOn`.',
  })
  @IsOptional()
  status?: Status | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date `status` is decided on; default today.' })
  @IsOptional()
  statusOn?: LocalDate | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only certifications expiring on this date or later.' })
  @IsOptional()
  expiresFrom?: LocalDate | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Only certifications expiring on this date or earlier.',
  })
  @IsOptional()
  expiresThrough?: LocalDate | null;
}
