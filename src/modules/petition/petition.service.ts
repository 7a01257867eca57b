import { EntityManager, In } from 'typeorm';
import { fromGlobalId, toGlobalId } from '../../common/ids';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { applyTransition } from '../../common/transitions';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, RequestContext, trainerIdOf } from '../../context';
import { Database } from '../../database/database';
import { PETITION_TRANSITIONS } from '../../rules/statuses';
import { COMPLETION_DATE_MESSAGES, completionDateProblem } from '../../rules/certification';
import { nextStatus } from '../../rules/state-machine';
import { CONTACT_HOURS_REFUSAL, contactHoursOf, formatCeu, parseCeu } from '../../rules/units';
import { programCeu } from '../../rules/policy';
import { policyIn, ProgramCatalog } from '../program/program.facts';
import { Completion } from '../completion/completion.entity';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { Certification } from '../trainer/trainer.entity';
import { TrainerService } from '../trainer/trainer.service';
import {
  DecidePetitionInput,
  PetitionDecision,
  PetitionFilter,
  SubmitPetitionInput,
  WithdrawPetitionInput,
} from './petition.inputs';
import { Petition } from './petition.entity';
import { Course } from '../course/course.entity';
import { WebhookEventType } from '../webhook/event-types';
import { NewEvent } from '../webhook/event.service';

/** An event about a petition; a petition on a catalogue course goes to the course's provider too. */
async function petitionEvent(
  em: EntityManager,
  type: WebhookEventType,
  petitionId: number,
  certificationId: number,
  completion: Pick<Completion, 'id' | 'courseId'>,
  facts: Record<string, unknown>,
): Promise<NewEvent> {
  const course = completion.courseId ? await em.findOneBy(Course, { id: completion.courseId }) : null;
  return {
    type,
    data: {
      petition: toGlobalId('Petition', petitionId),
      certification: toGlobalId('Certification', certificationId),
      completion: toGlobalId('Completion', completion.id),
      course: course ? toGlobalId('Course', course.id) : null,
      provider: course ? toGlobalId('Provider', course.providerId) : null,
      ...facts,
    },
    providerId: course?.providerId ?? null,
  };
}

/** R6: what an approval may award: at least 0.01 CEU and no more than the petition asked for (as the import holds). */
function awardedMessage(requested: number): string {
  return `The CEUs awarded must be at least 0.01 and no more than the ${formatCeu(requested)} asked for.`;
}

export class PetitionService {
  constructor(
    private readonly db: Database,
    private readonly trainers: TrainerService,
    private readonly decisions: DecisionLogService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async get(ctx: RequestContext, id: number): Promise<Petition | null> {
    const petition = await ctx.loaders.petition.load(id);
    if (!petition) return null;
    const certification = await ctx.loaders.certification.load(petition.certificationId);
    return certification && this.trainers.canSee(ctx, certification.trainerId) ? petition : null;
  }

  /** Staff see every petition; a trainer sees their own. */
  list(ctx: RequestContext, filter: PetitionFilter | null | undefined, page: PageArgs): Promise<Page<Petition>> {
    const query = this.db.reader.getRepository(Petition).createQueryBuilder('pt');
    if (!isStaff(ctx)) {
      query.where('pt.certification_id IN (SELECT c.id FROM certification c WHERE c.trainer_id = :trainer)', {
        trainer: trainerIdOf(ctx) ?? 0,
      });
    }
    if (filter?.status) query.andWhere('pt.status = :status', { status: filter.status });
    if (filter?.certificationId) {
      query.andWhere('pt.certification_id = :cert', {
        cert: fromGlobalId('Certification', filter.certificationId) ?? 0,
      });
    }
    return paginate(query, page);
  }

  /** R6: a petition costs the fee at submission, whatever comes of it. */
  submit(ctx: RequestContext, input: SubmitPetitionInput): Promise<{ petitionId: number }> {
    return this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'submitPetition', input, async () => {
        if (Boolean(input.completionId) === Boolean(input.event)) {
          refuse(UserErrorCode.INVALID_INPUT, 'Give either completionId or event, not both and not neither.', [
            'input',
          ]);
        }
        const certification = await this.trainers.actingCertification(em, ctx, input.certificationId);
        const completion = input.completionId
          ? await this.petitionableCompletion(em, certification, input.completionId)
          : await this.eventCompletion(em, ctx, certification, input);
        const policy = policyIn((await ProgramCatalog.read(em)).of(certification.programCode), ctx.today);
        const { identifiers } = await em.insert(Petition, {
          certificationId: certification.id,
          completionId: completion.id,
          status: 'PENDING',
          justification: input.justification.trim(),
          requestedCeuHundredths: programCeu(completion.contactHourTenths, policy),
          awardedCeuHundredths: null,
          feeCents: policy.petitionFee,
          currencyCode: policy.currencyCode,
          decisionReason: null,
          submittedAt: ctx.now,
          decidedAt: null,
        });
        const petitionId = identifiers[0].id as number;
        await this.decisions.events.emit(em, ctx.now, [
          await petitionEvent(em, WebhookEventType.PETITION_SUBMITTED, petitionId, certification.id, completion, {
            requestedCeu: formatCeu(programCeu(completion.contactHourTenths, policy)),
          }),
        ]);
        return { petitionId };
      }),
    );
  }

  withdraw(ctx: RequestContext, input: WithdrawPetitionInput): Promise<{ petitionId: number }> {
    return this.db.uow.run(async (em) => {
      const petition = await this.findPetition(em, input.petitionId);
      const certification = await em.findOneByOrFail(Certification, { id: petition.certificationId });
      if (trainerIdOf(ctx) !== certification.trainerId) {
        refuse(UserErrorCode.NOT_FOUND, 'No petition has this ID.', ['input', 'petitionId']);
      }
      await applyTransition(
        em,
        Petition,
        petition,
        PETITION_TRANSITIONS,
        'withdraw',
        {
          decisionReason: input.reason?.trim() || null,
          decidedAt: ctx.now,
        },
        ['input', 'petitionId'],
      );
      return { petitionId: petition.id };
    });
  }

  /**
   * R6: staff approve (awarding CEUs, by default the R2 value) or deny with a reason. Approval
   * writes the credit onto the transcript entry and the decision log in the same unit of work.
   */
  decide(ctx: RequestContext, input: DecidePetitionInput): Promise<{ petitionId: number }> {
    return this.db.uow.run(async (em) => {
      const petition = await this.findPetition(em, input.petitionId);
      const approve = input.decision === PetitionDecision.APPROVE;
      const reason = input.reason?.trim() || null;
      if (!approve && !reason)
        refuse(UserErrorCode.REQUIRED, 'A reason is required to deny a petition.', ['input', 'reason']);
      let awarded: number | null = null;
      let categoryCode: string | null = null;
      if (approve) {
        awarded = input.awardedCeu ? parseCeu(input.awardedCeu) : petition.requestedCeuHundredths;
        // A petition already decided is told so (INVALID_TRANSITION below), whatever the value.
        const decidable = nextStatus(PETITION_TRANSITIONS, petition.status, 'approve') !== null;
        if (decidable) categoryCode = await this.awardedCategory(em, petition, input.categoryCode);
        if (decidable && (awarded === null || awarded < 1 || awarded > petition.requestedCeuHundredths)) {
          refuse(UserErrorCode.OUT_OF_RANGE, awardedMessage(petition.requestedCeuHundredths), ['input', 'awardedCeu']);
        }
      }
      await applyTransition(
        em,
        Petition,
        petition,
        PETITION_TRANSITIONS,
        approve ? 'approve' : 'deny',
        {
          awardedCeuHundredths: awarded,
          decisionReason: reason,
          decidedAt: ctx.now,
        },
        ['input', 'petitionId'],
      );
      if (approve) {
        await em.update(Completion, { id: petition.completionId }, { ceuHundredths: awarded as number, categoryCode });
      }
      await this.decisions.record(em, ctx, {
        action: approve ? 'PETITION_APPROVED' : 'PETITION_DENIED',
        subjectType: 'Petition',
        subjectId: petition.id,
        reason,
        details: {
          awardedCeu: awarded === null ? null : formatCeu(awarded),
          ...(categoryCode ? { category: categoryCode } : {}),
          completion: toGlobalId('Completion', petition.completionId),
        },
        events: [
          await petitionEvent(
            em,
            WebhookEventType.PETITION_DECIDED,
            petition.id,
            petition.certificationId,
            await em.findOneByOrFail(Completion, { id: petition.completionId }),
            {
              decision: approve ? 'APPROVED' : 'DENIED',
              awardedCeu: awarded === null ? null : formatCeu(awarded),
              categoryCode,
              reason,
            },
          ),
        ],
      });
      return { petitionId: petition.id };
    });
  }

  /**
   * The program category an approval awards the credit to: one of the certification's program's,
   * required when it has any; null for a program without categories.
   */
  private async awardedCategory(
    em: EntityManager,
    petition: Petition,
    given: string | null | undefined,
  ): Promise<string | null> {
    const certification = await em.findOneByOrFail(Certification, { id: petition.certificationId });
    const program = (await ProgramCatalog.read(em)).of(certification.programCode);
    const { categories } = policyIn(program, petition.submittedAt.slice(0, 10));
    const code = given?.trim().toUpperCase() || null;
    const field = ['input', 'categoryCode'];
    if (!categories.length) {
      if (code) refuse(UserErrorCode.INVALID_INPUT, `${program.program.code} has no categories.`, field);
      return null;
    }
    const list = categories.map((c) => c.code).join(', ');
    if (!code)
      return refuse(
        UserErrorCode.REQUIRED,
        `${program.program.code} counts credit by category: name one of ${list}.`,
        field,
      );
    if (!categories.some((c) => c.code === code)) {
      refuse(
        UserErrorCode.INVALID_INPUT,
        `${program.program.code} has no category ${code}; its categories are ${list}.`,
        field,
      );
    }
    return code;
  }

  private async findPetition(em: EntityManager, globalId: string): Promise<Petition> {
    const id = fromGlobalId('Petition', globalId);
    const petition = id ? await em.findOneBy(Petition, { id }) : null;
    return petition ?? refuse(UserErrorCode.NOT_FOUND, 'No petition has this ID.', ['input', 'petitionId']);
  }

  private async petitionableCompletion(
    em: EntityManager,
    certification: Certification,
    globalId: string,
  ): Promise<Completion> {
    const field = ['input', 'completionId'];
    const id = fromGlobalId('Completion', globalId);
    const completion = id ? await em.findOneBy(Completion, { id, certificationId: certification.id }) : null;
    if (!completion)
      return refuse(UserErrorCode.NOT_FOUND, 'No transcript entry of this certification has this ID.', field);
    if (completion.creditPath === 'AUTOMATIC') {
      refuse(UserErrorCode.NO_PETITION_NEEDED, 'This completion already counts automatically.', field);
    }
    if (await em.existsBy(Petition, { completionId: completion.id, status: In(['PENDING', 'APPROVED']) })) {
      refuse(UserErrorCode.PETITION_ALREADY_OPEN, 'This completion already has a pending or approved petition.', field);
    }
    return completion;
  }

  private async eventCompletion(
    em: EntityManager,
    ctx: RequestContext,
    certification: Certification,
    input: SubmitPetitionInput,
  ): Promise<Completion> {
    const event = input.event!;
    const field = ['input', 'event'];
    const hours = contactHoursOf(event.contactHours);
    if (hours === null) {
      refuse(UserErrorCode.OUT_OF_RANGE, CONTACT_HOURS_REFUSAL, [...field, 'contactHours']);
    }
    const dateProblem = completionDateProblem(event.completedOn, certification, ctx.today);
    if (dateProblem) {
      refuse(UserErrorCode[dateProblem], COMPLETION_DATE_MESSAGES[dateProblem], [...field, 'completedOn']);
    }
    const { identifiers } = await em.insert(Completion, {
      certificationId: certification.id,
      courseId: null,
      completedOn: event.completedOn,
      source: 'PETITION',
      creditPath: 'PETITION_REQUIRED',
      creditReason: 'NOT_IN_CATALOGUE',
      ceuHundredths: 0,
      title: event.title.trim(),
      providerName: event.providerName.trim(),
      contactHourTenths: hours as number,
      reportedByProviderId: null,
      providerConfirmed: false,
      externalRef: null,
      createdAt: ctx.now,
    });
    return em.findOneByOrFail(Completion, { id: identifiers[0].id as number });
  }
}
