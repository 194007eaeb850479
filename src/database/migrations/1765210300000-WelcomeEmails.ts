import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A welcome email per newsletter a reader confirms: the newsroom's paragraph for it (Markdown),
 * and the account email that carries it, naming its newsletter.
 */
export class WelcomeEmails1765210300000 implements MigrationInterface {
  name = 'WelcomeEmails1765210300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE newsletters ADD COLUMN welcome_text text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE account_emails ADD COLUMN newsletter_id integer`);
    await queryRunner.query(`ALTER TABLE account_emails DROP CONSTRAINT chk_account_emails_kind`);
    await queryRunner.query(`ALTER TABLE account_emails ADD CONSTRAINT chk_account_emails_kind CHECK ("kind" IN ('confirmation', 'preferences', 'data-export', 'erasure', 'welcome'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM account_emails WHERE kind = 'welcome'`);
    await queryRunner.query(`ALTER TABLE account_emails DROP CONSTRAINT chk_account_emails_kind`);
    await queryRunner.query(`ALTER TABLE account_emails ADD CONSTRAINT chk_account_emails_kind CHECK ("kind" IN ('confirmation', 'preferences', 'data-export', 'erasure'))`);
    await queryRunner.query(`ALTER TABLE account_emails DROP COLUMN newsletter_id`);
    await queryRunner.query(`ALTER TABLE newsletters DROP COLUMN welcome_text`);
  }
}
