import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edition's send figures move from `editions` (the editions module's) to `delivery_counts`
 * (delivery's), so each table has one writer: delivery moves its counters in the statements that
 * move its deliveries, and editions keeps drafts and their content. Old processes still running
 * during a deploy read columns that are gone: stop them before starting the new ones.
 */
export class DeliveryCounts1765100000000 implements MigrationInterface {
  name = 'DeliveryCounts1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE delivery_counts (
         edition_id integer NOT NULL,
         batch_size integer NOT NULL,
         total integer NOT NULL,
         sent integer NOT NULL DEFAULT 0,
         failed integer NOT NULL DEFAULT 0,
         skipped integer NOT NULL DEFAULT 0,
         ambiguous integer NOT NULL DEFAULT 0,
         CONSTRAINT "PK_delivery_counts" PRIMARY KEY (edition_id),
         CONSTRAINT "FK_delivery_counts_edition" FOREIGN KEY (edition_id) REFERENCES editions(id) ON DELETE CASCADE
       )`,
    );
    await queryRunner.query(
      `INSERT INTO delivery_counts (edition_id, batch_size, total, sent, failed, skipped, ambiguous)
       SELECT id, batch_size, total, sent_count, failed_count, skipped_count, ambiguous_count FROM editions WHERE started_at IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE editions DROP COLUMN batch_size, DROP COLUMN total, DROP COLUMN sent_count, DROP COLUMN failed_count,
         DROP COLUMN skipped_count, DROP COLUMN ambiguous_count`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE editions ADD COLUMN batch_size integer NOT NULL DEFAULT 500, ADD COLUMN total integer NOT NULL DEFAULT 0,
         ADD COLUMN sent_count integer NOT NULL DEFAULT 0, ADD COLUMN failed_count integer NOT NULL DEFAULT 0,
         ADD COLUMN skipped_count integer NOT NULL DEFAULT 0, ADD COLUMN ambiguous_count integer NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `UPDATE editions e SET batch_size = c.batch_size, total = c.total, sent_count = c.sent, failed_count = c.failed,
         skipped_count = c.skipped, ambiguous_count = c.ambiguous FROM delivery_counts c WHERE c.edition_id = e.id`,
    );
    await queryRunner.query(`DROP TABLE delivery_counts`);
  }
}
