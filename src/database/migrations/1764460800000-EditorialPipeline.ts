import { MigrationInterface, QueryRunner, Table, TableCheck, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from '../migration-columns';

const SCHEDULES = [
  // The Saturday Read: Saturdays at 07:00; Morning Call: weekdays at 06:00 (London time).
  { slug: 'the-saturday-read', cron: '0 7 * * 6', maxArticles: 8 },
  { slug: 'morning-call', cron: '0 6 * * 1-5', maxArticles: 12 },
];

export class EditorialPipeline1764460800000 implements MigrationInterface {
  name = 'EditorialPipeline1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();

    await queryRunner.addColumns('newsletters', [
      new TableColumn(c.varchar('schedule_cron', 100, { nullable: true })),
      new TableColumn(c.varchar('schedule_timezone', 64, { default: "'Europe/London'" })),
      new TableColumn(c.integer('max_articles', { default: 10 })),
    ]);
    for (const schedule of SCHEDULES) {
      await queryRunner.query(
        `UPDATE newsletters SET schedule_cron = $1, max_articles = $2 WHERE slug = $3`,
        [schedule.cron, schedule.maxArticles, schedule.slug],
      );
    }

    await queryRunner.createTable(
      new Table({
        name: 'articles',
        columns: [
          c.id(),
          c.varchar('url', 2048, { unique: true }),
          c.varchar('guid', 512, { nullable: true, unique: true }),
          c.varchar('title', 500),
          c.text('standfirst', { nullable: true }),
          c.varchar('author', 200, { nullable: true }),
          c.varchar('section', 100, { nullable: true }),
          c.text('topics'),
          c.varchar('image_url', 2048, { nullable: true }),
          c.boolean('sponsored', false),
          c.timestamp('published_at'),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [new TableIndex({ name: 'idx_articles_published', columnNames: ['published_at'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'editors',
        columns: [
          c.id(),
          c.varchar('email', 254, { unique: true }),
          c.varchar('token_hash', 64, { unique: true }),
          c.timestamp('revoked_at', { nullable: true }),
          c.createdAt(),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'editions',
        columns: [
          c.id(),
          c.integer('newsletter_id'),
          c.varchar('subject', 300),
          c.varchar('preheader', 300, { nullable: true }),
          c.varchar('status', 16),
          c.varchar('origin', 16),
          c.text('html', { nullable: true }),
          c.text('text', { nullable: true }),
          c.varchar('placeholder_nonce', 16, { nullable: true }),
          c.text('error', { nullable: true }),
          c.integer('batch_size', { default: 500 }),
          c.integer('total', { default: 0 }),
          c.integer('sent_count', { default: 0 }),
          c.integer('failed_count', { default: 0 }),
          c.integer('skipped_count', { default: 0 }),
          c.integer('ambiguous_count', { default: 0 }),
          c.timestamp('started_at', { nullable: true }),
          c.timestamp('finished_at', { nullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        checks: [
          new TableCheck({
            name: 'chk_editions_status',
            expression: `"status" IN ('draft', 'sending', 'paused', 'sent', 'cancelled', 'failed')`,
          }),
        ],
        indices: [new TableIndex({ name: 'idx_editions_newsletter', columnNames: ['newsletter_id', 'created_at'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['newsletter_id'], referencedTableName: 'newsletters', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'edition_articles',
        columns: [c.integer('edition_id', { primary: true }), c.integer('article_id', { primary: true }), c.integer('position')],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['edition_id'], referencedTableName: 'editions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['article_id'], referencedTableName: 'articles', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'deliveries',
        columns: [
          c.integer('edition_id', { primary: true }),
          c.integer('subscriber_id', { primary: true }),
          c.varchar('status', 10),
          c.integer('attempts', { default: 0 }),
          c.timestamp('next_attempt_at', { nullable: true }),
          c.varchar('claim_token', 40, { nullable: true }),
          c.varchar('message_id', 255, { nullable: true }),
          c.integer('smtp_code', { nullable: true }),
          c.text('last_error', { nullable: true }),
          c.boolean('ambiguous', false),
          c.timestamp('sent_at', { nullable: true }),
        ],
        checks: [
          new TableCheck({
            name: 'chk_deliveries_status',
            expression: `"status" IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled')`,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['edition_id'], referencedTableName: 'editions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['subscriber_id'], referencedTableName: 'subscribers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    // Every delivery row is updated twice (claimed, then sent). Free room on each page lets
    // PostgreSQL update in place (HOT) without touching the index.
    await queryRunner.query(`ALTER TABLE deliveries SET (fillfactor = 50)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['deliveries', 'edition_articles', 'editions', 'editors', 'articles']) await queryRunner.dropTable(table);
    await queryRunner.dropColumns('newsletters', ['schedule_cron', 'schedule_timezone', 'max_articles']);
  }
}
