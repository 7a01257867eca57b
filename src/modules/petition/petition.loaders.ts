import { EntityManager } from 'typeorm';
import { byIdLoader, groupLoader } from '../../common/loader-helpers';
import { Petition } from './petition.entity';

export function petitionLoaders(em: EntityManager) {
  return {
    petition: byIdLoader(em, Petition),
    petitionsByCompletion: groupLoader(em, Petition, 'completionId'),
  };
}
