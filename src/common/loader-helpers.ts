import DataLoader from 'dataloader';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { columnOf, leanRowsIn } from '../database/lean';

/** Keys per statement: far below SQLite's limit of bound parameters. */
const MAX_BATCH = 1000;

/** One statement for any number of `load(id)` calls in a request tick. */
export function byIdLoader<E extends ObjectLiteral & { id: number }>(
  em: EntityManager,
  entity: EntityTarget<E>,
): DataLoader<number, E | null> {
  return new DataLoader(
    async (ids) => {
      const rows = await leanRowsIn(em, entity, 'id', ids, []);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/** Children grouped by a foreign key, in a stable order, one statement per batch. */
export function groupLoader<E extends ObjectLiteral & { id: number }>(
  em: EntityManager,
  entity: EntityTarget<E>,
  key: keyof E & string,
  order: Partial<Record<keyof E & string, 'ASC' | 'DESC'>> = {},
): DataLoader<number, E[]> {
  return new DataLoader(
    async (keys) => {
      // Key first: each key's rows come from one index range, already in order.
      const orderBy = [
        [key, 'ASC'],
        ...Object.entries(order).filter(([property]) => property !== key),
        ['id', 'ASC'],
      ].map(
        ([property, direction]) => [columnOf(em, entity, property as string), direction] as [string, 'ASC' | 'DESC'],
      );
      const rows = await leanRowsIn(em, entity, columnOf(em, entity, key), keys, orderBy);
      const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[key] as number)?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/** Loads a row afresh after a change, bypassing what the request cached before it. */
export function reload<T>(loader: DataLoader<number, T | null>, id: number): Promise<T | null> {
  return loader.clear(id).load(id);
}
