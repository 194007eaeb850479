import { MigrationInterface, QueryRunner } from 'typeorm';

/** A quiet claim is suspected before its rows are released, so a live worker back from an outage keeps them. */
export class ClaimSuspicion1765160000000 implements MigrationInterface {
  name = 'ClaimSuspicion1765160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery_claims ADD COLUMN suspected_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery_claims DROP COLUMN suspected_at`);
  }
}
