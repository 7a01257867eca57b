import 'reflect-metadata';
import { systemClock } from '../src/common/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/database/data-source';
import { seedDemo, seedDemoIfEmpty } from '../src/seed/demo';

/** `npm run seed` fills an empty database with demo data; `-- --reset` drops everything first. */
async function main(): Promise<void> {
  const config = loadConfig();
  const settings = { url: config.databaseUrl, sqlitePath: config.sqlitePath };
  if (process.argv.includes('--reset')) {
    const db = await openDatabase(settings, { migrate: false });
    await db.writer.dropDatabase();
    await db.close();
  }
  const db = await openDatabase(settings);
  try {
    const seeded = process.argv.includes('--reset')
      ? (await seedDemo(db, systemClock), true)
      : await seedDemoIfEmpty(db, systemClock);
    console.log(seeded ? 'Demo data written.' : 'The database already has data; use --reset to rebuild it.');
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
