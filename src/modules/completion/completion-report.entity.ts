import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreditPath, CreditReason } from '../../common/credit';
import { describeEnum, enumOf } from '../../common/enums';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { formatCeu } from '../../rules/units';
import { Provider } from '../provider/provider.entity';
import { Standing } from './transcript.types';

export const REPORT_ROW_STATUSES = [
  'ACCEPTED',
  'DUPLICATE',
  'UNKNOWN_CERTIFICATION',
  'NAME_MISMATCH',
  'DATE_OUTSIDE_APPROVAL',
  'FUTURE_DATE',
  'BEFORE_CERTIFICATION',
  'COURSE_NOT_REPORTABLE',
] as const;
export const ReportRowStatus = enumOf(REPORT_ROW_STATUSES);
export type ReportRowStatus = (typeof REPORT_ROW_STATUSES)[number];
describeEnum(ReportRowStatus, 'ReportRowStatus', 'What became of one row of a completion report.', {
  ACCEPTED: 'Recorded on the trainer’s transcript.',
  DUPLICATE: 'Already on the transcript (same trainer, course and date); merged, not counted twice.',
  UNKNOWN_CERTIFICATION: 'No certification has this number.',
  NAME_MISMATCH: 'The name does not match the holder of the certification.',
  DATE_OUTSIDE_APPROVAL: 'The course (or the provider) was not approved on the completion date (R3/R4).',
  FUTURE_DATE: 'The completion date is after today.',
  BEFORE_CERTIFICATION: 'The completion date is before the certification was issued.',
  COURSE_NOT_REPORTABLE:
    'The course does not exist, is not one of the caller’s courses, or was never approved (pending review or rejected).',
});

/**
 * One call of `reportCompletions`, kept with every row's answer so that a provider can read the
 * outcome again later (COMPLETION_REPORT_RETENTION_DAYS, then purged).
 */
@Entity('completion_report')
@Index(['providerId', 'id'])
@ObjectType({
  implements: Node,
  description:
    'One call of reportCompletions with the answer to each of its rows, as given then. Kept for ' +
    'COMPLETION_REPORT_RETENTION_DAYS days (default 400) after the day it was reported, then deleted.',
})
export class CompletionReport extends Node {
  @ManyToOne(() => Provider, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Provider;

  @Column({ type: 'integer' })
  providerId!: number;

  @Field(() => DateTimeScalar, { description: 'When the report was received.' })
  @Column({ type: 'varchar', length: 30 })
  reportedAt!: string;

  /** The calendar day it was received: retention counts from here. */
  @Field(() => DateScalar, { description: 'The day the report was received; its retention counts from this day.' })
  @Index()
  @Column({ type: 'date' })
  reportedOn!: LocalDate;

  @Field(() => Int, { description: 'Rows in the report (1 to 500).' })
  @Column({ type: 'integer' })
  rowCount!: number;

  @Field(() => Int, { description: 'Rows recorded (ACCEPTED).' })
  @Column({ type: 'integer' })
  acceptedCount!: number;

  @Field(() => Int, { description: 'Rows already on a transcript (DUPLICATE).' })
  @Column({ type: 'integer' })
  duplicateCount!: number;

  @Field(() => Int, { description: 'Rows refused for another reason.' })
  @Column({ type: 'integer' })
  rejectedCount!: number;
}

/**
 * The answer for one row of a report, with the row as it was sent: the same object answers the
 * mutation and is stored with its report.
 */
@Entity('completion_report_row')
@Index(['reportId', 'index'], { unique: true })
@ObjectType({
  description:
    'The answer for one row of a completion report, with the row as sent. For ACCEPTED and DUPLICATE rows it also ' +
    'says what the completion brings to the trainer’s current cycle (standing, countedCeu) when the report was ' +
    'answered; nothing else of the trainer’s transcript is shown.',
})
export class ReportRowResult {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => CompletionReport, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: CompletionReport;

  @Column({ type: 'integer' })
  reportId!: number;

  @Field(() => Int, { description: 'Position of the row in the input, from 0.' })
  @Column({ type: 'integer', name: 'row_index' })
  index!: number;

  @Field(() => ReportRowStatus, { description: 'What became of the row.' })
  @Column({ type: 'varchar', length: 30 })
  status!: ReportRowStatus;

  @Field({ description: 'The status in words.' })
  @Column({ type: 'varchar', length: 200 })
  message!: string;

  @Field({ description: 'The certification number as sent.' })
  @Column({ type: 'varchar', length: 40 })
  certificationNumber!: string;

  @Field({ description: 'The family name as sent.' })
  @Column({ type: 'varchar', length: 100 })
  lastName!: string;

  @Field(() => String, { nullable: true, description: 'The given name as sent; null when none was sent.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  firstName!: string | null;

  @Field(() => ID, { description: 'The course ID as sent (crs_…), even when it named no course of the caller.' })
  @Column({ type: 'varchar', length: 40 })
  courseId!: string;

  @Field(() => DateScalar, { description: 'The completion date as sent.' })
  @Column({ type: 'date' })
  completedOn!: LocalDate;

  @Field(() => String, { nullable: true, description: 'The provider’s reference for the row, echoed back.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalRef!: string | null;

  /** The transcript entry, for accepted and duplicate rows (resolved by ReportRowResultResolver). */
  @Column({ type: 'integer', nullable: true })
  completionId!: number | null;

  @Field(() => CreditPath, {
    nullable: true,
    description:
      'How the completion earns credit on its date (R3): for ACCEPTED, DUPLICATE and DATE_OUTSIDE_APPROVAL rows; null otherwise.',
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  creditPath!: CreditPath | null;

  @Field(() => CreditReason, { nullable: true, description: 'Why it has that credit path; null when creditPath is.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  creditReason!: CreditReason | null;

  @Field(() => Standing, {
    nullable: true,
    description:
      'How the completion stands in the trainer’s current cycle when the report was answered, as its transcript ' +
      'entry shows it (e.g. SAME_COURSE_ALREADY_COUNTED, OUTSIDE_CYCLE): for ACCEPTED and DUPLICATE rows; null otherwise.',
  })
  @Column({ type: 'varchar', length: 40, nullable: true })
  standing!: Standing | null;

  /** Hundredths of a CEU the completion contributed to the cycle then (0 unless COUNTED). */
  @Column({ type: 'integer', nullable: true })
  countedCeuHundredths!: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'CEUs the completion contributed to the current cycle then ("0.0" unless COUNTED); null with standing.',
  })
  get countedCeu(): string | null {
    return this.countedCeuHundredths === null ? null : formatCeu(this.countedCeuHundredths);
  }
}
