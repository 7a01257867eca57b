import { MigrationInterface, QueryRunner } from 'typeorm';
import { foldName } from '../../src/common/text';

/** Fills the folded name keys of the trainers already recorded, with the function new rows use. */
async function backfillNameKeys(queryRunner: QueryRunner): Promise<void> {
  const rows: { id: number; first_name: string; last_name: string }[] = await queryRunner.query(
    `SELECT "id", "first_name", "last_name" FROM "trainer"`,
  );
  for (const row of rows) {
    await queryRunner.query(`UPDATE "trainer" SET "first_name_key" = ?, "last_name_key" = ? WHERE "id" = ?`, [
      foldName(row.first_name),
      foldName(row.last_name),
      row.id,
    ]);
  }
}

export class TrainerSearch1796192006686 implements MigrationInterface {
  name = 'TrainerSearch1796192006686';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_ce2cdec7da2cbe6593e00ac502"`);
    await queryRunner.query(`CREATE TABLE "temporary_trainer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "first_name" varchar(100) NOT NULL, "last_name" varchar(100) NOT NULL, "email" varchar(254) NOT NULL, "created_at" varchar(30) NOT NULL, "first_name_key" varchar(100) NOT NULL DEFAULT (''), "last_name_key" varchar(100) NOT NULL DEFAULT (''))`);
    await queryRunner.query(`INSERT INTO "temporary_trainer"("id", "first_name", "last_name", "email", "created_at") SELECT "id", "first_name", "last_name", "email", "created_at" FROM "trainer"`);
    await queryRunner.query(`DROP TABLE "trainer"`);
    await queryRunner.query(`ALTER TABLE "temporary_trainer" RENAME TO "trainer"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ce2cdec7da2cbe6593e00ac502" ON "trainer" ("email") `);
    await queryRunner.query(`CREATE INDEX "IDX_e4bf219e911be8b967536f2a8a" ON "certification" ("program_code", "expires_on", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f3963911753a5339b88046025a" ON "certification" ("expires_on", "id") `);
    // LIKE 'abc%' uses an index only when it compares like LIKE does: case-insensitively.
    await queryRunner.query(`CREATE INDEX "IDX_trainer_first_name_key" ON "trainer" ("first_name_key" COLLATE NOCASE)`);
    await queryRunner.query(`CREATE INDEX "IDX_trainer_last_name_key" ON "trainer" ("last_name_key" COLLATE NOCASE)`);
    await backfillNameKeys(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_trainer_last_name_key"`);
    await queryRunner.query(`DROP INDEX "IDX_trainer_first_name_key"`);
    await queryRunner.query(`DROP INDEX "IDX_f3963911753a5339b88046025a"`);
    await queryRunner.query(`DROP INDEX "IDX_e4bf219e911be8b967536f2a8a"`);
    await queryRunner.query(`DROP INDEX "IDX_ce2cdec7da2cbe6593e00ac502"`);
    await queryRunner.query(`ALTER TABLE "trainer" RENAME TO "temporary_trainer"`);
    await queryRunner.query(`CREATE TABLE "trainer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "first_name" varchar(100) NOT NULL, "last_name" varchar(100) NOT NULL, "email" varchar(254) NOT NULL, "created_at" varchar(30) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "trainer"("id", "first_name", "last_name", "email", "created_at") SELECT "id", "first_name", "last_name", "email", "created_at" FROM "temporary_trainer"`);
    await queryRunner.query(`DROP TABLE "temporary_trainer"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ce2cdec7da2cbe6593e00ac502" ON "trainer" ("email") `);
  }
}
