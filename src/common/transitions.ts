import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { nextStatus, TransitionTable } from '../rules/state-machine';
import { refuse, UserErrorCode } from './user-errors';

/**
 * Moves a row from its current status by `action`, as the entity's transition table allows.
 * The UPDATE is conditional on the status read, so of two racing decisions exactly one wins and
 * the other is refused with CONCURRENT_UPDATE.
 */
export async function applyTransition<
  E extends ObjectLiteral & { id: number; status: S },
  S extends string,
  A extends string,
>(
  em: EntityManager,
  entity: EntityTarget<E>,
  row: E,
  table: TransitionTable<S, A>,
  action: A,
  changes: Partial<E> = {},
  field: string[] = ['input', 'id'],
): Promise<E> {
  const to = nextStatus(table, row.status, action);
  if (!to) {
    refuse(UserErrorCode.INVALID_TRANSITION, `Cannot ${action} when the status is ${row.status}.`, field);
  }
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, status: to } as never)
    .where('id = :id AND status = :from', { id: row.id, from: row.status })
    .execute();
  if (result.affected !== 1) {
    refuse(UserErrorCode.CONCURRENT_UPDATE, 'Another request changed this object first; read it again.', field);
  }
  return Object.assign(row, changes, { status: to });
}
