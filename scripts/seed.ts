import 'reflect-metadata';
import { existsSync, rmSync } from 'node:fs';
import { systemClock } from '../src/common/clock';
import { loadConfig } from '../src/config';
import { DatabaseSettings, openDatabase, OpenDatabase } from '../src/database/data-source';
import { Provider } from '../src/modules/provider/provider.entity';
import { Trainer } from '../src/modules/trainer/trainer.entity';
import { seedDemo, seedDemoIfEmpty } from '../src/seed/demo';
import { LARGE_SCALE, LargeScale, seedLarge } from '../src/seed/large';

/**
 * Fills the configured database (SQLITE_PATH, or DATABASE_URL for PostgreSQL).
 *
 *   npm run seed                       demo data, on an empty database only
 *   npm run seed -- --reset            drop everything first, then demo data
 *   npm run seed -- --scale large      the large dataset (1,000 providers, 50,000 courses,
 *                                      200,000 trainers, 2,000,000 completions), on an empty
 *                                      database only; add --reset to rebuild
 *
 * The large dataset's counts can be changed for quicker runs, e.g.
 *
 *   npm run seed -- --scale large --reset --providers 10 --courses 500 --trainers 2000 --completions 20000
 *
 * Progress lines and the total time are printed as it goes.
 */

type Scale = 'demo' | 'large';

interface SeedOptions {
  scale: Scale;
  reset: boolean;
  counts: Partial<LargeScale>;
}

const USAGE =
  'usage: npm run seed -- [--reset] [--scale demo|large] [--providers N] [--courses N] [--trainers N] [--completions N]';

const COUNT_FLAGS = Object.keys(LARGE_SCALE) as (keyof LargeScale)[];

class UsageError extends Error {}

function wholeNumber(flag: string, text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text.replace(/_/g, ''))) {
    throw new UsageError(`--${flag} needs a whole number.`);
  }
  return Number(text.replace(/_/g, ''));
}

/** Reads `--flag value` and `--flag=value` arguments. */
function parseArguments(argv: readonly string[]): SeedOptions {
  const options: SeedOptions = { scale: 'demo', reset: false, counts: {} };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].replace(/^--/, '').split('=', 2);
    if (!argv[i].startsWith('--')) throw new UsageError(`unexpected argument ${argv[i]}`);
    const value = () => inline ?? argv[++i];
    if (flag === 'reset') options.reset = true;
    else if (flag === 'scale') {
      const scale = value();
      if (scale !== 'demo' && scale !== 'large') throw new UsageError('--scale is demo or large.');
      options.scale = scale;
    } else if ((COUNT_FLAGS as string[]).includes(flag)) {
      options.counts[flag as keyof LargeScale] = wholeNumber(flag, value());
    } else throw new UsageError(`unknown option --${flag}`);
  }
  if (options.scale === 'demo' && Object.keys(options.counts).length > 0) {
    throw new UsageError('--providers, --courses, --trainers and --completions apply to --scale large.');
  }
  return options;
}

/** Empties the database: SQLite by removing its files (a compact file to fill), PostgreSQL by dropping the tables. */
async function reset(settings: DatabaseSettings): Promise<void> {
  if (!settings.url) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      const file = settings.sqlitePath + suffix;
      if (existsSync(file)) rmSync(file);
    }
    return;
  }
  const db = await openDatabase(settings, { migrate: false });
  await db.writer.dropDatabase();
  await db.close();
}

async function writeDemo(db: OpenDatabase, options: SeedOptions): Promise<void> {
  const seeded = options.reset ? (await seedDemo(db, systemClock), true) : await seedDemoIfEmpty(db, systemClock);
  console.log(seeded ? 'Demo data written.' : 'The database already has data; use --reset to rebuild it.');
}

async function writeLarge(db: OpenDatabase, options: SeedOptions): Promise<boolean> {
  if (await hasData(db)) {
    console.error('The database already has data; use --reset to rebuild it with the large dataset.');
    return false;
  }
  const scale = { ...LARGE_SCALE, ...options.counts };
  console.log(
    `Writing the large dataset on ${db.kind}: ${scale.providers} providers, ${scale.courses} courses, ` +
      `${scale.trainers} trainers, ${scale.completions} completions.`,
  );
  const report = await seedLarge(db, systemClock, options.counts, (line) => console.log(`  ${line}`));
  const { scale: _scale, elapsedMs, ...counts } = report;
  console.log(
    `Rows written: ${Object.entries(counts)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ')}.`,
  );
  console.log(`Large dataset written in ${(elapsedMs / 1000).toFixed(1)} s.`);
  return true;
}

/** True when the database holds any provider or trainer (demo data, a previous seed, real data). */
async function hasData(db: OpenDatabase): Promise<boolean> {
  return (await db.reader.exists(Provider)) || (await db.reader.exists(Trainer));
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  const settings = { url: config.databaseUrl, sqlitePath: config.sqlitePath };
  if (options.reset) await reset(settings);
  const db = await openDatabase(settings);
  try {
    if (options.scale === 'demo') await writeDemo(db, options);
    else if (!(await writeLarge(db, options))) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(error);
  process.exit(1);
});
