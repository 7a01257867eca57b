import type { ApolloServerPlugin } from '@apollo/server';
import { ASTVisitor, DocumentNode, GraphQLError, GraphQLSchema, ValidationContext, ValidationRule } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { RequestContext } from '../context';
import { fieldCostEstimator, unknownCostFields } from './cost';
import { Budget, rateLimited, RateLimits } from './rate-limit';

/** The limits every document must keep; numbers are in config so operators can tune them. */
export interface QueryLimits {
  maxDepth: number;
  /** Aliased fields plus `__typename` selections: the raw material of alias-overloading attacks. */
  maxAliases: number;
  maxDirectives: number;
  /**
   * Field selections plus the values written in their arguments, a fragment counted at each
   * spread: keeps the quadratic spec validation rules cheap (src/common/document-limits.ts).
   */
  maxFields: number;
  /** Root fields of one mutation operation (at most one of them a bulk mutation, whatever this says). */
  maxMutations: number;
  /** Lexical tokens in the document (enforced by the parser). */
  maxTokens: number;
  /** Cost: FIELD_COSTS' weight per field (1 unless listed), children times a page's `first`/`last` (default 20) or a fan-out's items, input rows. */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxFields: 200,
  maxMutations: 5,
  maxTokens: 4000,
  maxCost: 10_000,
};

/** Only queries and mutations are served over HTTP; a subscription is refused in validation. */
export const noSubscriptions: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  OperationDefinition(operation) {
    if (operation.operation === 'subscription') {
      context.reportError(new GraphQLError('Subscriptions are not supported.', { nodes: [operation] }));
    }
  },
});

/** Costs kept per parsed document (one per operation and shape of variables), oldest dropped first. */
const COSTS_KEPT_PER_DOCUMENT = 32;

type Variables = Record<string, unknown>;

/** A cost within QUERY_MAX_COST, as the answer reports it. */
interface CostReport {
  requested: number | null;
  maximum: number;
  budget?: Budget;
}

/**
 * Computes each operation's cost before it runs (FIELD_COSTS: weights, input rows, pages and
 * fan-outs), refuses one over the limit with QUERY_TOO_COMPLEX, charges it to the client's budget
 * a minute (over budget: 429 RATE_LIMITED, nothing runs), counts mutations from callers without
 * credentials, and reports the cost and what is left in the response's `extensions.cost`.
 */
export function costPlugin(
  schema: GraphQLSchema,
  maxCost: number,
  limits: RateLimits | null = null,
): ApolloServerPlugin<RequestContext> {
  const unknown = unknownCostFields(schema);
  if (unknown.length) throw new Error(`FIELD_COSTS names fields the schema does not have: ${unknown.join(', ')}`);
  const estimators = [fieldCostEstimator()];
  // Apollo hands every request of the same text the same parsed document, so a cost computed for
  // it is kept with it, by operation and by the shape of the variables: their numbers, booleans,
  // nulls and list lengths, which are all that cost reads (`first`, `@include`, input rows); text
  // is never counted, so two reports of different completions cost the same, once.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const costOf = (document: DocumentNode, operationName: string | undefined, variables: Variables | undefined) => {
    const key = `${operationName ?? ''}|${JSON.stringify(variables ?? {}, (_k, v: unknown) => (typeof v === 'string' ? '' : v))}`;
    let known = costs.get(document);
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    const cost = getComplexity({ schema, query: document, operationName, variables, estimators });
    if (!known) costs.set(document, (known = new Map()));
    if (known.size >= COSTS_KEPT_PER_DOCUMENT) known.delete(known.keys().next().value as string);
    known.set(key, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      let report: CostReport | null = null;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          let cost: number;
          try {
            cost = costOf(document, request.operationName, request.variables);
          } catch (error) {
            // The library stops counting past its node cap: such a document is refused like one
            // over the limit. Anything else (bad variables, an unknown operation name) is left
            // to the rest of the request to report.
            if (!(error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message))) return;
            throw new GraphQLError('The query is too large to cost; ask for less.', {
              extensions: {
                code: 'QUERY_TOO_COMPLEX',
                cost: { requested: null, maximum: maxCost },
                http: { status: 400 },
              },
            });
          }
          report = { requested: cost, maximum: maxCost };
          if (cost > maxCost) {
            throw new GraphQLError(
              `The query would cost ${cost}; at most ${maxCost} is allowed. Ask for smaller pages or fewer fields.`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', cost: report, http: { status: 400 } } },
            );
          }
          const client = contextValue.client;
          if (!limits || !client) return;
          const charged = await limits.chargeCost(client, cost);
          if (charged) report.budget = charged.budget;
          if (charged?.refused) {
            const { remaining, limit, resetInSeconds } = charged.budget;
            throw rateLimited(
              `The query would cost ${cost}; ${remaining} of this client’s ${limit} points a minute are left.`,
              resetInSeconds * 1000,
              { cost: report },
            );
          }
          if (operation?.operation === 'mutation' && contextValue.identity.kind === 'ANONYMOUS') {
            const wait = await limits.chargeAnonymousMutation(client);
            if (wait !== null) {
              await limits.refundCost(client, cost);
              if (report.budget) report.budget = { ...report.budget, remaining: report.budget.remaining + cost };
              throw rateLimited('Too many changes without credentials came from this address.', wait);
            }
          }
        },
        async willSendResponse({ response }) {
          if (report !== null && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: report };
          }
        },
      };
    },
  };
}
