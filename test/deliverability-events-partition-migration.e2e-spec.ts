import { DataSource } from 'typeorm';
import { migrationDatabase } from './support/migration-database';

const MINE = 1765330000000;
const EVENTS = Number(process.env.MIGRATION_ROWS ?? 3000);

/**
 * Existing bounce and complaint events move into a partition per month they occurred in, every
 * row of them; each edition's figures, as the report counted them from the events, land in
 * deliverability_counts; a replay is still recorded once.
 */
describe('the partitioned-deliverability-events migration', () => {
  const db = migrationDatabase(MINE);
  /** Every row's every column, folded: equal before and after only if every row arrived unchanged. */
  const fingerprint = async (ds: DataSource) =>
    (
      (await ds.query(`SELECT count(*)::bigint AS rows, sum(hashtext(v::text)::bigint)::bigint AS hash FROM deliverability_events v`)) as Array<{
        rows: string;
        hash: string;
      }>
    )[0];
  const DISTINCT_READER = `count(DISTINCT coalesce(subscriber_id::text, 'event ' || id))`;
  /** The report's figures as it read them from the events before the migration. */
  const figuresFromEvents = (ds: DataSource) =>
    ds.query(
      `SELECT edition_id, ${DISTINCT_READER} FILTER (WHERE type IN ('hard-bounce', 'soft-bounce'))::int AS bounced,
              ${DISTINCT_READER} FILTER (WHERE type = 'hard-bounce')::int AS hard_bounced, ${DISTINCT_READER} FILTER (WHERE type = 'soft-bounce')::int AS soft_bounced,
              ${DISTINCT_READER} FILTER (WHERE type = 'delayed')::int AS delayed, ${DISTINCT_READER} FILTER (WHERE type = 'complaint')::int AS complained
       FROM deliverability_events WHERE edition_id IS NOT NULL GROUP BY edition_id ORDER BY edition_id`,
    );

  it(`moves ${EVENTS} events over 14 months into monthly partitions, every row arriving, and keeps each edition's figures`, async () => {
    const before = await db.before();
    await before.runMigrations();
    // Set-up data: 14 editions a month apart, readers, and their events (some naming no reader or edition).
    await before.query(
      `INSERT INTO editions (newsletter_id, subject, status, origin, created_at, updated_at, started_at, finished_at)
       SELECT (SELECT min(id) FROM newsletters), 'Edition ' || g, 'sent', 'manual', t, t, t, t + interval '1 hour'
       FROM generate_series(1, 14) g, LATERAL (SELECT now() - (14 - g) * interval '30 days' AS t) made`,
    );
    await before.query(
      `INSERT INTO subscribers (email, created_at, updated_at) SELECT 'reader-' || g || '@example.com', now(), now() FROM generate_series(1, 200) g`,
    );
    await before.query(
      `INSERT INTO deliverability_events (provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at)
       SELECT (ARRAY['ses', 'postmark', 'mailgun', 'dsn'])[1 + g % 4], 'event-' || g, (ARRAY['hard-bounce', 'soft-bounce', 'complaint', 'delayed'])[1 + g % 4],
              CASE WHEN g % 17 = 0 THEN NULL ELSE (SELECT min(id) FROM subscribers) + g % 200 END,
              CASE WHEN g % 23 = 0 THEN NULL ELSE e.id END, 'm' || g || '@newstatesman.test', jsonb_build_object('status', '5.1.1'), e.started_at + (g % 5) * interval '1 day'
       FROM generate_series(1, $1::int) g JOIN editions e ON e.subject = 'Edition ' || (1 + g % 14)`,
      [EVENTS],
    );
    const old = await fingerprint(before);
    expect(Number(old.rows)).toBe(EVENTS);
    const figures = (await figuresFromEvents(before)) as unknown[];
    await before.destroy();

    const after = await db.through();
    await after.runMigrations();
    expect(await fingerprint(after)).toEqual(old);
    const months = (await after.query(
      `SELECT count(*)::int AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'deliverability_events'::regclass AND c.relname ~ '_[0-9]{4}_[0-9]{2}$'`,
    )) as Array<{ n: number }>;
    expect(months[0].n).toBeGreaterThanOrEqual(14);
    expect(await after.query(`SELECT count(*)::int AS n FROM deliverability_events_default`)).toEqual([{ n: 0 }]);
    expect(
      await after.query(`SELECT edition_id, bounced, hard_bounced, soft_bounced, delayed, complained FROM deliverability_counts ORDER BY edition_id`),
    ).toEqual(figures);

    // New events take the next ids, from the sequence the old table had.
    await after.query(`INSERT INTO deliverability_events (provider, event_id, type, detail, occurred_at) VALUES ('ses', 'new', 'complaint', '{}', now())`);
    const [{ id }] = (await after.query(`SELECT id FROM deliverability_events WHERE event_id = 'new'`)) as Array<{ id: number }>;
    expect(id).toBe(EVENTS + 1);

    // An event dated beyond the months made ahead waits in the default partition, and moves into its month's partition once the upkeep makes it.
    await after.query(
      `INSERT INTO deliverability_events (provider, event_id, type, detail, occurred_at) VALUES ('ses', 'ahead', 'delayed', '{}', now() + interval '75 days')`,
    );
    expect(await after.query(`SELECT event_id FROM deliverability_events_default`)).toEqual([{ event_id: 'ahead' }]);
    expect(await after.query(`SELECT deliverability_event_partitions_ensure(now() + interval '75 days') AS made`)).toEqual([{ made: expect.any(Number) }]);
    expect(await after.query(`SELECT count(*)::int AS n FROM deliverability_events_default`)).toEqual([{ n: 0 }]);
    const [{ partition }] = (await after.query(`SELECT tableoid::regclass::text AS partition FROM deliverability_events WHERE event_id = 'ahead'`)) as Array<{
      partition: string;
    }>;
    expect(partition).toMatch(/^deliverability_events_\d{4}_\d{2}$/);

    await after.undoLastMigration();
    expect(await fingerprint(after)).toMatchObject({ rows: String(EVENTS + 2) });
    expect(await after.query(`SELECT to_regclass('deliverability_counts') AS t`)).toEqual([{ t: null }]);
    await after.destroy();
  });
});
