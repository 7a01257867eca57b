import { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyCorrections1796195008524 implements MigrationInterface {
  name = 'PolicyCorrections1796195008524';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_fee_schedule" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "program_code" varchar(20) NOT NULL, "effective_from" date NOT NULL, "currency_code" varchar(3) NOT NULL, "recertification_fee_cents" integer NOT NULL, "late_fee_cents" integer NOT NULL, "additional_fee_cents" integer NOT NULL, "created_at" varchar(30) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "temporary_fee_schedule"("id", "program_code", "effective_from", "currency_code", "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "created_at") SELECT "id", "program_code", "effective_from", "currency_code", "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "created_at" FROM "fee_schedule"`);
    await queryRunner.query(`DROP TABLE "fee_schedule"`);
    await queryRunner.query(`ALTER TABLE "temporary_fee_schedule" RENAME TO "fee_schedule"`);
    await queryRunner.query(`CREATE TABLE "temporary_fee_schedule" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "program_code" varchar(20) NOT NULL, "effective_from" date NOT NULL, "currency_code" varchar(3) NOT NULL, "recertification_fee_cents" integer NOT NULL, "late_fee_cents" integer NOT NULL, "additional_fee_cents" integer NOT NULL, "created_at" varchar(30) NOT NULL, "superseded_by_id" integer)`);
    await queryRunner.query(`INSERT INTO "temporary_fee_schedule"("id", "program_code", "effective_from", "currency_code", "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "created_at") SELECT "id", "program_code", "effective_from", "currency_code", "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "created_at" FROM "fee_schedule"`);
    await queryRunner.query(`DROP TABLE "fee_schedule"`);
    await queryRunner.query(`ALTER TABLE "temporary_fee_schedule" RENAME TO "fee_schedule"`);
    await queryRunner.query(`DROP INDEX "IDX_afa7c74148af68b82f08db2d1e"`);
    await queryRunner.query(`CREATE TABLE "temporary_hands_on_waiver" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "starts_on" date NOT NULL, "lifted_on" date, "reason" text, "updated_at" varchar(30) NOT NULL, "superseded_by_id" integer)`);
    await queryRunner.query(`INSERT INTO "temporary_hands_on_waiver"("id", "starts_on", "lifted_on", "reason", "updated_at") SELECT "id", "starts_on", "lifted_on", "reason", "updated_at" FROM "hands_on_waiver"`);
    await queryRunner.query(`DROP TABLE "hands_on_waiver"`);
    await queryRunner.query(`ALTER TABLE "temporary_hands_on_waiver" RENAME TO "hands_on_waiver"`);
    await queryRunner.query(`CREATE INDEX "IDX_afa7c74148af68b82f08db2d1e" ON "hands_on_waiver" ("starts_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_c93478f2a4172ebda30ae8157f" ON "fee_schedule" ("program_code", "effective_from") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c93478f2a4172ebda30ae8157f"`);
    await queryRunner.query(`DROP INDEX "IDX_afa7c74148af68b82f08db2d1e"`);
    await queryRunner.query(`ALTER TABLE "hands_on_waiver" RENAME TO "temporary_hands_on_waiver"`);
    await queryRunner.query(`CREATE TABLE "hands_on_waiver" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "starts_on" date NOT NULL, "lifted_on" date, "reason" text, "updated_at" varchar(30) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "hands_on_waiver"("id", "starts_on", "lifted_on", "reason", "updated_at") SELECT "id", "starts_on", "lifted_on", "reason", "updated_at" FROM "temporary_hands_on_waiver"`);
    await queryRunner.query(`DROP TABLE "temporary_hands_on_waiver"`);
    await queryRunner.query(`CREATE INDEX "IDX_afa7c74148af68b82f08db2d1e" ON "hands_on_waiver" ("starts_on") `);
    await queryRunner.query(`ALTER TABLE "fee_schedule" RENAME TO "temporary_fee_schedule"`);
    await queryRunner.query(`CREATE TABLE "fee_schedule" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "program_code" varchar(20) NOT NULL, "effective_from" date NOT NULL, "currency_code" varchar(3) NOT NULL, "recertification_fee_cents" integer NOT NULL, "late_fee_cents" integer NOT NULL, "additional_fee_cents" integer NOT NULL, "created_at" varchar(30) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "fee_schedule"("id", "program_code", "effective_from", "currency_code", "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "created_at") SELECT "id", "program_code", "effective_from", "currency_code", "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "created_at" FROM "temporary_fee_schedule"`);
    await queryRunner.query(`DROP TABLE "temporary_fee_schedule"`);
    await queryRunner.query(`ALTER TABLE "fee_schedule" RENAME TO "temporary_fee_schedule"`);
    await queryRunner.query(`CREATE TABLE "fee_schedule" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "program_code" varchar(20) NOT NULL, "effective_from" date NOT NULL, "currency_code" varchar(3) NOT NULL, "recertification_fee_cents" integer NOT NULL, "late_fee_cents" integer NOT NULL, "additional_fee_cents" integer NOT NULL, "created_at" varchar(30) NOT NULL, CONSTRAINT "UQ_c93478f2a4172ebda30ae8157f2" UNIQUE ("program_code", "effective_from"))`);
    await queryRunner.query(`INSERT INTO "fee_schedule"("id", "program_code", "effective_from", "currency_code", "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "created_at") SELECT "id", "program_code", "effective_from", "currency_code", "recertification_fee_cents", "late_fee_cents", "additional_fee_cents", "created_at" FROM "temporary_fee_schedule"`);
    await queryRunner.query(`DROP TABLE "temporary_fee_schedule"`);
  }
}
