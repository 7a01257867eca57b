import { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyCorrections1796195008524 implements MigrationInterface {
  name = 'PolicyCorrections1796195008524';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fee_schedule" DROP CONSTRAINT "UQ_c93478f2a4172ebda30ae8157f2"`);
    await queryRunner.query(`ALTER TABLE "fee_schedule" ADD "superseded_by_id" integer`);
    await queryRunner.query(`ALTER TABLE "hands_on_waiver" ADD "superseded_by_id" integer`);
    await queryRunner.query(`CREATE INDEX "IDX_c93478f2a4172ebda30ae8157f" ON "fee_schedule" ("program_code", "effective_from") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c93478f2a4172ebda30ae8157f"`);
    await queryRunner.query(`ALTER TABLE "hands_on_waiver" DROP COLUMN "superseded_by_id"`);
    await queryRunner.query(`ALTER TABLE "fee_schedule" DROP COLUMN "superseded_by_id"`);
    await queryRunner.query(`ALTER TABLE "fee_schedule" ADD CONSTRAINT "UQ_c93478f2a4172ebda30ae8157f2" UNIQUE ("program_code", "effective_from")`);
  }
}
