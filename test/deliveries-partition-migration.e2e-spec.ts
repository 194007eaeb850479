import { DataSource } from 'typeorm';
import { migrationDatabase } from './support/migration-database';

const MINE = 1765300000000;
/** MIGRATION_ROWS=1000000 for the figure in docs/BENCHMARKS.md; CI moves a few thousand. */
const ROWS = Number(process.env.MIGRATION_ROWS ?? 5000);
const EDITIONS = 10;
const READERS = Math.ceil(ROWS / EDITIONS);

/** Existing deliveries move into a partition per month their editions were made in, every row of them. */
describe('the partitioned-deliveries migration', () => {
  const db = migrationDatabase(MINE);
  /** Every row's every column, folded: equal before and after only if every row arrived unchanged. */
  const fingerprint = async (ds: DataSource) =>
    (
      (await ds.query(`SELECT count(*)::bigint AS rows, sum(hashtext(d::text)::bigint)::bigint AS hash FROM deliveries d`)) as Array<{
        rows: string;
        hash: string;
      }>
    )[0];

  it(
    `moves ${ROWS} deliveries of ${EDITIONS} editions made over ${EDITIONS * 20} days into monthly partitions, every row arriving`,
    async () => {
      const before = await db.before();
      await before.runMigrations();
      // Set-up data: editions 20 days apart, each sent to every reader, with every column used.
      await before.query(
        `INSERT INTO editions (newsletter_id, subject, status, origin, created_at, updated_at, started_at, finished_at)
       SELECT (SELECT min(id) FROM newsletters), 'Edition ' || g, 'sent', 'manual', t, t, t, t + interval '1 hour'
       FROM generate_series(1, $1::int) g, LATERAL (SELECT now() - ($1::int - g) * interval '20 days' AS t) made`,
        [EDITIONS],
      );
      await before.query(
        `INSERT INTO subscribers (email, created_at, updated_at) SELECT 'reader-' || g || '@example.com', now(), now() FROM generate_series(1, $1::int) g`,
        [READERS],
      );
      await before.query(
        `INSERT INTO deliveries (edition_id, subscriber_id, status, attempts, message_id, smtp_code, last_error, sent_at, relay, ambiguous)
       SELECT e.id, r.id, CASE WHEN r.id % 50 = 0 THEN 'failed' ELSE 'sent' END, 1 + r.id % 3, md5(e.id || ':' || r.id) || '@newstatesman.test',
              CASE WHEN r.id % 50 = 0 THEN 550 ELSE 250 END, CASE WHEN r.id % 50 = 0 THEN '550 no such user' END, e.started_at, 'relay-a:25', r.id % 97 = 0
       FROM editions e, (SELECT id FROM subscribers ORDER BY id LIMIT $1) r`,
        [READERS],
      );
      const old = await fingerprint(before);
      expect(Number(old.rows)).toBe(EDITIONS * READERS);
      const months = (await before.query(`SELECT count(DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC'))::int AS n FROM editions`)) as Array<{
        n: number;
      }>;
      await before.destroy();

      const after = await db.through();
      const started = Date.now();
      await after.runMigrations();
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `partitioned-deliveries migration: ${EDITIONS * READERS} rows in ${seconds.toFixed(1)} s (${Math.round((EDITIONS * READERS) / seconds)} rows/s)`,
      );

      expect(await fingerprint(after)).toEqual(old);
      const [{ kind }] = (await after.query(`SELECT relkind AS kind FROM pg_class WHERE relname = 'deliveries'`)) as Array<{ kind: string }>;
      expect(kind).toBe('p');
      // Each month's editions in its own partition, whole; nothing in the default one.
      const placed = (await after.query(
        `SELECT d.tableoid::regclass::text AS partition, count(DISTINCT d.edition_id)::int AS editions, count(DISTINCT date_trunc('month', e.created_at AT TIME ZONE 'UTC'))::int AS months
       FROM deliveries d JOIN editions e ON e.id = d.edition_id GROUP BY 1`,
      )) as Array<{ partition: string; editions: number; months: number }>;
      expect(placed).toHaveLength(months[0].n);
      expect(placed.every((p) => p.months === 1 && p.partition !== 'deliveries_default')).toBe(true);
      expect(placed.reduce((sum, p) => sum + p.editions, 0)).toBe(EDITIONS);
      // One edition's rows are read from its partition alone.
      const plan = ((await after.query(`EXPLAIN SELECT count(*) FROM deliveries WHERE edition_id = 3`)) as Array<{ 'QUERY PLAN': string }>)
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan.match(/deliveries_\d{4}_\d{2}_\d+/g)?.length ?? 0).toBe(1);
      // And the next edition gets a block of this month's (or the next's), above every old one.
      const [{ id }] = (await after.query(
        `INSERT INTO editions (newsletter_id, subject, status, origin, created_at, updated_at) VALUES ((SELECT min(id) FROM newsletters), 'New', 'draft', 'manual', now(), now()) RETURNING id`,
      )) as Array<{ id: number }>;
      const [block] = (await after.query(`SELECT month FROM delivery_partitions WHERE first_edition_id <= $1 AND end_edition_id > $1`, [id])) as Array<{
        month: Date;
      }>;
      expect(block).toBeDefined();
      await after.destroy();
    },
    Math.max(120_000, ROWS / 5),
  );

  it('leaves no drift between the entities and the migrated tables it touches', async () => {
    expect(await db.drift(/"(deliveries|delivery_partitions)"/)).toEqual([]);
  });
});
