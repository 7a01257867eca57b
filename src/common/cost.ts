import { GraphQLField, GraphQLSchema, isObjectType } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What one call of a field costs, in points: a plain field (a column, a loaded relation) is 1.
 * Fields that compute, and inputs that carry rows, cost what their work costs next to a plain
 * field, as measured by `npm run measure:costs` on the demo data (the README shows the run).
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
 * cost once per item asked for). Each number is the measured time of one call divided by the
 * time of one plain field in the same run, rounded; `test/e2e/attacks-budget.e2e.test.ts`
 * checks that the table names fields that exist.
 */
export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = Object.freeze({
  'Query.nodes': { weight: 1, fanOut: 'ids' },
  'Query.transcript': { weight: 20 },
  'Query.recertificationQuote': { weight: 30 },
  'Certification.compliance': { weight: 30 },
  'Transcript.compliance': { weight: 30 },
  'Certification.cycles': { weight: 10 },
  'Course.creditPath': { weight: 5 },
  'Mutation.submitRecertification': { weight: 50 },
  'Mutation.reportCompletions': { weight: 10, perRow: 10 },
  'Mutation.importRecords': { weight: 10, perRow: 10 },
});

/** A client's query cost budget per minute by default (QUERY_COST_PER_MINUTE). */
export const DEFAULT_COST_PER_MINUTE = 200_000;

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
