import { EntityManager } from 'typeorm';
import { fromGlobalId, toGlobalId } from '../../common/ids';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { applyTransition } from '../../common/transitions';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, RequestContext, trainerIdOf } from '../../context';
import { Database } from '../../database/database';
import { defineTransitions } from '../../rules/state-machine';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { RecertificationApplication } from '../recertification/recertification.entity';
import { applicationFacts, RecertificationService } from '../recertification/recertification.service';
import { WebhookEventType } from '../webhook/event-types';
import { Certification } from '../trainer/trainer.entity';
import { TrainerService } from '../trainer/trainer.service';
import { Audit, AuditDocument, AuditStatus } from './audit.entity';
import { documentLocation } from '../../common/validators';
import {
  AuditFilter,
  AuditOutcome,
  MAX_AUDIT_DOCUMENTS,
  MAX_LOCATION_CHARS,
  ResolveAuditInput,
  SubmitAuditDocumentsInput,
} from './audit.inputs';

/** Audit moves (R11): documents arrive, then staff pass or fail it (also without documents). */
export const AUDIT_TRANSITIONS = defineTransitions<AuditStatus, 'submit' | 'pass' | 'fail'>({
  submit: { from: ['AWAITING_DOCUMENTS', 'DOCUMENTS_SUBMITTED'], to: 'DOCUMENTS_SUBMITTED' },
  pass: { from: ['AWAITING_DOCUMENTS', 'DOCUMENTS_SUBMITTED'], to: 'PASSED' },
  fail: { from: ['AWAITING_DOCUMENTS', 'DOCUMENTS_SUBMITTED'], to: 'FAILED' },
});

export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly trainers: TrainerService,
    private readonly recertification: RecertificationService,
    private readonly decisions: DecisionLogService,
  ) {}

  private async trainerOf(ctx: RequestContext, audit: Audit): Promise<number | null> {
    const application = await ctx.loaders.application.load(audit.applicationId);
    const certification = application ? await ctx.loaders.certification.load(application.certificationId) : null;
    return certification?.trainerId ?? null;
  }

  async get(ctx: RequestContext, id: number): Promise<Audit | null> {
    const audit = await ctx.loaders.audit.load(id);
    if (!audit) return null;
    const trainerId = await this.trainerOf(ctx, audit);
    return trainerId !== null && this.trainers.canSee(ctx, trainerId) ? audit : null;
  }

  /** Staff see every audit (overdue ones on request); a trainer sees their own. */
  list(ctx: RequestContext, filter: AuditFilter | null | undefined, page: PageArgs): Promise<Page<Audit>> {
    const query = this.db.reader.getRepository(Audit).createQueryBuilder('au');
    if (!isStaff(ctx)) {
      query.where(
        `au.application_id IN (SELECT ra.id FROM recertification_application ra
          JOIN certification c ON c.id = ra.certification_id WHERE c.trainer_id = :trainer)`,
        { trainer: trainerIdOf(ctx) ?? 0 },
      );
    }
    if (filter?.status) query.andWhere('au.status = :status', { status: filter.status });
    if (filter?.overdue === true) {
      query.andWhere("au.status = 'AWAITING_DOCUMENTS' AND au.documents_due_on < :today", { today: ctx.today });
    } else if (filter?.overdue === false) {
      query.andWhere("NOT (au.status = 'AWAITING_DOCUMENTS' AND au.documents_due_on < :today)", { today: ctx.today });
    }
    return paginate(query, page);
  }

  /** The trainer sends the metadata of the audit documents. */
  submitDocuments(ctx: RequestContext, input: SubmitAuditDocumentsInput): Promise<{ auditId: number }> {
    return this.db.uow.run(async (em) => {
      const audit = await this.findAudit(em, input.auditId);
      const application = await em.findOneByOrFail(RecertificationApplication, { id: audit.applicationId });
      const certification = await em.findOneByOrFail(Certification, { id: application.certificationId });
      if (trainerIdOf(ctx) !== certification.trainerId) {
        refuse(UserErrorCode.NOT_FOUND, 'No audit has this ID.', ['input', 'auditId']);
      }
      // The transition's UPDATE locks the audit row first, so that of two submissions racing for
      // the last places the second counts the first's documents (PostgreSQL) and is refused.
      await applyTransition(em, Audit, audit, AUDIT_TRANSITIONS, 'submit', {}, ['input', 'auditId']);
      const kept = await em.countBy(AuditDocument, { auditId: audit.id });
      if (kept + input.documents.length > MAX_AUDIT_DOCUMENTS) {
        refuse(
          UserErrorCode.TOO_MANY_ITEMS,
          `An audit keeps at most ${MAX_AUDIT_DOCUMENTS} documents; this one has ${kept}, so at most ${MAX_AUDIT_DOCUMENTS - kept} more can be sent.`,
          ['input', 'documents'],
        );
      }
      await em.insert(
        AuditDocument,
        input.documents.map((d) => ({
          auditId: audit.id,
          name: d.name.trim(),
          mediaType: d.mediaType.toLowerCase(),
          sizeBytes: d.sizeBytes,
          sha256: d.sha256.toLowerCase(),
          location: documentLocation(d.location, MAX_LOCATION_CHARS) as string,
          submittedAt: ctx.now,
        })),
      );
      await this.decisions.events.emit(em, ctx.now, [
        {
          type: WebhookEventType.AUDIT_DOCUMENTS_RECEIVED,
          data: {
            audit: toGlobalId('Audit', audit.id),
            ...applicationFacts(application.id, certification.id),
            documents: input.documents.length,
          },
        },
      ]);
      return { auditId: audit.id };
    });
  }

  /** R11: staff pass (the application is approved, R10) or fail (refused with the reason). */
  resolve(ctx: RequestContext, input: ResolveAuditInput): Promise<{ auditId: number }> {
    return this.db.uow.run(async (em) => {
      const audit = await this.findAudit(em, input.auditId);
      const pass = input.outcome === AuditOutcome.PASS;
      const reason = input.reason?.trim() || null;
      if (!pass && !reason)
        refuse(UserErrorCode.REQUIRED, 'A reason is required to fail an audit.', ['input', 'reason']);
      await applyTransition(
        em,
        Audit,
        audit,
        AUDIT_TRANSITIONS,
        pass ? 'pass' : 'fail',
        {
          reason,
          resolvedAt: ctx.now,
        },
        ['input', 'auditId'],
      );
      if (pass) await this.recertification.approve(em, ctx, audit.applicationId);
      else await this.recertification.refuseAfterAudit(em, ctx, audit.applicationId, reason as string);
      await this.decisions.record(em, ctx, {
        action: pass ? 'AUDIT_PASSED' : 'AUDIT_FAILED',
        subjectType: 'Audit',
        subjectId: audit.id,
        reason,
        details: {},
        events: [
          {
            type: WebhookEventType.AUDIT_RESOLVED,
            data: {
              audit: toGlobalId('Audit', audit.id),
              application: toGlobalId('RecertificationApplication', audit.applicationId),
              outcome: pass ? 'PASS' : 'FAIL',
              reason,
            },
          },
        ],
      });
      return { auditId: audit.id };
    });
  }

  private async findAudit(em: EntityManager, globalId: string): Promise<Audit> {
    const id = fromGlobalId('Audit', globalId);
    const audit = id ? await em.findOneBy(Audit, { id }) : null;
    return audit ?? refuse(UserErrorCode.NOT_FOUND, 'No audit has this ID.', ['input', 'auditId']);
  }
}
