import { Field, ID, Int, ObjectType } from 'type-graphql';
import { describeEnum, enumOf } from '../../common/enums';
import { Payload, REFUSAL_DEFAULTS, UserError } from '../../common/user-errors';

export const IMPORT_RECORD_KINDS = [
  'PROVIDER',
  'COURSE',
  'CERTIFICATION',
  'COMPLETION',
  'CPR_AED_CREDENTIAL',
  'PETITION',
  'RECERTIFICATION_APPLICATION',
] as const;
export const ImportRecordKind = enumOf(IMPORT_RECORD_KINDS);
export type ImportRecordKind = (typeof IMPORT_RECORD_KINDS)[number];
describeEnum(ImportRecordKind, 'ImportRecordKind', 'What kind of record an import record holds.', {
  PROVIDER: 'A provider (`provider`).',
  COURSE: 'A course (`course`).',
  CERTIFICATION: 'A certification and its holder (`certification`).',
  COMPLETION: 'A transcript entry (`completion`).',
  CPR_AED_CREDENTIAL: 'A CPR/AED card (`cprAedCredential`).',
  PETITION: 'A petition (`petition`).',
  RECERTIFICATION_APPLICATION: 'A decided recertification application (`recertificationApplication`).',
});

export const IMPORT_RECORD_STATUSES = ['CREATED', 'UNCHANGED', 'REFUSED'] as const;
export const ImportRecordStatus = enumOf(IMPORT_RECORD_STATUSES);
export type ImportRecordStatus = (typeof IMPORT_RECORD_STATUSES)[number];
describeEnum(ImportRecordStatus, 'ImportRecordStatus', 'What became of one import record.', {
  CREATED: 'New to the ledger: created (or, in a dry run or a refused call, would be created).',
  UNCHANGED: 'Imported before with the same content: nothing was changed, `id` names what it created then.',
  REFUSED: 'Not acceptable, for the reasons in `errors`; because of it the whole call wrote nothing.',
});

@ObjectType({ description: 'What became of one record of an import, in the order of the input.' })
export class ImportRecordResult {
  @Field(() => Int, { description: 'Position of the record in the input, from 0.' })
  index!: number;

  @Field(() => ImportRecordKind, { nullable: true, description: 'Kind of the record; null when it named none.' })
  kind!: ImportRecordKind | null;

  @Field(() => String, { nullable: true, description: 'The record’s `externalId`, echoed back.' })
  externalId!: string | null;

  @Field(() => ImportRecordStatus, { description: 'CREATED, UNCHANGED or REFUSED.' })
  status!: ImportRecordStatus;

  @Field(() => ID, {
    nullable: true,
    description:
      'Global ID of the ledger object the record created or matched; null when refused, and for a CREATED record that was not written (dry run, or a refused call).',
  })
  id!: string | null;

  @Field(() => [UserError], {
    description: 'Why the record was refused, each with the path of the field at fault; empty otherwise.',
  })
  errors!: UserError[];
}

@ObjectType({ description: 'Counts of an import call.' })
export class ImportSummary {
  @Field(() => Int, { description: 'Records new to the ledger.' })
  created!: number;

  @Field(() => Int, { description: 'Records imported before with the same content.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Records refused.' })
  refused!: number;
}

@ObjectType({ description: 'The answer to an import: one result per record, and whether anything was written.' })
export class ImportRecordsPayload extends Payload {
  @Field(() => [ImportRecordResult], { description: 'One result per record, in the order of the input.' })
  results!: ImportRecordResult[];

  @Field(() => ImportSummary, { description: 'The results counted.' })
  summary!: ImportSummary;

  @Field({
    description: 'True when the records were written; false for a dry run and when any record was refused.',
  })
  committed!: boolean;
}

REFUSAL_DEFAULTS.set('ImportRecordsPayload', {
  results: [],
  summary: { created: 0, unchanged: 0, refused: 0 },
  committed: false,
});
