import { Max, Min } from 'class-validator';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { leanMany } from '../database/lean';
import { apiError } from './errors';

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Return the first N items after `after` (1 to 100; 20 when neither first nor last is given).',
  })
  @Min(1)
  @Max(100)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: return items after this one.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Return the last N items before `before` (1 to 100).' })
  @Min(1)
  @Max(100)
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

/**
 * Keyset pagination on the primary key: stable under inserts, one statement a page, and one
 * more only when the client asks for `totalCount`.
 */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
): Promise<Page<T>> {
  if (args.first != null && args.last != null) {
    throw apiError('BAD_USER_INPUT', 'Give either `first` or `last`, not both.');
  }
  const alias = query.alias;
  const backward = args.last != null;
  const size = (backward ? args.last : args.first) ?? 20;
  const counting = query.clone();
  const page = query.clone();
  if (args.after) page.andWhere(`${alias}.id > :afterId`, { afterId: decodeCursor(args.after) });
  if (args.before) page.andWhere(`${alias}.id < :beforeId`, { beforeId: decodeCursor(args.before) });
  page.orderBy(`${alias}.id`, backward ? 'DESC' : 'ASC').limit(size + 1);
  const rows = await leanMany(page);
  const more = rows.length > size;
  const items = rows.slice(0, size);
  if (backward) items.reverse();
  const edges = items.map((node) => ({ cursor: encodeCursor(node.id), node }));
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
