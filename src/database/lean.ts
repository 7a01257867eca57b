import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Batch reads for DataLoaders without TypeORM's query building and result transformation, which
 * cost more than the database itself on a page of fifty items: the SQL of each (entity, key,
 * order, batch size) is written once, and rows become entities by assigning their columns.
 * Values of the plain types come from the drivers as the entities hold them (PostgreSQL's DATE
 * parser is set to keep the text); any other type goes through TypeORM's hydration.
 */

const PLAIN_TYPES = new Set(['integer', 'int', 'varchar', 'text', 'date']);

/** Declared as a plain type (not what the driver maps it to: simple-json is text underneath). */
function isPlain(column: ColumnMetadata): boolean {
  const type = column.type;
  if (typeof type === 'function') return type === Number || type === String;
  return PLAIN_TYPES.has(String(type));
}

interface Shape<E> {
  table: string;
  columns: string;
  /** An entity from a row, whose columns may carry a prefix (`c_id` for alias `c`). */
  hydrate(row: Record<string, unknown>, prefix?: string): E;
}

const shapes = new WeakMap<DataSource, Map<unknown, Shape<ObjectLiteral>>>();
const statements = new WeakMap<DataSource, Map<string, string>>();

function shapeOf<E extends ObjectLiteral>(connection: DataSource, entity: EntityTarget<E>): Shape<E> {
  let perSource = shapes.get(connection);
  if (!perSource) shapes.set(connection, (perSource = new Map()));
  let shape = perSource.get(entity) as Shape<E> | undefined;
  if (!shape) {
    const metadata = connection.getMetadata(entity);
    const driver = connection.driver;
    const columns = metadata.columns.map((column) => ({
      column,
      name: column.databaseName,
      plain: isPlain(column),
    }));
    // Each prefix's row keys, made once: not a string concatenation per column per row.
    const keysByPrefix = new Map<string, string[]>();
    const keysOf = (prefix: string) => {
      let keys = keysByPrefix.get(prefix);
      if (!keys) keysByPrefix.set(prefix, (keys = columns.map((c) => prefix + c.name)));
      return keys;
    };
    shape = {
      table: metadata.tableName,
      columns: columns.map((c) => `t."${c.name}"`).join(', '),
      hydrate(row, prefix = '') {
        const target = metadata.create(undefined, { fromDeserializer: true }) as E;
        const keys = keysOf(prefix);
        for (let i = 0; i < columns.length; i++) {
          const { column, plain } = columns[i];
          const value = row[keys[i]];
          setValue(target, column, plain ? value : driver.prepareHydratedValue(value, column));
        }
        return target;
      },
    };
    perSource.set(entity, shape);
  }
  return shape;
}

function setValue(target: ObjectLiteral, column: ColumnMetadata, value: unknown): void {
  if (column.embeddedMetadata) column.setEntityValue(target, value);
  else target[column.propertyName] = value;
}

/** Rows of `entity` whose `key` column is one of `keys`, ordered by the given columns. */
export async function leanRowsIn<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  key: string,
  keys: readonly unknown[],
  orderBy: readonly [column: string, direction: 'ASC' | 'DESC'][],
): Promise<E[]> {
  if (!keys.length) return [];
  const shape = shapeOf(em.connection, entity);
  const postgres = em.connection.options.type === 'postgres';
  const id = `${shape.table}|${key}|${orderBy.join(',')}|${postgres ? 'any' : keys.length}`;
  let perSource = statements.get(em.connection);
  if (!perSource) statements.set(em.connection, (perSource = new Map()));
  let sql = perSource.get(id);
  if (!sql) {
    // PostgreSQL takes the keys as one array parameter: one statement text for every batch size.
    const where = postgres ? `t."${key}" = ANY($1)` : `t."${key}" IN (${keys.map(() => '?').join(', ')})`;
    const order = orderBy.map(([column, direction]) => `t."${column}" ${direction}`).join(', ');
    sql = `SELECT ${shape.columns} FROM "${shape.table}" t WHERE ${where}${order ? ` ORDER BY ${order}` : ''}`;
    perSource.set(id, sql);
  }
  const rows: Record<string, unknown>[] = await em.query(sql, postgres ? [keys] : [...keys]);
  return rows.map((row) => shape.hydrate(row));
}

/** The row of `entity` with this primary key `id`, or null, read like `leanRowsIn`. */
export async function leanFindById<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  id: number,
): Promise<E | null> {
  return (await leanRowsIn(em, entity, 'id', [id], []))[0] ?? null;
}

/** The database column of an entity property. */
export function columnOf<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  property: string,
): string {
  const column = em.connection.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`No column for ${property}`);
  return column.databaseName;
}

/** Values a query selects beside the entity's columns (`addSelect(sql, alias)`): property ← alias. */
export type ExtraSelects = Readonly<Record<string, string>>;

/**
 * The entities of a select query built with TypeORM's query builder, read without its result
 * transformer: the main alias and any many-to-one relation joined with `...AndSelect` (one row
 * per entity), and the `extras` it selects set on each entity. Other queries are left to
 * `getMany()` (which has no extras).
 */
export async function leanMany<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  extras?: ExtraSelects,
): Promise<E[]> {
  const read = await leanEntitiesAndRows(query);
  if (!read) {
    if (extras) throw new Error('Extra selects need a query leanMany can read');
    return query.getMany();
  }
  const extraEntries = Object.entries(extras ?? {});
  return read.map(({ entity, row }) => {
    for (const [property, alias] of extraEntries) (entity as ObjectLiteral)[property] = row[alias];
    return entity;
  });
}

/**
 * `getRawAndEntities()` without TypeORM's result transformer: each entity (as `leanMany` reads
 * it) beside its raw row, where the values a query adds with `addSelect(sql, alias)` are found
 * under their alias. Throws for a query `leanMany` cannot read.
 */
export async function leanRawAndEntities<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
): Promise<{ entity: E; row: Record<string, unknown> }[]> {
  const read = await leanEntitiesAndRows(query);
  if (!read) throw new Error('A query of one entity and its many-to-one joins only');
  return read;
}

async function leanEntitiesAndRows<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
): Promise<{ entity: E; row: Record<string, unknown> }[] | null> {
  const map = query.expressionMap;
  const main = map.mainAlias;
  const joins = map.joinAttributes.filter((join) => join.isSelected);
  if (!main?.hasMetadata || joins.some((join) => !join.relation?.isManyToOne)) return null;
  const connection = query.connection;
  const mainShape = shapeOf<E>(connection, main.metadata.target as EntityTarget<E>);
  const joined = joins.map((join) => ({
    shape: shapeOf(connection, join.metadata!.target),
    prefix: `${join.alias.name}_`,
    key: `${join.alias.name}_${join.metadata!.primaryColumns[0].databaseName}`,
    property: join.relation!.propertyName,
  }));
  const [sql, parameters] = query.getQueryAndParameters();
  const runner = (query as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const rows: Record<string, unknown>[] = await connection.query(sql, parameters, runner);
  return rows.map((row) => {
    const entity = mainShape.hydrate(row, `${main.name}_`);
    for (const join of joined) {
      if (row[join.key] != null) (entity as ObjectLiteral)[join.property] = join.shape.hydrate(row, join.prefix);
    }
    return { entity, row };
  });
}
