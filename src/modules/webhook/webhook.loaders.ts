import { EntityManager } from 'typeorm';
import { byIdLoader } from '../../common/loader-helpers';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from './webhook.entity';

export function webhookLoaders(em: EntityManager) {
  return {
    webhookEndpoint: byIdLoader(em, WebhookEndpoint),
    webhookDelivery: byIdLoader(em, WebhookDelivery),
    webhookEvent: byIdLoader(em, WebhookEvent),
  };
}
