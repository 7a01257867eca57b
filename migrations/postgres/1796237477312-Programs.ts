import { MigrationInterface, QueryRunner } from 'typeorm';
import { programsDown, programsUp } from '../programs-reference';

export class Programs1796237477312 implements MigrationInterface {
  name = 'Programs1796237477312';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_afa7c74148af68b82f08db2d1e"`);
    await queryRunner.query(`CREATE TABLE "program" ("code" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "currency_code" character varying(3) NOT NULL, "is_default" boolean NOT NULL DEFAULT false, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_c6b8c4c1adba14ec96387d3c002" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "program_policy_version" ("id" SERIAL NOT NULL, "program_code" character varying(20) NOT NULL, "effective_from" date NOT NULL, "cycle_months" integer NOT NULL, "required_ceu_hundredths" integer NOT NULL, "ceu_per_contact_hour_hundredths" integer NOT NULL, "cpr_aed_required" boolean NOT NULL, "cpr_aed_ceu_hundredths" integer NOT NULL, "hands_on_required" boolean NOT NULL, "coursework_grace_days" integer NOT NULL, "late_window_days" integer NOT NULL, "close_after_months" integer NOT NULL, "waiver_grace_days" integer NOT NULL, "petition_fee_cents" integer NOT NULL, "recertification_fee_cents" integer NOT NULL, "late_fee_cents" integer NOT NULL, "additional_fee_cents" integer NOT NULL, "audit_rate_basis_points" integer NOT NULL, "audit_documents_days" integer NOT NULL, "categories" text NOT NULL, "minimum_categories" integer NOT NULL, "maximum_ceu_per_event_hundredths" integer, "minimum_own_courses_ceu_hundredths" integer NOT NULL, "created_at" character varying(30) NOT NULL, "superseded_by_id" integer, CONSTRAINT "PK_73f6979678de6c73fe6520ae466" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_42db228f0b88ce25b85c161d19" ON "program_policy_version" ("program_code", "effective_from") `);
    await queryRunner.query(`CREATE TABLE "course_program" ("course_id" integer NOT NULL, "program_code" character varying(20) NOT NULL, "ceu_hundredths" integer NOT NULL, "category_code" character varying(20), "approved_from" date NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_72dec5f736968089e6010814ea6" PRIMARY KEY ("course_id", "program_code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_72dec5f736968089e6010814ea" ON "course_program" ("program_code", "course_id") `);
    await queryRunner.query(`CREATE TABLE "provider_program" ("provider_id" integer NOT NULL, "program_code" character varying(20) NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_063bdfe13fb6b4b7df4bff7a411" PRIMARY KEY ("provider_id", "program_code"))`);
    await queryRunner.query(`ALTER TABLE "completion" ADD "category_code" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "hands_on_waiver" ADD "program_code" character varying(20) NOT NULL DEFAULT 'CPT'`);
    await queryRunner.query(`ALTER TABLE "hands_on_waiver" ALTER COLUMN "program_code" DROP DEFAULT`);
    await queryRunner.query(`CREATE INDEX "IDX_264f92840c0d7d133f3865ebd7" ON "hands_on_waiver" ("program_code", "starts_on") `);
    await programsUp(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await programsDown(
      queryRunner,
      `CREATE TABLE "program_policy" ("program_code" character varying(20) NOT NULL, "audit_rate_basis_points" integer NOT NULL, "audit_documents_days" integer NOT NULL, "petition_fee_cents" integer NOT NULL, "currency_code" character varying(3) NOT NULL, "updated_at" character varying(30) NOT NULL, CONSTRAINT "PK_247516d5f3127ddb6e3c0666e14" PRIMARY KEY ("program_code"))`,
    );
    await queryRunner.query(`DROP INDEX "IDX_264f92840c0d7d133f3865ebd7"`);
    await queryRunner.query(`ALTER TABLE "hands_on_waiver" DROP COLUMN "program_code"`);
    await queryRunner.query(`ALTER TABLE "completion" DROP COLUMN "category_code"`);
    await queryRunner.query(`DROP TABLE "provider_program"`);
    await queryRunner.query(`DROP INDEX "IDX_72dec5f736968089e6010814ea"`);
    await queryRunner.query(`DROP TABLE "course_program"`);
    await queryRunner.query(`DROP INDEX "IDX_42db228f0b88ce25b85c161d19"`);
    await queryRunner.query(`DROP TABLE "program_policy_version"`);
    await queryRunner.query(`DROP TABLE "program"`);
    await queryRunner.query(`CREATE INDEX "IDX_afa7c74148af68b82f08db2d1e" ON "hands_on_waiver" ("starts_on") `);
  }
}
