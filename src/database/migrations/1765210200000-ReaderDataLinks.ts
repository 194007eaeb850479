import { MigrationInterface, QueryRunner } from 'typeorm';

/** "Download my data" and "Delete my data" are emailed links: two more kinds of account email. */
export class ReaderDataLinks1765210200000 implements MigrationInterface {
  name = 'ReaderDataLinks1765210200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE account_emails DROP CONSTRAINT chk_account_emails_kind`);
    await queryRunner.query(`ALTER TABLE account_emails ADD CONSTRAINT chk_account_emails_kind CHECK ("kind" IN ('confirmation', 'preferences', 'data-export', 'erasure'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM account_emails WHERE kind IN ('data-export', 'erasure')`);
    await queryRunner.query(`ALTER TABLE account_emails DROP CONSTRAINT chk_account_emails_kind`);
    await queryRunner.query(`ALTER TABLE account_emails ADD CONSTRAINT chk_account_emails_kind CHECK ("kind" IN ('confirmation', 'preferences'))`);
  }
}
