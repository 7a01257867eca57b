import { EntityManager } from 'typeorm';
import { actorOf } from '../../common/identity';
import { NodeTypeName, parseGlobalId } from '../../common/ids';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { RequestContext } from '../../context';
import { Database } from '../../database/database';
import { DecisionLogEntry } from './decision-log.entity';
import { DecisionLogFilter } from './decision-log.inputs';
import { EventService, NewEvent } from '../webhook/event.service';

export interface Decision {
  action: string;
  /** The type of the object decided on; ProgramPolicy for the program's settings, Import for a go-live import. */
  subjectType: NodeTypeName | 'Program' | 'ProgramPolicy' | 'Import';
  subjectId: number;
  reason?: string | null;
  details?: Record<string, unknown>;
  /** The events the decision sends (webhooks), recorded with it. */
  events?: readonly NewEvent[];
}

/**
 * Writes the append-only decision log, inside the unit of work of the decision itself, with the
 * events the decision sends.
 */
export class DecisionLogService {
  constructor(
    private readonly db: Database,
    readonly events: EventService,
  ) {}

  list(filter: DecisionLogFilter | null | undefined, page: PageArgs): Promise<Page<DecisionLogEntry>> {
    const query = this.db.reader.getRepository(DecisionLogEntry).createQueryBuilder('d');
    if (filter?.subjectId) {
      const subject = parseGlobalId(filter.subjectId);
      query.andWhere('d.subject_type = :type AND d.subject_id = :id', {
        type: subject?.type ?? '',
        id: subject?.id ?? 0,
      });
    }
    if (filter?.action) query.andWhere('d.action = :action', { action: filter.action });
    return paginate(query, page);
  }

  async record(em: EntityManager, ctx: RequestContext, decision: Decision): Promise<void> {
    const { actorType, actorId } = actorOf(ctx.identity);
    await em.insert(DecisionLogEntry, {
      occurredAt: ctx.now,
      actorType,
      actorId,
      action: decision.action,
      subjectType: decision.subjectType,
      subjectId: decision.subjectId,
      reason: decision.reason ?? null,
      details: (decision.details ?? {}) as never,
    });
    if (decision.events) await this.events.emit(em, ctx.now, decision.events);
  }
}
