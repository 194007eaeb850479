import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = 'id, provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at, created_at';
// The names TypeORM gave the unpartitioned table's keys and indexes.
const INDEXES = ['uq_deliverability_events_event', 'idx_deliverability_events_subscriber', 'idx_deliverability_events_edition'];
const DISTINCT_READER = `count(DISTINCT coalesce(subscriber_id::text, 'event ' || id))`;

/**
 * `deliverability_events` becomes a table partitioned by month of `occurred_at` (the time the
 * provider, DSN or ARF report gives), so events leave a month at a time, by dropping its
 * partition, as deliveries do. Its unique key becomes (provider, event_id, occurred_at): a
 * partitioned table's unique index must hold the partition key. A replay is still recorded
 * once: the insert also looks for (provider, event_id) in every partition, under a lock on that
 * pair (deliverability.sql, `insert`).
 *
 * The edition report's bounce and complaint figures move to `deliverability_counts` (one row per
 * edition, readers counted once per edition and kind, as the report counted them), so an old
 * edition keeps them after its events are dropped. They are filled here from the events.
 *
 * Existing rows move one month per statement, inside the migration's transaction, at start,
 * before the service takes webhooks (the same stance as PartitionedDeliveries): nothing writes
 * events meanwhile, so none is left behind.
 *
 * Two functions for deliverability's upkeep (hourly with deliveries', and at start):
 * `deliverability_event_partitions_ensure` makes this month's and the next month's partitions;
 * `deliverability_event_partition_drop` drops one. A default partition holds what fits no month
 * (an event dated before every partition, or beyond the next month).
 */
export class PartitionedDeliverabilityEvents1765330000000 implements MigrationInterface {
  name = 'PartitionedDeliverabilityEvents1765330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE deliverability_counts (
         edition_id integer NOT NULL,
         bounced integer NOT NULL DEFAULT 0,
         hard_bounced integer NOT NULL DEFAULT 0,
         soft_bounced integer NOT NULL DEFAULT 0,
         delayed integer NOT NULL DEFAULT 0,
         complained integer NOT NULL DEFAULT 0,
         CONSTRAINT "PK_deliverability_counts" PRIMARY KEY (edition_id),
         CONSTRAINT "FK_deliverability_counts_edition" FOREIGN KEY (edition_id) REFERENCES editions(id) ON DELETE CASCADE
       )`,
    );
    await queryRunner.query(
      `INSERT INTO deliverability_counts (edition_id, bounced, hard_bounced, soft_bounced, delayed, complained)
       SELECT edition_id,
              ${DISTINCT_READER} FILTER (WHERE type IN ('hard-bounce', 'soft-bounce')),
              ${DISTINCT_READER} FILTER (WHERE type = 'hard-bounce'),
              ${DISTINCT_READER} FILTER (WHERE type = 'soft-bounce'),
              ${DISTINCT_READER} FILTER (WHERE type = 'delayed'),
              ${DISTINCT_READER} FILTER (WHERE type = 'complaint')
       FROM deliverability_events WHERE edition_id IS NOT NULL GROUP BY edition_id`,
    );

    await queryRunner.query(`ALTER TABLE deliverability_events RENAME TO deliverability_events_unpartitioned`);
    for (const index of INDEXES) await queryRunner.query(`DROP INDEX "${index}"`);
    // The id sequence stays: the new table takes its ids from it.
    await queryRunner.query(`ALTER SEQUENCE deliverability_events_id_seq OWNED BY NONE`);
    await queryRunner.query(
      `CREATE TABLE deliverability_events (LIKE deliverability_events_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (occurred_at)`,
    );
    await queryRunner.query(`ALTER TABLE deliverability_events ADD CONSTRAINT "PK_deliverability_events" PRIMARY KEY (id, occurred_at)`);
    await queryRunner.query(
      `ALTER TABLE deliverability_events ADD CONSTRAINT "FK_28e8455af550600e1de0bb278c7" FOREIGN KEY (subscriber_id) REFERENCES subscribers(id) ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE deliverability_events ADD CONSTRAINT "FK_c75359a51a5a3f19e82c41ff4d7" FOREIGN KEY (edition_id) REFERENCES editions(id) ON DELETE SET NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deliverability_events_event" ON deliverability_events (provider, event_id, occurred_at)`);
    await queryRunner.query(`CREATE INDEX "idx_deliverability_events_subscriber" ON deliverability_events (subscriber_id, type, occurred_at)`);
    await queryRunner.query(`CREATE INDEX "idx_deliverability_events_edition" ON deliverability_events (edition_id, type)`);
    await queryRunner.query(`CREATE TABLE deliverability_events_default PARTITION OF deliverability_events DEFAULT`);
    await queryRunner.query(
      `CREATE FUNCTION deliverability_event_partition_add(month date) RETURNS boolean LANGUAGE plpgsql AS $fn$
       DECLARE
         partition_name text := format('deliverability_events_%s', to_char(month, 'YYYY_MM'));
         month_start timestamptz := month::timestamp AT TIME ZONE 'UTC';
         month_end timestamptz := (month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
       BEGIN
         IF to_regclass(partition_name) IS NOT NULL THEN RETURN false; END IF;
         -- Events of that month already in the default partition (dated ahead) move into it.
         IF to_regclass('pg_temp.deliverability_events_moving') IS NULL THEN
           CREATE TEMP TABLE deliverability_events_moving (LIKE deliverability_events) ON COMMIT DROP;
         END IF;
         WITH moved AS (DELETE FROM deliverability_events_default WHERE occurred_at >= month_start AND occurred_at < month_end RETURNING *)
         INSERT INTO deliverability_events_moving SELECT * FROM moved;
         EXECUTE format('CREATE TABLE %I PARTITION OF deliverability_events FOR VALUES FROM (%L) TO (%L)', partition_name, month_start, month_end);
         INSERT INTO deliverability_events SELECT * FROM deliverability_events_moving;
         DELETE FROM deliverability_events_moving;
         RETURN true;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION deliverability_event_partitions_ensure(now_at timestamptz) RETURNS integer LANGUAGE plpgsql AS $fn$
       DECLARE
         this_month date := date_trunc('month', now_at AT TIME ZONE 'UTC')::date;
         made integer := 0;
       BEGIN
         -- Two processes maintaining at once take turns.
         PERFORM pg_advisory_xact_lock(7461021);
         IF deliverability_event_partition_add(this_month) THEN made := made + 1; END IF;
         IF deliverability_event_partition_add((this_month + interval '1 month')::date) THEN made := made + 1; END IF;
         RETURN made;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION deliverability_event_partition_drop(partition_name text) RETURNS boolean LANGUAGE plpgsql AS $fn$
       BEGIN
         -- Dropping a partition locks the whole table for an instant: wait for short
         -- transactions, never queue every webhook behind a long one.
         PERFORM set_config('lock_timeout', '5s', true);
         IF to_regclass(partition_name) IS NULL THEN RETURN false; END IF;
         EXECUTE format('DROP TABLE %I', partition_name);
         RETURN true;
       END $fn$`,
    );

    const months = (await queryRunner.query(
      `SELECT DISTINCT to_char(date_trunc('month', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month FROM deliverability_events_unpartitioned ORDER BY 1`,
    )) as Array<{ month: string }>;
    for (const { month } of months) {
      await queryRunner.query(`SELECT deliverability_event_partition_add($1::date)`, [month]);
      // The batch: one month's events, one statement.
      await queryRunner.query(
        `INSERT INTO deliverability_events (${COLUMNS}) SELECT ${COLUMNS} FROM deliverability_events_unpartitioned
         WHERE occurred_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND occurred_at < ($1::date + interval '1 month')::timestamp AT TIME ZONE 'UTC'`,
        [month],
      );
    }
    await queryRunner.query(`SELECT deliverability_event_partitions_ensure(now())`);
    const [counts] = (await queryRunner.query(
      `SELECT (SELECT count(*) FROM deliverability_events_unpartitioned)::bigint AS before, (SELECT count(*) FROM deliverability_events)::bigint AS after`,
    )) as Array<{ before: string; after: string }>;
    if (counts.before !== counts.after) throw new Error(`deliverability_events: ${counts.before} rows before partitioning, ${counts.after} after`);
    await queryRunner.query(`DROP TABLE deliverability_events_unpartitioned`);
    await queryRunner.query(`ALTER SEQUENCE deliverability_events_id_seq OWNED BY deliverability_events.id`);
    await queryRunner.query(`ANALYZE deliverability_events`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliverability_events RENAME TO deliverability_events_partitioned`);
    for (const index of INDEXES) await queryRunner.query(`DROP INDEX "${index}"`);
    await queryRunner.query(`ALTER SEQUENCE deliverability_events_id_seq OWNED BY NONE`);
    await queryRunner.query(`CREATE TABLE deliverability_events (LIKE deliverability_events_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await queryRunner.query(`ALTER TABLE deliverability_events ADD CONSTRAINT "PK_f2cad2e0fe628cb26ecf4194b60" PRIMARY KEY (id)`);
    await queryRunner.query(`INSERT INTO deliverability_events (${COLUMNS}) SELECT ${COLUMNS} FROM deliverability_events_partitioned`);
    await queryRunner.query(`DROP TABLE deliverability_events_partitioned`);
    await queryRunner.query(`ALTER SEQUENCE deliverability_events_id_seq OWNED BY deliverability_events.id`);
    await queryRunner.query(
      `ALTER TABLE deliverability_events ADD CONSTRAINT "FK_28e8455af550600e1de0bb278c7" FOREIGN KEY (subscriber_id) REFERENCES subscribers(id) ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE deliverability_events ADD CONSTRAINT "FK_c75359a51a5a3f19e82c41ff4d7" FOREIGN KEY (edition_id) REFERENCES editions(id) ON DELETE SET NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deliverability_events_event" ON deliverability_events (provider, event_id)`);
    await queryRunner.query(`CREATE INDEX "idx_deliverability_events_subscriber" ON deliverability_events (subscriber_id, type, occurred_at)`);
    await queryRunner.query(`CREATE INDEX "idx_deliverability_events_edition" ON deliverability_events (edition_id, type)`);
    await queryRunner.query(`DROP FUNCTION deliverability_event_partition_drop(text)`);
    await queryRunner.query(`DROP FUNCTION deliverability_event_partitions_ensure(timestamptz)`);
    await queryRunner.query(`DROP FUNCTION deliverability_event_partition_add(date)`);
    await queryRunner.query(`DROP TABLE deliverability_counts`);
  }
}
