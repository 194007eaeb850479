import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';
import { columnsFor } from '../migration-columns';

/**
 * Click counts without tracking anyone: an edition's article links as they were sent
 * (`edition_links`, where `/r/<code>` redirects to) and the counts per edition, article and
 * segment flushed from Redis (`edition_clicks`). Neither names a reader.
 */
export class ClickCounts1764720500000 implements MigrationInterface {
  name = 'ClickCounts1764720500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    const edition = () =>
      new TableForeignKey({ columnNames: ['edition_id'], referencedTableName: 'editions', referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    await queryRunner.createTable(
      new Table({
        name: 'edition_links',
        columns: [
          c.integer('edition_id', { primary: true }),
          c.integer('article_id', { primary: true }),
          c.integer('position'),
          c.varchar('url', 2048),
          c.varchar('title', 500),
          c.varchar('section', 100, { nullable: true }),
          c.boolean('sponsored', false),
        ],
        foreignKeys: [edition()],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'edition_clicks',
        columns: [
          c.integer('edition_id', { primary: true }),
          c.integer('article_id', { primary: true }),
          c.integer('segment', { primary: true }),
          c.integer('clicks', { default: 0 }),
          c.integer('discounted_head', { default: 0 }),
          c.integer('discounted_scanner', { default: 0 }),
          c.integer('discounted_burst', { default: 0 }),
          c.updatedAt(),
        ],
        foreignKeys: [edition()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('edition_clicks');
    await queryRunner.dropTable('edition_links');
  }
}
