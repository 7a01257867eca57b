/** What the bench measures: the real API and its two baselines, in the order of every round. */
export type TargetName = 'api' | 'raw-sql' | 'graphql-js';

export const TARGET_NAMES: readonly TargetName[] = ['api', 'raw-sql', 'graphql-js'];

export const TARGET_DESCRIPTIONS: Record<TargetName, string> = {
  api: 'the API: node dist/src/index.js (Apollo Server, Express, type-graphql, TypeORM)',
  'raw-sql': 'bare node:http + hand-written SQL on the same driver + the rule engine (dist/bench/baseline-sql.js)',
  'graphql-js': 'bare node:http + graphql-js execute over in-memory data (dist/bench/baseline-graphql.js)',
};

/** Targets whose writes reach the database (the in-memory baseline keeps them in memory). */
export function writesToDatabase(target: TargetName): boolean {
  return target !== 'graphql-js';
}
