import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = 'edition_id, subscriber_id, status, attempts, next_attempt_at, claim_token, message_id, smtp_code, last_error, ambiguous, sent_at, relay';
// The names TypeORM gave the unpartitioned table's keys, kept so the entity still matches.
const PK = 'PK_98a057ad251b509626251f5a198';
const FK_EDITION = 'FK_5aeffea86282b52c5d0badfc98d';
const FK_SUBSCRIBER = 'FK_0ca631bd6b1da59ec77b159101f';
/** Edition ids a month's block holds; delivery's upkeep passes the same (EDITION_IDS_PER_MONTH in delivery-partitions.ts). */
const EDITION_IDS_PER_MONTH = 100_000;

/**
 * `deliveries` becomes a table partitioned by ranges of edition ids, a block of ids per month,
 * so a month leaves by dropping its partition (no DELETE, no bloat, no vacuum over the rest).
 * Every statement names its edition, so each prunes to one partition and keeps its plan.
 *
 * Existing rows move in batches, one range of editions (the editions made in one month) per
 * statement, into partitions made for those months; then the old table goes. This runs inside
 * the migration's transaction, at start, before any worker takes a job: sends wait for it (47 s
 * for a million rows on the loaded benchmark machine, docs/BENCHMARKS.md); nothing can write
 * deliveries meanwhile, so no row is left behind.
 *
 * Two functions, used by the migration and then by delivery's maintenance (hourly and at start):
 * `delivery_partitions_ensure` makes sure this month and the next have a block (and moves the
 * editions' id sequence to this month's block at the month's turn, or adds a block when a month
 * nearly used its own and the next one's); `delivery_partition_drop` drops one block.
 * A default partition catches what fits no block (a draft made in a month already dropped, sent
 * later): such a send still works.
 */
export class PartitionedDeliveries1765300000000 implements MigrationInterface {
  name = 'PartitionedDeliveries1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliveries RENAME TO deliveries_unpartitioned`);
    await queryRunner.query(`ALTER TABLE deliveries_unpartitioned RENAME CONSTRAINT "${PK}" TO "PK_deliveries_unpartitioned"`);
    await queryRunner.query(`CREATE TABLE deliveries (LIKE deliveries_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (edition_id)`);
    await queryRunner.query(`ALTER TABLE deliveries ADD CONSTRAINT "${PK}" PRIMARY KEY (edition_id, subscriber_id)`);
    await queryRunner.query(`ALTER TABLE deliveries ADD CONSTRAINT "${FK_EDITION}" FOREIGN KEY (edition_id) REFERENCES editions(id) ON DELETE CASCADE`);
    await queryRunner.query(
      `ALTER TABLE deliveries ADD CONSTRAINT "${FK_SUBSCRIBER}" FOREIGN KEY (subscriber_id) REFERENCES subscribers(id) ON DELETE CASCADE`,
    );
    // Every delivery row is updated twice (claimed, then sent): free room on each page lets
    // PostgreSQL update in place (HOT). Set per partition: a partitioned table has no pages.
    await queryRunner.query(`CREATE TABLE deliveries_default PARTITION OF deliveries DEFAULT WITH (fillfactor = 50)`);
    await queryRunner.query(
      `CREATE TABLE delivery_partitions (
         name varchar(63) NOT NULL,
         month date NOT NULL,
         first_edition_id integer NOT NULL,
         end_edition_id integer NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "PK_delivery_partitions" PRIMARY KEY (name)
       )`,
    );
    await queryRunner.query(
      `CREATE FUNCTION delivery_partition_add(block_month date, first_id integer, end_id integer) RETURNS void LANGUAGE plpgsql AS $fn$
       DECLARE
         partition_name text := format('deliveries_%s_%s', to_char(block_month, 'YYYY_MM'), first_id);
       BEGIN
         EXECUTE format('CREATE TABLE %I PARTITION OF deliveries FOR VALUES FROM (%s) TO (%s) WITH (fillfactor = 50)', partition_name, first_id, end_id);
         INSERT INTO delivery_partitions (name, month, first_edition_id, end_edition_id) VALUES (partition_name, block_month, first_id, end_id);
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION delivery_partitions_ensure(now_at timestamptz, ids_per_block integer) RETURNS integer LANGUAGE plpgsql AS $fn$
       DECLARE
         this_month date := date_trunc('month', now_at AT TIME ZONE 'UTC')::date;
         m date;
         last_id bigint;
         top bigint;
         this_first integer;
         made integer := 0;
       BEGIN
         -- Two processes maintaining at once take turns.
         PERFORM pg_advisory_xact_lock(7461020);
         SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END INTO last_id FROM editions_id_seq;
         FOREACH m IN ARRAY ARRAY[this_month, (this_month + interval '1 month')::date] LOOP
           IF NOT EXISTS (SELECT 1 FROM delivery_partitions p WHERE p.month = m) THEN
             SELECT greatest(coalesce(max(end_edition_id), 1), last_id + 1) INTO top FROM delivery_partitions;
             PERFORM delivery_partition_add(m, top::integer, (top + ids_per_block)::integer);
             made := made + 1;
           END IF;
         END LOOP;
         -- The month has turned: its editions take ids from its block.
         SELECT min(first_edition_id) INTO this_first FROM delivery_partitions p WHERE p.month = this_month;
         IF last_id + 1 < this_first THEN
           PERFORM setval('editions_id_seq', this_first, false);
           last_id := this_first - 1;
         END IF;
         -- A month that nearly used up every block above it: one more, so a block is always ahead.
         SELECT max(end_edition_id) INTO top FROM delivery_partitions;
         IF last_id + ids_per_block / 10 >= top THEN
           PERFORM delivery_partition_add(this_month, top::integer, (top + ids_per_block)::integer);
           made := made + 1;
         END IF;
         RETURN made;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION delivery_partition_drop(partition_name text) RETURNS boolean LANGUAGE plpgsql AS $fn$
       BEGIN
         -- Dropping a partition locks the whole table for an instant: wait for the sends'
         -- short transactions, but never queue every send behind a long one.
         PERFORM set_config('lock_timeout', '5s', true);
         DELETE FROM delivery_partitions WHERE name = partition_name;
         IF NOT FOUND THEN RETURN false; END IF;
         EXECUTE format('DROP TABLE %I', partition_name);
         RETURN true;
       END $fn$`,
    );

    // History: a block per month in which editions were made, over contiguous id ranges from 1
    // to the last id used; then this month's and the next month's blocks above it.
    const months = (await queryRunner.query(
      `SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month, min(id)::int AS first FROM editions GROUP BY 1 ORDER BY 1`,
    )) as Array<{ month: string; first: number }>;
    const [{ last }] = (await queryRunner.query(
      `SELECT (CASE WHEN is_called THEN last_value ELSE last_value - 1 END)::int AS last FROM editions_id_seq`,
    )) as Array<{
      last: number;
    }>;
    let first = 1;
    for (const [index, { month }] of months.entries()) {
      const next = months[index + 1];
      const end = Math.max(first + 1, next ? next.first : last + 1);
      await queryRunner.query(`SELECT delivery_partition_add($1::date, $2, $3)`, [month, first, end]);
      // The batch: one month's editions, one statement.
      await queryRunner.query(
        `INSERT INTO deliveries (${COLUMNS}) SELECT ${COLUMNS} FROM deliveries_unpartitioned WHERE edition_id >= $1 AND edition_id < $2`,
        [first, end],
      );
      first = end;
    }
    await queryRunner.query(`SELECT delivery_partitions_ensure(now(), $1)`, [EDITION_IDS_PER_MONTH]);
    // Rows of editions above the last id used cannot exist (ids come from the sequence); if any
    // did, they would land in the new blocks rather than be lost.
    await queryRunner.query(`INSERT INTO deliveries (${COLUMNS}) SELECT ${COLUMNS} FROM deliveries_unpartitioned WHERE edition_id >= $1`, [first]);
    const [counts] = (await queryRunner.query(
      `SELECT (SELECT count(*) FROM deliveries_unpartitioned)::bigint AS before, (SELECT count(*) FROM deliveries)::bigint AS after`,
    )) as Array<{ before: string; after: string }>;
    if (counts.before !== counts.after) throw new Error(`deliveries: ${counts.before} rows before partitioning, ${counts.after} after`);
    await queryRunner.query(`DROP TABLE deliveries_unpartitioned`);
    await queryRunner.query(`ANALYZE deliveries`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliveries RENAME TO deliveries_partitioned`);
    await queryRunner.query(`ALTER TABLE deliveries_partitioned RENAME CONSTRAINT "${PK}" TO "PK_deliveries_partitioned"`);
    await queryRunner.query(`CREATE TABLE deliveries (LIKE deliveries_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) WITH (fillfactor = 50)`);
    await queryRunner.query(`ALTER TABLE deliveries ADD CONSTRAINT "${PK}" PRIMARY KEY (edition_id, subscriber_id)`);
    await queryRunner.query(`ALTER TABLE deliveries ADD CONSTRAINT "${FK_EDITION}" FOREIGN KEY (edition_id) REFERENCES editions(id) ON DELETE CASCADE`);
    await queryRunner.query(
      `ALTER TABLE deliveries ADD CONSTRAINT "${FK_SUBSCRIBER}" FOREIGN KEY (subscriber_id) REFERENCES subscribers(id) ON DELETE CASCADE`,
    );
    await queryRunner.query(`INSERT INTO deliveries (${COLUMNS}) SELECT ${COLUMNS} FROM deliveries_partitioned`);
    await queryRunner.query(`DROP TABLE deliveries_partitioned`);
    await queryRunner.query(`DROP FUNCTION delivery_partition_drop(text)`);
    await queryRunner.query(`DROP FUNCTION delivery_partitions_ensure(timestamptz, integer)`);
    await queryRunner.query(`DROP FUNCTION delivery_partition_add(date, integer, integer)`);
    await queryRunner.query(`DROP TABLE delivery_partitions`);
  }
}
