import ipaddr from 'ipaddr.js';
import { EntityManager } from 'typeorm';
import { Clock, systemClock } from '../../common/clock';
import { actorOf } from '../../common/identity';
import { fromGlobalId, toGlobalId } from '../../common/ids';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import { Database } from '../../database/database';
import type { WebhookSettings } from '../../config';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { EVENT_TYPES, WebhookEventType } from './event-types';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from './webhook.entity';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryFilter,
} from './webhook.inputs';
import { WebhookSecrets } from './webhook.secrets';

/** Endpoints one owner (a provider, or staff together) may have. */
export const MAX_ENDPOINTS_PER_OWNER = 10;
const DEFAULT_OVERLAP_HOURS = 24;

/**
 * Why an endpoint URL is refused, or null. Production takes https only, and no address that is
 * loopback, private, link-local or otherwise not public as a literal (names are checked again
 * after resolution by the sender's filtering agent, on every attempt).
 */
export function endpointUrlProblem(text: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'The URL is not valid; give an absolute address such as https://hooks.example.com/ceu.';
  }
  if (!/^https?:$/.test(url.protocol)) return 'The URL must start with https:// (or http:// outside production).';
  if (url.username || url.password) return 'The URL must not carry a user name or password.';
  if (!production) return null;
  if (url.protocol !== 'https:') return 'Endpoints must use https in production.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'The URL must name a public host, not localhost.';
  if (ipaddr.isValid(host) && ipaddr.process(host).range() !== 'unicast') {
    return 'The URL must name a public address, not a loopback, private, link-local or reserved one.';
  }
  return null;
}

/** Webhook endpoints and their deliveries: a provider manages its own; staff manage all. */
export class WebhookService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
    private readonly secrets: WebhookSecrets,
    private readonly settings: Pick<WebhookSettings, 'retryForMs'> & { production: boolean },
    /** Delivery times are wall-clock times, as the dispatcher's. */
    private readonly wall: Clock = systemClock,
  ) {}

  /** The endpoint if the caller may see it. */
  async endpoint(ctx: RequestContext, id: number): Promise<WebhookEndpoint | null> {
    const endpoint = await this.db.reader.findOneBy(WebhookEndpoint, { id });
    return endpoint && this.owns(ctx, endpoint) ? endpoint : null;
  }

  async delivery(ctx: RequestContext, id: number): Promise<WebhookDelivery | null> {
    const delivery = await this.db.reader.findOneBy(WebhookDelivery, { id });
    return delivery && (await this.endpoint(ctx, delivery.endpointId)) ? delivery : null;
  }

  /** An event, to whoever may see a delivery of it. */
  async event(ctx: RequestContext, id: number): Promise<WebhookEvent | null> {
    if (!isStaff(ctx)) {
      const own = await this.db.reader
        .getRepository(WebhookDelivery)
        .createQueryBuilder('d')
        .innerJoin(WebhookEndpoint, 'e', 'e.id = d.endpoint_id')
        .where('d.event_id = :id AND e.provider_id = :provider', { id, provider: providerIdOf(ctx) ?? 0 })
        .getExists();
      if (!own) return null;
    }
    return this.db.reader.findOneBy(WebhookEvent, { id });
  }

  eventsById(ids: readonly number[]): Promise<WebhookEvent[]> {
    return this.db.reader.getRepository(WebhookEvent).findBy(ids.map((id) => ({ id })));
  }

  list(ctx: RequestContext, page: PageArgs): Promise<Page<WebhookEndpoint>> {
    const query = this.db.reader.getRepository(WebhookEndpoint).createQueryBuilder('e');
    if (!isStaff(ctx)) query.where('e.provider_id = :provider', { provider: providerIdOf(ctx) ?? 0 });
    return paginate(query, page);
  }

  /**
   * Newest first, each with its event and endpoint from the same statement: pruning deletes a
   * delivery and its event together, and a second statement could find the event gone.
   */
  deliveries(
    ctx: RequestContext,
    filter: WebhookDeliveryFilter | null | undefined,
    page: PageArgs,
  ): Promise<Page<WebhookDelivery>> {
    const query = this.db.reader
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.event', 'ev')
      .innerJoinAndSelect('d.endpoint', 'e');
    if (!isStaff(ctx)) query.where('e.provider_id = :provider', { provider: providerIdOf(ctx) ?? 0 });
    if (filter?.endpointId) {
      query.andWhere('d.endpoint_id = :endpoint', {
        endpoint: fromGlobalId('WebhookEndpoint', filter.endpointId) ?? 0,
      });
    }
    if (filter?.status) query.andWhere('d.status = :status', { status: filter.status });
    return paginate(query, page, 'DESC');
  }

  create(ctx: RequestContext, input: CreateWebhookEndpointInput): Promise<{ endpointId: number; secret: string }> {
    return this.db.uow.run(async (em) => {
      const providerId = isStaff(ctx) ? null : providerIdOf(ctx);
      const url = this.checkedUrl(input.url, ['input', 'url']);
      const eventTypes = this.checkedTypes(ctx, input.eventTypes ?? [], ['input', 'eventTypes']);
      const count = await em
        .createQueryBuilder(WebhookEndpoint, 'e')
        .where(providerId === null ? 'e.provider_id IS NULL' : 'e.provider_id = :providerId', { providerId })
        .getCount();
      if (count >= MAX_ENDPOINTS_PER_OWNER) {
        refuse(
          UserErrorCode.TOO_MANY_ITEMS,
          `At most ${MAX_ENDPOINTS_PER_OWNER} webhook endpoints per owner; delete one first.`,
          ['input'],
        );
      }
      const secret = WebhookSecrets.generate();
      const now = this.wall.now().toISOString();
      const { identifiers } = await em.insert(WebhookEndpoint, {
        providerId,
        url,
        description: input.description?.trim() || null,
        eventTypes,
        status: 'ACTIVE',
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
        secretCipher: this.secrets.seal(secret),
        previousSecretCipher: null,
        previousSecretUntil: null,
        createdBy: actorOf(ctx.identity).actorId,
        createdAt: now,
        updatedAt: now,
      });
      const endpointId = identifiers[0].id as number;
      await this.log(em, ctx, 'WEBHOOK_ENDPOINT_CREATED', endpointId, { url, eventTypes });
      return { endpointId, secret };
    });
  }

  update(
    ctx: RequestContext,
    input: UpdateWebhookEndpointInput,
  ): Promise<{ endpointId: number; secret: string | null }> {
    return this.db.uow.run(async (em) => {
      const endpoint = await this.ownEndpoint(em, ctx, input.endpointId);
      const now = this.wall.now().toISOString();
      const change: Partial<WebhookEndpoint> = { updatedAt: now };
      if (input.url != null) change.url = this.checkedUrl(input.url, ['input', 'url']);
      if (input.description !== undefined) change.description = input.description?.trim() || null;
      if (input.eventTypes != null)
        change.eventTypes = this.checkedTypes(ctx, input.eventTypes, ['input', 'eventTypes']);
      if (input.enabled === true) {
        Object.assign(change, { status: 'ACTIVE', disabledAt: null, disabledReason: null, failingSince: null });
      } else if (input.enabled === false && endpoint.status === 'ACTIVE') {
        Object.assign(change, { status: 'DISABLED', disabledAt: now, disabledReason: 'Disabled by its owner.' });
      }
      let secret: string | null = null;
      if (input.rotateSecret) {
        secret = WebhookSecrets.generate();
        const hours = input.rotationOverlapHours ?? DEFAULT_OVERLAP_HOURS;
        Object.assign(change, {
          secretCipher: this.secrets.seal(secret),
          previousSecretCipher: hours > 0 ? endpoint.secretCipher : null,
          previousSecretUntil: hours > 0 ? new Date(Date.parse(now) + hours * 3_600_000).toISOString() : null,
        });
      }
      await em.update(WebhookEndpoint, { id: endpoint.id }, change);
      await this.log(em, ctx, 'WEBHOOK_ENDPOINT_UPDATED', endpoint.id, {
        ...(change.url ? { url: change.url } : {}),
        ...(change.eventTypes ? { eventTypes: change.eventTypes } : {}),
        ...(change.status ? { status: change.status } : {}),
        ...(secret ? { secretRotated: true, previousSecretUntil: change.previousSecretUntil } : {}),
      });
      return { endpointId: endpoint.id, secret };
    });
  }

  delete(ctx: RequestContext, input: DeleteWebhookEndpointInput): Promise<{ endpointId: number }> {
    return this.db.uow.run(async (em) => {
      const endpoint = await this.ownEndpoint(em, ctx, input.endpointId);
      await em.delete(WebhookDelivery, { endpointId: endpoint.id });
      await em.delete(WebhookEndpoint, { id: endpoint.id });
      await this.log(em, ctx, 'WEBHOOK_ENDPOINT_DELETED', endpoint.id, { url: endpoint.url });
      return { endpointId: endpoint.id };
    });
  }

  /** A delivery attempted again as soon as the dispatcher looks, with a fresh retry period. */
  redeliver(ctx: RequestContext, input: RedeliverWebhookInput): Promise<{ deliveryId: number }> {
    return this.db.uow.run(async (em) => {
      const field = ['input', 'deliveryId'];
      const id = fromGlobalId('WebhookDelivery', input.deliveryId);
      const delivery = id ? await em.findOneBy(WebhookDelivery, { id }) : null;
      const endpoint = delivery ? await em.findOneBy(WebhookEndpoint, { id: delivery.endpointId }) : null;
      if (!delivery || !endpoint || !this.owns(ctx, endpoint)) {
        return refuse(UserErrorCode.NOT_FOUND, 'No webhook delivery has this ID.', field);
      }
      if (endpoint.status !== 'ACTIVE') {
        refuse(
          UserErrorCode.INVALID_TRANSITION,
          'The endpoint is disabled; enable it first (updateWebhookEndpoint).',
          field,
        );
      }
      const now = this.wall.now();
      await em.update(
        WebhookDelivery,
        { id: delivery.id },
        {
          status: 'PENDING',
          nextAttemptAt: now.toISOString(),
          giveUpAt: new Date(now.getTime() + this.settings.retryForMs).toISOString(),
          leaseUntil: null,
          leaseToken: null,
        },
      );
      return { deliveryId: delivery.id };
    });
  }

  private owns(ctx: RequestContext, endpoint: WebhookEndpoint): boolean {
    return isStaff(ctx) || (endpoint.providerId !== null && endpoint.providerId === providerIdOf(ctx));
  }

  private async ownEndpoint(em: EntityManager, ctx: RequestContext, globalId: string): Promise<WebhookEndpoint> {
    const id = fromGlobalId('WebhookEndpoint', globalId);
    const endpoint = id ? await em.findOneBy(WebhookEndpoint, { id }) : null;
    if (!endpoint || !this.owns(ctx, endpoint)) {
      return refuse(UserErrorCode.NOT_FOUND, 'No webhook endpoint has this ID.', ['input', 'endpointId']);
    }
    return endpoint;
  }

  private checkedUrl(text: string, field: string[]): string {
    const problem = endpointUrlProblem(text, this.settings.production);
    if (problem) refuse(UserErrorCode.INVALID_URL, problem, field);
    return new URL(text.trim()).href;
  }

  /** Distinct types, each one the caller may receive. */
  private checkedTypes(ctx: RequestContext, types: WebhookEventType[], field: string[]): WebhookEventType[] {
    if (!isStaff(ctx)) {
      const refused = types.filter((type) => !EVENT_TYPES[type].provider);
      if (refused.length) {
        const allowed = (Object.keys(EVENT_TYPES) as WebhookEventType[]).filter((t) => EVENT_TYPES[t].provider);
        refuse(
          UserErrorCode.NOT_PERMITTED,
          `Providers receive only events about their own courses, completions, petitions and keys: ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} for staff. Yours: ${allowed.join(', ')}.`,
          field,
        );
      }
    }
    return [...new Set(types)];
  }

  private log(
    em: EntityManager,
    ctx: RequestContext,
    action: string,
    endpointId: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.decisions.record(em, ctx, {
      action,
      subjectType: 'WebhookEndpoint',
      subjectId: endpointId,
      details: { endpoint: toGlobalId('WebhookEndpoint', endpointId), ...details },
    });
  }
}
