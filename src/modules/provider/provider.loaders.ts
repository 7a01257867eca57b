import { EntityManager } from 'typeorm';
import { byIdLoader, groupLoader } from '../../common/loader-helpers';
import { Provider, ProviderApprovalPeriod } from './provider.entity';

export function providerLoaders(em: EntityManager) {
  return {
    provider: byIdLoader(em, Provider),
    providerPeriods: groupLoader(em, ProviderApprovalPeriod, 'providerId', { from: 'ASC' }),
  };
}
