import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { describeEnum, enumOf } from '../../common/enums';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { COURSE_STATUSES, CourseStatus as Status } from '../../rules/statuses';
import { formatCeu, formatHours } from '../../rules/units';
import { Provider } from '../provider/provider.entity';

export const CourseStatus = enumOf<Status>(COURSE_STATUSES);
export type CourseStatus = Status;
describeEnum(CourseStatus, 'CourseStatus', 'Where a course stands in review (R4).', {
  PENDING_REVIEW: 'Registered or changed; waiting for staff review.',
  APPROVED: 'Approved: completions inside an approval period count automatically.',
  REJECTED: 'Rejected by staff; the provider may change it and resubmit.',
  RETIRED: 'Withdrawn from the catalogue; covers nothing after the retirement day.',
});

export const TOPICS = [
  'EXERCISE_SCIENCE',
  'NUTRITION',
  'PROGRAM_DESIGN',
  'BEHAVIOR_CHANGE',
  'CORRECTIVE_EXERCISE',
  'PERFORMANCE',
  'SPECIAL_POPULATIONS',
  'RECOVERY',
  'BUSINESS',
] as const;
export const Topic = enumOf(TOPICS);
export type Topic = (typeof TOPICS)[number];
describeEnum(Topic, 'Topic', 'Subject area of a course.', {
  EXERCISE_SCIENCE: 'Anatomy, physiology, biomechanics.',
  NUTRITION: 'Nutrition and supplementation within scope of practice.',
  PROGRAM_DESIGN: 'Designing training programmes.',
  BEHAVIOR_CHANGE: 'Coaching, motivation and behaviour change.',
  CORRECTIVE_EXERCISE: 'Movement assessment and corrective exercise.',
  PERFORMANCE: 'Strength, speed, power and sport performance.',
  SPECIAL_POPULATIONS: 'Youth, seniors, pre- and post-natal, chronic conditions.',
  RECOVERY: 'Recovery, mobility and self-myofascial techniques.',
  BUSINESS: 'Running a training business.',
});

export const DELIVERY_FORMATS = ['IN_PERSON', 'LIVE_ONLINE', 'SELF_PACED_ONLINE', 'HYBRID'] as const;
export const DeliveryFormat = enumOf(DELIVERY_FORMATS);
export type DeliveryFormat = (typeof DELIVERY_FORMATS)[number];
describeEnum(DeliveryFormat, 'DeliveryFormat', 'How a course is delivered.', {
  IN_PERSON: 'In a classroom or gym.',
  LIVE_ONLINE: 'Live, instructor-led, online.',
  SELF_PACED_ONLINE: 'Online, at the learner’s pace.',
  HYBRID: 'Part in person, part online.',
});

@Entity('course')
@Unique(['providerId', 'code'])
// Each list filter with the key order after it, so that a filtered page is read in key order
// from the index and stops after its LIMIT (test/e2e/query-plans).
@Index(['providerId', 'id'])
@Index(['status', 'id'])
@Index(['deliveryFormat', 'id'])
@ObjectType({ implements: Node, description: 'A provider’s continuing-education offering.' })
export class Course extends Node {
  @ManyToOne(() => Provider, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Provider;

  @Column({ type: 'integer' })
  providerId!: number;

  @Field({ description: 'The provider’s own code for the course, unique per provider.' })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Field({ description: 'Title of the course.' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Code and title folded for the text filter, so that search ignores case and accents alike on every database. */
  @Column({ type: 'text' })
  searchText!: string;

  @Field(() => String, { nullable: true, description: 'What the course teaches.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => DeliveryFormat, { description: 'How the course is delivered.' })
  @Column({ type: 'varchar', length: 20 })
  deliveryFormat!: DeliveryFormat;

  /** Tenths of a contact hour. */
  @Column({ type: 'integer' })
  contactHourTenths!: number;

  /** Hundredths of a CEU, assigned at approval. */
  @Column({ type: 'integer', nullable: true })
  ceuHundredths!: number | null;

  @Field(() => CourseStatus, { description: 'Review status.' })
  @Column({ type: 'varchar', length: 20 })
  status!: CourseStatus;

  @Field(() => String, { nullable: true, description: 'Reason given with the latest rejection or retirement.' })
  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Calendar year a pending renewal asks for; null when none is pending.',
  })
  @Column({ type: 'integer', nullable: true })
  renewalYear!: number | null;

  @Field(() => DateTimeScalar, { description: 'When the course was registered.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;

  @Field(() => DateTimeScalar, { description: 'When the course last changed.' })
  @Column({ type: 'varchar', length: 30 })
  updatedAt!: string;

  /**
   * The last day covered by an approval, when the statement that read the course computed it
   * (the catalogue page does); undefined when not read, null before any approval. Not a column.
   */
  approvedThroughDay?: LocalDate | null;

  @Field(() => DecimalScalar, { description: 'Contact hours, e.g. "15.0".' })
  get contactHours(): string {
    return formatHours(this.contactHourTenths);
  }

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'CEUs the course is worth for the default program (the CPT), assigned by staff at approval; null before, or when it is approved for other programs only (see `programApprovals`).',
  })
  get ceuValue(): string | null {
    return this.ceuHundredths === null ? null : formatCeu(this.ceuHundredths);
  }
}

/** One topic of a course; a table of its own so that the topic filter uses an index. */
@Entity('course_topic')
export class CourseTopic {
  @PrimaryColumn({ type: 'integer' })
  courseId!: number;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  @Index()
  topic!: Topic;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;
}

/** A span of days covered by a course approval or a confirmed renewal (R4). */
@Entity('course_approval_period')
@ObjectType({ description: 'A span of days covered by a course approval or renewal (R4).' })
export class CourseApprovalPeriod {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Course, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Index()
  @Column({ type: 'integer' })
  courseId!: number;

  @Field(() => DateScalar, { description: 'First day covered.' })
  @Column({ type: 'date', name: 'from_date' })
  from!: LocalDate;

  @Field(() => DateScalar, { description: 'Last day covered (inclusive).' })
  @Column({ type: 'date', name: 'through_date' })
  through!: LocalDate;
}
