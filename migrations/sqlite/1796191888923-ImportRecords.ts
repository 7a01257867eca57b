import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportRecords1796191888923 implements MigrationInterface {
  name = 'ImportRecords1796191888923';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "certification_past_cycle" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "certification_id" integer NOT NULL, "starts_on" date NOT NULL, "expires_on" date NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_747b13f1237975c6be11e73fe1" ON "certification_past_cycle" ("certification_id", "expires_on") `);
    await queryRunner.query(`CREATE TABLE "import_ref" ("kind" varchar(20) NOT NULL, "external_id" varchar(100) NOT NULL, "entity_id" integer NOT NULL, "content_hash" varchar(64) NOT NULL, "imported_at" varchar(30) NOT NULL, PRIMARY KEY ("kind", "external_id"))`);
    await queryRunner.query(`DROP INDEX "IDX_747b13f1237975c6be11e73fe1"`);
    await queryRunner.query(`CREATE TABLE "temporary_certification_past_cycle" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "certification_id" integer NOT NULL, "starts_on" date NOT NULL, "expires_on" date NOT NULL, CONSTRAINT "FK_fcbc0c17c4275735761d9665169" FOREIGN KEY ("certification_id") REFERENCES "certification" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_certification_past_cycle"("id", "certification_id", "starts_on", "expires_on") SELECT "id", "certification_id", "starts_on", "expires_on" FROM "certification_past_cycle"`);
    await queryRunner.query(`DROP TABLE "certification_past_cycle"`);
    await queryRunner.query(`ALTER TABLE "temporary_certification_past_cycle" RENAME TO "certification_past_cycle"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_747b13f1237975c6be11e73fe1" ON "certification_past_cycle" ("certification_id", "expires_on") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_747b13f1237975c6be11e73fe1"`);
    await queryRunner.query(`ALTER TABLE "certification_past_cycle" RENAME TO "temporary_certification_past_cycle"`);
    await queryRunner.query(`CREATE TABLE "certification_past_cycle" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "certification_id" integer NOT NULL, "starts_on" date NOT NULL, "expires_on" date NOT NULL)`);
    await queryRunner.query(`INSERT INTO "certification_past_cycle"("id", "certification_id", "starts_on", "expires_on") SELECT "id", "certification_id", "starts_on", "expires_on" FROM "temporary_certification_past_cycle"`);
    await queryRunner.query(`DROP TABLE "temporary_certification_past_cycle"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_747b13f1237975c6be11e73fe1" ON "certification_past_cycle" ("certification_id", "expires_on") `);
    await queryRunner.query(`DROP TABLE "import_ref"`);
    await queryRunner.query(`DROP INDEX "IDX_747b13f1237975c6be11e73fe1"`);
    await queryRunner.query(`DROP TABLE "certification_past_cycle"`);
  }
}
