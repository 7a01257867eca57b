import type { ApolloServerPlugin } from '@apollo/server';
import { ASTVisitor, GraphQLError, GraphQLSchema, ValidationContext, ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, ComplexityEstimator } from 'graphql-query-complexity';
import type { RequestContext } from '../context';

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
  /** Cost: 1 per field, a list field's children times its `first`/`last` (default 20). */
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

/** A list's children cost as many times as the page asks for (`first`/`last`, default 20). */
const pageEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const size = Number(args.first ?? args.last ?? NaN);
  const isPage = field.args.some((a) => a.name === 'first' || a.name === 'last');
  if (Number.isFinite(size) && size > 0) return 1 + childComplexity * Math.min(size, 100);
  return isPage ? 1 + childComplexity * 20 : undefined;
};

/**
 * Computes each operation's cost before it runs, refuses one over the limit with
 * QUERY_TOO_COMPLEX, and reports the cost in the response's `extensions.cost`.
 */
export function costPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost: number | null = null;
      return {
        async didResolveOperation({ request, document }) {
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
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
          if (cost > maxCost) {
            throw new GraphQLError(
              `The query would cost ${cost}; at most ${maxCost} is allowed. Ask for smaller pages or fewer fields.`,
              {
                extensions: {
                  code: 'QUERY_TOO_COMPLEX',
                  cost: { requested: cost, maximum: maxCost },
                  http: { status: 400 },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (cost !== null && response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              cost: { requested: cost, maximum: maxCost },
            };
          }
        },
      };
    },
  };
}
