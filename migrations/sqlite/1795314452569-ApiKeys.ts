import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1795314452569 implements MigrationInterface {
  name = 'ApiKeys1795314452569';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "provider_id" integer NOT NULL, "prefix" varchar(40) NOT NULL, "secret_hash" varchar(200) NOT NULL, "label" varchar(200), "created_by" varchar(64) NOT NULL, "created_at" varchar(30) NOT NULL, "last_used_at" varchar(30), "revoked_at" varchar(30))`);
    await queryRunner.query(`CREATE INDEX "IDX_86f856412a347390686b76fd05" ON "api_key" ("provider_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(`DROP INDEX "IDX_86f856412a347390686b76fd05"`);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`CREATE TABLE "temporary_api_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "provider_id" integer NOT NULL, "prefix" varchar(40) NOT NULL, "secret_hash" varchar(200) NOT NULL, "label" varchar(200), "created_by" varchar(64) NOT NULL, "created_at" varchar(30) NOT NULL, "last_used_at" varchar(30), "revoked_at" varchar(30), CONSTRAINT "FK_86f856412a347390686b76fd05e" FOREIGN KEY ("provider_id") REFERENCES "provider" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_api_key"("id", "provider_id", "prefix", "secret_hash", "label", "created_by", "created_at", "last_used_at", "revoked_at") SELECT "id", "provider_id", "prefix", "secret_hash", "label", "created_by", "created_at", "last_used_at", "revoked_at" FROM "api_key"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`ALTER TABLE "temporary_api_key" RENAME TO "api_key"`);
    await queryRunner.query(`CREATE INDEX "IDX_86f856412a347390686b76fd05" ON "api_key" ("provider_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`DROP INDEX "IDX_86f856412a347390686b76fd05"`);
    await queryRunner.query(`ALTER TABLE "api_key" RENAME TO "temporary_api_key"`);
    await queryRunner.query(`CREATE TABLE "api_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "provider_id" integer NOT NULL, "prefix" varchar(40) NOT NULL, "secret_hash" varchar(200) NOT NULL, "label" varchar(200), "created_by" varchar(64) NOT NULL, "created_at" varchar(30) NOT NULL, "last_used_at" varchar(30), "revoked_at" varchar(30))`);
    await queryRunner.query(`INSERT INTO "api_key"("id", "provider_id", "prefix", "secret_hash", "label", "created_by", "created_at", "last_used_at", "revoked_at") SELECT "id", "provider_id", "prefix", "secret_hash", "label", "created_by", "created_at", "last_used_at", "revoked_at" FROM "temporary_api_key"`);
    await queryRunner.query(`DROP TABLE "temporary_api_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_86f856412a347390686b76fd05" ON "api_key" ("provider_id") `);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`DROP INDEX "IDX_86f856412a347390686b76fd05"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
