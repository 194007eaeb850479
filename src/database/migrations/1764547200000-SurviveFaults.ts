import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnsFor } from '../migration-columns';

export class SurviveFaults1764547200000 implements MigrationInterface {
  name = 'SurviveFaults1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    await queryRunner.createTable(
      new Table({
        name: 'delivery_claims',
        columns: [{ ...c.varchar('claim_token', 40), isPrimary: true }, c.integer('edition_id'), c.timestamp('heartbeat_at')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'signup_requests',
        columns: [
          c.id(),
          c.varchar('email', 254),
          new TableColumn({ name: 'newsletter_ids', type: 'integer', isArray: true, isNullable: false }),
          c.integer('job_sector_id', { nullable: true }),
          c.integer('notice_version'),
          c.varchar('source', 512),
          c.varchar('ip', 64, { nullable: true }),
          c.varchar('user_agent', 512, { nullable: true }),
          c.createdAt(),
        ],
      }),
    );
    // An account email that turned out to have nothing to say (confirmed meanwhile, suppressed):
    // settled, so recovery stops offering it.
    await queryRunner.addColumn('account_emails', new TableColumn(c.timestamp('skipped_at', { nullable: true })));
    // While a worker sends it: a second job for the same email (Redis forgot the first) waits.
    await queryRunner.addColumn('account_emails', new TableColumn(c.timestamp('sending_until', { nullable: true })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('account_emails', 'sending_until');
    await queryRunner.dropColumn('account_emails', 'skipped_at');
    await queryRunner.dropTable('signup_requests');
    await queryRunner.dropTable('delivery_claims');
  }
}
