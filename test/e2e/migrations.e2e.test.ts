import { openDatabase } from '../../src/database/data-source';
import { ENTITIES } from '../../src/database/entities';
import { scratchDatabase } from '../support/database';

describe(`migrations (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('on an empty database, the migrations yield exactly the schema of the entities', async () => {
    const { settings, cleanup } = scratchDatabase();
    const db = await openDatabase(settings);
    try {
      const pending = await db.writer.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      const runner = db.writer.createQueryRunner();
      try {
        for (const entity of ENTITIES) {
          expect(await runner.hasTable(db.writer.getMetadata(entity).tableName)).toBe(true);
        }
      } finally {
        await runner.release();
      }
    } finally {
      await db.close();
      await cleanup();
    }
  });

  it('the migrations never use synchronize, and undoing them leaves no table behind', async () => {
    const { settings, cleanup } = scratchDatabase();
    const db = await openDatabase(settings);
    try {
      expect(db.writer.options.synchronize).toBe(false);
      const ran = await db.writer.query(`SELECT COUNT(*) AS n FROM migrations`);
      expect(Number(ran[0].n)).toBe(db.writer.migrations.length);
      for (let i = 0; i < db.writer.migrations.length; i++) await db.writer.undoLastMigration({ transaction: 'all' });
      const runner = db.writer.createQueryRunner();
      for (const entity of ENTITIES) {
        expect(await runner.hasTable(db.writer.getMetadata(entity).tableName)).toBe(false);
      }
      await runner.release();
    } finally {
      await db.close();
      await cleanup();
    }
  });

  it('TrainerSearch fills the folded name keys of the trainers recorded before it', async () => {
    const { settings, cleanup } = scratchDatabase();
    const db = await openDatabase(settings);
    try {
      // Back to the schema before TrainerSearch (and any migration after it).
      const index = db.writer.migrations.findIndex((m) => /^TrainerSearch/.test(m.name ?? ''));
      expect(index).toBeGreaterThan(0);
      for (let i = db.writer.migrations.length; i > index; i--)
        await db.writer.undoLastMigration({ transaction: 'all' });
      const p = (n: number) => (db.kind === 'postgres' ? `$${n}` : '?');
      await db.writer.query(
        `INSERT INTO trainer (first_name, last_name, email, created_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})`,
        ['  José ', 'MÜLLER  Díaz', 'jose@example.test', '2026-01-01T00:00:00.000Z'],
      );
      await db.writer.runMigrations({ transaction: 'all' });
      const rows = await db.writer.query(`SELECT first_name_key, last_name_key FROM trainer`);
      expect(rows).toEqual([{ first_name_key: 'jose', last_name_key: 'muller diaz' }]);
    } finally {
      await db.close();
      await cleanup();
    }
  });
});
