import { EntityManager } from 'typeorm';
import { fromGlobalId, toGlobalId } from '../../common/ids';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { applyTransition } from '../../common/transitions';
import { Refusal, refuse, userError, UserErrorCode } from '../../common/user-errors';
import { isStaff, RequestContext, trainerIdOf } from '../../context';
import { Database } from '../../database/database';
import { LocalDate } from '../../rules/calendar';
import { decideAudit, RandomSource } from '../../rules/audit';
import { Compliance, compliance } from '../../rules/compliance';
import { nextCycleStart, renewedExpiry } from '../../rules/renewal';
import { defineTransitions } from '../../rules/state-machine';
import { Audit } from '../audit/audit.entity';
import { Completion } from '../completion/completion.entity';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { policyIn, ProgramCatalog } from '../program/program.facts';
import { Certification } from '../trainer/trainer.entity';
import { TrainerService } from '../trainer/trainer.service';
import { WebhookEventType } from '../webhook/event-types';
import { NewEvent } from '../webhook/event.service';
import { ApplicationCompletion, ApplicationStatus, RecertificationApplication } from './recertification.entity';
import { certificationRecord, readCertificationRecords } from './certification-record';
import { RecertificationApplicationFilter, SubmitRecertificationInput } from './recertification.inputs';

/** Application moves (R11): an audited application is approved or refused by its audit. */
export const APPLICATION_TRANSITIONS = defineTransitions<ApplicationStatus, 'pass' | 'fail'>({
  pass: { from: ['AUDIT_PENDING'], to: 'APPROVED' },
  fail: { from: ['AUDIT_PENDING'], to: 'REFUSED' },
});

/** Math.random is fine for picking audits; tests inject a deterministic source. */
export const systemRandom: RandomSource = { next: () => Math.random() };

export class RecertificationService {
  constructor(
    private readonly db: Database,
    private readonly trainers: TrainerService,
    private readonly decisions: DecisionLogService,
    private readonly idempotency: IdempotencyService,
    private readonly random: RandomSource = systemRandom,
  ) {}

  /** The compliance summary of a certification on a date; null when the caller may not see it. */
  async compliance(ctx: RequestContext, certificationId: number, on: LocalDate): Promise<Compliance | null> {
    const certification = await this.trainers.certification(ctx, certificationId);
    if (!certification) return null;
    return compliance((await certificationRecord(ctx, certification, on)).input);
  }

  /**
   * R9–R11: the trainer applies today. Refused with every blocker when R9 is not met; otherwise
   * recorded with its fees, selected for audit at the configured rate, and approved at once
   * when not selected (R10).
   */
  submit(ctx: RequestContext, input: SubmitRecertificationInput): Promise<{ applicationId: number }> {
    return this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'submitRecertification', input, async () => {
        const certification = await this.trainers.actingCertification(em, ctx, input.certificationId);
        const [{ input: complianceInput }] = await readCertificationRecords(em, [{ certification, on: ctx.today }]);
        const decided = compliance(complianceInput);
        if (!decided.acceptable) {
          throw new Refusal(decided.blockers.map((b) => userError(UserErrorCode[b.code], b.message, ['input'])));
        }
        const { identifiers } = await em.insert(RecertificationApplication, {
          certificationId: certification.id,
          cycleExpiresOn: certification.expiresOn,
          receivedOn: ctx.today,
          phase: decided.phase,
          feeLineData: decided.fee.lines,
          feeTotalCents: decided.fee.total,
          currencyCode: decided.fee.currencyCode,
          ceuCounted: decided.continuingEducation.earned,
          status: 'AUDIT_PENDING',
          newExpiresOn: null,
          refusalReason: null,
          submittedAt: ctx.now,
          decidedAt: null,
        });
        const applicationId = identifiers[0].id as number;
        const counted = [...decided.summary.standings].filter(([, s]) => s === 'COUNTED').map(([id]) => id);
        if (counted.length) {
          await em.insert(
            ApplicationCompletion,
            counted.map((completionId) => ({ completionId, applicationId })),
          );
        }
        const audit = decideAudit(complianceInput.policy.auditRate, this.random, ctx.today, complianceInput.policy);
        const about = applicationFacts(applicationId, certification.id);
        const submitted: NewEvent = {
          type: WebhookEventType.APPLICATION_SUBMITTED,
          data: { ...about, phase: decided.phase, receivedOn: ctx.today },
        };
        if (audit.selected) {
          const { identifiers: auditIds } = await em.insert(Audit, {
            applicationId,
            selectedOn: ctx.today,
            documentsDueOn: audit.documentsDueOn as string,
            status: 'AWAITING_DOCUMENTS',
            reason: null,
            resolvedAt: null,
          });
          await this.decisions.events.emit(em, ctx.now, [
            submitted,
            {
              type: WebhookEventType.AUDIT_SELECTED,
              data: {
                audit: toGlobalId('Audit', auditIds[0].id as number),
                ...about,
                documentsDueOn: audit.documentsDueOn,
              },
            },
          ]);
        } else {
          await this.decisions.events.emit(em, ctx.now, [submitted]);
          await this.approve(em, ctx, applicationId);
        }
        return { applicationId };
      }),
    );
  }

  /**
   * R10: approval renews the certification: the new expiry is the old one + 24 months whatever
   * the receipt date, and the next cycle starts the day after the old expiry.
   */
  async approve(em: EntityManager, ctx: RequestContext, applicationId: number): Promise<void> {
    const application = await em.findOneByOrFail(RecertificationApplication, { id: applicationId });
    const certification = await em.findOneByOrFail(Certification, { id: application.certificationId });
    const program = (await ProgramCatalog.read(em)).of(certification.programCode);
    const newExpiresOn = renewedExpiry(application.cycleExpiresOn, policyIn(program, application.receivedOn));
    if (application.status === 'AUDIT_PENDING' && (await em.existsBy(Audit, { applicationId }))) {
      await applyTransition(em, RecertificationApplication, application, APPLICATION_TRANSITIONS, 'pass', {
        newExpiresOn,
        decidedAt: ctx.now,
      });
    } else {
      await em.update(
        RecertificationApplication,
        { id: applicationId },
        { status: 'APPROVED', newExpiresOn, decidedAt: ctx.now },
      );
    }
    const moved = await em
      .createQueryBuilder()
      .update(Certification)
      .set({ cycleStartsOn: nextCycleStart(application.cycleExpiresOn), expiresOn: newExpiresOn })
      .where('id = :id AND expires_on = :old', { id: certification.id, old: application.cycleExpiresOn })
      .execute();
    if (moved.affected !== 1) {
      refuse(UserErrorCode.CONCURRENT_UPDATE, 'The certification changed meanwhile; read it again.');
    }
    await this.decisions.record(em, ctx, {
      action: 'APPLICATION_APPROVED',
      subjectType: 'RecertificationApplication',
      subjectId: applicationId,
      details: { previousExpiresOn: application.cycleExpiresOn, newExpiresOn },
      events: [
        {
          type: WebhookEventType.APPLICATION_APPROVED,
          data: {
            ...applicationFacts(applicationId, certification.id),
            previousExpiresOn: application.cycleExpiresOn,
            newExpiresOn,
          },
        },
      ],
    });
  }

  /** R11: a failed audit refuses the application with the reason. */
  async refuseAfterAudit(em: EntityManager, ctx: RequestContext, applicationId: number, reason: string): Promise<void> {
    const application = await em.findOneByOrFail(RecertificationApplication, { id: applicationId });
    await applyTransition(em, RecertificationApplication, application, APPLICATION_TRANSITIONS, 'fail', {
      refusalReason: reason,
      decidedAt: ctx.now,
    });
    await this.decisions.record(em, ctx, {
      action: 'APPLICATION_REFUSED',
      subjectType: 'RecertificationApplication',
      subjectId: applicationId,
      reason,
      events: [
        {
          type: WebhookEventType.APPLICATION_REFUSED,
          data: { ...applicationFacts(applicationId, application.certificationId), reason },
        },
      ],
    });
  }

  async get(ctx: RequestContext, id: number): Promise<RecertificationApplication | null> {
    const application = await ctx.loaders.application.load(id);
    if (!application) return null;
    const certification = await ctx.loaders.certification.load(application.certificationId);
    return certification && this.trainers.canSee(ctx, certification.trainerId) ? application : null;
  }

  /** Staff see every application; a trainer sees their own. */
  list(
    ctx: RequestContext,
    filter: RecertificationApplicationFilter | null | undefined,
    page: PageArgs,
  ): Promise<Page<RecertificationApplication>> {
    const query = this.db.reader.getRepository(RecertificationApplication).createQueryBuilder('ra');
    if (!isStaff(ctx)) {
      query.where('ra.certification_id IN (SELECT c.id FROM certification c WHERE c.trainer_id = :trainer)', {
        trainer: trainerIdOf(ctx) ?? 0,
      });
    }
    if (filter?.status) query.andWhere('ra.status = :status', { status: filter.status });
    if (filter?.certificationId) {
      query.andWhere('ra.certification_id = :cert', {
        cert: fromGlobalId('Certification', filter.certificationId) ?? 0,
      });
    }
    return paginate(query, page);
  }

  /** Completions an application counted (its evidence). */
  async completionsOf(ctx: RequestContext, applicationId: number): Promise<Completion[]> {
    const links = await this.db.reader.findBy(ApplicationCompletion, { applicationId });
    if (!links.length) return [];
    return ctx.loaders.completion
      .loadMany(links.map((l) => l.completionId))
      .then((rows) => rows.filter((r): r is Completion => r instanceof Completion));
  }
}

/** The objects every event about an application names. */
export function applicationFacts(applicationId: number, certificationId: number): Record<string, string> {
  return {
    application: toGlobalId('RecertificationApplication', applicationId),
    certification: toGlobalId('Certification', certificationId),
  };
}
