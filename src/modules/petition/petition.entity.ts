import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { describeEnum, enumOf } from '../../common/enums';
import { Node } from '../../common/node';
import { DateTimeScalar, DecimalScalar, Money, money } from '../../common/scalars';
import { PETITION_STATUSES, PetitionStatus as Status } from '../../rules/statuses';
import { formatCeu } from '../../rules/units';
import { Completion } from '../completion/completion.entity';
import { Certification } from '../trainer/trainer.entity';

export const PetitionStatus = enumOf<Status>(PETITION_STATUSES);
export type PetitionStatus = Status;
describeEnum(PetitionStatus, 'PetitionStatus', 'Where a petition stands (R6).', {
  PENDING: 'Submitted and paid; waiting for staff. Earns nothing yet.',
  APPROVED: 'Approved: the completion earns the awarded CEUs.',
  DENIED: 'Denied with a reason; the fee is not refunded.',
  WITHDRAWN: 'Withdrawn by the trainer; the fee is not refunded.',
});

/** A trainer's request to count a completion that was not pre-approved (R6). */
@Entity('petition')
// One open (pending or approved) petition per transcript entry, enforced by the database too, so
// that two concurrent submissions cannot both pass the service's check.
@Index('UQ_petition_open_per_completion', ['completionId'], {
  unique: true,
  where: "status IN ('PENDING', 'APPROVED')",
})
// List filters with the key order after them (test/e2e/query-plans); an entry's latest petition
// is the last of its (completion_id, id) range.
@Index(['completionId', 'id'])
@Index(['certificationId', 'id'])
@Index(['status', 'id'])
@ObjectType({
  implements: Node,
  description: 'A request to count a course or event that was not pre-approved; carries a nonrefundable fee (R6).',
})
export class Petition extends Node {
  @ManyToOne(() => Certification, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certification_id' })
  certification?: Certification;

  @Column({ type: 'integer' })
  certificationId!: number;

  @ManyToOne(() => Completion, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'completion_id' })
  completion?: Completion;

  @Column({ type: 'integer' })
  completionId!: number;

  @Field(() => PetitionStatus, { description: 'Current status.' })
  @Column({ type: 'varchar', length: 20 })
  status!: PetitionStatus;

  @Field({ description: 'Why the trainer believes the course should count.' })
  @Column({ type: 'text' })
  justification!: string;

  /** Hundredths of a CEU asked for (the R2 value of the contact hours). */
  @Column({ type: 'integer' })
  requestedCeuHundredths!: number;

  /** Hundredths of a CEU awarded on approval. */
  @Column({ type: 'integer', nullable: true })
  awardedCeuHundredths!: number | null;

  @Column({ type: 'integer' })
  feeCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currencyCode!: string;

  @Field(() => String, { nullable: true, description: 'Reason given with the denial or withdrawal.' })
  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the petition was submitted and the fee charged.' })
  @Column({ type: 'varchar', length: 30 })
  submittedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was approved, denied or withdrawn.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  decidedAt!: string | null;

  @Field(() => DecimalScalar, { description: 'CEUs asked for: contact hours × 0.1 (R2).' })
  get requestedCeu(): string {
    return formatCeu(this.requestedCeuHundredths);
  }

  @Field(() => DecimalScalar, { nullable: true, description: 'CEUs awarded on approval; null otherwise.' })
  get awardedCeu(): string | null {
    return this.awardedCeuHundredths === null ? null : formatCeu(this.awardedCeuHundredths);
  }

  @Field(() => Money, { description: 'The fee charged at submission; never refunded (R6).' })
  get fee(): Money {
    return money(this.feeCents, this.currencyCode);
  }
}
