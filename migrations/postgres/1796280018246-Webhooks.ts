import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1796280018246 implements MigrationInterface {
  name = 'Webhooks1796280018246';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_event" ("id" SERIAL NOT NULL, "type" character varying(40) NOT NULL, "occurred_at" character varying(30) NOT NULL, "data" text NOT NULL, "provider_id" integer, "fanned_out" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_0f56d2f40f5ec823acf8e8edad1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5853cdaefb7d8275f55ca703ee" ON "webhook_event" ("fanned_out", "id") `);
    await queryRunner.query(`CREATE TABLE "webhook_endpoint" ("id" SERIAL NOT NULL, "provider_id" integer, "url" character varying(2000) NOT NULL, "description" character varying(200), "event_types" text NOT NULL, "status" character varying(20) NOT NULL, "disabled_reason" text, "disabled_at" character varying(30), "failing_since" character varying(30), "secret_cipher" character varying(200) NOT NULL, "previous_secret_cipher" character varying(200), "previous_secret_until" character varying(30), "created_by" character varying(64) NOT NULL, "created_at" character varying(30) NOT NULL, "updated_at" character varying(30) NOT NULL, CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_198763b6eed8930015b3abdf68" ON "webhook_endpoint" ("provider_id") `);
    await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" SERIAL NOT NULL, "event_id" integer NOT NULL, "endpoint_id" integer NOT NULL, "status" character varying(20) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" character varying(30), "give_up_at" character varying(30) NOT NULL, "lease_until" character varying(30), "lease_token" character varying(40), "last_attempt_at" character varying(30), "last_response_code" integer, "last_error" character varying(500), "delivered_at" character varying(30), "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b723a573cd78b4cff3404153ad" ON "webhook_delivery" ("event_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_a1bc8e4b7660989684fec1340e" ON "webhook_delivery" ("endpoint_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_68fd3a7ad4e5504350f64a3472" ON "webhook_delivery" ("status", "next_attempt_at") `);
    await queryRunner.query(`CREATE TABLE "webhook_schedule_mark" ("key" character varying(120) NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_990cba205ff2d6b93f4a3866d16" PRIMARY KEY ("key"))`);
    await queryRunner.query(`ALTER TABLE "program_policy_version" ADD "reminder_days" character varying(100) NOT NULL DEFAULT '90,60,30,7'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "program_policy_version" DROP COLUMN "reminder_days"`);
    await queryRunner.query(`DROP TABLE "webhook_schedule_mark"`);
    await queryRunner.query(`DROP INDEX "IDX_68fd3a7ad4e5504350f64a3472"`);
    await queryRunner.query(`DROP INDEX "IDX_a1bc8e4b7660989684fec1340e"`);
    await queryRunner.query(`DROP INDEX "IDX_b723a573cd78b4cff3404153ad"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "IDX_198763b6eed8930015b3abdf68"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    await queryRunner.query(`DROP INDEX "IDX_5853cdaefb7d8275f55ca703ee"`);
    await queryRunner.query(`DROP TABLE "webhook_event"`);
  }
}
