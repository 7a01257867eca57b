import { EntityManager } from 'typeorm';
import { fromGlobalId } from '../../common/ids';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, RequestContext, trainerIdOf } from '../../context';
import { Certification, Trainer } from './trainer.entity';

/** Trainers and their certifications: readable by the trainer themself and by staff. */
export class TrainerService {
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
      const found = id ? await em.findOneBy(Certification, { id }) : null;
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
