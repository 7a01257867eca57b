import { EntityManager, Not } from 'typeorm';
import { fromGlobalId } from '../../common/ids';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { foldName, prefixPattern } from '../../common/text';
import { refuse, Refusal, UserError, userError, UserErrorCode } from '../../common/user-errors';
import { isStaff, RequestContext, trainerIdOf } from '../../context';
import { Database } from '../../database/database';
import { leanFindById } from '../../database/lean';
import { emailProblem, normalizeCertificationNumber } from '../../rules/certification';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { Certification, Trainer } from './trainer.entity';
import { TrainerFilter, UpdateTrainerInput } from './trainer.inputs';
import { normalizeEmail, trainerNameColumns } from './trainer.rows';

/** Trainers and their certifications: readable by the trainer themself and by staff. */
export class TrainerService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
  ) {}

  canSee(ctx: RequestContext, trainerId: number): boolean {
    return isStaff(ctx) || trainerIdOf(ctx) === trainerId;
  }

  async get(ctx: RequestContext, id: number): Promise<Trainer | null> {
    return this.canSee(ctx, id) ? ctx.loaders.trainer.load(id) : null;
  }

  async certification(ctx: RequestContext, id: number): Promise<Certification | null> {
    const certification = await ctx.loaders.certification.load(id);
    return certification && this.canSee(ctx, certification.trainerId) ? certification : null;
  }

  /** Staff: trainers oldest first, found by name, e-mail address or certification number. */
  list(filter: TrainerFilter | null | undefined, page: PageArgs): Promise<Page<Trainer>> {
    const query = this.db.reader.getRepository(Trainer).createQueryBuilder('t');
    if (filter?.text && foldName(filter.text)) {
      query.andWhere("(t.first_name_key LIKE :name ESCAPE '\\' OR t.last_name_key LIKE :name ESCAPE '\\')", {
        name: prefixPattern(filter.text),
      });
    }
    if (filter?.email) query.andWhere('t.email = :email', { email: normalizeEmail(filter.email) });
    if (filter?.certificationNumber) {
      query.andWhere('t.id IN (SELECT cn.trainer_id FROM certification cn WHERE cn.number = :number)', {
        number: normalizeCertificationNumber(filter.certificationNumber),
      });
    }
    return paginate(query, page);
  }

  /**
   * Staff change the names and the e-mail address of any trainer; a trainer only their own
   * e-mail address (another trainer's ID is not found, a change of name is not permitted). Every
   * change is logged with the values before and after.
   */
  update(ctx: RequestContext, input: UpdateTrainerInput): Promise<{ trainerId: number }> {
    return this.db.uow.run(async (em) => {
      const trainer = await this.changeable(em, ctx, input);
      const changes: Partial<Trainer> = {};
      if (input.firstName != null || input.lastName != null) {
        Object.assign(
          changes,
          trainerNameColumns(input.firstName ?? trainer.firstName, input.lastName ?? trainer.lastName),
        );
      }
      if (input.email != null) changes.email = await this.freeEmail(em, input.email, trainer.id);
      const fields = (['firstName', 'lastName', 'email'] as const).filter(
        (field) => changes[field] !== undefined && changes[field] !== trainer[field],
      );
      if (!fields.length) return { trainerId: trainer.id };
      await em.update(Trainer, { id: trainer.id }, changes);
      await this.decisions.record(em, ctx, {
        action: 'TRAINER_UPDATED',
        subjectType: 'Trainer',
        subjectId: trainer.id,
        details: {
          before: Object.fromEntries(fields.map((field) => [field, trainer[field]])),
          after: Object.fromEntries(fields.map((field) => [field, changes[field]])),
        },
      });
      return { trainerId: trainer.id };
    });
  }

  /**
   * An e-mail address for trainer `trainerId` (null for a new trainer), normalized: refused when
   * it is not one, or when another trainer has it.
   */
  async freeEmail(
    em: EntityManager,
    email: string,
    trainerId: number | null,
    field = ['input', 'email'],
  ): Promise<string> {
    const problem = emailProblem(email);
    if (problem) refuse(UserErrorCode.INVALID_FORMAT, problem.message, field);
    const normalized = normalizeEmail(email);
    const others = trainerId === null ? { email: normalized } : { email: normalized, id: Not(trainerId) };
    if (await em.existsBy(Trainer, others)) {
      refuse(UserErrorCode.EMAIL_TAKEN, 'Another trainer already has this e-mail address.', field);
    }
    return normalized;
  }

  /** The trainer the caller may change with this input. */
  private async changeable(em: EntityManager, ctx: RequestContext, input: UpdateTrainerInput): Promise<Trainer> {
    const field = ['input', 'trainerId'];
    const own = trainerIdOf(ctx);
    if (isStaff(ctx) && !input.trainerId) return refuse(UserErrorCode.REQUIRED, 'Name the trainer to change.', field);
    const id = input.trainerId ? fromGlobalId('Trainer', input.trainerId) : own;
    const trainer = id !== null && this.canSee(ctx, id) ? await em.findOneBy(Trainer, { id }) : null;
    if (!trainer) return refuse(UserErrorCode.NOT_FOUND, 'No trainer has this ID.', field);
    if (!isStaff(ctx)) {
      const names: UserError[] = (['firstName', 'lastName'] as const)
        .filter((name) => input[name] != null)
        .map((name) =>
          userError(
            UserErrorCode.NOT_PERMITTED,
            'Only staff change a trainer’s name, as printed on the certificate; ask the certification body.',
            ['input', name],
          ),
        );
      if (names.length) throw new Refusal(names);
    }
    return trainer;
  }

  /**
   * The certification a trainer acts on inside a unit of work: the one named, or their only
   * one when none is named. Staff may name any.
   */
  async actingCertification(
    em: EntityManager,
    ctx: RequestContext,
    globalId: string | null | undefined,
  ): Promise<Certification> {
    const field = ['input', 'certificationId'];
    if (globalId) {
      const id = fromGlobalId('Certification', globalId);
      const found = id ? await leanFindById(em, Certification, id) : null;
      if (!found || !this.canSee(ctx, found.trainerId)) {
        return refuse(UserErrorCode.NOT_FOUND, 'No certification has this ID.', field);
      }
      return found;
    }
    const trainerId = trainerIdOf(ctx);
    const own = trainerId ? await em.findBy(Certification, { trainerId }) : [];
    if (own.length !== 1) {
      return refuse(UserErrorCode.REQUIRED, 'Name the certification this is for.', field);
    }
    return own[0];
  }
}
