import { MigrationInterface, QueryRunner, Table, TableCheck, TableColumn, TableForeignKey } from 'typeorm';
import { columnsFor } from '../migration-columns';

const EVENTS_BEFORE = `"event" IN ('subscribed', 'confirmed', 'preferences_changed', 'unsubscribed')`;
const EVENTS_AFTER = `"event" IN ('subscribed', 'confirmed', 'preferences_changed', 'unsubscribed', 'erased')`;
/** Details that name the reader's job sector: `{"jobSector": …}`, as ConsentService has always written them. */
const SECTOR_DETAILS = `details LIKE '{"jobSector":%'`;

/**
 * Readers' data: the personal parts of the consent ledger (IP address, user agent, job sector)
 * move to `consent_evidence`, which erasure deletes; the ledger rows stay, append-only, naming
 * the subscriber id only. Subscribers gain `erased_at`: an erased reader's row stays (the
 * ledger, deliveries and reader_actions point at it) with a placeholder for the address.
 */
export class ReadersData1764720300000 implements MigrationInterface {
  name = 'ReadersData1764720300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    await queryRunner.createTable(
      new Table({
        name: 'consent_evidence',
        columns: [
          c.integer('event_id', { primary: true }),
          c.varchar('ip', 64, { nullable: true }),
          c.varchar('user_agent', 512, { nullable: true }),
          c.text('details', { nullable: true }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['event_id'], referencedTableName: 'consent_events', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await queryRunner.query(
      `INSERT INTO consent_evidence (event_id, ip, user_agent, details)
       SELECT id, ip, user_agent, CASE WHEN ${SECTOR_DETAILS} THEN details END FROM consent_events
       WHERE ip IS NOT NULL OR user_agent IS NOT NULL OR ${SECTOR_DETAILS}`,
    );
    // The one time ledger rows change: the sector moves out of them, once, as the schema changes.
    await queryRunner.query(`ALTER TABLE consent_events DISABLE TRIGGER consent_events_append_only`);
    await queryRunner.query(`UPDATE consent_events SET details = NULL WHERE ${SECTOR_DETAILS}`);
    await queryRunner.query(`ALTER TABLE consent_events ENABLE TRIGGER consent_events_append_only`);
    await queryRunner.dropColumns('consent_events', ['ip', 'user_agent']);
    await queryRunner.dropCheckConstraint('consent_events', 'chk_consent_events_event');
    await queryRunner.createCheckConstraint('consent_events', new TableCheck({ name: 'chk_consent_events_event', expression: EVENTS_AFTER }));

    await queryRunner.addColumn('subscribers', new TableColumn(c.timestamp('erased_at', { nullable: true })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    await queryRunner.dropColumn('subscribers', 'erased_at');
    await queryRunner.addColumns('consent_events', [new TableColumn(c.varchar('ip', 64, { nullable: true })), new TableColumn(c.varchar('user_agent', 512, { nullable: true }))]);
    await queryRunner.query(`ALTER TABLE consent_events DISABLE TRIGGER consent_events_append_only`);
    await queryRunner.query(
      `UPDATE consent_events c SET ip = e.ip, user_agent = e.user_agent, details = coalesce(e.details, c.details)
       FROM consent_evidence e WHERE e.event_id = c.id`,
    );
    await queryRunner.query(`ALTER TABLE consent_events ENABLE TRIGGER consent_events_append_only`);
    await queryRunner.dropTable('consent_evidence');
    // Erasure rows cannot go back into the old constraint; they stay, and the check is left out
    // rather than lose them.
    await queryRunner.dropCheckConstraint('consent_events', 'chk_consent_events_event');
    const erased = (await queryRunner.query(`SELECT 1 FROM consent_events WHERE event = 'erased' LIMIT 1`)) as unknown[];
    if (erased.length === 0) await queryRunner.createCheckConstraint('consent_events', new TableCheck({ name: 'chk_consent_events_event', expression: EVENTS_BEFORE }));
  }
}
