import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Bound parameters per statement, kept under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMETERS = { sqlite: 30_000, postgres: 60_000 } as const;

/**
 * Inserts rows with as few multi-row INSERT statements as the database allows and answers the
 * generated IDs in the order of `rows` (for entities with a generated `id`; otherwise an empty
 * list). PostgreSQL returns them; SQLite numbers the rows of one statement consecutively, under
 * the writer lock every unit of work holds there, so they follow from the last one.
 */
export async function insertMany<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<number[]> {
  if (!rows.length) return [];
  const metadata = em.connection.getMetadata(entity);
  const postgres = em.connection.driver.options.type === 'postgres';
  const generatedId = metadata.primaryColumns.length === 1 && metadata.primaryColumns[0].isGenerated;
  const perStatement = Math.max(
    1,
    Math.floor(MAX_PARAMETERS[postgres ? 'postgres' : 'sqlite'] / metadata.columns.length),
  );
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const query = em.createQueryBuilder().insert().into(entity).values(chunk).updateEntity(false);
    if (!generatedId) {
      await query.execute();
      continue;
    }
    if (postgres) {
      const result = await query.returning('id').execute();
      for (const row of result.raw as { id: number | string }[]) ids.push(Number(row.id));
    } else {
      const last = Number((await query.execute()).raw);
      for (let i = chunk.length - 1; i >= 0; i--) ids.push(last - i);
    }
  }
  return ids;
}

/** Runs `read` over `values` in slices small enough for one IN list each, and joins the answers. */
export async function readInChunks<V, R>(values: readonly V[], read: (slice: V[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < values.length; start += 900) {
    out.push(...(await read(values.slice(start, start + 900))));
  }
  return out;
}
