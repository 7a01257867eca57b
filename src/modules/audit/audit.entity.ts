import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { describeEnum, enumOf } from '../../common/enums';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { RecertificationApplication } from '../recertification/recertification.entity';

export const AUDIT_STATUSES = ['AWAITING_DOCUMENTS', 'DOCUMENTS_SUBMITTED', 'PASSED', 'FAILED'] as const;
export const AuditStatus = enumOf(AUDIT_STATUSES);
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
describeEnum(AuditStatus, 'AuditStatus', 'Where an audit stands (R11).', {
  AWAITING_DOCUMENTS: 'Selected; the trainer must submit documents by the due date.',
  DOCUMENTS_SUBMITTED: 'Documents received; waiting for staff.',
  PASSED: 'Passed: the application was approved.',
  FAILED: 'Failed: the application was refused.',
});

/** R11: a random check of an accepted application's evidence. */
@Entity('audit')
@ObjectType({ implements: Node, description: 'A random audit of an accepted application (R11).' })
export class Audit extends Node {
  @OneToOne(() => RecertificationApplication, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: RecertificationApplication;

  @Index({ unique: true })
  @Column({ type: 'integer' })
  applicationId!: number;

  @Field(() => DateScalar, { description: 'Day the application was selected.' })
  @Column({ type: 'date' })
  selectedOn!: LocalDate;

  @Field(() => DateScalar, { description: 'Documents are due by this day: selection + 30 days.' })
  @Index()
  @Column({ type: 'date' })
  documentsDueOn!: LocalDate;

  @Field(() => AuditStatus, { description: 'Current status.' })
  @Index()
  @Column({ type: 'varchar', length: 24 })
  status!: AuditStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Reason given when the audit failed (or a note when it passed).',
  })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When staff resolved the audit.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  resolvedAt!: string | null;
}

/** Metadata of one document a trainer submitted for an audit; the file itself lives elsewhere. */
@Entity('audit_document')
@ObjectType({ description: 'A document submitted for an audit: metadata and where the file is kept.' })
export class AuditDocument {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Audit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audit_id' })
  audit?: Audit;

  @Index()
  @Column({ type: 'integer' })
  auditId!: number;

  @Field({ description: 'File name.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field({ description: 'Media type, e.g. application/pdf.' })
  @Column({ type: 'varchar', length: 100 })
  mediaType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the file, lowercase hex.' })
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Field({
    description:
      'Where the file is stored: an https URL on a named host, or a storage key such as audits/2026/card.pdf. Documents submitted before these rules were checked may hold other text: show it as text, never as a link.',
  })
  @Column({ type: 'varchar', length: 1000 })
  location!: string;

  @Field(() => DateTimeScalar, { description: 'When it was submitted.' })
  @Column({ type: 'varchar', length: 30 })
  submittedAt!: string;
}
