import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795310907771 implements MigrationInterface {
  name = 'Initial1795310907771';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_record" ("id" SERIAL NOT NULL, "scope" character varying(100) NOT NULL, "key" character varying(200) NOT NULL, "operation" character varying(60) NOT NULL, "request_hash" character varying(64) NOT NULL, "response" text NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "UQ_43ea3d50a854b79e2f59aaad8a8" UNIQUE ("scope", "key"), CONSTRAINT "PK_0dc165e218120167e4a55dcc8d4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "provider" ("id" SERIAL NOT NULL, "kind" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "name_key" character varying(600) NOT NULL, "contact_email" character varying(254) NOT NULL, "website" character varying(500), "status" character varying(20) NOT NULL, "status_reason" text, "created_at" character varying(30) NOT NULL, "updated_at" character varying(30) NOT NULL, CONSTRAINT "PK_6ab2f66d8987bf1bfdd6136a2d5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f3e634181d1ecdb35438647c3f" ON "provider" ("name_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_3b0cf43e7ce397a79f14d2c07e" ON "provider" ("status") `);
    await queryRunner.query(`CREATE TABLE "provider_approval_period" ("id" SERIAL NOT NULL, "provider_id" integer NOT NULL, "from_date" date NOT NULL, "through_date" date, CONSTRAINT "PK_97e415e9309a1658b9e3fd82684" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_681a963bf0c56e8c23b8505e82" ON "provider_approval_period" ("provider_id") `);
    await queryRunner.query(`CREATE TABLE "course" ("id" SERIAL NOT NULL, "provider_id" integer NOT NULL, "code" character varying(40) NOT NULL, "title" character varying(200) NOT NULL, "search_text" text NOT NULL, "description" text, "delivery_format" character varying(20) NOT NULL, "contact_hour_tenths" integer NOT NULL, "ceu_hundredths" integer, "status" character varying(20) NOT NULL, "decision_reason" text, "renewal_year" integer, "created_at" character varying(30) NOT NULL, "updated_at" character varying(30) NOT NULL, CONSTRAINT "UQ_dfde7ebe7dd16a6f53174d7d7ea" UNIQUE ("provider_id", "code"), CONSTRAINT "PK_bf95180dd756fd204fb01ce4916" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_db21e09bdaf0a603868096344e" ON "course" ("provider_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_1524e4d96894fc15cfea7a9db8" ON "course" ("delivery_format") `);
    await queryRunner.query(`CREATE INDEX "IDX_baccb82c6179dca139f6b8c768" ON "course" ("status") `);
    await queryRunner.query(`CREATE TABLE "course_topic" ("course_id" integer NOT NULL, "topic" character varying(30) NOT NULL, CONSTRAINT "PK_6a20086450364b2ab84f3ff3d1f" PRIMARY KEY ("course_id", "topic"))`);
    await queryRunner.query(`CREATE INDEX "IDX_2078d875931990f10a10ccc0a5" ON "course_topic" ("topic") `);
    await queryRunner.query(`CREATE TABLE "course_approval_period" ("id" SERIAL NOT NULL, "course_id" integer NOT NULL, "from_date" date NOT NULL, "through_date" date NOT NULL, CONSTRAINT "PK_249573295a728d53ea7570e6031" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_be15b15a184690365835cd6293" ON "course_approval_period" ("course_id") `);
    await queryRunner.query(`CREATE TABLE "trainer" ("id" SERIAL NOT NULL, "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "email" character varying(254) NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_8dfa741df6d52a0da8ad93f0c7e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ce2cdec7da2cbe6593e00ac502" ON "trainer" ("email") `);
    await queryRunner.query(`CREATE TABLE "certification" ("id" SERIAL NOT NULL, "trainer_id" integer NOT NULL, "program_code" character varying(20) NOT NULL, "number" character varying(32) NOT NULL, "issued_on" date NOT NULL, "cycle_starts_on" date NOT NULL, "expires_on" date NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_a7364bd3e4a407f67d8165b820c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ee4033e9757ee00a2decd46e57" ON "certification" ("trainer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ea0ad1e8ca38653fc3d385287d" ON "certification" ("number") `);
    await queryRunner.query(`CREATE TABLE "completion" ("id" SERIAL NOT NULL, "certification_id" integer NOT NULL, "course_id" integer, "completed_on" date NOT NULL, "source" character varying(20) NOT NULL, "credit_path" character varying(20) NOT NULL, "credit_reason" character varying(40) NOT NULL, "ceu_hundredths" integer NOT NULL, "title" character varying(200) NOT NULL, "provider_name" character varying(200) NOT NULL, "contact_hour_tenths" integer NOT NULL, "reported_by_provider_id" integer, "provider_confirmed" boolean NOT NULL DEFAULT false, "external_ref" character varying(100), "created_at" character varying(30) NOT NULL, CONSTRAINT "UQ_ee76ab610b57bb926ca0eb598a7" UNIQUE ("certification_id", "course_id", "completed_on"), CONSTRAINT "PK_2c0de9dd4943fffe5936e083748" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6b960a3d47963fb1b8e0507510" ON "completion" ("course_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_542ad25f567fd80ba0be930d3e" ON "completion" ("reported_by_provider_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_ae14c0f97db1c9ad1afd77b756" ON "completion" ("certification_id", "completed_on") `);
    await queryRunner.query(`CREATE TABLE "cpr_aed_credential" ("id" SERIAL NOT NULL, "trainer_id" integer NOT NULL, "issuer" character varying(200) NOT NULL, "card_number" character varying(64), "issued_on" date NOT NULL, "expires_on" date NOT NULL, "covers_adult_cpr" boolean NOT NULL, "covers_aed" boolean NOT NULL, "format" character varying(20) NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_98d89a71a5a7aaa4f424180dbd8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f37d2a48d9712109292ec1af7b" ON "cpr_aed_credential" ("trainer_id") `);
    await queryRunner.query(`CREATE TABLE "decision_log_entry" ("id" SERIAL NOT NULL, "occurred_at" character varying(30) NOT NULL, "actor_type" character varying(20) NOT NULL, "actor_id" character varying(64) NOT NULL, "action" character varying(60) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" integer NOT NULL, "reason" text, "details" text NOT NULL, CONSTRAINT "PK_24e7d7ad02f7ad2c3a6d87749cb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_749019864750fb40e9f302ee43" ON "decision_log_entry" ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_74cf056eec5ef065a3a6289fd5" ON "decision_log_entry" ("subject_type", "subject_id") `);
    await queryRunner.query(`CREATE TABLE "petition" ("id" SERIAL NOT NULL, "certification_id" integer NOT NULL, "completion_id" integer NOT NULL, "status" character varying(20) NOT NULL, "justification" text NOT NULL, "requested_ceu_hundredths" integer NOT NULL, "awarded_ceu_hundredths" integer, "fee_cents" integer NOT NULL, "currency_code" character varying(3) NOT NULL, "decision_reason" text, "submitted_at" character varying(30) NOT NULL, "decided_at" character varying(30), CONSTRAINT "PK_469bc03ae1fe441954bcb2e6a0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7e9e2b95bcf38f9262ac83189b" ON "petition" ("certification_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_af328420a86aaceef8869068c1" ON "petition" ("completion_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_02a8fa727f3ffe0a9981f9137e" ON "petition" ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_petition_open_per_completion" ON "petition" ("completion_id") WHERE status IN ('PENDING', 'APPROVED')`);
    await queryRunner.query(`ALTER TABLE "provider_approval_period" ADD CONSTRAINT "FK_681a963bf0c56e8c23b8505e82c" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "course" ADD CONSTRAINT "FK_db21e09bdaf0a603868096344ea" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "course_topic" ADD CONSTRAINT "FK_8d2bc2e6f20363ef788cdcc0699" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "course_approval_period" ADD CONSTRAINT "FK_be15b15a184690365835cd62935" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certification" ADD CONSTRAINT "FK_ee4033e9757ee00a2decd46e578" FOREIGN KEY ("trainer_id") REFERENCES "trainer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "completion" ADD CONSTRAINT "FK_bc95f9111c128d45c5c5f74425d" FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "completion" ADD CONSTRAINT "FK_6b960a3d47963fb1b8e05075103" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "completion" ADD CONSTRAINT "FK_542ad25f567fd80ba0be930d3e0" FOREIGN KEY ("reported_by_provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cpr_aed_credential" ADD CONSTRAINT "FK_f37d2a48d9712109292ec1af7b2" FOREIGN KEY ("trainer_id") REFERENCES "trainer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "petition" ADD CONSTRAINT "FK_7e9e2b95bcf38f9262ac83189b4" FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "petition" ADD CONSTRAINT "FK_af328420a86aaceef8869068c1c" FOREIGN KEY ("completion_id") REFERENCES "completion"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "petition" DROP CONSTRAINT "FK_af328420a86aaceef8869068c1c"`);
    await queryRunner.query(`ALTER TABLE "petition" DROP CONSTRAINT "FK_7e9e2b95bcf38f9262ac83189b4"`);
    await queryRunner.query(`ALTER TABLE "cpr_aed_credential" DROP CONSTRAINT "FK_f37d2a48d9712109292ec1af7b2"`);
    await queryRunner.query(`ALTER TABLE "completion" DROP CONSTRAINT "FK_542ad25f567fd80ba0be930d3e0"`);
    await queryRunner.query(`ALTER TABLE "completion" DROP CONSTRAINT "FK_6b960a3d47963fb1b8e05075103"`);
    await queryRunner.query(`ALTER TABLE "completion" DROP CONSTRAINT "FK_bc95f9111c128d45c5c5f74425d"`);
    await queryRunner.query(`ALTER TABLE "certification" DROP CONSTRAINT "FK_ee4033e9757ee00a2decd46e578"`);
    await queryRunner.query(`ALTER TABLE "course_approval_period" DROP CONSTRAINT "FK_be15b15a184690365835cd62935"`);
    await queryRunner.query(`ALTER TABLE "course_topic" DROP CONSTRAINT "FK_8d2bc2e6f20363ef788cdcc0699"`);
    await queryRunner.query(`ALTER TABLE "course" DROP CONSTRAINT "FK_db21e09bdaf0a603868096344ea"`);
    await queryRunner.query(`ALTER TABLE "provider_approval_period" DROP CONSTRAINT "FK_681a963bf0c56e8c23b8505e82c"`);
    await queryRunner.query(`DROP INDEX "UQ_petition_open_per_completion"`);
    await queryRunner.query(`DROP INDEX "IDX_02a8fa727f3ffe0a9981f9137e"`);
    await queryRunner.query(`DROP INDEX "IDX_af328420a86aaceef8869068c1"`);
    await queryRunner.query(`DROP INDEX "IDX_7e9e2b95bcf38f9262ac83189b"`);
    await queryRunner.query(`DROP TABLE "petition"`);
    await queryRunner.query(`DROP INDEX "IDX_74cf056eec5ef065a3a6289fd5"`);
    await queryRunner.query(`DROP INDEX "IDX_749019864750fb40e9f302ee43"`);
    await queryRunner.query(`DROP TABLE "decision_log_entry"`);
    await queryRunner.query(`DROP INDEX "IDX_f37d2a48d9712109292ec1af7b"`);
    await queryRunner.query(`DROP TABLE "cpr_aed_credential"`);
    await queryRunner.query(`DROP INDEX "IDX_ae14c0f97db1c9ad1afd77b756"`);
    await queryRunner.query(`DROP INDEX "IDX_542ad25f567fd80ba0be930d3e"`);
    await queryRunner.query(`DROP INDEX "IDX_6b960a3d47963fb1b8e0507510"`);
    await queryRunner.query(`DROP TABLE "completion"`);
    await queryRunner.query(`DROP INDEX "IDX_ea0ad1e8ca38653fc3d385287d"`);
    await queryRunner.query(`DROP INDEX "IDX_ee4033e9757ee00a2decd46e57"`);
    await queryRunner.query(`DROP TABLE "certification"`);
    await queryRunner.query(`DROP INDEX "IDX_ce2cdec7da2cbe6593e00ac502"`);
    await queryRunner.query(`DROP TABLE "trainer"`);
    await queryRunner.query(`DROP INDEX "IDX_be15b15a184690365835cd6293"`);
    await queryRunner.query(`DROP TABLE "course_approval_period"`);
    await queryRunner.query(`DROP INDEX "IDX_2078d875931990f10a10ccc0a5"`);
    await queryRunner.query(`DROP TABLE "course_topic"`);
    await queryRunner.query(`DROP INDEX "IDX_baccb82c6179dca139f6b8c768"`);
    await queryRunner.query(`DROP INDEX "IDX_1524e4d96894fc15cfea7a9db8"`);
    await queryRunner.query(`DROP INDEX "IDX_db21e09bdaf0a603868096344e"`);
    await queryRunner.query(`DROP TABLE "course"`);
    await queryRunner.query(`DROP INDEX "IDX_681a963bf0c56e8c23b8505e82"`);
    await queryRunner.query(`DROP TABLE "provider_approval_period"`);
    await queryRunner.query(`DROP INDEX "IDX_3b0cf43e7ce397a79f14d2c07e"`);
    await queryRunner.query(`DROP INDEX "IDX_f3e634181d1ecdb35438647c3f"`);
    await queryRunner.query(`DROP TABLE "provider"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
  }
}
