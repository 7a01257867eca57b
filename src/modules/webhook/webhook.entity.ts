import { JSONObjectResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Node } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';
import { WebhookEventType } from './event-types';

/**
 * An event in the outbox: written in the unit of work of the change it tells about, so that a
 * change rolled back leaves none and a unit of work retried writes it once. The dispatcher fans
 * it out to the matching endpoints (`fannedOut`) and prunes it once its deliveries are done.
 */
@ObjectType({
  implements: Node,
  description:
    'Something that happened in the ledger, as webhooks send it: its type, when, and its objects by global ID.',
})
@Entity('webhook_event')
@Index(['fannedOut', 'id'])
export class WebhookEvent extends Node {
  @Field(() => WebhookEventType, { description: 'What happened; the payload’s `type` is its dotted name.' })
  @Column({ type: 'varchar', length: 40 })
  type!: WebhookEventType;

  @Field(() => DateTimeScalar, { description: 'When it happened (the change’s own time).' })
  @Column({ type: 'varchar', length: 30 })
  occurredAt!: string;

  /** The event's facts, objects by global ID. */
  @Field(() => JSONObjectResolver, { description: 'The facts, as the payload’s `data` carries them.' })
  @Column({ type: 'simple-json' })
  data!: Record<string, unknown>;

  /** The provider the event is about (its courses, completions, petitions, keys); null: staff only. */
  @Column({ type: 'integer', nullable: true })
  providerId!: number | null;

  @Column({ type: 'boolean', default: false })
  fannedOut!: boolean;
}

export enum WebhookEndpointStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether an endpoint receives events.',
  valuesConfig: {
    ACTIVE: { description: 'Events are sent to it.' },
    DISABLED: { description: 'Nothing is sent: disabled by its owner, or after failing for the whole retry period.' },
  },
});
export type EndpointStatus = `${WebhookEndpointStatus}`;

/** Where a provider or staff want events sent, signed with the endpoint's secret. */
@ObjectType({
  implements: Node,
  description: 'A URL that receives signed webhooks (Standard Webhooks). A provider’s own, or a staff endpoint.',
})
@Entity('webhook_endpoint')
export class WebhookEndpoint extends Node {
  /** The provider that owns it; null for a staff endpoint, which may receive every event. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  providerId!: number | null;

  @Field({ description: 'Where events are POSTed.' })
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  /** The event types it receives; empty: all it may receive. */
  @Field(() => [WebhookEventType], {
    description: 'The event types it receives; empty means every type its owner may receive.',
  })
  @Column({ type: 'simple-json' })
  eventTypes!: WebhookEventType[];

  @Field(() => WebhookEndpointStatus, {
    description: 'ACTIVE, or DISABLED (by its owner, or after failing for too long).',
  })
  @Column({ type: 'varchar', length: 20 })
  status!: EndpointStatus;

  @Field(() => String, { nullable: true, description: 'Why it is disabled, e.g. the failures that disabled it.' })
  @Column({ type: 'text', nullable: true })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was disabled.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  disabledAt!: string | null;

  /** When the deliveries began failing without a success since; null while they succeed. */
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Since when its deliveries fail without a success; null while they succeed.',
  })
  @Column({ type: 'varchar', length: 30, nullable: true })
  failingSince!: string | null;

  /** The signing secret, encrypted (AES-256-GCM with WEBHOOK_SECRET_KEY). */
  @Column({ type: 'varchar', length: 200 })
  secretCipher!: string;

  /** The secret before the last rotation, which also signs until `previousSecretUntil`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  previousSecretCipher!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'After a rotation: until when the previous secret also signs (both signatures are sent).',
  })
  @Column({ type: 'varchar', length: 30, nullable: true })
  previousSecretUntil!: string | null;

  @Field({ description: 'Who created it: a staff member, or the provider’s global ID.' })
  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt!: string;
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'To be attempted (again) at `nextAttemptAt`.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Given up: no 2xx answer within the retry period. `redeliverWebhook` tries again.' },
  },
});
export type DeliveryStatus = `${WebhookDeliveryStatus}`;

/** One event for one endpoint, and how its attempts went. */
@ObjectType({
  implements: Node,
  description: 'One event for one endpoint: its status, attempts, last answer and next attempt.',
})
@Entity('webhook_delivery')
@Index(['status', 'nextAttemptAt'])
@Index(['endpointId', 'id'])
@Index(['eventId'])
export class WebhookDelivery extends Node {
  @Column({ type: 'integer' })
  eventId!: number;

  /** The event, when read with the delivery (a page of deliveries joins it: pruning cannot part them). */
  @ManyToOne(() => WebhookEvent, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'event_id' })
  event?: WebhookEvent;

  @Column({ type: 'integer' })
  endpointId!: number;

  /** The endpoint, when read with the delivery. */
  @ManyToOne(() => WebhookEndpoint, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpoint;

  @Field(() => WebhookDeliveryStatus, { description: 'PENDING (to be attempted), DELIVERED or FAILED (given up).' })
  @Column({ type: 'varchar', length: 20 })
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When the next attempt is due (PENDING); null once delivered or given up. */
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the next attempt is due; null once delivered or failed.',
  })
  @Column({ type: 'varchar', length: 30, nullable: true })
  nextAttemptAt!: string | null;

  /** No attempt is made after this instant: the delivery is then FAILED. */
  @Field(() => DateTimeScalar, { description: 'No attempt is made after this; the delivery is then FAILED.' })
  @Column({ type: 'varchar', length: 30 })
  giveUpAt!: string;

  /** An instance holds the delivery until then while it attempts it; after, another may take it. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  leaseUntil!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  leaseToken!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last attempt was made.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  lastAttemptAt!: string | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the receiver last answered; null when none came.' })
  @Column({ type: 'integer', nullable: true })
  lastResponseCode!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What went wrong last: the status, a timeout, a refused connection or address, and the answer’s first bytes.',
  })
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the receiver answered 2xx.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  deliveredAt!: string | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}

/**
 * A scheduled event already produced (an expiry reminder for one certification, expiry and
 * offset; an expiry; an overdue audit): its key is unique, so however many instances look, the
 * event is written once.
 */
@Entity('webhook_schedule_mark')
export class WebhookScheduleMark {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  key!: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt!: string;
}
