import { MigrationInterface, QueryRunner } from 'typeorm';

/** A newsletter's smallest scheduled edition: below it the edition is held as a draft for the editors. */
export class MinArticles1765240000000 implements MigrationInterface {
  name = 'MinArticles1765240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE newsletters ADD COLUMN min_articles integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE newsletters DROP COLUMN min_articles`);
  }
}
