import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { describeEnum, enumOf } from '../../common/enums';
import { Node } from '../../common/node';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { ProviderKind as Kind, PROVIDER_STATUSES, ProviderStatus as Status } from '../../rules';

/** Room for a folded 200-character name (accents decompose into several code points). */
export const NAME_KEY_LENGTH = 600;

export const ProviderKind = enumOf<Kind>(['CERTIFYING_BODY', 'PARTNER']);
export type ProviderKind = Kind;
describeEnum(ProviderKind, 'ProviderKind', 'What kind of organisation a provider is.', {
  CERTIFYING_BODY: 'The certification body itself; always approved.',
  PARTNER: 'An education company that must be approved by staff.',
});

export const ProviderStatus = enumOf<Status>(PROVIDER_STATUSES);
export type ProviderStatus = Status;
describeEnum(ProviderStatus, 'ProviderStatus', 'Where a provider stands with the certification body.', {
  PENDING: 'Applied; waiting for a staff decision.',
  APPROVED: 'Approved: its approved courses count automatically (R3).',
  REJECTED: 'The application was rejected.',
  SUSPENDED: 'Suspended by staff: completions after the suspension day need a petition.',
});

@Entity('provider')
@ObjectType({ implements: Node, description: 'An organisation offering continuing education.' })
export class Provider extends Node {
  @Field(() => ProviderKind, { description: 'Certifying body or partner.' })
  @Column({ type: 'varchar', length: 20 })
  kind!: ProviderKind;

  @Field({ description: 'Name of the organisation.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The name folded for uniqueness and search: case, accents and spacing ignored. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: NAME_KEY_LENGTH })
  nameKey!: string;

  /** Shown only to staff and the provider itself (see ProviderResolver.contactEmail). */
  @Column({ type: 'varchar', length: 254 })
  contactEmail!: string;

  @Field(() => String, { nullable: true, description: 'Public web site of the provider.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  website!: string | null;

  @Field(() => ProviderStatus, { description: 'Current status.' })
  @Index()
  @Column({ type: 'varchar', length: 20 })
  status!: ProviderStatus;

  @Field(() => String, { nullable: true, description: 'Reason given with the latest rejection or suspension.' })
  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the provider applied or was created.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;

  @Field(() => DateTimeScalar, { description: 'When the provider last changed.' })
  @Column({ type: 'varchar', length: 30 })
  updatedAt!: string;
}

/** A span of days during which a provider was approved (R3 history). */
@Entity('provider_approval_period')
@ObjectType({ description: 'A span of days during which a provider was approved.' })
export class ProviderApprovalPeriod {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Provider, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Provider;

  @Index()
  @Column({ type: 'integer' })
  providerId!: number;

  @Field(() => DateScalar, { description: 'First day of approval.' })
  @Column({ type: 'date', name: 'from_date' })
  from!: LocalDate;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of approval (inclusive); null while approved.' })
  @Column({ type: 'date', name: 'through_date', nullable: true })
  through!: LocalDate | null;
}
