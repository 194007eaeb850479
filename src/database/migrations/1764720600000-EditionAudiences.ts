import { MigrationInterface, QueryRunner } from 'typeorm';

/** An edition's audience: every active reader of the newsletter (null), or only those in these job sectors. */
export class EditionAudiences1764720600000 implements MigrationInterface {
  name = 'EditionAudiences1764720600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE editions ADD COLUMN audience_sectors integer[] NULL`);
    await queryRunner.query(`CREATE INDEX idx_subscribers_job_sector ON subscribers (job_sector_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_subscribers_job_sector`);
    await queryRunner.query(`ALTER TABLE editions DROP COLUMN audience_sectors`);
  }
}
