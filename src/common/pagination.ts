import { Max, Min } from 'class-validator';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ExtraSelects, leanMany } from '../database/lean';
import { apiError } from './errors';

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Return the first N items after `after` (1 to 100; 20 when neither first nor last is given).',
  })
  @Min(1, { message: 'first must be between 1 and 100' })
  @Max(100, { message: 'first must be between 1 and 100' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: return items after this one.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Return the last N items before `before` (1 to 100).' })
  @Min(1, { message: 'last must be between 1 and 100' })
  @Max(100, { message: 'last must be between 1 and 100' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: return items before this one.' })
  before?: string | null;
}

@ObjectType({ description: 'Where a page stands in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede the first one of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page.' })
  endCursor!: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

@ObjectType()
abstract class ConnectionBase<T> {
  edges!: { cursor: string; node: T }[];
  count!: () => Promise<number>;

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Number of items in the whole list, all pages together.' })
  get totalCount(): Promise<number> {
    // Counted only when a client asks for it: a page alone costs one statement.
    return this.count();
  }
}

/** Builds the `XConnection` and `XEdge` types of a node type. */
export function connectionType<T extends object>(
  nodeType: ClassType<T>,
  name: string,
): ClassType<ConnectionBase<T>> & { of(page: Page<T>): ConnectionBase<T> } {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item, for `after`/`before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay cursor connection).` })
  class Connection extends ConnectionBase<T> {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    declare edges: Edge[];

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    get nodes(): T[] {
      return this.edges.map((e) => e.node);
    }

    static of(page: Page<T>): Connection {
      return Object.assign(new Connection(), page);
    }
  }
  return Connection;
}

const CURSOR_PREFIX = 'c1:';

export function encodeCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const id = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(id) || id < 0 || id > 2_147_483_647) {
    throw apiError('BAD_USER_INPUT', 'The cursor is not one this API issued.');
  }
  return id;
}

/** The order of a list: oldest (lowest key) first, or newest first. */
export type ListOrder = 'ASC' | 'DESC';

/** The comparison that selects rows after / before a cursor, and the direction a page is read in. */
function keysetSteps(order: ListOrder, backward: boolean) {
  const descending = order === 'DESC';
  return {
    after: descending ? '<' : '>',
    before: descending ? '>' : '<',
    direction: (backward !== descending ? 'DESC' : 'ASC') as ListOrder,
  };
}

/**
 * Keyset pagination on the primary key: stable under inserts, one statement a page, and one
 * more only when the client asks for `totalCount`. `order` DESC lists the newest first.
 */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  order: ListOrder = 'ASC',
  extras?: ExtraSelects,
): Promise<Page<T>> {
  const { alias, backward, size, counting, page } = pageQueries(query, args);
  const steps = keysetSteps(order, backward);
  if (args.after) page.andWhere(`${alias}.id ${steps.after} :afterId`, { afterId: decodeCursor(args.after) });
  if (args.before) page.andWhere(`${alias}.id ${steps.before} :beforeId`, { beforeId: decodeCursor(args.before) });
  page.orderBy(`${alias}.id`, steps.direction).limit(size + 1);
  return pageOf(await leanMany(page, extras), size, args, (node) => encodeCursor(node.id), counting);
}

/** The direction and size a page asks for, with the page's query and the count's, apart. */
function pageQueries<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, args: PageArgs) {
  if (args.first != null && args.last != null) {
    throw apiError('BAD_USER_INPUT', 'Give either `first` or `last`, not both.');
  }
  const backward = args.last != null;
  return {
    alias: query.alias,
    backward,
    size: (backward ? args.last : args.first) ?? 20,
    counting: query.clone(),
    page: query.clone(),
  };
}

/** A page from the rows read in page order (one more than `size` when more follow). */
function pageOf<T extends ObjectLiteral>(
  rows: T[],
  size: number,
  args: PageArgs,
  cursorOf: (row: T) => string,
  counting: SelectQueryBuilder<T>,
): Page<T> {
  const backward = args.last != null;
  const more = rows.length > size;
  const items = rows.slice(0, size);
  if (backward) items.reverse();
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? Boolean(args.before) : more,
      hasPreviousPage: backward ? more : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count: () => counting.getCount(),
  };
}

/** A list ordered by a sort key and then the primary key, e.g. certifications by expiry. */
export interface KeysetOrder<T> {
  /** SQL of the sort column, qualified by the query's alias (`c.expires_on`); never null. */
  column: string;
  /** The sort key of a row, as text that compares in the column's order (a YYYY-MM-DD date). */
  keyOf: (row: T) => string;
  /** True for a key this order can hold: a cursor carrying anything else was not issued here. */
  isKey: (key: string) => boolean;
  /** Lowest key first (the default), or highest first. */
  direction?: ListOrder;
}

const KEYSET_PREFIX = 'k1:';

export function encodeKeysetCursor(key: string, id: number): string {
  return Buffer.from(`${KEYSET_PREFIX}${JSON.stringify([key, id])}`).toString('base64url');
}

export function decodeKeysetCursor(cursor: string, isKey: (key: string) => boolean): { key: string; id: number } {
  const text = Buffer.from(cursor, 'base64url').toString();
  let value: unknown = null;
  try {
    value = text.startsWith(KEYSET_PREFIX) ? JSON.parse(text.slice(KEYSET_PREFIX.length)) : null;
  } catch {
    value = null;
  }
  const [key, id] = Array.isArray(value) && value.length === 2 ? (value as unknown[]) : [];
  if (typeof key !== 'string' || !isKey(key) || !Number.isSafeInteger(id) || (id as number) < 0) {
    throw apiError('BAD_USER_INPUT', 'The cursor is not one this API issued.');
  }
  return { key, id: id as number };
}

/**
 * Keyset pagination on (sort key, primary key): the cursor carries both, so that a page starts
 * right after the row it names even among rows of the same key. One statement a page, served by
 * an index on (key, id), and one more only when the client asks for `totalCount`.
 */
export async function paginateByKey<T extends ObjectLiteral & { id: number }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<T>,
): Promise<Page<T>> {
  const { alias, backward, size, counting, page } = pageQueries(query, args);
  const steps = keysetSteps(order.direction ?? 'ASC', backward);
  if (args.after) {
    const after = decodeKeysetCursor(args.after, order.isKey);
    page.andWhere(`(${order.column}, ${alias}.id) ${steps.after} (:afterKey, :afterId)`, {
      afterKey: after.key,
      afterId: after.id,
    });
  }
  if (args.before) {
    const before = decodeKeysetCursor(args.before, order.isKey);
    page.andWhere(`(${order.column}, ${alias}.id) ${steps.before} (:beforeKey, :beforeId)`, {
      beforeKey: before.key,
      beforeId: before.id,
    });
  }
  const direction = steps.direction;
  page
    .orderBy(order.column, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(size + 1);
  const cursorOf = (row: T) => encodeKeysetCursor(order.keyOf(row), row.id);
  return pageOf(await leanMany(page), size, args, cursorOf, counting);
}
