import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { ProgramCatalog } from './program.facts';

/** The programs with their facts, read once per request (they are few). */
export function programLoaders(em: EntityManager) {
  return {
    programCatalog: new DataLoader<'all', ProgramCatalog>(async (keys) => {
      const catalog = await ProgramCatalog.read(em);
      return keys.map(() => catalog);
    }),
  };
}
