import { MigrationInterface, QueryRunner } from 'typeorm';
import { foldName } from '../../src/common/text';

/** Fills the folded name keys of the trainers already recorded, with the function new rows use. */
async function backfillNameKeys(queryRunner: QueryRunner): Promise<void> {
  const rows: { id: number; first_name: string; last_name: string }[] = await queryRunner.query(
    `SELECT "id", "first_name", "last_name" FROM "trainer"`,
  );
  for (const row of rows) {
    await queryRunner.query(`UPDATE "trainer" SET "first_name_key" = $1, "last_name_key" = $2 WHERE "id" = $3`, [
      foldName(row.first_name),
      foldName(row.last_name),
      row.id,
    ]);
  }
}

export class TrainerSearch1796192006686 implements MigrationInterface {
  name = 'TrainerSearch1796192006686';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trainer" ADD "first_name_key" character varying(100) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "trainer" ADD "last_name_key" character varying(100) NOT NULL DEFAULT ''`);
    await queryRunner.query(`CREATE INDEX "IDX_e4bf219e911be8b967536f2a8a" ON "certification" ("program_code", "expires_on", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f3963911753a5339b88046025a" ON "certification" ("expires_on", "id") `);
    // LIKE 'abc%' uses a btree index whatever the database's collation only with the pattern operators.
    await queryRunner.query(
      `CREATE INDEX "IDX_trainer_first_name_key" ON "trainer" ("first_name_key" varchar_pattern_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_trainer_last_name_key" ON "trainer" ("last_name_key" varchar_pattern_ops)`);
    await backfillNameKeys(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_trainer_last_name_key"`);
    await queryRunner.query(`DROP INDEX "IDX_trainer_first_name_key"`);
    await queryRunner.query(`DROP INDEX "IDX_f3963911753a5339b88046025a"`);
    await queryRunner.query(`DROP INDEX "IDX_e4bf219e911be8b967536f2a8a"`);
    await queryRunner.query(`ALTER TABLE "trainer" DROP COLUMN "last_name_key"`);
    await queryRunner.query(`ALTER TABLE "trainer" DROP COLUMN "first_name_key"`);
  }
}
