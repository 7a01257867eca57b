import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Several small result sets in one statement: each becomes a scalar subquery that aggregates its
 * rows into a JSON array (`json_group_array` on SQLite, `json_agg` on PostgreSQL), and one SELECT
 * returns them side by side. Rows come back as the entity class, hydrated through TypeORM's
 * driver so that booleans and dates read exactly as a normal query would give them.
 */

function isPostgres(em: EntityManager): boolean {
  return em.connection.options.type === 'postgres';
}

/** A scalar subquery yielding `expression` for each row of `from` matching `where`, as a JSON array. */
export function jsonArraySql(
  em: EntityManager,
  expression: string,
  from: string,
  where: string,
  orderBy: string,
): string {
  return isPostgres(em)
    ? `(SELECT coalesce(json_agg(${expression} ORDER BY ${orderBy}), '[]'::json) FROM ${from} WHERE ${where})`
    : `(SELECT coalesce(json_group_array(${expression} ORDER BY ${orderBy}), '[]') FROM ${from} WHERE ${where})`;
}

/** A scalar subquery yielding the rows of `entity` that match `where`, as a JSON array of objects. */
export function jsonRowsSql<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  alias: string,
  where: string,
  orderBy: string,
): string {
  const metadata = em.connection.getMetadata(entity);
  const pairs = metadata.columns.map((c) => `'${c.databaseName}', ${alias}.${c.databaseName}`).join(', ');
  const object = isPostgres(em) ? `json_build_object(${pairs})` : `json_object(${pairs})`;
  return jsonArraySql(em, object, `${metadata.tableName} ${alias}`, where, orderBy);
}

/** The values of one column of a `jsonArraySql` result. */
export function parseJsonArray<T>(value: unknown): T[] {
  return (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as T[];
}

/** Entities from one column of a `jsonRowsSql` result. */
export function hydrateJsonRows<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  value: unknown,
): E[] {
  const rows = parseJsonArray<Record<string, unknown>>(value);
  const metadata = em.connection.getMetadata(entity);
  return rows.map((row) => {
    const target = metadata.create() as E;
    for (const column of metadata.columns) {
      const raw = row[column.databaseName];
      column.setEntityValue(target, em.connection.driver.prepareHydratedValue(raw, column));
    }
    return target;
  });
}

/** A truth value read from SQL: PostgreSQL gives booleans, SQLite 0 and 1. */
export function sqlBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** Runs SQL written with TypeORM's `:name` / `:...list` parameters on the driver at hand. */
export async function queryNamed<T>(em: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<T[]> {
  const [query, values] = em.connection.driver.escapeQueryWithParameters(sql, parameters, {});
  return em.query(query, values);
}
