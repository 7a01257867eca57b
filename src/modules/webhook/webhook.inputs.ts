import { ArrayMaxSize, IsArray, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Text } from '../../common/validators';
import { WebhookEventType } from './event-types';
import { WebhookDeliveryStatus } from './webhook.entity';

/** The longest overlap of a rotated secret, in hours: a week. */
export const MAX_ROTATION_OVERLAP_HOURS = 168;

@InputType({ description: 'A new webhook endpoint: a provider’s own, or (staff) one that may receive every event.' })
export class CreateWebhookEndpointInput {
  @Field({ description: 'Where to POST events: https in production, at most 2,000 characters.' })
  @MaxLength(2000)
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for (at most 200 characters).' })
  @IsOptional()
  @Text(200)
  description?: string | null;

  @Field(() => [WebhookEventType], {
    nullable: true,
    description: 'The event types to receive; left out or empty: every type the owner may receive.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  eventTypes?: WebhookEventType[] | null;
}

@InputType({ description: 'Changes to a webhook endpoint; fields left out keep their value.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint (whe_…).' })
  @MaxLength(40)
  endpointId!: string;

  @Field(() => String, { nullable: true, description: 'A new URL.' })
  @IsOptional()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'A new description.' })
  @IsOptional()
  @Text(200, { blank: true })
  description?: string | null;

  @Field(() => [WebhookEventType], { nullable: true, description: 'The event types to receive from now on.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  eventTypes?: WebhookEventType[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false disables the endpoint; true enables it again (also one disabled after failing).',
  })
  @IsOptional()
  enabled?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: a new signing secret, shown once in the answer; the old one also signs during the overlap.',
  })
  @IsOptional()
  rotateSecret?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: `Hours the previous secret keeps signing after a rotation, 0 to ${MAX_ROTATION_OVERLAP_HOURS} (default 24).`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ROTATION_OVERLAP_HOURS)
  rotationOverlapHours?: number | null;
}

@InputType({ description: 'Delete a webhook endpoint and its deliveries.' })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint (whe_…).' })
  @MaxLength(40)
  endpointId!: string;
}

@InputType({ description: 'Send a delivery again now, with a fresh retry period.' })
export class RedeliverWebhookInput {
  @Field(() => ID, { description: 'The delivery (whd_…).' })
  @MaxLength(40)
  deliveryId!: string;
}

@InputType({ description: 'Which deliveries to list.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Only deliveries to this endpoint (whe_…).' })
  @IsOptional()
  @MaxLength(40)
  endpointId?: string | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  @IsOptional()
  status?: WebhookDeliveryStatus | null;
}
