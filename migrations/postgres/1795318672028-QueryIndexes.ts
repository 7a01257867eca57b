import { MigrationInterface, QueryRunner } from 'typeorm';

export class QueryIndexes1795318672028 implements MigrationInterface {
  name = 'QueryIndexes1795318672028';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_db21e09bdaf0a603868096344e"`);
    await queryRunner.query(`DROP INDEX "IDX_1524e4d96894fc15cfea7a9db8"`);
    await queryRunner.query(`DROP INDEX "IDX_baccb82c6179dca139f6b8c768"`);
    await queryRunner.query(`DROP INDEX "IDX_7e9e2b95bcf38f9262ac83189b"`);
    await queryRunner.query(`DROP INDEX "IDX_02a8fa727f3ffe0a9981f9137e"`);
    await queryRunner.query(`CREATE INDEX "IDX_8f7899220802e28d0afd7b38d4" ON "course" ("delivery_format", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0cf3fb9ba74adca98460c12267" ON "course" ("status", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_4325e3aa449112cb5b43076140" ON "course" ("provider_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c91dac365f9e624d0035e6955c" ON "petition" ("status", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_55c95047f7e77d58ed0e9b4cb4" ON "petition" ("certification_id", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_55c95047f7e77d58ed0e9b4cb4"`);
    await queryRunner.query(`DROP INDEX "IDX_c91dac365f9e624d0035e6955c"`);
    await queryRunner.query(`DROP INDEX "IDX_4325e3aa449112cb5b43076140"`);
    await queryRunner.query(`DROP INDEX "IDX_0cf3fb9ba74adca98460c12267"`);
    await queryRunner.query(`DROP INDEX "IDX_8f7899220802e28d0afd7b38d4"`);
    await queryRunner.query(`CREATE INDEX "IDX_02a8fa727f3ffe0a9981f9137e" ON "petition" ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_7e9e2b95bcf38f9262ac83189b" ON "petition" ("certification_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_baccb82c6179dca139f6b8c768" ON "course" ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_1524e4d96894fc15cfea7a9db8" ON "course" ("delivery_format") `);
    await queryRunner.query(`CREATE INDEX "IDX_db21e09bdaf0a603868096344e" ON "course" ("provider_id") `);
  }
}
