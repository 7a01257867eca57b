import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The kinds of record the go-live import creates, each with its own space of external IDs. */
export const IMPORT_REF_KINDS = [
  'PROVIDER',
  'COURSE',
  'TRAINER',
  'CERTIFICATION',
  'COMPLETION',
  'CPR_AED',
  'PETITION',
  'APPLICATION',
] as const;
export type ImportRefKind = (typeof IMPORT_REF_KINDS)[number];

/**
 * What an imported record became: its external ID (the key in the system it came from), the
 * ledger row it created, and a hash of the record as imported. Importing the same record again
 * finds it here and changes nothing; the same external ID with other content is refused.
 */
@Entity('import_ref')
export class ImportRef {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind!: ImportRefKind;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  externalId!: string;

  @Column({ type: 'integer' })
  entityId!: number;

  /** SHA-256 of the record's canonical JSON. */
  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ type: 'varchar', length: 30 })
  importedAt!: string;
}
