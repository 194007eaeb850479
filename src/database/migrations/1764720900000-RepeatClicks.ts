import { MigrationInterface, QueryRunner } from 'typeorm';

/** Clicks discounted as repeats: one client following the same link again within a minute. */
export class RepeatClicks1764720900000 implements MigrationInterface {
  name = 'RepeatClicks1764720900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE edition_clicks ADD COLUMN discounted_repeat integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE edition_clicks DROP COLUMN discounted_repeat`);
  }
}
