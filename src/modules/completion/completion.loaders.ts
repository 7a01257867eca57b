import { EntityManager } from 'typeorm';
import { byIdLoader } from '../../common/loader-helpers';
import { Completion } from './completion.entity';

export function completionLoaders(em: EntityManager) {
  return {
    completion: byIdLoader(em, Completion),
  };
}
