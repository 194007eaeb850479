import { migrationDatabase } from './support/migration-database';
import { ReadersData1764720300000 } from '../src/database/migrations/1764720300000-ReadersData';

const MINE = 1764720300000;

/** The ledger's personal data moves out of existing rows, and back again on the way down. */
describe('the readers-data migration', () => {
  const db = migrationDatabase(MINE);

  it('moves IP addresses, user agents and sectors of existing ledger rows to consent_evidence, keeping every row', async () => {
    const before = await db.before();
    await before.runMigrations();
    const [{ id }] = (await before.query(
      `INSERT INTO subscribers (email, created_at, updated_at) VALUES ('old.reader@example.com', now(), now()) RETURNING id`,
    )) as Array<{ id: number }>;
    await before.query(
      `INSERT INTO consent_events (subscriber_id, newsletter_id, event, notice_version, source, ip, user_agent, details, created_at) VALUES
       ($1, 1, 'subscribed', 1, 'https://example.com/', '192.0.2.5', 'OldBrowser/1.0', '{"jobSector":"marketing"}', now()),
       ($1, 1, 'preferences_changed', 1, 'https://example.com/preferences', '192.0.2.6', 'OldBrowser/1.0', '{"from":"active","to":"unsubscribed"}', now()),
       ($1, NULL, 'preferences_changed', 1, 'https://example.com/preferences', NULL, NULL, '{"jobSector":{"from":"marketing","to":null}}', now()),
       ($1, 1, 'unsubscribed', 1, 'one-click', NULL, NULL, NULL, now())`,
      [id],
    );
    const ledger = (await before.query(`SELECT id, event, source, created_at FROM consent_events ORDER BY id`)) as Array<{ id: number }>;
    await before.destroy();

    const after = await db.through();
    await after.runMigrations();
    expect(await after.query(`SELECT id, event, source, created_at FROM consent_events ORDER BY id`)).toEqual(ledger);
    expect(await after.query(`SELECT details FROM consent_events ORDER BY id`)).toEqual([
      { details: null },
      { details: '{"from":"active","to":"unsubscribed"}' },
      { details: null },
      { details: null },
    ]);
    expect(await after.query(`SELECT event_id, ip, user_agent, details FROM consent_evidence ORDER BY event_id`)).toEqual([
      { event_id: ledger[0].id, ip: '192.0.2.5', user_agent: 'OldBrowser/1.0', details: '{"jobSector":"marketing"}' },
      { event_id: ledger[1].id, ip: '192.0.2.6', user_agent: 'OldBrowser/1.0', details: null },
      { event_id: ledger[2].id, ip: null, user_agent: null, details: '{"jobSector":{"from":"marketing","to":null}}' },
    ]);
    const columns = (await after.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'consent_events'`)) as Array<{
      column_name: string;
    }>;
    expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['ip']));
    expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['user_agent']));
    // Still append-only.
    await expect(after.query(`UPDATE consent_events SET source = 'x' WHERE id = $1`, [ledger[0].id])).rejects.toThrow(/append-only/);
    await expect(after.query(`DELETE FROM consent_events WHERE id = $1`, [ledger[0].id])).rejects.toThrow(/append-only/);

    // And back down: the evidence returns to the ledger's rows.
    const last = (await after.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`)) as Array<{ name: string }>;
    expect(last[0].name).toBe(new ReadersData1764720300000().name);
    await after.undoLastMigration();
    expect(await after.query(`SELECT ip, user_agent, details FROM consent_events ORDER BY id`)).toEqual([
      { ip: '192.0.2.5', user_agent: 'OldBrowser/1.0', details: '{"jobSector":"marketing"}' },
      { ip: '192.0.2.6', user_agent: 'OldBrowser/1.0', details: '{"from":"active","to":"unsubscribed"}' },
      { ip: null, user_agent: null, details: '{"jobSector":{"from":"marketing","to":null}}' },
      { ip: null, user_agent: null, details: null },
    ]);
    await after.destroy();
  });

  it('leaves no drift between the entities and the migrated tables it touches', async () => {
    expect(await db.drift(/"(consent_events|consent_evidence|subscribers)"/)).toEqual([]);
  });
});
