import http from 'node:http';
import { AddressInfo } from 'node:net';
import pino, { Logger } from 'pino';
import { AppConfig } from './config';
import { Authenticator } from './common/authenticate';
import { Clock, systemClock } from './common/clock';
import { openLimiterStore } from './common/rate-limit-store';
import { TokenVerifier } from './common/tokens';
import { DatabaseSettings, openDatabase, OpenDatabase } from './database/data-source';
import { RandomSource } from './rules/audit';
import { buildAppSchema } from './schema';
import { createHttpServer } from './server';
import { createServices, resolverContainer, Services } from './services';
import { TranscriptCredentialIssuer } from './modules/transcript-export/transcript-credential';
import { WebhookDispatcher } from './modules/webhook/webhook.dispatcher';
import { WebhookSecrets } from './modules/webhook/webhook.secrets';

export interface App {
  url: string;
  port: number;
  db: OpenDatabase;
  services: Services;
  logger: Logger;
  httpServer: http.Server;
  /** Sends the outbox's webhooks; null when WEBHOOK_DISPATCH is off. */
  dispatcher: WebhookDispatcher | null;
  close(): Promise<void>;
}

export interface AppOptions {
  config: AppConfig;
  clock?: Clock;
  /** Overrides of the database settings derived from the config (tests: a schema per run). */
  database?: Partial<DatabaseSettings>;
  logger?: Logger;
  /** Source of the random audit selection (R11); tests inject a deterministic one. */
  random?: RandomSource;
  /** Runs after migrations, before the server listens (e.g. demo data). */
  beforeListen?: (db: OpenDatabase, clock: Clock, logger: Logger) => Promise<unknown>;
}

/** The composition root: config → database → services → schema → HTTP server. */
export async function startApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  // Log lines are written synchronously: pino's default asynchronous stdout let a line still being
  // written land after one flushed at exit (the shutdown lines came out of order), or be lost.
  const logger = options.logger ?? pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: true }));
  const db = await openDatabase({
    url: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    poolSize: config.databasePoolSize,
    ...options.database,
  });
  let limiterStore: Awaited<ReturnType<typeof openLimiterStore>> | null = null;
  try {
    const ran = db.migrationsRun;
    logger.info(
      { database: db.kind, migrations: ran },
      ran.length
        ? `${ran.length} migration${ran.length === 1 ? '' : 's'} run: ${ran.join(', ')}`
        : 'database schema up to date: no migrations to run',
    );
    await options.beforeListen?.(db, clock, logger);
    const services = createServices(db, options.random, {
      completionReportRetentionDays: config.completionReportRetentionDays,
      webhookSecretKey: config.webhooks.secretKey,
      webhookRetryForMs: config.webhooks.retryForMs,
      production: config.env === 'production',
    });
    const schema = await buildAppSchema(resolverContainer(services));
    const authenticator = new Authenticator(new TokenVerifier(config.jwt), services.apiKeys, {
      acceptDemoKeys: config.env !== 'production',
    });
    const credentials = await TranscriptCredentialIssuer.create(config.credentials);
    // Rate-limit counters live in Redis when given, else beside the data: on PostgreSQL every
    // instance shares them.
    limiterStore = await openLimiterStore(
      {
        url: config.databaseUrl,
        redisUrl: config.redisUrl,
        redisKeyPrefix: config.redisKeyPrefix,
        ...options.database,
      },
      logger,
    );
    const store = limiterStore;
    const { httpServer, apollo, lifecycle } = await createHttpServer({
      config,
      schema,
      db,
      authenticator,
      statements: db.statements,
      clock,
      logger,
      credentials,
      limiterStore: store,
    });
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const port = (httpServer.address() as AddressInfo).port;
    // Synchronously after listening: no request is handled before the issuer knows its address.
    credentials.publishAt(config.publicUrl ?? `http://localhost:${port}`);
    const dispatcher = config.webhooks.dispatch
      ? new WebhookDispatcher(
          db,
          config.webhooks,
          new WebhookSecrets(config.webhooks.secretKey),
          clock,
          logger,
          config.env === 'production',
        )
      : null;
    dispatcher?.start();
    return {
      url: `http://localhost:${port}/graphql`,
      port,
      db,
      services,
      logger,
      httpServer,
      dispatcher,
      async close() {
        lifecycle.draining = true;
        await apollo.stop(); // stops accepting, lets in-flight requests finish, closes the HTTP server
        logger.info('requests drained');
        // Attempts in flight finish (each within WEBHOOK_TIMEOUT); what is left stays in the outbox.
        await dispatcher?.stop();
        await store.close();
        await db.close();
        logger.info('database closed');
      },
    };
  } catch (error) {
    await limiterStore?.close();
    await db.close();
    throw error;
  }
}
