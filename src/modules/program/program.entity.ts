import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDate } from '../../rules/calendar';
import { ProgramCategory } from '../../rules/policy';

/**
 * A credential program: the unit the ledger is composed around. Its rules' numbers are in its
 * dated policy versions; its fee schedules and hands-on waivers name it.
 */
@Entity('program')
export class Program {
  /** Short code, upper case (e.g. the CPT); certifications, approvals and fees name it. */
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 3 })
  currencyCode!: string;

  /** The program an operation means when it names none (one program has it). */
  @Column({ type: 'boolean', default: false })
  isDefault!: boolean;

  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}

/**
 * A program's recertification policy in force for receipts on or after `effectiveFrom` (R1, R2,
 * R5–R8, R11 and the category caps). Rows are never changed in place: a new version from a later
 * date, or a correction of one not yet in force that points the old row at it (`supersededById`).
 */
@Entity('program_policy_version')
@Index(['programCode', 'effectiveFrom'])
export class ProgramPolicyVersion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  programCode!: string;

  @Column({ type: 'date' })
  effectiveFrom!: LocalDate;

  @Column({ type: 'integer' })
  cycleMonths!: number;

  @Column({ type: 'integer' })
  requiredCeuHundredths!: number;

  /** Hundredths of a CEU one contact hour is worth (10 = 0.1 CEU). */
  @Column({ type: 'integer' })
  ceuPerContactHourHundredths!: number;

  @Column({ type: 'boolean' })
  cprAedRequired!: boolean;

  @Column({ type: 'integer' })
  cprAedCeuHundredths!: number;

  @Column({ type: 'boolean' })
  handsOnRequired!: boolean;

  @Column({ type: 'integer' })
  courseworkGraceDays!: number;

  @Column({ type: 'integer' })
  lateWindowDays!: number;

  @Column({ type: 'integer' })
  closeAfterMonths!: number;

  @Column({ type: 'integer' })
  waiverGraceDays!: number;

  /** Days before expiry at which reminders go out, largest first, comma-separated ("90,60,30,7"). */
  @Column({ type: 'varchar', length: 100, default: '90,60,30,7' })
  reminderDays!: string;

  @Column({ type: 'integer' })
  petitionFeeCents!: number;

  /** R8: the standard fees, charged when no fee schedule of the program is in force. */
  @Column({ type: 'integer' })
  recertificationFeeCents!: number;

  @Column({ type: 'integer' })
  lateFeeCents!: number;

  @Column({ type: 'integer' })
  additionalFeeCents!: number;

  /** R11: share of accepted applications audited, in basis points (1000 = 10 %). */
  @Column({ type: 'integer' })
  auditRateBasisPoints!: number;

  @Column({ type: 'integer' })
  auditDocumentsDays!: number;

  /** Categories of credit with their caps and minimums, in the program's order. */
  @Column({ type: 'simple-json' })
  categories!: ProgramCategory[];

  @Column({ type: 'integer' })
  minimumCategories!: number;

  @Column({ type: 'integer', nullable: true })
  maximumCeuPerEventHundredths!: number | null;

  @Column({ type: 'integer' })
  minimumOwnCoursesCeuHundredths!: number;

  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ type: 'integer', nullable: true })
  supersededById!: number | null;
}

/**
 * A course approved for a program (R3/R4 per program): its CEU value and category for that
 * program, from a day on. The course's approval periods say which days are covered at all; a
 * program's coverage is those days from `approvedFrom`.
 */
@Entity('course_program')
@Index(['programCode', 'courseId'])
export class CourseProgramApproval {
  @PrimaryColumn({ type: 'integer' })
  courseId!: number;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  programCode!: string;

  @Column({ type: 'integer' })
  ceuHundredths!: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  categoryCode!: string | null;

  @Column({ type: 'date' })
  approvedFrom!: LocalDate;

  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}

/** A program a provider applied for: staff approve its courses for these programs only. */
@Entity('provider_program')
export class ProviderProgram {
  @PrimaryColumn({ type: 'integer' })
  providerId!: number;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  programCode!: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}
