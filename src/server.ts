import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { AppConfig } from './config';
import { Authenticator } from './common/authenticate';
import { Clock } from './common/clock';
import { formatError, wellFormedTextPlugin } from './common/graphql-boundary';
import { CSRF_PREVENTION_HEADERS } from './common/neutral-messages';
import { shapeLimits } from './common/document-limits';
import { costPlugin, noSubscriptions } from './common/limits';
import { jitGateway } from './common/jit-executor';
import { Identity } from './common/identity';
import { authenticatedClient, clientOf, RateLimits } from './common/rate-limit';
import type { LimiterStore } from './common/rate-limit-store';
import { RequestContext, RequestTrace } from './context';
import { Database } from './database/database';
import { StatementCounter } from './database/statement-counter';
import { createLoaders } from './loaders';
import { explorerRouter } from './explorer/explorer';
import { TranscriptCredentialIssuer } from './modules/transcript-export/transcript-credential';
import { transcriptExportRouter } from './modules/transcript-export/transcript-export.routes';
import { dateOf } from './rules/calendar';

export interface ServerDeps {
  config: AppConfig;
  schema: GraphQLSchema;
  db: Database;
  authenticator: Authenticator;
  statements: StatementCounter;
  clock: Clock;
  logger: Logger;
  credentials: TranscriptCredentialIssuer;
  /** Where the rate limits count: shared by every instance on PostgreSQL, memory on SQLite. */
  limiterStore: LimiterStore;
}

const REQUEST_ID_RE = /^[\w.-]{1,64}$/;
const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Shared with the app: once draining, /readyz answers 503 so that balancers stop sending. */
export interface Lifecycle {
  draining: boolean;
}

function httpError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** Express + Apollo: /graphql, /healthz, body limit, CORS, error masking and graceful drain. */
export async function createHttpServer(
  deps: ServerDeps,
): Promise<{ httpServer: http.Server; apollo: ApolloServer<RequestContext>; lifecycle: Lifecycle }> {
  const lifecycle: Lifecycle = { draining: false };
  const { config, schema, db, authenticator, statements, clock, logger } = deps;
  const limits = new RateLimits(
    deps.limiterStore,
    {
      requestsPerMinute: config.rateLimitPerMinute,
      costPerMinute: config.queryCostPerMinute,
      authFailuresPerMinute: config.authFailuresPerMinute,
      anonymousMutationsPerHour: config.anonymousMutationsPerHour,
    },
    (credential, req) => authenticator.quickCheck(credential, req),
  );
  /** Who is asking and on what day: the context of a GraphQL request or a transcript download. */
  const requestContext = async (req: Request): Promise<RequestContext> => {
    const now = clock.now();
    const loaders = createLoaders(db.reader);
    const trace = (req.res?.locals.trace as RequestTrace | undefined) ?? { parsed: false, requestId: randomUUID() };
    const client = clientOf(req);
    let identity: Identity;
    try {
      identity = await authenticator.identify(req, loaders);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions?.code === 'UNAUTHENTICATED') await limits.failed(client);
      throw error;
    }
    limits.authenticated(client, identity);
    return {
      requestId: trace.requestId,
      identity,
      loaders,
      today: dateOf(now),
      now: now.toISOString(),
      trace,
      client: authenticatedClient(client, identity),
    };
  };
  const app = express();
  app.disable('x-powered-by');
  // No ETag: answers are personal and never cached (Cache-Control: no-store), so hashing each
  // body would only cost time.
  app.set('etag', false);
  // Behind a load balancer the client's address (rate limits, logs) comes from X-Forwarded-For,
  // believed only from the proxies TRUST_PROXY names.
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  const production = config.env === 'production';

  const apollo = new ApolloServer<RequestContext>({
    // Execution: graphql-jit's compiled documents (through Apollo's gateway interface, its one
    // hook for an executor), or graphql-js.
    ...(config.graphqlExecutor === 'jit' ? { gateway: jitGateway(schema, config.jitCacheSize) } : { schema }),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    allowBatchedHttpRequests: false,
    // The process handles SIGTERM/SIGINT itself (src/index.ts): drain, close the database, exit.
    stopOnTerminationSignals: false,
    // Automatic persisted queries are not offered: documents always travel in full.
    persistedQueries: false,
    csrfPrevention: { requestHeaders: CSRF_PREVENTION_HEADERS },
    formatError,
    parseOptions: { maxTokens: config.limits.maxTokens },
    // The shape limits come first: a document that breaks one gets that one error, and the
    // specified rules never walk it (see shapeLimits).
    validationRules: [shapeLimits(config.limits), noSubscriptions],
    // documentStore is left at its default: an in-memory LRU cache of parsed and validated
    // documents keyed by their hash, so a document the server has seen is neither parsed nor
    // validated again (X-Document-Cache: HIT outside production).
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Nothing here sets cache hints, reports to Apollo's services or builds federated traces:
      // the default plugins for those would only cost time on every request.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No Apollo landing page (it loads from a CDN): browsers get the offline explorer instead,
      // when it is on.
      ApolloServerPluginLandingPageDisabled(),
      wellFormedTextPlugin(),
      costPlugin(schema, config.limits.maxCost, limits),
      {
        async requestDidStart() {
          return {
            // Called only when the document was not in the document cache.
            async parsingDidStart({ contextValue }) {
              if (contextValue.trace) contextValue.trace.parsed = true;
            },
            async didResolveOperation({ contextValue, operationName, operation }) {
              if (contextValue.trace) contextValue.trace.operation = operationName ?? operation?.operation;
            },
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                const code = error.extensions?.code;
                if (!code || code === 'INTERNAL_SERVER_ERROR') {
                  logger.error(
                    { requestId: contextValue?.requestId, err: error.originalError ?? error },
                    'request failed',
                  );
                }
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // Alive: the process answers. Ready: it can reach its database and is not shutting down, so a
  // load balancer sends it traffic.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready means that a change would be saved: the database answers a read and takes a write
  // that changes nothing (rolled back). The engine is not named to callers, only in the log.
  app.get('/readyz', async (_req, res) => {
    if (lifecycle.draining) return void res.status(503).json({ status: 'draining' });
    try {
      if ((await withTimeout(db.probe(), READY_TIMEOUT_MS)) === 'ready') return void res.json({ status: 'ready' });
      logger.warn({ database: db.kind }, 'readiness check failed: the database accepts reads only');
      res
        .status(503)
        .json({ status: 'unavailable', reason: 'The database accepts reads only: every change would fail.' });
    } catch (error) {
      logger.warn({ err: error, database: db.kind }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'The database is not reachable.' });
    }
  });

  // Development: GET /graphql from a browser answers the GraphiQL explorer, served from the
  // installed packages. Other requests pass on to the API untouched.
  if (config.explorer && !production) app.use(explorerRouter('/graphql'));

  // Count the SQL statements of each request; outside production the count is sent back in a
  // header so that tests and developers can see what a query cost.
  const counting = !production || logger.isLevelEnabled('info');
  app.use(['/graphql', '/transcripts'], (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // The caller's request ID when it is a sane one (a proxy's, say), else a fresh one; echoed
    // back and written in every log line of the request.
    const given = req.header('x-request-id');
    const trace: RequestTrace = { parsed: false, requestId: given && REQUEST_ID_RE.test(given) ? given : randomUUID() };
    res.setHeader('X-Request-Id', trace.requestId);
    res.locals.trace = trace;
    // Answers may hold personal data: no cache along the way keeps them (this replaces what
    // Apollo's cache-control plugin would compute field by field).
    res.setHeader('Cache-Control', 'no-store');
    // The count is read by the request's log line and, outside production, by a header: where
    // neither is wanted (production logging warnings only) no count is kept.
    if (!counting) {
      next();
      return;
    }
    const graphql = req.baseUrl === '/graphql';
    const { run, count } = statements.open();
    res.on('finish', () => {
      logger.info(
        {
          requestId: trace.requestId,
          ...(graphql ? { operation: trace.operation ?? null } : { path: req.originalUrl.split('?')[0].slice(0, 100) }),
          status: res.statusCode,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
          statements: count(),
          ...(graphql ? { documentCached: !trace.parsed } : {}),
        },
        graphql ? 'graphql request' : 'download request',
      );
    });
    if (!production) {
      const writeHead = res.writeHead;
      res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
        this.setHeader('X-Statement-Count', String(count()));
        if (graphql) this.setHeader('X-Document-Cache', trace.parsed ? 'MISS' : 'HIT');
        return writeHead.apply(this, args);
      } as typeof writeHead;
    }
    run(next);
  });

  if (config.rateLimitPerMinute > 0 || config.authFailuresPerMinute > 0 || config.queryCostPerMinute > 0) {
    app.use(['/graphql', '/transcripts'], limits.middleware());
  }

  // Transcript downloads (PDF, signed credential) and the public keys that check credentials.
  app.use(
    transcriptExportRouter({
      schema,
      issuer: deps.credentials,
      clock,
      logger,
      context: requestContext,
    }),
  );

  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins.length ? config.corsOrigins : false, maxAge: 600 }),
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: ({ req }) => requestContext(req),
    }),
  );

  app.use((req: Request, res: Response) => {
    httpError(
      res,
      404,
      'NOT_FOUND',
      `Nothing at ${req.method} ${req.path.slice(0, 100)}; the API is at POST /graphql.`,
    );
  });

  // Body parser faults: a clean JSON answer with a stable code, never a stack trace.
  app.use((error: { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (error.type === 'entity.too.large')
      return httpError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (error.type === 'entity.parse.failed')
      return httpError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    if (error instanceof GraphQLError) return httpError(res, 400, 'BAD_REQUEST', error.message);
    if (error.status && error.status >= 400 && error.status < 500) {
      // Other body faults (unsupported encoding or charset, a corrupt compressed body) are the client's.
      logger.warn({ type: error.type, status: error.status }, 'bad request body');
      return httpError(res, error.status, 'BAD_REQUEST', 'The request body could not be read.');
    }
    logger.error({ err: error }, 'http error');
    return httpError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
  });

  return { httpServer, apollo, lifecycle };
}
