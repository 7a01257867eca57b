import { MigrationInterface, QueryRunner } from 'typeorm';

export class CompletionReports1796195205351 implements MigrationInterface {
  name = 'CompletionReports1796195205351';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_542ad25f567fd80ba0be930d3e"`);
    await queryRunner.query(`CREATE TABLE "completion_report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "provider_id" integer NOT NULL, "reported_at" varchar(30) NOT NULL, "reported_on" date NOT NULL, "row_count" integer NOT NULL, "accepted_count" integer NOT NULL, "duplicate_count" integer NOT NULL, "rejected_count" integer NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_171e0389abbc8feba4d8061335" ON "completion_report" ("reported_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_09935041c501f4e2a225754278" ON "completion_report" ("provider_id", "id") `);
    await queryRunner.query(`CREATE TABLE "completion_report_row" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "report_id" integer NOT NULL, "row_index" integer NOT NULL, "status" varchar(30) NOT NULL, "message" varchar(200) NOT NULL, "certification_number" varchar(40) NOT NULL, "last_name" varchar(100) NOT NULL, "first_name" varchar(100), "course_id" varchar(40) NOT NULL, "completed_on" date NOT NULL, "external_ref" varchar(100), "completion_id" integer, "credit_path" varchar(20), "credit_reason" varchar(40), "standing" varchar(40), "counted_ceu_hundredths" integer)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7663b120fa22b244e332713b1c" ON "completion_report_row" ("report_id", "row_index") `);
    await queryRunner.query(`CREATE INDEX "IDX_e7b937ff45a4c466c19d7e3126" ON "completion" ("reported_by_provider_id", "external_ref", "completed_on", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5eca435f0e7e80cf99a3e2e927" ON "completion" ("reported_by_provider_id", "course_id", "completed_on", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_effd763ff356ce94957db78844" ON "completion" ("reported_by_provider_id", "completed_on", "id") `);
    await queryRunner.query(`DROP INDEX "IDX_171e0389abbc8feba4d8061335"`);
    await queryRunner.query(`DROP INDEX "IDX_09935041c501f4e2a225754278"`);
    await queryRunner.query(`CREATE TABLE "temporary_completion_report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "provider_id" integer NOT NULL, "reported_at" varchar(30) NOT NULL, "reported_on" date NOT NULL, "row_count" integer NOT NULL, "accepted_count" integer NOT NULL, "duplicate_count" integer NOT NULL, "rejected_count" integer NOT NULL, CONSTRAINT "FK_e9b3d65989c9dfb044d1d5cb8ec" FOREIGN KEY ("provider_id") REFERENCES "provider" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_completion_report"("id", "provider_id", "reported_at", "reported_on", "row_count", "accepted_count", "duplicate_count", "rejected_count") SELECT "id", "provider_id", "reported_at", "reported_on", "row_count", "accepted_count", "duplicate_count", "rejected_count" FROM "completion_report"`);
    await queryRunner.query(`DROP TABLE "completion_report"`);
    await queryRunner.query(`ALTER TABLE "temporary_completion_report" RENAME TO "completion_report"`);
    await queryRunner.query(`CREATE INDEX "IDX_171e0389abbc8feba4d8061335" ON "completion_report" ("reported_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_09935041c501f4e2a225754278" ON "completion_report" ("provider_id", "id") `);
    await queryRunner.query(`DROP INDEX "IDX_7663b120fa22b244e332713b1c"`);
    await queryRunner.query(`CREATE TABLE "temporary_completion_report_row" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "report_id" integer NOT NULL, "row_index" integer NOT NULL, "status" varchar(30) NOT NULL, "message" varchar(200) NOT NULL, "certification_number" varchar(40) NOT NULL, "last_name" varchar(100) NOT NULL, "first_name" varchar(100), "course_id" varchar(40) NOT NULL, "completed_on" date NOT NULL, "external_ref" varchar(100), "completion_id" integer, "credit_path" varchar(20), "credit_reason" varchar(40), "standing" varchar(40), "counted_ceu_hundredths" integer, CONSTRAINT "FK_349e9b5170b4ec822841b25749b" FOREIGN KEY ("report_id") REFERENCES "completion_report" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_completion_report_row"("id", "report_id", "row_index", "status", "message", "certification_number", "last_name", "first_name", "course_id", "completed_on", "external_ref", "completion_id", "credit_path", "credit_reason", "standing", "counted_ceu_hundredths") SELECT "id", "report_id", "row_index", "status", "message", "certification_number", "last_name", "first_name", "course_id", "completed_on", "external_ref", "completion_id", "credit_path", "credit_reason", "standing", "counted_ceu_hundredths" FROM "completion_report_row"`);
    await queryRunner.query(`DROP TABLE "completion_report_row"`);
    await queryRunner.query(`ALTER TABLE "temporary_completion_report_row" RENAME TO "completion_report_row"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7663b120fa22b244e332713b1c" ON "completion_report_row" ("report_id", "row_index") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_7663b120fa22b244e332713b1c"`);
    await queryRunner.query(`ALTER TABLE "completion_report_row" RENAME TO "temporary_completion_report_row"`);
    await queryRunner.query(`CREATE TABLE "completion_report_row" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "report_id" integer NOT NULL, "row_index" integer NOT NULL, "status" varchar(30) NOT NULL, "message" varchar(200) NOT NULL, "certification_number" varchar(40) NOT NULL, "last_name" varchar(100) NOT NULL, "first_name" varchar(100), "course_id" varchar(40) NOT NULL, "completed_on" date NOT NULL, "external_ref" varchar(100), "completion_id" integer, "credit_path" varchar(20), "credit_reason" varchar(40), "standing" varchar(40), "counted_ceu_hundredths" integer)`);
    await queryRunner.query(`INSERT INTO "completion_report_row"("id", "report_id", "row_index", "status", "message", "certification_number", "last_name", "first_name", "course_id", "completed_on", "external_ref", "completion_id", "credit_path", "credit_reason", "standing", "counted_ceu_hundredths") SELECT "id", "report_id", "row_index", "status", "message", "certification_number", "last_name", "first_name", "course_id", "completed_on", "external_ref", "completion_id", "credit_path", "credit_reason", "standing", "counted_ceu_hundredths" FROM "temporary_completion_report_row"`);
    await queryRunner.query(`DROP TABLE "temporary_completion_report_row"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7663b120fa22b244e332713b1c" ON "completion_report_row" ("report_id", "row_index") `);
    await queryRunner.query(`DROP INDEX "IDX_09935041c501f4e2a225754278"`);
    await queryRunner.query(`DROP INDEX "IDX_171e0389abbc8feba4d8061335"`);
    await queryRunner.query(`ALTER TABLE "completion_report" RENAME TO "temporary_completion_report"`);
    await queryRunner.query(`CREATE TABLE "completion_report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "provider_id" integer NOT NULL, "reported_at" varchar(30) NOT NULL, "reported_on" date NOT NULL, "row_count" integer NOT NULL, "accepted_count" integer NOT NULL, "duplicate_count" integer NOT NULL, "rejected_count" integer NOT NULL)`);
    await queryRunner.query(`INSERT INTO "completion_report"("id", "provider_id", "reported_at", "reported_on", "row_count", "accepted_count", "duplicate_count", "rejected_count") SELECT "id", "provider_id", "reported_at", "reported_on", "row_count", "accepted_count", "duplicate_count", "rejected_count" FROM "temporary_completion_report"`);
    await queryRunner.query(`DROP TABLE "temporary_completion_report"`);
    await queryRunner.query(`CREATE INDEX "IDX_09935041c501f4e2a225754278" ON "completion_report" ("provider_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_171e0389abbc8feba4d8061335" ON "completion_report" ("reported_on") `);
    await queryRunner.query(`DROP INDEX "IDX_effd763ff356ce94957db78844"`);
    await queryRunner.query(`DROP INDEX "IDX_5eca435f0e7e80cf99a3e2e927"`);
    await queryRunner.query(`DROP INDEX "IDX_e7b937ff45a4c466c19d7e3126"`);
    await queryRunner.query(`DROP INDEX "IDX_7663b120fa22b244e332713b1c"`);
    await queryRunner.query(`DROP TABLE "completion_report_row"`);
    await queryRunner.query(`DROP INDEX "IDX_09935041c501f4e2a225754278"`);
    await queryRunner.query(`DROP INDEX "IDX_171e0389abbc8feba4d8061335"`);
    await queryRunner.query(`DROP TABLE "completion_report"`);
    await queryRunner.query(`CREATE INDEX "IDX_542ad25f567fd80ba0be930d3e" ON "completion" ("reported_by_provider_id") `);
  }
}
