import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { toGlobalId } from '../../common/ids';
import { reload } from '../../common/loader-helpers';
import { connectionType, PageArgs } from '../../common/pagination';
import { Payload } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Provider } from '../provider/provider.entity';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from './webhook.entity';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryFilter,
} from './webhook.inputs';
import { WebhookService } from './webhook.service';

const WebhookEndpointConnection = connectionType(WebhookEndpoint, 'WebhookEndpoint');
const WebhookDeliveryConnection = connectionType(WebhookDelivery, 'WebhookDelivery');

@ObjectType({ description: 'Result of creating or changing a webhook endpoint.' })
export class WebhookEndpointPayload extends Payload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint; null when refused.' })
  webhookEndpoint?: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret (whsec_…), when the endpoint was created or its secret rotated. Shown only in this answer: store it now.',
  })
  secret?: string | null;
}

@ObjectType({ description: 'Result of deleting a webhook endpoint.' })
export class DeleteWebhookEndpointPayload extends Payload {
  @Field(() => ID, { nullable: true, description: 'The ID of the deleted endpoint; null when refused.' })
  deletedEndpointId?: string | null;
}

@ObjectType({ description: 'Result of asking for a delivery again.' })
export class RedeliverWebhookPayload extends Payload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, PENDING again; null when refused.' })
  webhookDelivery?: WebhookDelivery | null;
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  constructor(private readonly service: WebhookService) {}

  @Authorized('STAFF', 'PROVIDER')
  @Query(() => WebhookEndpointConnection, {
    description: 'Webhook endpoints, oldest first: a provider’s own, or every one for staff.',
  })
  async webhookEndpoints(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return WebhookEndpointConnection.of(await this.service.list(ctx, page));
  }

  @FieldResolver(() => Provider, {
    nullable: true,
    description: 'The provider that owns it; null for a staff endpoint.',
  })
  async provider(@Root() endpoint: WebhookEndpoint, @Ctx() ctx: RequestContext) {
    return endpoint.providerId === null ? null : ctx.loaders.provider.load(endpoint.providerId);
  }

  @Authorized('STAFF', 'PROVIDER')
  @Mutation(() => WebhookEndpointPayload, {
    description:
      'Create a webhook endpoint. A provider’s receives the events about its own courses, completions, petitions and keys; a staff endpoint may receive every event. The signing secret is in the answer, once.',
  })
  async createWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointPayload> {
    const { endpointId, secret } = await this.service.create(ctx, input);
    return { webhookEndpoint: await reload(ctx.loaders.webhookEndpoint, endpointId), secret, userErrors: [] };
  }

  @Authorized('STAFF', 'PROVIDER')
  @Mutation(() => WebhookEndpointPayload, {
    description:
      'Change a webhook endpoint: URL, event types, enabled, or a new secret (the previous one keeps signing during the overlap).',
  })
  async updateWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointPayload> {
    const { endpointId, secret } = await this.service.update(ctx, input);
    return { webhookEndpoint: await reload(ctx.loaders.webhookEndpoint, endpointId), secret, userErrors: [] };
  }

  @Authorized('STAFF', 'PROVIDER')
  @Mutation(() => DeleteWebhookEndpointPayload, {
    description: 'Delete a webhook endpoint and its deliveries; nothing more is sent to it.',
  })
  async deleteWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: DeleteWebhookEndpointInput,
  ): Promise<DeleteWebhookEndpointPayload> {
    const { endpointId } = await this.service.delete(ctx, input);
    return { deletedEndpointId: toGlobalId('WebhookEndpoint', endpointId), userErrors: [] };
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  constructor(private readonly service: WebhookService) {}

  @Authorized('STAFF', 'PROVIDER')
  @Query(() => WebhookDeliveryConnection, {
    description:
      'Webhook deliveries, newest first, with their attempts: to a provider’s own endpoints, or all for staff.',
  })
  async webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: WebhookDeliveryFilter | null,
  ) {
    return WebhookDeliveryConnection.of(await this.service.deliveries(ctx, filter, page));
  }

  @FieldResolver(() => WebhookEndpoint, { description: 'Where it goes.' })
  endpoint(@Root() delivery: WebhookDelivery, @Ctx() ctx: RequestContext) {
    return delivery.endpoint ?? ctx.loaders.webhookEndpoint.load(delivery.endpointId);
  }

  @FieldResolver(() => WebhookEvent, { description: 'What it sends.' })
  event(@Root() delivery: WebhookDelivery, @Ctx() ctx: RequestContext) {
    return delivery.event ?? ctx.loaders.webhookEvent.load(delivery.eventId);
  }

  @Authorized('STAFF', 'PROVIDER')
  @Mutation(() => RedeliverWebhookPayload, {
    description: 'Send a delivery again now (delivered, failed or waiting), with a fresh retry period.',
  })
  async redeliverWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: RedeliverWebhookInput,
  ): Promise<RedeliverWebhookPayload> {
    const { deliveryId } = await this.service.redeliver(ctx, input);
    return { webhookDelivery: await reload(ctx.loaders.webhookDelivery, deliveryId), userErrors: [] };
  }
}
