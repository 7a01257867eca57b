import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportRecords1796191888923 implements MigrationInterface {
  name = 'ImportRecords1796191888923';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "certification_past_cycle" ("id" SERIAL NOT NULL, "certification_id" integer NOT NULL, "starts_on" date NOT NULL, "expires_on" date NOT NULL, CONSTRAINT "PK_80943a6a1c0869a86c710b0704b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_747b13f1237975c6be11e73fe1" ON "certification_past_cycle" ("certification_id", "expires_on") `);
    await queryRunner.query(`CREATE TABLE "import_ref" ("kind" character varying(20) NOT NULL, "external_id" character varying(100) NOT NULL, "entity_id" integer NOT NULL, "content_hash" character varying(64) NOT NULL, "imported_at" character varying(30) NOT NULL, CONSTRAINT "PK_3f72037c1f8d6848ac64d114df2" PRIMARY KEY ("kind", "external_id"))`);
    await queryRunner.query(`ALTER TABLE "certification_past_cycle" ADD CONSTRAINT "FK_fcbc0c17c4275735761d9665169" FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certification_past_cycle" DROP CONSTRAINT "FK_fcbc0c17c4275735761d9665169"`);
    await queryRunner.query(`DROP TABLE "import_ref"`);
    await queryRunner.query(`DROP INDEX "IDX_747b13f1237975c6be11e73fe1"`);
    await queryRunner.query(`DROP TABLE "certification_past_cycle"`);
  }
}
