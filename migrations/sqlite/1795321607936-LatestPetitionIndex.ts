import { MigrationInterface, QueryRunner } from 'typeorm';

export class LatestPetitionIndex1795321607936 implements MigrationInterface {
  name = 'LatestPetitionIndex1795321607936';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_af328420a86aaceef8869068c1"`);
    await queryRunner.query(`CREATE INDEX "IDX_a947b53723bc87784589482a57" ON "petition" ("completion_id", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_a947b53723bc87784589482a57"`);
    await queryRunner.query(`CREATE INDEX "IDX_af328420a86aaceef8869068c1" ON "petition" ("completion_id") `);
  }
}
