import { EntityManager } from 'typeorm';
import { byIdLoader, groupLoader } from '../../common/loader-helpers';
import { CprAedCredential } from '../cpr-aed/cpr-aed.entity';
import { Certification, Trainer } from './trainer.entity';

export function trainerLoaders(em: EntityManager) {
  return {
    trainer: byIdLoader(em, Trainer),
    certification: byIdLoader(em, Certification),
    certificationsByTrainer: groupLoader(em, Certification, 'trainerId'),
    cprAedCredential: byIdLoader(em, CprAedCredential),
    cprAedByTrainer: groupLoader(em, CprAedCredential, 'trainerId', { expiresOn: 'DESC' }),
  };
}
