import { GraphQLField, GraphQLSchema, isObjectType } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What one call of a field costs, in points: a plain field (a column, a loaded relation) is 1.
 * Fields that compute, and inputs that carry rows, cost what their work costs next to a plain
 * field, as measured by `npm run measure:costs` on the demo data (the README shows the runs).
 */
export interface FieldCost {
  /** Points for one call of the field, its own work only (children are counted as they are asked for). */
  weight: number;
  /** Points for each row of a list in the field's arguments (bulk inputs); default 1. */
  perRow?: number;
  /** The list argument that names one result per item: the field's children are counted once per item. */
  fanOut?: string;
}

/**
 * The one table of weights. Keys are `Type.field`; fields not listed cost 1 (and a page's items
 * cost once per item asked for). A point is what a plain query spends per point of its cost
 * (a page of 100 certification nodes with three scalar fields, cost 301); each weight is the
 * measured time of one call, less the same query without the field, in points: the median of
 * four runs, rounded (at least 1; listed at 1, a field was measured and found plain). The README shows the measurements; `costPlugin` refuses to start on a key that
 * names no field of the schema.
 */
export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = Object.freeze({
  'Query.nodes': { weight: 1, fanOut: 'ids' },
  'Query.transcript': { weight: 1 },
  'Query.recertificationQuote': { weight: 2 },
  'Certification.compliance': { weight: 3 },
  'Transcript.compliance': { weight: 2 },
  'Certification.cycles': { weight: 1 },
  'Course.creditPath': { weight: 1 },
  'Mutation.reportCompletions': { weight: 1, perRow: 2 },
  'Mutation.importRecords': { weight: 1, perRow: 2 },
});

/**
 * Transcript downloads draw from the same budget as GraphQL (they are not fields): a PDF is
 * rendered (about 60 ms, some 770 points), a credential is read and signed (a few milliseconds).
 */
export const DOWNLOAD_COSTS: Readonly<Record<'pdf' | 'jwt', number>> = Object.freeze({ pdf: 800, jwt: 30 });

/** A client's query cost budget per minute by default (QUERY_COST_PER_MINUTE). */
export const DEFAULT_COST_PER_MINUTE = 100_000;

/** Items a page asks for: `first`/`last` (at most 100), 20 when neither is given; null for other fields. */
function pageSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | null {
  const size = Number(args.first ?? args.last ?? NaN);
  if (Number.isFinite(size) && size > 0) return Math.min(size, 100);
  return field.args.some((a) => a.name === 'first' || a.name === 'last') ? 20 : null;
}

/** Items of the lists in an argument value: a list counts its length, an input object its fields' lists. */
function rowsIn(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value === null || typeof value !== 'object') return 0;
  let rows = 0;
  for (const inner of Object.values(value as Record<string, unknown>)) rows += rowsIn(inner);
  return rows;
}

/**
 * The cost of one field: its weight, its input rows, and its children once per item it answers
 * (a page's `first`, a fan-out list's length, else once).
 */
export function fieldCostEstimator(table: Readonly<Record<string, FieldCost>> = FIELD_COSTS): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const cost = table[`${type.name}.${field.name}`];
    const fanOut = cost?.fanOut ? rowsIn(args[cost.fanOut]) : null;
    let rows = 0;
    for (const [name, value] of Object.entries(args)) if (name !== cost?.fanOut) rows += rowsIn(value);
    const times = fanOut ?? pageSize(field, args) ?? 1;
    return (cost?.weight ?? 1) + rows * (cost?.perRow ?? 1) + childComplexity * times;
  };
}

/** Keys of the table that name no field of the schema (a renamed field would lose its weight silently). */
export function unknownCostFields(schema: GraphQLSchema, table: Readonly<Record<string, FieldCost>> = FIELD_COSTS) {
  return Object.keys(table).filter((key) => {
    const [typeName, fieldName] = key.split('.');
    const type = schema.getType(typeName);
    return !(type && isObjectType(type) && type.getFields()[fieldName]);
  });
}
