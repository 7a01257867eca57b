import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { toGlobalId } from '../../common/ids';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar, Money, money } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';

/**
 * R8: the fees in force for applications received on or after `effectiveFrom`. Rows are never
 * changed: a correction inserts a new row and points the old one at it (`supersededById`, set
 * once), so the old amounts stay readable. Of the rows not superseded, at most one per date.
 */
@Entity('fee_schedule')
@Index(['programCode', 'effectiveFrom'])
@ObjectType({
  implements: Node,
  description:
    'Recertification fees in force for applications received on or after a date (R8). A corrected schedule stays readable, with `supersededBy` naming its correction.',
})
export class FeeScheduleEntry extends Node {
  @Field({ description: 'Credential program, e.g. CPT.' })
  @Column({ type: 'varchar', length: 20 })
  programCode!: string;

  @Field(() => DateScalar, { description: 'First receipt date the schedule applies to.' })
  @Column({ type: 'date' })
  effectiveFrom!: LocalDate;

  @Column({ type: 'varchar', length: 3 })
  currencyCode!: string;

  @Column({ type: 'integer' })
  recertificationFeeCents!: number;

  @Column({ type: 'integer' })
  lateFeeCents!: number;

  @Column({ type: 'integer' })
  additionalFeeCents!: number;

  @Field(() => DateTimeScalar, { description: 'When staff set the schedule.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;

  /** The correction that replaced this schedule; null while it is the current one. */
  @Column({ type: 'integer', nullable: true })
  supersededById!: number | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The correction that replaced this schedule (fee_…, refetch with `node`); null while this one is current. A replaced schedule no longer prices anything.',
  })
  get supersededBy(): string | null {
    return this.supersededById === null ? null : toGlobalId('FeeScheduleEntry', this.supersededById);
  }

  @Field(() => Money, { description: 'Recertification fee, charged on every application.' })
  get recertificationFee(): Money {
    return money(this.recertificationFeeCents, this.currencyCode);
  }

  @Field(() => Money, { description: 'Late fee, added from the day after expiry.' })
  get lateFee(): Money {
    return money(this.lateFeeCents, this.currencyCode);
  }

  @Field(() => Money, { description: 'Additional fee, added from 91 days after expiry.' })
  get additionalFee(): Money {
    return money(this.additionalFeeCents, this.currencyCode);
  }
}

/** R7: a period during which online-only CPR/AED cards are accepted. */
@Entity('hands_on_waiver')
@Index(['programCode', 'startsOn'])
@ObjectType({
  implements: Node,
  description:
    'A hands-on waiver period: online-only CPR/AED cards issued from its start until 60 days after it is lifted are accepted (R7).',
})
export class HandsOnWaiverPeriod extends Node {
  @Field({ description: 'Credential program whose CPR/AED rule the waiver relaxes, e.g. CPT.' })
  @Column({ type: 'varchar', length: 20 })
  programCode!: string;

  @Field(() => DateScalar, { description: 'First day of the waiver.' })
  @Column({ type: 'date' })
  startsOn!: LocalDate;

  @Field(() => DateScalar, { nullable: true, description: 'Day the waiver was lifted; null while in force.' })
  @Column({ type: 'date', nullable: true })
  liftedOn!: LocalDate | null;

  @Field(() => String, { nullable: true, description: 'Why the waiver was declared.' })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When staff last changed the waiver.' })
  @Column({ type: 'varchar', length: 30 })
  updatedAt!: string;

  /** The correction that replaced this waiver; null while it is the current one. */
  @Column({ type: 'integer', nullable: true })
  supersededById!: number | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The correction that replaced this waiver (wvr_…, refetch with `node`); null while this one is current. A replaced waiver no longer covers any card.',
  })
  get supersededBy(): string | null {
    return this.supersededById === null ? null : toGlobalId('HandsOnWaiverPeriod', this.supersededById);
  }
}
