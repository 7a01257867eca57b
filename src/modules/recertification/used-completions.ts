import { EntityManager } from 'typeorm';
import { ApplicationCompletion, RecertificationApplication } from './recertification.entity';

/** R5: IDs of the completions of a certification that an approved application already used. */
export async function usedCompletionIds(em: EntityManager, certificationId: number): Promise<Set<number>> {
  const rows: { completion_id: number }[] = await em
    .createQueryBuilder(ApplicationCompletion, 'ac')
    .select('ac.completion_id', 'completion_id')
    .innerJoin(RecertificationApplication, 'a', 'a.id = ac.application_id')
    .where('a.certification_id = :certificationId AND a.status = :approved', { certificationId, approved: 'APPROVED' })
    .getRawMany();
  return new Set(rows.map((r) => Number(r.completion_id)));
}
