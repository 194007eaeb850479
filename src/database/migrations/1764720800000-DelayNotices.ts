import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delay notices (a DSN's `Action: delayed`: an MTA still retrying) become events of their own,
 * `delayed`, instead of soft bounces. Those already kept as soft bounces from the inbound listener
 * are moved over, so they stop counting towards SOFT_BOUNCE_LIMIT and the bounce rate.
 * Suppressions they caused are left as they are: see the README, "Deliverability".
 */
export class DelayNotices1764720800000 implements MigrationInterface {
  name = 'DelayNotices1764720800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliverability_events DROP CONSTRAINT "chk_deliverability_events_type"`);
    await queryRunner.query(
      `ALTER TABLE deliverability_events ADD CONSTRAINT "chk_deliverability_events_type" CHECK ("type" IN ('hard-bounce', 'soft-bounce', 'complaint', 'delayed'))`,
    );
    await queryRunner.query(`UPDATE deliverability_events SET type = 'delayed' WHERE provider = 'dsn' AND type = 'soft-bounce' AND detail ->> 'action' = 'delayed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE deliverability_events SET type = 'soft-bounce' WHERE type = 'delayed'`);
    await queryRunner.query(`ALTER TABLE deliverability_events DROP CONSTRAINT "chk_deliverability_events_type"`);
    await queryRunner.query(`ALTER TABLE deliverability_events ADD CONSTRAINT "chk_deliverability_events_type" CHECK ("type" IN ('hard-bounce', 'soft-bounce', 'complaint'))`);
  }
}
