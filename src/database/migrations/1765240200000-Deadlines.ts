import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A schedule's "delivered by" and "not before" (wall-clock times in its time zone), and each
 * send's deadline, fixed when it starts.
 */
export class Deadlines1765240200000 implements MigrationInterface {
  name = 'Deadlines1765240200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE newsletters ADD COLUMN deliver_by varchar(5), ADD COLUMN not_before varchar(5)`);
    await queryRunner.query(`ALTER TABLE delivery_counts ADD COLUMN deliver_by TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery_counts DROP COLUMN deliver_by`);
    await queryRunner.query(`ALTER TABLE newsletters DROP COLUMN deliver_by, DROP COLUMN not_before`);
  }
}
