import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { describeEnum, enumOf } from '../../common/enums';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar, DecimalScalar, Money, money } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { FeeKind, FeeLine as FeeLineData } from '../../rules/fees';
import { WindowPhase as Phase } from '../../rules/windows';
import { formatCeu } from '../../rules/units';
import { Completion } from '../completion/completion.entity';
import { Certification } from '../trainer/trainer.entity';

export const WindowPhase = enumOf<Phase>(['ON_TIME', 'LATE', 'LATE_ADDITIONAL_FEE', 'CLOSED']);
export type WindowPhase = Phase;
describeEnum(WindowPhase, 'WindowPhase', 'Where a receipt date falls against the expiry date E (R8).', {
  ON_TIME: 'Received on or before E: recertification fee only.',
  LATE: 'Received from E+1 to E+90: plus the late fee.',
  LATE_ADDITIONAL_FEE: 'Received from E+91 until a year after E: plus the late and the additional fee.',
  CLOSED: 'Received a year or more after E: refused; the credential has lapsed.',
});

export const FEE_KINDS = ['RECERTIFICATION', 'LATE', 'ADDITIONAL'] as const;
export const FeeLineKind = enumOf<FeeKind>(FEE_KINDS);
describeEnum(FeeLineKind, 'FeeLineKind', 'What a fee line charges for (R8).', {
  RECERTIFICATION: 'The recertification fee.',
  LATE: 'The late fee, from the day after expiry.',
  ADDITIONAL: 'The additional fee, from 91 days after expiry.',
});

@ObjectType({ description: 'One line of a recertification fee (R8).' })
export class FeeLine {
  @Field(() => FeeLineKind, { description: 'What the line charges for.' })
  kind!: FeeKind;

  @Field(() => Money, { description: 'The amount.' })
  amount!: Money;
}

export function feeLines(lines: readonly FeeLineData[], currencyCode: string): FeeLine[] {
  return lines.map((l) => ({ kind: l.kind, amount: money(l.amount, currencyCode) }));
}

export const APPLICATION_STATUSES = ['AUDIT_PENDING', 'APPROVED', 'REFUSED'] as const;
export const ApplicationStatus = enumOf(APPLICATION_STATUSES);
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
describeEnum(ApplicationStatus, 'ApplicationStatus', 'Where a recertification application stands (R9–R11).', {
  AUDIT_PENDING: 'Accepted and selected for audit: approval waits for the audit.',
  APPROVED: 'Approved: the certification was renewed for another cycle.',
  REFUSED: 'Refused after a failed audit.',
});

/** A trainer's accepted request to renew a certification for the next cycle. */
@Entity('recertification_application')
// One live application per cycle; after a failed audit the trainer may apply again.
@Index('UQ_application_live_per_cycle', ['certificationId', 'cycleExpiresOn'], {
  unique: true,
  where: "status <> 'REFUSED'",
})
@ObjectType({
  implements: Node,
  description:
    'A recertification application: accepted by R9, possibly audited (R11), approved with a new expiry (R10).',
})
export class RecertificationApplication extends Node {
  @ManyToOne(() => Certification, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certification_id' })
  certification?: Certification;

  @Index()
  @Column({ type: 'integer' })
  certificationId!: number;

  @Field(() => DateScalar, {
    description: 'Expiry of the cycle the application renews; one live application per cycle.',
  })
  @Column({ type: 'date' })
  cycleExpiresOn!: LocalDate;

  @Field(() => DateScalar, { description: 'Receipt date: decides the window phase and the fees (R8).' })
  @Column({ type: 'date' })
  receivedOn!: LocalDate;

  @Field(() => WindowPhase, { description: 'Window phase on the receipt date.' })
  @Column({ type: 'varchar', length: 24 })
  phase!: WindowPhase;

  @Column({ type: 'simple-json' })
  feeLineData!: FeeLineData[];

  @Column({ type: 'integer' })
  feeTotalCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currencyCode!: string;

  /** Continuing-education CEUs counted at submission (hundredths). */
  @Column({ type: 'integer' })
  ceuCounted!: number;

  @Field(() => ApplicationStatus, { description: 'Current status.' })
  @Index()
  @Column({ type: 'varchar', length: 20 })
  status!: ApplicationStatus;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'New expiry once approved: the old expiry + 24 months (R10).',
  })
  @Column({ type: 'date', nullable: true })
  newExpiresOn!: LocalDate | null;

  @Field(() => String, { nullable: true, description: 'Why the application was refused after its audit.' })
  @Column({ type: 'text', nullable: true })
  refusalReason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the application was submitted and the fees charged.' })
  @Column({ type: 'varchar', length: 30 })
  submittedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was approved or refused.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  decidedAt!: string | null;

  @Field(() => [FeeLine], { description: 'The fees charged (R8).' })
  get fees(): FeeLine[] {
    return feeLines(this.feeLineData, this.currencyCode);
  }

  @Field(() => Money, { description: 'Total charged.' })
  get feeTotal(): Money {
    return money(this.feeTotalCents, this.currencyCode);
  }

  @Field(() => DecimalScalar, { description: 'Continuing-education CEUs counted when it was submitted.' })
  get continuingEducationCeu(): string {
    return formatCeu(this.ceuCounted);
  }
}

/** The completions an application counted; once it is approved they are used for good (R5). */
@Entity('application_completion')
export class ApplicationCompletion {
  @PrimaryColumn({ type: 'integer' })
  applicationId!: number;

  @PrimaryColumn({ type: 'integer' })
  @Index()
  completionId!: number;

  @ManyToOne(() => Completion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'completion_id' })
  completion?: Completion;

  @ManyToOne(() => RecertificationApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: RecertificationApplication;
}
