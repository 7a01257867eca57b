import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DocumentLocation, Text } from '../../common/validators';
import { AuditStatus } from './audit.entity';

/** Documents an audit keeps in all, over every submission (and so also in one call). */
export const MAX_AUDIT_DOCUMENTS = 20;
/** The largest document a trainer may declare: 25 MB. */
export const MAX_DOCUMENT_BYTES = 25_000_000;
/** Characters of a document location: the column's size. */
export const MAX_LOCATION_CHARS = 1000;

@InputType({ description: 'Metadata of one audit document; the file itself is stored elsewhere.' })
export class AuditDocumentInput {
  @Field({ description: 'File name (1–200 characters).' })
  @Text(200)
  name!: string;

  @Field({ description: 'Media type, e.g. application/pdf or image/jpeg.' })
  @MaxLength(100)
  @Matches(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, {
    message: 'mediaType must be a media type, a type and a subtype joined by a slash, e.g. "application/pdf"',
  })
  mediaType!: string;

  @Field(() => Int, { description: 'Size in bytes: 1 to 25,000,000 (25 MB).' })
  @IsInt()
  @Min(1)
  @Max(MAX_DOCUMENT_BYTES)
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the file, 64 hex digits.' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal digits (0-9, a-f)' })
  sha256!: string;

  @Field({
    description:
      'Where the file is kept, at most 1000 characters: an https URL on a named host (no user name or password, no IP address, printable ASCII: an internationalised host in punycode, other characters percent-encoded), e.g. https://files.example.org/audits/card.pdf, stored as the URL standard writes it; or a storage key, segments of letters, digits, dots, dashes and underscores joined by slashes, e.g. audits/2026/card.pdf. Anything else (javascript:, data:, file:, http: URLs, white space) is refused INVALID_FORMAT.',
  })
  @DocumentLocation(MAX_LOCATION_CHARS)
  location!: string;
}

@InputType({
  description: 'Documents for an audit: 1 to 20 in a call, and an audit keeps at most 20 in all (TOO_MANY_ITEMS).',
})
export class SubmitAuditDocumentsInput {
  @Field(() => ID, { description: 'The audit (aud_…).' })
  @MaxLength(40)
  auditId!: string;

  @Field(() => [AuditDocumentInput], { description: 'The documents.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_AUDIT_DOCUMENTS)
  @ValidateNested({ each: true })
  documents!: AuditDocumentInput[];
}

export enum AuditOutcome {
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  description: 'How staff resolve an audit (R11).',
  valuesConfig: {
    PASS: { description: 'Passed: the application is approved and the certification renewed (R10).' },
    FAIL: { description: 'Failed: the application is refused; a reason is required.' },
  },
});

@InputType({ description: 'A staff decision on an audit.' })
export class ResolveAuditInput {
  @Field(() => ID, { description: 'The audit (aud_…).' })
  @MaxLength(40)
  auditId!: string;

  @Field(() => AuditOutcome, { description: 'Pass or fail.' })
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'Why; required to fail (kept in the decision log).' })
  @IsOptional()
  @Text(2000, { blank: true })
  reason?: string | null;
}

@InputType({ description: 'Which audits to list.' })
export class AuditFilter {
  @Field(() => AuditStatus, { nullable: true, description: 'Only audits in this status.' })
  @IsOptional()
  status?: AuditStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only audits still waiting for documents after their due date.',
  })
  @IsOptional()
  overdue?: boolean | null;
}
