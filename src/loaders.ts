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

const MODULES = [
  providerLoaders,
  courseLoaders,
  trainerLoaders,
  completionLoaders,
  petitionLoaders,
  decisionLogLoaders,
  recertificationLoaders,
  programLoaders,
  webhookLoaders,
] as const;

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every relation's DataLoader, by name. */
export type Loaders = Intersection<ReturnType<(typeof MODULES)[number]>>;

/**
 * The loaders of a request, made when first used: a request that reads one relation does not
 * build the other thirty. Each module's loaders are made together, on the first use of any.
 */
class LazyLoaders {
  readonly made: (Record<string, unknown> | undefined)[] = [];
  constructor(readonly em: EntityManager) {}
}

// Which module makes which loader: read once from loaders made without a database (making a
// DataLoader reads nothing).
MODULES.forEach((make, index) => {
  for (const name of Object.keys(make(null as unknown as EntityManager))) {
    Object.defineProperty(LazyLoaders.prototype, name, {
      get(this: LazyLoaders) {
        const group = (this.made[index] ??= make(this.em) as Record<string, unknown>);
        return group[name];
      },
    });
  }
});

/** One DataLoader per relation, made afresh for every request so that nothing leaks between callers. */
export function createLoaders(em: EntityManager): Loaders {
  return new LazyLoaders(em) as unknown as Loaders;
}
