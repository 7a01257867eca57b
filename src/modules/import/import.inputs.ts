import {
  ArrayMaxSize,
  ArrayUnique,
  IsEmail,
  IsOptional,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { Text } from '../../common/validators';
import { LocalDate } from '../../rules/calendar';
import { CompletionSource } from '../completion/completion.entity';
import { CourseStatus } from '../course/course.entity';
import { CEU_MESSAGE, CEU_RE, CourseFields, HOURS_MESSAGE, HOURS_RE } from '../course/course.inputs';
import { CprAedCardFields } from '../cpr-aed/cpr-aed.inputs';
import { PetitionStatus } from '../petition/petition.entity';
import { ProviderKind, ProviderStatus } from '../provider/provider.entity';
import { ApplicationStatus } from '../recertification/recertification.entity';

/** Records in one `importRecords` call. */
export const MAX_IMPORT_RECORDS = 1000;

const EXTERNAL_ID = 'Your key for the record in the system it comes from (1–100 characters), unique per kind.';
const MONEY_RE = /^\d{1,6}(\.\d{1,2})?$/;

@InputType({ description: 'A span of days, as kept in the system the record comes from.' })
export class ImportPeriodInput {
  @Field(() => DateScalar, { description: 'First day.' })
  from!: LocalDate;

  @Field(() => DateScalar, { nullable: true, description: 'Last day (inclusive); null while it still holds.' })
  through?: LocalDate | null;
}

@InputType({ description: 'An education provider with the history of its approval.' })
export class ImportProviderInput {
  @Field({ description: EXTERNAL_ID })
  @Text(100)
  externalId!: string;

  @Field({ description: 'Name of the organisation (1–200 characters, unique).' })
  @Text(200)
  name!: string;

  @Field(() => ProviderKind, {
    nullable: true,
    description: 'PARTNER (default), or CERTIFYING_BODY for the certification body itself (always approved).',
  })
  @IsOptional()
  kind?: ProviderKind | null;

  @Field({ description: 'E-mail address for decisions and notices.' })
  @MaxLength(254)
  @IsEmail({}, { message: 'contactEmail must be an e-mail address such as ce@example.org' })
  contactEmail!: string;

  @Field(() => String, { nullable: true, description: 'Public web site (http or https URL).' })
  @IsOptional()
  @MaxLength(500)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'website must be a web address starting with http:// or https://' },
  )
  website?: string | null;

  @Field(() => ProviderStatus, {
    description:
      'Status today. APPROVED needs an open approved period (no `through`); the other statuses need every period closed.',
  })
  status!: ProviderStatus;

  @Field(() => String, { nullable: true, description: 'Reason given with a rejection or suspension.' })
  @IsOptional()
  @Text(2000, { blank: true })
  statusReason?: string | null;

  @Field(() => [ImportPeriodInput], {
    nullable: true,
    description: 'The spans during which the provider was approved (R3), oldest first, not overlapping; at most 50.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  approvedPeriods?: ImportPeriodInput[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Codes of the credential programs the provider applied for (see `programs`); default the default program.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(20, { each: true })
  programCodes?: string[] | null;
}

@InputType({ description: 'An imported course’s approval for one credential program.' })
export class ImportCourseProgramInput {
  @Field({ description: 'The program, e.g. GFI.' })
  @MaxLength(20)
  programCode!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'CEU value for the program (0.01 to 99.99); default contact hours × the program’s CEUs per hour (R2).',
  })
  @IsOptional()
  @Matches(CEU_RE, { message: CEU_MESSAGE })
  ceuValue?: string | null;

  @Field(() => String, { nullable: true, description: 'Category of the program; required when it has categories.' })
  @IsOptional()
  @MaxLength(20)
  categoryCode?: string | null;
}

@InputType({ description: 'A course of an imported provider, with the approval years it had.' })
export class ImportCourseInput extends CourseFields {
  @Field({ description: EXTERNAL_ID })
  @Text(100)
  externalId!: string;

  @Field({ description: 'The `externalId` of the course’s provider, imported in this call or an earlier one.' })
  @Text(100)
  providerExternalId!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'CEU value assigned at approval (0.01 to 99.99); default contact hours × 0.1 (R2). Only with approvals.',
  })
  @IsOptional()
  @Matches(CEU_RE, { message: CEU_MESSAGE })
  ceuValue?: string | null;

  @Field(() => [ImportCourseProgramInput], {
    nullable: true,
    description:
      'The programs an approved course was approved for, from its first approval period on; left out, the default program with `ceuValue`.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  programs?: ImportCourseProgramInput[] | null;

  @Field(() => CourseStatus, {
    description: 'Status today. APPROVED and RETIRED need at least one approval period; the others none.',
  })
  status!: CourseStatus;

  @Field(() => String, { nullable: true, description: 'Reason given with a rejection or retirement.' })
  @IsOptional()
  @Text(2000, { blank: true })
  decisionReason?: string | null;

  @Field(() => [ImportPeriodInput], {
    nullable: true,
    description:
      'The spans its approvals and renewals covered (R4), each inside one calendar year with a `through`, not overlapping; at most 50.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  approvalPeriods?: ImportPeriodInput[] | null;
}

@InputType({ description: 'The holder of an imported certification.' })
export class ImportTrainerInput {
  @Field({ description: 'Your key for the person (1–100 characters); the same person in several records has one.' })
  @Text(100)
  externalId!: string;

  @Field({ description: 'Given name (1–100 characters).' })
  @Text(100)
  firstName!: string;

  @Field({ description: 'Family name (1–100 characters), as providers report it.' })
  @Text(100)
  lastName!: string;

  @Field({ description: 'E-mail address, unique among trainers.' })
  @MaxLength(254)
  email!: string;
}

@InputType({ description: 'A certification with the expiries of its earlier cycles.' })
export class ImportCertificationInput {
  @Field({ description: EXTERNAL_ID })
  @Text(100)
  externalId!: string;

  @Field(() => ImportTrainerInput, { description: 'Who holds it; a person new to the ledger is created.' })
  @ValidateNested()
  trainer!: ImportTrainerInput;

  @Field({ description: 'Certification number as printed (1–32 letters, digits and dashes), unique.' })
  @MaxLength(40)
  number!: string;

  @Field(() => String, { nullable: true, description: 'Credential program; default CPT.' })
  @IsOptional()
  @Text(20)
  programCode?: string | null;

  @Field(() => DateScalar, { description: 'Date the credential was first issued; not after today.' })
  issuedOn!: LocalDate;

  @Field(() => [DateScalar], {
    nullable: true,
    description:
      'Expiry dates of the cycles completed before the current one, oldest first. Each renewal moved the expiry by one cycle (R10).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  earlierExpiries?: LocalDate[] | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Expiry of the current cycle; default one cycle after the last earlier expiry, or after `issuedOn` (month ends clamped).',
  })
  expiresOn?: LocalDate | null;
}

@InputType({ description: 'An event outside the catalogue, for a completion that came with a petition.' })
export class ImportEventInput {
  @Field({ description: 'Title of the event (1–200 characters).' })
  @Text(200)
  title!: string;

  @Field({ description: 'Who offered it (1–200 characters).' })
  @Text(200)
  providerName!: string;

  @Field(() => DecimalScalar, { description: 'Contact hours, 0.5 to 200 with at most one decimal, e.g. "7.5".' })
  @Matches(HOURS_RE, { message: HOURS_MESSAGE })
  contactHours!: string;
}

@InputType({ description: 'A transcript entry: a course or an outside event completed on a date.' })
export class ImportCompletionInput {
  @Field({ description: EXTERNAL_ID })
  @Text(100)
  externalId!: string;

  @Field({ description: 'Number of the certification whose transcript it belongs to.' })
  @Text(32)
  certificationNumber!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The `externalId` of an imported course. Give this or `event`, not both.',
  })
  @IsOptional()
  @Text(100)
  courseExternalId?: string | null;

  @Field(() => ImportEventInput, { nullable: true, description: 'An event outside the catalogue (source PETITION).' })
  @IsOptional()
  @ValidateNested()
  event?: ImportEventInput | null;

  @Field(() => DateScalar, { description: 'Date completed; not after today nor before the certification was issued.' })
  completedOn!: LocalDate;

  @Field(() => CompletionSource, {
    nullable: true,
    description:
      'Who reported it: PROVIDER_REPORTED (default for a course; must count automatically, as in a live report), SELF_REPORTED, or PETITION (the only one, and the default, for an event).',
  })
  @IsOptional()
  source?: CompletionSource | null;

  @Field(() => String, { nullable: true, description: 'The provider’s own reference for the report row.' })
  @IsOptional()
  @Text(100)
  externalRef?: string | null;
}

@InputType({ description: 'A CPR/AED card of the holder of a certification (R7).' })
export class ImportCprAedCredentialInput extends CprAedCardFields {
  @Field({ description: EXTERNAL_ID })
  @Text(100)
  externalId!: string;

  @Field({ description: 'Number of a certification of the card holder.' })
  @Text(32)
  certificationNumber!: string;
}

@InputType({ description: 'A petition on an imported completion, with its decision (R6).' })
export class ImportPetitionInput {
  @Field({ description: EXTERNAL_ID })
  @Text(100)
  externalId!: string;

  @Field({ description: 'The `externalId` of the imported completion it asks credit for.' })
  @Text(100)
  completionExternalId!: string;

  @Field(() => PetitionStatus, { description: 'Where it stands.' })
  status!: PetitionStatus;

  @Field({ description: 'The trainer’s justification (1–2000 characters).' })
  @Text(2000)
  justification!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Fee paid, in the program’s currency; default the program’s petition fee.',
  })
  @IsOptional()
  @Matches(MONEY_RE, { message: 'fee must be an amount such as "25.00"' })
  fee?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'CEUs asked for; default contact hours × 0.1 (R2).',
  })
  @IsOptional()
  @Matches(CEU_RE, { message: CEU_MESSAGE })
  requestedCeu?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'APPROVED only: CEUs awarded, at most those asked for; default those asked for.',
  })
  @IsOptional()
  @Matches(CEU_RE, { message: CEU_MESSAGE })
  awardedCeu?: string | null;

  @Field(() => String, { nullable: true, description: 'Reason of the decision; required for DENIED.' })
  @IsOptional()
  @Text(2000, { blank: true })
  decisionReason?: string | null;

  @Field(() => DateScalar, { description: 'Day it was submitted; not before the completion, not after today.' })
  submittedOn!: LocalDate;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Day it was decided or withdrawn; default `submittedOn`. None for PENDING.',
  })
  decidedOn?: LocalDate | null;
}

@InputType({ description: 'A decided recertification application of an imported certification (R8–R10).' })
export class ImportRecertificationApplicationInput {
  @Field({ description: EXTERNAL_ID })
  @Text(100)
  externalId!: string;

  @Field({ description: 'Number of the certification it renewed or tried to renew.' })
  @Text(32)
  certificationNumber!: string;

  @Field(() => DateScalar, {
    description:
      'Expiry of the cycle it was for: an earlier expiry of the certification (APPROVED), or any of its expiries (REFUSED).',
  })
  cycleExpiresOn!: LocalDate;

  @Field(() => DateScalar, { description: 'Receipt date, which decides the window and fees (R8).' })
  receivedOn!: LocalDate;

  @Field(() => ApplicationStatus, { description: 'APPROVED or REFUSED; AUDIT_PENDING is not imported.' })
  status!: ApplicationStatus;

  @Field(() => [String], {
    nullable: true,
    description: 'The `externalId`s of the completions it counted (R5: never counted again); at most 200.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @ArrayUnique({ message: 'completionExternalIds must not name a completion twice' })
  @MaxLength(100, { each: true })
  completionExternalIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Why it was refused; required for REFUSED.' })
  @IsOptional()
  @Text(2000, { blank: true })
  refusalReason?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day it was decided; default `receivedOn`.' })
  decidedOn?: LocalDate | null;
}

@InputType({
  description:
    'One record of a go-live import: exactly one of its fields is given. Records refer to each other by `externalId` (certifications by number), within a call and across calls.',
})
export class ImportRecordInput {
  @Field(() => ImportProviderInput, { nullable: true, description: 'A provider.' })
  @IsOptional()
  @ValidateNested()
  provider?: ImportProviderInput | null;

  @Field(() => ImportCourseInput, { nullable: true, description: 'A course.' })
  @IsOptional()
  @ValidateNested()
  course?: ImportCourseInput | null;

  @Field(() => ImportCertificationInput, { nullable: true, description: 'A certification and its holder.' })
  @IsOptional()
  @ValidateNested()
  certification?: ImportCertificationInput | null;

  @Field(() => ImportCompletionInput, { nullable: true, description: 'A transcript entry.' })
  @IsOptional()
  @ValidateNested()
  completion?: ImportCompletionInput | null;

  @Field(() => ImportCprAedCredentialInput, { nullable: true, description: 'A CPR/AED card.' })
  @IsOptional()
  @ValidateNested()
  cprAedCredential?: ImportCprAedCredentialInput | null;

  @Field(() => ImportPetitionInput, { nullable: true, description: 'A petition.' })
  @IsOptional()
  @ValidateNested()
  petition?: ImportPetitionInput | null;

  @Field(() => ImportRecertificationApplicationInput, {
    nullable: true,
    description: 'A decided recertification application.',
  })
  @IsOptional()
  @ValidateNested()
  recertificationApplication?: ImportRecertificationApplicationInput | null;
}

@InputType({ description: 'A batch of records to bring into the ledger, all or nothing.' })
export class ImportRecordsInput {
  @Field(() => [ImportRecordInput], {
    description: `The records, at most ${MAX_IMPORT_RECORDS}. Their order does not matter: providers are written before their courses, and so on.`,
  })
  records!: ImportRecordInput[];

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Validate and answer as an import would, writing nothing.',
  })
  dryRun!: boolean;
}
