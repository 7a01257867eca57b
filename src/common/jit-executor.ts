import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, ExecutionResult, GraphQLSchema, printSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/** Compiled documents kept by default (GRAPHQL_JIT_CACHE_SIZE). */
export const DEFAULT_JIT_CACHE_SIZE = 1000;

/**
 * Executes operations with graphql-jit: each document (by Apollo's query hash and the operation
 * name) is compiled once into JavaScript that resolves it, kept in a bounded LRU cache, and run
 * for every later request. Parsing, validation, the shape limits, the cost analysis and error
 * formatting stay Apollo's: only execution changes. Resolvers, type-graphql's authorization and
 * the scalars' serialization run as they do under graphql-js.
 */
export function jitExecutor(schema: GraphQLSchema, cacheSize: number): GatewayExecutor & { size(): number } {
  const compiled = new LRUCache<string, CompiledQuery>({ max: cacheSize });
  const executor = async (requestContext: Parameters<GatewayExecutor>[0]): Promise<ExecutionResult> => {
    const variables = requestContext.request.variables ?? {};
    // Faults before execution answer as graphql-js words them, so that Apollo's handling stays
    // the same: no such operation (OPERATION_RESOLUTION_FAILURE), and variables that do not
    // coerce (400 BAD_USER_INPUT, with graphql-js's messages).
    if (!requestContext.operation) {
      return execute({
        schema,
        document: requestContext.document,
        variableValues: variables,
        operationName: requestContext.operationName,
      });
    }
    const coerced = getVariableValues(schema, requestContext.operation.variableDefinitions ?? [], variables, {
      maxErrors: 50,
    });
    if (coerced.errors) return { errors: coerced.errors };
    const key = `${requestContext.queryHash}:${requestContext.operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(schema, requestContext.document, requestContext.operationName ?? undefined);
      if (!isCompiledQuery(result)) return result as ExecutionResult;
      query = result;
      compiled.set(key, query);
    }
    return query.query(undefined, requestContext.context, variables);
  };
  return Object.assign(executor as GatewayExecutor, { size: () => compiled.size });
}

/**
 * Apollo Server 5 takes a custom executor only through its gateway interface: this one serves
 * the local schema, once, and never changes it.
 */
export function jitGateway(schema: GraphQLSchema, cacheSize: number): GatewayInterface {
  return {
    async load() {
      return { executor: jitExecutor(schema, cacheSize) };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}
