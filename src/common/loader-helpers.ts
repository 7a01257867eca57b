import DataLoader from 'dataloader';
import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';

/** One statement for any number of `load(id)` calls in a request tick. */
export function byIdLoader<E extends ObjectLiteral & { id: number }>(
  em: EntityManager,
  entity: EntityTarget<E>,
): DataLoader<number, E | null> {
  return new DataLoader(async (ids) => {
    const rows = await em.getRepository(entity).findBy({ id: In([...ids]) } as never);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Children grouped by a foreign key, in a stable order, one statement per batch. */
export function groupLoader<E extends ObjectLiteral & { id: number }>(
  em: EntityManager,
  entity: EntityTarget<E>,
  key: keyof E & string,
  order: Partial<Record<keyof E & string, 'ASC' | 'DESC'>> = {},
): DataLoader<number, E[]> {
  return new DataLoader(async (keys) => {
    const rows = await em.getRepository(entity).find({
      where: { [key]: In([...keys]) } as never,
      // Key first: each key's rows come from one index range, already in order.
      order: { [key]: 'ASC', ...order, id: 'ASC' } as never,
    });
    const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(row[key] as number)?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** Loads a row afresh after a change, bypassing what the request cached before it. */
export function reload<T>(loader: DataLoader<number, T | null>, id: number): Promise<T | null> {
  return loader.clear(id).load(id);
}
