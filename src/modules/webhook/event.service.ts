import { EntityManager } from 'typeorm';
import { toGlobalId } from '../../common/ids';
import { insertMany } from '../../database/insert-many';
import { WebhookEventType } from './event-types';
import { WebhookEvent } from './webhook.entity';

/** An event to record: its type, its facts by global ID, and the provider it is about (if any). */
export interface NewEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
  /** The provider whose course, completion, petition or key it is about; it may receive it. */
  providerId?: number | null;
}

/**
 * Records events in the outbox, in the caller's unit of work: the change and its events commit
 * together or not at all, and a unit of work run again after a lost race records them once.
 * Every event the ledger sends is written here; the dispatcher sends them afterwards.
 */
export class EventService {
  async emit(em: EntityManager, occurredAt: string, events: readonly NewEvent[]): Promise<void> {
    if (!events.length) return;
    await insertMany(
      em,
      WebhookEvent,
      events.map((event) => ({
        type: event.type,
        occurredAt,
        data: event.data,
        providerId: event.providerId ?? null,
        fannedOut: false,
      })),
    );
  }
}

/** An event about a course: the course and its provider, which receives it. */
export function courseEvent(
  type: WebhookEventType,
  course: { id: number; providerId: number },
  facts: Record<string, unknown> = {},
): NewEvent {
  return {
    type,
    data: { course: toGlobalId('Course', course.id), provider: toGlobalId('Provider', course.providerId), ...facts },
    providerId: course.providerId,
  };
}
