import { MigrationInterface, QueryRunner } from 'typeorm';

export class Recertification1795313605201 implements MigrationInterface {
  name = 'Recertification1795313605201';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "recertification_application" ("id" SERIAL NOT NULL, "certification_id" integer NOT NULL, "cycle_expires_on" date NOT NULL, "received_on" date NOT NULL, "phase" character varying(24) NOT NULL, "fee_line_data" text NOT NULL, "fee_total_cents" integer NOT NULL, "currency_code" character varying(3) NOT NULL, "ceu_counted" integer NOT NULL, "status" character varying(20) NOT NULL, "new_expires_on" date, "refusal_reason" text, "submitted_at" character varying(30) NOT NULL, "decided_at" character varying(30), CONSTRAINT "PK_af62de6b296496cb7df70de9116" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9f2249427bae3998a5cd2570a5" ON "recertification_application" ("certification_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_a5a93e137ba2af601ee440ab20" ON "recertification_application" ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_application_live_per_cycle" ON "recertification_application" ("certification_id", "cycle_expires_on") WHERE status <> 'REFUSED'`);
    await queryRunner.query(`CREATE TABLE "application_completion" ("application_id" integer NOT NULL, "completion_id" integer NOT NULL, CONSTRAINT "PK_72b708dfdf1796a1c845e173d13" PRIMARY KEY ("application_id", "completion_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d5889f244f8df38634a0ae6b13" ON "application_completion" ("completion_id") `);
    await queryRunner.query(`CREATE TABLE "audit" ("id" SERIAL NOT NULL, "application_id" integer NOT NULL, "selected_on" date NOT NULL, "documents_due_on" date NOT NULL, "status" character varying(24) NOT NULL, "reason" text, "resolved_at" character varying(30), CONSTRAINT "REL_36c760b1c1fa40c79c0b9ca189" UNIQUE ("application_id"), CONSTRAINT "PK_1d3d120ddaf7bc9b1ed68ed463a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_36c760b1c1fa40c79c0b9ca189" ON "audit" ("application_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7693678f9f310760045fa5de0c" ON "audit" ("documents_due_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_0044b9251be2496bded0ab2571" ON "audit" ("status") `);
    await queryRunner.query(`CREATE TABLE "audit_document" ("id" SERIAL NOT NULL, "audit_id" integer NOT NULL, "name" character varying(200) NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "location" character varying(1000) NOT NULL, "submitted_at" character varying(30) NOT NULL, CONSTRAINT "PK_cc335e445a75eb5e7bf214e8ced" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a47f59b8c75f8d7a99f8753f27" ON "audit_document" ("audit_id") `);
    await queryRunner.query(`CREATE TABLE "program_policy" ("program_code" character varying(20) NOT NULL, "audit_rate_basis_points" integer NOT NULL, "audit_documents_days" integer NOT NULL, "petition_fee_cents" integer NOT NULL, "currency_code" character varying(3) NOT NULL, "updated_at" character varying(30) NOT NULL, CONSTRAINT "PK_247516d5f3127ddb6e3c0666e14" PRIMARY KEY ("program_code"))`);
    await queryRunner.query(`CREATE TABLE "fee_schedule" ("id" SERIAL NOT NULL, "program_code" character varying(20) NOT NULL, "effective_from" date NOT NULL, "currency_code" character varying(3) NOT NULL, "recertification_fee_cents" integer NOT NULL, "late_fee_cents" integer NOT NULL, "additional_fee_cents" integer NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "UQ_c93478f2a4172ebda30ae8157f2" UNIQUE ("program_code", "effective_from"), CONSTRAINT "PK_ff34967d26d3283d21abcc0125c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "hands_on_waiver" ("id" SERIAL NOT NULL, "starts_on" date NOT NULL, "lifted_on" date, "reason" text, "updated_at" character varying(30) NOT NULL, CONSTRAINT "PK_bb6fe552b389dca1bcf7b372eac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_afa7c74148af68b82f08db2d1e" ON "hands_on_waiver" ("starts_on") `);
    await queryRunner.query(`ALTER TABLE "recertification_application" ADD CONSTRAINT "FK_9f2249427bae3998a5cd2570a56" FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application_completion" ADD CONSTRAINT "FK_d5889f244f8df38634a0ae6b13a" FOREIGN KEY ("completion_id") REFERENCES "completion"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application_completion" ADD CONSTRAINT "FK_29dd690321110616e2f5ee226d6" FOREIGN KEY ("application_id") REFERENCES "recertification_application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "audit" ADD CONSTRAINT "FK_36c760b1c1fa40c79c0b9ca189e" FOREIGN KEY ("application_id") REFERENCES "recertification_application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "audit_document" ADD CONSTRAINT "FK_a47f59b8c75f8d7a99f8753f275" FOREIGN KEY ("audit_id") REFERENCES "audit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_document" DROP CONSTRAINT "FK_a47f59b8c75f8d7a99f8753f275"`);
    await queryRunner.query(`ALTER TABLE "audit" DROP CONSTRAINT "FK_36c760b1c1fa40c79c0b9ca189e"`);
    await queryRunner.query(`ALTER TABLE "application_completion" DROP CONSTRAINT "FK_29dd690321110616e2f5ee226d6"`);
    await queryRunner.query(`ALTER TABLE "application_completion" DROP CONSTRAINT "FK_d5889f244f8df38634a0ae6b13a"`);
    await queryRunner.query(`ALTER TABLE "recertification_application" DROP CONSTRAINT "FK_9f2249427bae3998a5cd2570a56"`);
    await queryRunner.query(`DROP INDEX "IDX_afa7c74148af68b82f08db2d1e"`);
    await queryRunner.query(`DROP TABLE "hands_on_waiver"`);
    await queryRunner.query(`DROP TABLE "fee_schedule"`);
    await queryRunner.query(`DROP TABLE "program_policy"`);
    await queryRunner.query(`DROP INDEX "IDX_a47f59b8c75f8d7a99f8753f27"`);
    await queryRunner.query(`DROP TABLE "audit_document"`);
    await queryRunner.query(`DROP INDEX "IDX_0044b9251be2496bded0ab2571"`);
    await queryRunner.query(`DROP INDEX "IDX_7693678f9f310760045fa5de0c"`);
    await queryRunner.query(`DROP INDEX "IDX_36c760b1c1fa40c79c0b9ca189"`);
    await queryRunner.query(`DROP TABLE "audit"`);
    await queryRunner.query(`DROP INDEX "IDX_d5889f244f8df38634a0ae6b13"`);
    await queryRunner.query(`DROP TABLE "application_completion"`);
    await queryRunner.query(`DROP INDEX "UQ_application_live_per_cycle"`);
    await queryRunner.query(`DROP INDEX "IDX_a5a93e137ba2af601ee440ab20"`);
    await queryRunner.query(`DROP INDEX "IDX_9f2249427bae3998a5cd2570a5"`);
    await queryRunner.query(`DROP TABLE "recertification_application"`);
  }
}
