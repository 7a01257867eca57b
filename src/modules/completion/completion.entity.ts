import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CreditPath, CreditReason } from '../../common/credit';
import { describeEnum, enumOf } from '../../common/enums';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { formatCeu, formatHours } from '../../rules/units';
import { Course } from '../course/course.entity';
import { Provider } from '../provider/provider.entity';
import { Certification } from '../trainer/trainer.entity';

export const COMPLETION_SOURCES = ['PROVIDER_REPORTED', 'SELF_REPORTED', 'PETITION'] as const;
export const CompletionSource = enumOf(COMPLETION_SOURCES);
export type CompletionSource = (typeof COMPLETION_SOURCES)[number];
describeEnum(CompletionSource, 'CompletionSource', 'Who put a completion on the transcript.', {
  PROVIDER_REPORTED: 'Reported by the course provider.',
  SELF_REPORTED: 'Reported by the trainer for a catalogue course.',
  PETITION: 'An event outside the catalogue, entered with a petition.',
});

/** One entry of a trainer's transcript: a course or event completed on a date. */
@Entity('completion')
@Unique(['certificationId', 'courseId', 'completedOn'])
@Index(['certificationId', 'completedOn'])
// A provider's reported completions, newest date first, all or by course or by its own reference.
@Index(['reportedByProviderId', 'completedOn', 'id'])
@Index(['reportedByProviderId', 'courseId', 'completedOn', 'id'])
@Index(['reportedByProviderId', 'externalRef', 'completedOn', 'id'])
@ObjectType({ implements: Node, description: 'One entry of a transcript: a course or event completed on a date.' })
export class Completion extends Node {
  @ManyToOne(() => Certification, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certification_id' })
  certification?: Certification;

  @Column({ type: 'integer' })
  certificationId!: number;

  @ManyToOne(() => Course, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: Course | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  courseId!: number | null;

  @Field(() => DateScalar, { description: 'Date the course or event was completed.' })
  @Column({ type: 'date' })
  completedOn!: LocalDate;

  @Field(() => CompletionSource, { description: 'Who reported it.' })
  @Column({ type: 'varchar', length: 20 })
  source!: CompletionSource;

  @Field(() => CreditPath, { description: 'How it earns credit, decided by R3 on the completion date.' })
  @Column({ type: 'varchar', length: 20 })
  creditPath!: CreditPath;

  @Field(() => CreditReason, { description: 'Why it has that credit path.' })
  @Column({ type: 'varchar', length: 40 })
  creditReason!: CreditReason;

  /** Hundredths of a CEU earned when it counts: the course value, or what a petition awarded. */
  @Column({ type: 'integer' })
  ceuHundredths!: number;

  @Field({ description: 'Title of the course or event (as reported).' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field({ description: 'Name of the provider of the course or event.' })
  @Column({ type: 'varchar', length: 200 })
  providerName!: string;

  @Column({ type: 'integer' })
  contactHourTenths!: number;

  @ManyToOne(() => Provider, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reported_by_provider_id' })
  reportedByProvider?: Provider | null;

  @Column({ type: 'integer', nullable: true })
  reportedByProviderId!: number | null;

  @Field({ description: 'True when the provider has reported (or confirmed) this completion.' })
  @Column({ type: 'boolean', default: false })
  providerConfirmed!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'The category of the certification’s program its CEUs belong to (its course’s approval for the program, or what an approved petition named); null when the program has none.',
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  categoryCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The provider’s own reference for the report row.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalRef!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the completion was recorded.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;

  @Field(() => DecimalScalar, { description: 'Contact hours of the course or event.' })
  get contactHours(): string {
    return formatHours(this.contactHourTenths);
  }

  @Field(() => DecimalScalar, {
    description:
      'CEUs the entry is worth when it counts: the course value (AUTOMATIC), or what an approved petition awarded ("0.0" until then).',
  })
  get ceuValue(): string {
    return formatCeu(this.ceuHundredths);
  }
}
