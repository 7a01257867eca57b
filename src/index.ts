import 'reflect-metadata';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { seedDemoIfEmpty } from './seed/demo';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp({
    config,
    beforeListen: async (db, clock, logger) => {
      if (!config.seedDemo) {
        logger.info({ demoData: 'off' }, 'demo data: off (SEED_DEMO=false)');
        return;
      }
      const written = await seedDemoIfEmpty(db, clock);
      logger.info(
        { demoData: written ? 'written' : 'kept' },
        written
          ? 'demo data written (the database was empty)'
          : 'demo data not written: the database already holds data (npm run seed -- --reset rebuilds it)',
      );
    },
  });
  app.logger.info({ url: app.url, database: app.db.kind }, `ceu-ledger listening on ${app.url}`);
  const explorerUrl = config.explorer ? app.url : null;
  app.logger.info(
    { explorerUrl },
    explorerUrl ? `explorer: open ${explorerUrl} in a browser` : 'explorer: off (EXPLORER=false or production)',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  // A bad setting is the operator's to fix: say which, each of them, without a stack trace.
  if (error instanceof ConfigError) {
    console.error(`Configuration error:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
