import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner pieces aimed at job sectors, and an edition's segments: one rendering per distinct set
 * of partner pieces its readers get.
 */
export class Segments1764720700000 implements MigrationInterface {
  name = 'Segments1764720700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE articles ADD COLUMN target_sectors integer[] NULL`);
    await queryRunner.query(
      `CREATE TABLE edition_segments (
         edition_id integer NOT NULL,
         segment integer NOT NULL,
         partner_ids integer[] NOT NULL,
         sector_ids integer[] NOT NULL,
         html text NOT NULL,
         text text NOT NULL,
         CONSTRAINT "PK_edition_segments" PRIMARY KEY (edition_id, segment),
         CONSTRAINT "FK_edition_segments_edition" FOREIGN KEY (edition_id) REFERENCES editions(id) ON DELETE CASCADE
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE edition_segments`);
    await queryRunner.query(`ALTER TABLE articles DROP COLUMN target_sectors`);
  }
}
