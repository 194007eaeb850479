import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from '../migration-columns';

export class Newsroom1764633600000 implements MigrationInterface {
  name = 'Newsroom1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    await queryRunner.createTable(
      new Table({
        name: 'editor_sessions',
        columns: [{ ...c.varchar('id_hash', 64), isPrimary: true }, c.integer('editor_id'), c.timestamp('last_seen_at'), c.timestamp('ended_at', { nullable: true }), c.createdAt()],
        foreignKeys: [new TableForeignKey({ columnNames: ['editor_id'], referencedTableName: 'editors', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'editor_sign_in_links',
        columns: [c.id(), c.integer('editor_id'), c.varchar('token_hash', 64, { unique: true }), c.timestamp('expires_at'), c.timestamp('used_at', { nullable: true }), c.createdAt()],
        foreignKeys: [new TableForeignKey({ columnNames: ['editor_id'], referencedTableName: 'editors', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reader_actions',
        columns: [c.id(), c.integer('subscriber_id', { nullable: true }), c.integer('editor_id', { nullable: true }), c.varchar('action', 32), c.text('reason', { nullable: true }), c.createdAt()],
        indices: [new TableIndex({ name: 'idx_reader_actions_subscriber', columnNames: ['subscriber_id', 'id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['subscriber_id'], referencedTableName: 'subscribers', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
          new TableForeignKey({ columnNames: ['editor_id'], referencedTableName: 'editors', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );
    await queryRunner.addColumns('editions', [new TableColumn(c.text('web_html', { nullable: true })), new TableColumn(c.boolean('in_archive', true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('editions', ['web_html', 'in_archive']);
    for (const table of ['reader_actions', 'editor_sign_in_links', 'editor_sessions']) await queryRunner.dropTable(table);
  }
}
