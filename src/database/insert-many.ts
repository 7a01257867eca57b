import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Bound parameters per statement, kept under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMETERS = { sqlite: 30_000, postgres: 60_000 } as const;

/** A column's value in a new row: the one given, else the column's default, else NULL. */
function valueOf(row: ObjectLiteral, column: ColumnMetadata): unknown {
  const given = row[column.propertyName];
  if (given !== undefined) return given;
  return column.default !== undefined && typeof column.default !== 'function' ? column.default : null;
}

/**
 * Inserts rows with as few multi-row INSERT statements as the database allows and answers the
 * generated IDs in the order of `rows` (for entities with a generated `id`; otherwise an empty
 * list). The statement is written here from the entity's columns rather than by TypeORM's query
 * builder, whose parameter handling grows with the square of the values: a thousand rows cost
 * it more than the database's work. Values go through the driver's own conversion (booleans,
 * JSON). PostgreSQL returns the IDs; SQLite numbers the rows of one statement consecutively,
 * under the writer lock every unit of work holds there, so they follow from the last one.
 */
export async function insertMany<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<number[]> {
  if (!rows.length) return [];
  const metadata = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const generatedId = metadata.primaryColumns.length === 1 && metadata.primaryColumns[0].isGenerated;
  const columns = metadata.columns.filter((c) => !c.isGenerated && !c.isVirtual);
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const table = driver.escape(metadata.tableName);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS[postgres ? 'postgres' : 'sqlite'] / columns.length));
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        parameters.push(driver.preparePersistentValue(valueOf(row, column), column));
        return postgres ? `$${parameters.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    const sql = `INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`;
    if (!generatedId) {
      await em.query(sql, parameters);
    } else if (postgres) {
      const returned = (await em.query(`${sql} RETURNING "id"`, parameters)) as { id: number | string }[];
      for (const row of returned) ids.push(Number(row.id));
    } else {
      const last = Number(await em.query(sql, parameters));
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
