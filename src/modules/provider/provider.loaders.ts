import DataLoader from 'dataloader';
import { EntityManager, In } from 'typeorm';
import { ProviderProgram } from '../program/program.entity';
import { byIdLoader, groupLoader } from '../../common/loader-helpers';
import { Provider, ProviderApprovalPeriod } from './provider.entity';

export function providerLoaders(em: EntityManager) {
  return {
    provider: byIdLoader(em, Provider),
    providerPeriods: groupLoader(em, ProviderApprovalPeriod, 'providerId', { from: 'ASC' }),
    providerPrograms: new DataLoader<number, string[]>(async (ids) => {
      const rows = await em.findBy(ProviderProgram, { providerId: In([...ids]) });
      const byProvider = new Map<number, string[]>(ids.map((id) => [id, []]));
      for (const row of rows.sort((a, b) => (a.programCode < b.programCode ? -1 : 1))) {
        byProvider.get(row.providerId)?.push(row.programCode);
      }
      return ids.map((id) => byProvider.get(id) ?? []);
    }),
  };
}
