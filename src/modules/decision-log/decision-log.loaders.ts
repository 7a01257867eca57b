import { EntityManager } from 'typeorm';
import { byIdLoader } from '../../common/loader-helpers';
import { DecisionLogEntry } from './decision-log.entity';

export function decisionLogLoaders(em: EntityManager) {
  return { decisionLogEntry: byIdLoader(em, DecisionLogEntry) };
}
