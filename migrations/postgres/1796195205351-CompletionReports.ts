import { MigrationInterface, QueryRunner } from 'typeorm';

export class CompletionReports1796195205351 implements MigrationInterface {
  name = 'CompletionReports1796195205351';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_542ad25f567fd80ba0be930d3e"`);
    await queryRunner.query(`CREATE TABLE "completion_report" ("id" SERIAL NOT NULL, "provider_id" integer NOT NULL, "reported_at" character varying(30) NOT NULL, "reported_on" date NOT NULL, "row_count" integer NOT NULL, "accepted_count" integer NOT NULL, "duplicate_count" integer NOT NULL, "rejected_count" integer NOT NULL, CONSTRAINT "PK_02eae3abcdbb1ee028a3f7e37fc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_171e0389abbc8feba4d8061335" ON "completion_report" ("reported_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_09935041c501f4e2a225754278" ON "completion_report" ("provider_id", "id") `);
    await queryRunner.query(`CREATE TABLE "completion_report_row" ("id" SERIAL NOT NULL, "report_id" integer NOT NULL, "row_index" integer NOT NULL, "status" character varying(30) NOT NULL, "message" character varying(200) NOT NULL, "certification_number" character varying(40) NOT NULL, "last_name" character varying(100) NOT NULL, "first_name" character varying(100), "course_id" character varying(40) NOT NULL, "completed_on" date NOT NULL, "external_ref" character varying(100), "completion_id" integer, "credit_path" character varying(20), "credit_reason" character varying(40), "standing" character varying(40), "counted_ceu_hundredths" integer, CONSTRAINT "PK_da15a01c5d9d3237c470967f291" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7663b120fa22b244e332713b1c" ON "completion_report_row" ("report_id", "row_index") `);
    await queryRunner.query(`CREATE INDEX "IDX_e7b937ff45a4c466c19d7e3126" ON "completion" ("reported_by_provider_id", "external_ref", "completed_on", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5eca435f0e7e80cf99a3e2e927" ON "completion" ("reported_by_provider_id", "course_id", "completed_on", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_effd763ff356ce94957db78844" ON "completion" ("reported_by_provider_id", "completed_on", "id") `);
    await queryRunner.query(`ALTER TABLE "completion_report" ADD CONSTRAINT "FK_e9b3d65989c9dfb044d1d5cb8ec" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "completion_report_row" ADD CONSTRAINT "FK_349e9b5170b4ec822841b25749b" FOREIGN KEY ("report_id") REFERENCES "completion_report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "completion_report_row" DROP CONSTRAINT "FK_349e9b5170b4ec822841b25749b"`);
    await queryRunner.query(`ALTER TABLE "completion_report" DROP CONSTRAINT "FK_e9b3d65989c9dfb044d1d5cb8ec"`);
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
