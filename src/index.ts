import 'reflect-metadata';
import { IsNull, Like } from 'typeorm';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { ApiKey } from './modules/api-key/api-key.entity';
import { DEMO_KEY_PREFIX } from './modules/api-key/api-key.hash';
import { seedDemoIfEmpty } from './seed/demo';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp({
    config,
    beforeListen: async (db, clock, logger) => {
      if (config.env === 'production') {
        // Refused on every request anyway; said once here so that someone revokes them.
        const demoKeys = await db.reader.count(ApiKey, {
          where: { prefix: Like(`${DEMO_KEY_PREFIX}%`), revokedAt: IsNull() },
        });
        if (demoKeys) {
          logger.warn(
            { demoKeys },
            `the database holds ${demoKeys} demo API key${demoKeys === 1 ? '' : 's'} (${DEMO_KEY_PREFIX}…), refused in production: revoke ${demoKeys === 1 ? 'it' : 'them'} with revokeApiKey`,
          );
        }
      }
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

/** A port that cannot be listened on is a setting to change, said as the other bad settings are. */
function listenProblem(error: unknown): ConfigError | null {
  const e = error as { syscall?: string; code?: string; port?: number; address?: string } | null;
  if (e?.syscall !== 'listen') return null;
  if (e.code === 'EADDRINUSE') {
    return new ConfigError([
      `PORT ${e.port} on ${e.address} is in use by another process; stop it, or set PORT to a free port`,
    ]);
  }
  if (e.code === 'EACCES') {
    return new ConfigError([
      `PORT ${e.port} may not be used by this user (ports below 1024 need privileges); set PORT to 1024 or more`,
    ]);
  }
  if (e.code === 'EADDRNOTAVAIL')
    return new ConfigError([`HOST ${e.address} is not an address of this machine; correct HOST`]);
  return null;
}

main().catch((caught) => {
  const error = listenProblem(caught) ?? caught;
  // A bad setting is the operator's to fix: say which, each of them, without a stack trace.
  if (error instanceof ConfigError) {
    console.error(`Configuration error:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
