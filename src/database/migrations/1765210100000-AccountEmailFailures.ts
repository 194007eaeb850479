import { MigrationInterface, QueryRunner } from 'typeorm';

/** An account email the relay refused for good (a 5xx) is failed, with the reply, and never queued again. */
export class AccountEmailFailures1765210100000 implements MigrationInterface {
  name = 'AccountEmailFailures1765210100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE account_emails ADD COLUMN failed_at timestamptz, ADD COLUMN last_error text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE account_emails DROP COLUMN failed_at, DROP COLUMN last_error`);
  }
}
