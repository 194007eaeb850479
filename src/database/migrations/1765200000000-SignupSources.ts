import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each sign-up keeps the page it came from (signup_requests.page, JSON, until the job carries it
 * into the reader's consent evidence), and the newsroom's "which articles recruit readers" reads
 * counts per day, newsletter, page and way in (script, iframe, form, page): no reader is named.
 */
export class SignupSources1765200000000 implements MigrationInterface {
  name = 'SignupSources1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE signup_requests ADD COLUMN page text`);
    await queryRunner.query(
      `CREATE TABLE signup_sources (
         day date NOT NULL,
         newsletter_id integer NOT NULL,
         page varchar(2048) NOT NULL,
         via varchar(16) NOT NULL,
         article_id integer,
         signups integer NOT NULL DEFAULT 0,
         confirmations integer NOT NULL DEFAULT 0,
         CONSTRAINT "PK_signup_sources" PRIMARY KEY (day, newsletter_id, page, via),
         CONSTRAINT "FK_signup_sources_newsletter" FOREIGN KEY (newsletter_id) REFERENCES newsletters(id) ON DELETE CASCADE,
         CONSTRAINT "FK_signup_sources_article" FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE SET NULL,
         CONSTRAINT "chk_signup_sources_via" CHECK (via IN ('script', 'iframe', 'form', 'page'))
       )`,
    );
    await queryRunner.query(`CREATE INDEX idx_signup_sources_article ON signup_sources (article_id, day)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE signup_sources`);
    await queryRunner.query(`ALTER TABLE signup_requests DROP COLUMN page`);
  }
}
