import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1795314452569 implements MigrationInterface {
  name = 'ApiKeys1795314452569';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_key" ("id" SERIAL NOT NULL, "provider_id" integer NOT NULL, "prefix" character varying(40) NOT NULL, "secret_hash" character varying(200) NOT NULL, "label" character varying(200), "created_by" character varying(64) NOT NULL, "created_at" character varying(30) NOT NULL, "last_used_at" character varying(30), "revoked_at" character varying(30), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_86f856412a347390686b76fd05" ON "api_key" ("provider_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_86f856412a347390686b76fd05e" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_86f856412a347390686b76fd05e"`);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`DROP INDEX "IDX_86f856412a347390686b76fd05"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
