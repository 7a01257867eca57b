import { EntityManager } from 'typeorm';
import { completionLoaders } from './modules/completion/completion.loaders';
import { decisionLogLoaders } from './modules/decision-log/decision-log.loaders';
import { courseLoaders } from './modules/course/course.loaders';
import { petitionLoaders } from './modules/petition/petition.loaders';
import { recertificationLoaders } from './modules/recertification/recertification.loaders';
import { providerLoaders } from './modules/provider/provider.loaders';
import { trainerLoaders } from './modules/trainer/trainer.loaders';
import { programLoaders } from './modules/program/program.loaders';
import { webhookLoaders } from './modules/webhook/webhook.loaders';

/** One DataLoader per relation, created afresh for every request so that nothing leaks between callers. */
export function createLoaders(em: EntityManager) {
  return {
    ...providerLoaders(em),
    ...courseLoaders(em),
    ...trainerLoaders(em),
    ...completionLoaders(em),
    ...petitionLoaders(em),
    ...decisionLogLoaders(em),
    ...recertificationLoaders(em),
    ...programLoaders(em),
    ...webhookLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
