import { MigrationInterface, QueryRunner, Table, TableCheck, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from '../migration-columns';

/**
 * Bounces and complaints: every event a provider, a DSN or an ARF report told us of, once per
 * (provider, event id), naming the reader by subscriber id only (never the address), and the
 * editions whose complaint rate has been warned about. The ledger gains an index by newsletter
 * and time, for the unsubscribe rate an edition's report shows.
 */
export class Deliverability1764720100000 implements MigrationInterface {
  name = 'Deliverability1764720100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    await queryRunner.createTable(
      new Table({
        name: 'deliverability_events',
        columns: [
          c.id(),
          c.varchar('provider', 32),
          c.varchar('event_id', 255),
          c.varchar('type', 16),
          c.integer('subscriber_id', { nullable: true }),
          c.integer('edition_id', { nullable: true }),
          c.varchar('message_id', 255, { nullable: true }),
          { name: 'detail', type: 'jsonb', isNullable: true },
          c.timestamp('occurred_at'),
          c.createdAt(),
        ],
        checks: [new TableCheck({ name: 'chk_deliverability_events_type', expression: `"type" IN ('hard-bounce', 'soft-bounce', 'complaint')` })],
        indices: [
          new TableIndex({ name: 'uq_deliverability_events_event', columnNames: ['provider', 'event_id'], isUnique: true }),
          new TableIndex({ name: 'idx_deliverability_events_subscriber', columnNames: ['subscriber_id', 'type', 'occurred_at'] }),
          new TableIndex({ name: 'idx_deliverability_events_edition', columnNames: ['edition_id', 'type'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['subscriber_id'], referencedTableName: 'subscribers', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
          new TableForeignKey({ columnNames: ['edition_id'], referencedTableName: 'editions', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'complaint_rate_warnings',
        columns: [c.integer('edition_id', { primary: true }), c.integer('complaints'), c.integer('sent'), c.createdAt()],
        foreignKeys: [new TableForeignKey({ columnNames: ['edition_id'], referencedTableName: 'editions', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await queryRunner.createIndex('consent_events', new TableIndex({ name: 'idx_consent_events_newsletter_time', columnNames: ['newsletter_id', 'created_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('consent_events', 'idx_consent_events_newsletter_time');
    await queryRunner.dropTable('complaint_rate_warnings');
    await queryRunner.dropTable('deliverability_events');
  }
}
