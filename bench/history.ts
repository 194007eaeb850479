/**
 * bench:history — does a year of deliveries slow the next send? A fresh database is given N
 * months of history (editions sent to every reader, a partition per month, as the service keeps
 * them), then an edition goes to --recipients readers on top of it and on an empty table alike
 * (bench:send, pipeline and ceiling), and the statements a send runs are timed on both: the
 * audience snapshot, the claim and the record of a chunk of 100, the report. While the send
 * over the history runs, the oldest month's partition is dropped, and timed.
 *
 *   npm run bench:history                      # 12 months × 25 editions × 200,000 readers (60M rows), a send to 100,000
 *   npm run bench:history -- --months 12 --readers 20000 --recipients 100000   # a smaller history (6M rows)
 *   npm run bench:history -- --months 2 --readers 1000 --editions-per-month 2 --recipients 2000 --skip-ceiling   # CI size
 *
 * Timings are reported, never asserted. The exit code is its correctness checks: both sends
 * reached every reader exactly once (bench:send's own checks), the dropped month's deliveries are
 * gone and every other month's are whole, and every history edition's figures are kept.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PreparedQuery } from '@pgtyped/runtime';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PROJECT_ROOT } from '../src/config/paths';
import { migrations } from '../src/database/migrations';
import * as deliveries from '../src/delivery/deliveries.queries';
import { EDITION_IDS_PER_MONTH } from '../src/delivery/delivery-partitions';
import { options } from './support/args';
import { Check, noteLoad, percentiles, report } from './support/results';
import { BenchDatabase, freshDatabase } from './support/services';
import { format, table } from './support/table';

const opts = options('npm run bench:history -- [options]', {
  months: { default: 12, help: 'months of history, each a partition' },
  readers: { default: 200_000, help: 'readers every history edition went to' },
  'editions-per-month': { default: 25, help: 'editions a month (a weekday daily and a weekly: about 25)' },
  recipients: { default: 100_000, help: 'readers of the edition sent on top (bench:send --recipients)' },
  chunks: { default: 200, help: 'claims and records of 100 recipients timed on each table' },
  'skip-ceiling': { default: false, help: "bench:send's --skip-ceiling: the pipeline only" },
});

const DIST = join(PROJECT_ROOT, 'dist');
const HISTORY_ROWS = opts.months * opts['editions-per-month'] * opts.readers;

const sql = async <T>(client: Client, text: string, values: unknown[] = []): Promise<T[]> => (await client.query(text, values)).rows as T[];

/** Migrated, as the service would have it; the blocks the migration made for this month and the next are left for the history to fill first. */
async function migrated(database: BenchDatabase): Promise<Client> {
  const ds = new DataSource({ type: 'postgres', url: database.url, migrations, migrationsTableName: 'migrations' });
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  const client = new Client({ connectionString: database.url });
  // Dropping the database at the end ends this connection too.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** N months of sent editions, each month in its own partition, made as the hourly upkeep would have made them. */
async function seedHistory(client: Client): Promise<{ seconds: number; editions: number[]; oldest: string; oldestEditions: number[] }> {
  const started = performance.now();
  // A fresh database: the migration's empty blocks go, so the months are made oldest first, as time would have.
  for (const { name } of await sql<{ name: string }>(client, `SELECT name FROM delivery_partitions`))
    await sql(client, `SELECT delivery_partition_drop($1)`, [name]);
  await sql(
    client,
    `INSERT INTO subscribers (email, created_at, updated_at) SELECT 'h' || g || '@history.test', now(), now() FROM generate_series(1, $1::int) g`,
    [opts.readers],
  );
  const [{ first, last }] = await sql<{ first: number; last: number }>(
    client,
    `SELECT min(id) AS first, max(id) AS last FROM subscribers WHERE email LIKE '%@history.test'`,
  );
  const [{ id: newsletterId }] = await sql<{ id: number }>(client, `SELECT id FROM newsletters WHERE slug = 'morning-call'`);
  const editions: number[] = [];
  let oldestEditions: number[] = [];
  for (let ago = opts.months; ago >= 1; ago -= 1) {
    const monthStarted = performance.now();
    const [{ at }] = await sql<{ at: Date }>(client, `SELECT date_trunc('month', now()) - make_interval(months => $1) + interval '3 days' AS at`, [ago]);
    await sql(client, `SELECT delivery_partitions_ensure($1, $2)`, [at, EDITION_IDS_PER_MONTH]);
    const ids: number[] = [];
    for (let e = 0; e < opts['editions-per-month']; e += 1) {
      const [{ id }] = await sql<{ id: number }>(
        client,
        `INSERT INTO editions (newsletter_id, subject, status, origin, created_at, updated_at, started_at, finished_at)
         VALUES ($1, $2, 'sent', 'manual', $3::timestamptz + make_interval(days => $4), now(), $3::timestamptz + make_interval(days => $4), $3::timestamptz + make_interval(days => $4, mins => 5))
         RETURNING id`,
        [newsletterId, `History ${ago} months ago, no. ${e + 1}`, at, e],
      );
      // A send's rows as the record leaves them: sent, a Message-ID as long as ours, the relay.
      await sql(
        client,
        `INSERT INTO deliveries (edition_id, subscriber_id, status, attempts, message_id, smtp_code, sent_at, relay)
         SELECT $1::int, g, 'sent', 1, lpad(to_hex($1::int::bigint * 4294967296 + g), 26, 'a') || '@newstatesman.test', 250, $2, '127.0.0.1:2525'
         FROM generate_series($3::int, $4::int) g`,
        [id, at, first, last],
      );
      await sql(client, `INSERT INTO delivery_counts (edition_id, batch_size, total, sent) VALUES ($1, 500, $2, $2)`, [id, opts.readers]);
      ids.push(id);
    }
    if (ago === opts.months) oldestEditions = ids;
    editions.push(...ids);
    const done = (opts.months - ago + 1) * opts['editions-per-month'] * opts.readers;
    process.stderr.write(
      `\r  history: ${done.toLocaleString('en-GB')}/${HISTORY_ROWS.toLocaleString('en-GB')} rows (a month in ${((performance.now() - monthStarted) / 1000).toFixed(1)} s)   `,
    );
  }
  process.stderr.write('\n');
  // Now: this month's block above the history, as the upkeep makes it.
  await sql(client, `SELECT delivery_partitions_ensure(now(), $1)`, [EDITION_IDS_PER_MONTH]);
  // Months of a real history were vacuumed long ago; without this, autovacuum would do it during the send.
  await sql(client, `VACUUM (FREEZE, ANALYZE)`);
  const [{ name: oldest }] = await sql<{ name: string }>(client, `SELECT name FROM delivery_partitions ORDER BY month, first_edition_id LIMIT 1`);
  return { seconds: (performance.now() - started) / 1000, editions, oldest, oldestEditions };
}

interface StatementCosts {
  snapshotSeconds: number;
  claimMs: ReturnType<typeof percentiles>;
  recordMs: ReturnType<typeof percentiles>;
  reportMs: number;
}

/** The statements of a send, timed one by one on this database: an edition of The Saturday Read to --recipients readers. */
async function statementCosts(client: Client, readerEmails: string): Promise<StatementCosts> {
  const [{ id: newsletterId }] = await sql<{ id: number }>(client, `SELECT id FROM newsletters WHERE slug = 'the-saturday-read'`);
  await sql(
    client,
    `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
     SELECT id, $1, 'active', now(), now(), now() FROM subscribers WHERE email LIKE $2 ORDER BY id LIMIT $3`,
    [newsletterId, readerEmails, opts.recipients],
  );
  const [{ id: editionId }] = await sql<{ id: number }>(
    client,
    `INSERT INTO editions (newsletter_id, subject, status, origin, created_at, updated_at, started_at) VALUES ($1, 'Costs', 'sending', 'manual', now(), now(), now()) RETURNING id`,
    [newsletterId],
  );
  const run = async <P, R>(query: PreparedQuery<P, R>, params: P): Promise<R[]> =>
    query.run(params, {
      query: async (text: string, values: unknown[]) => {
        const r = await client.query(text, values);
        return { rows: r.rows, rowCount: r.rowCount ?? 0 };
      },
    });
  let t = performance.now();
  await run(deliveries.snapshotAudience, { editionId, newsletterId, sectors: null, batchSize: 500, deliverBy: null });
  const snapshotSeconds = (performance.now() - t) / 1000;
  const [{ lastId }] = await sql<{ lastId: number }>(client, `SELECT max(subscriber_id) AS "lastId" FROM deliveries WHERE edition_id = $1`, [editionId]);
  const claims: number[] = [];
  const records: number[] = [];
  let after = 0;
  for (let chunk = 0; chunk < opts.chunks; chunk += 1) {
    t = performance.now();
    const claimed = await run(deliveries.claim, { editionId, after, lastId, claimToken: 'bench-history', newsletterId, limit: 100, retry: false });
    claims.push(performance.now() - t);
    if (claimed.length === 0) break;
    const ids = claimed.map((c) => c.subscriber_id);
    t = performance.now();
    await run(deliveries.record, {
      editionId,
      ids,
      statuses: ids.map(() => 'sent'),
      messageIds: ids.map((id) => `${id}.${editionId}@bench.test`),
      smtpCodes: ids.map(() => 250),
      errors: ids.map(() => null),
      retryAts: ids.map(() => null),
      relays: ids.map(() => '127.0.0.1:2525'),
      newlyAmbiguous: ids.map(() => false),
      firstId: ids[0],
      lastId: ids[ids.length - 1],
      claimToken: 'bench-history',
    });
    records.push(performance.now() - t);
    after = ids[ids.length - 1];
  }
  t = performance.now();
  await run(deliveries.countsOf, { editionIds: [editionId] });
  await run(deliveries.failuresByCode, { editionId });
  await run(deliveries.sentByRelay, { editionId });
  const reportMs = performance.now() - t;
  await sql(client, `UPDATE editions SET status = 'sent', finished_at = now() WHERE id = $1`, [editionId]);
  return { snapshotSeconds, claimMs: percentiles(claims), recordMs: percentiles(records), reportMs };
}

interface SendFigures {
  passed: boolean;
  figures: Record<string, number | null>;
}

/** bench:send as a child, in this database or a fresh one; its figures from its results file. */
async function benchSend(database: string | null, whileSending?: () => Promise<void>): Promise<SendFigures> {
  const args = [
    join(DIST, 'bench', 'send.js'),
    '--recipients',
    String(opts.recipients),
    ...(opts['skip-ceiling'] ? ['--skip-ceiling'] : []),
    ...(database ? ['--database', database] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    process.stdout.write(chunk);
  });
  const during = whileSending?.().then(
    () => null,
    (error: unknown) => error,
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const failed = await during;
  if (failed) throw failed;
  const file = /Results: (\S+)/.exec(out)?.[1];
  const figures = file ? (JSON.parse(readFileSync(join(PROJECT_ROOT, file), 'utf8')) as { figures: Record<string, number | null> }).figures : {};
  return { passed: code === 0, figures };
}

async function main(): Promise<void> {
  noteLoad();
  const checks: Check[] = [];
  const history = await freshDatabase('history');
  const empty = await freshDatabase('history_empty');
  let passed = false;
  try {
    const client = await migrated(history);
    const seeded = await seedHistory(client);
    const [{ size }] = await sql<{ size: string }>(client, `SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
    console.log(
      `History: ${HISTORY_ROWS.toLocaleString('en-GB')} deliveries over ${opts.months} months in ${seeded.seconds.toFixed(0)} s; the database is ${size}`,
    );
    const partitionsBefore = await sql<{ name: string }>(client, `SELECT name FROM delivery_partitions`);

    // The send on top of the history; once it is well under way, the oldest month goes.
    const drop: { ms: number | null; sentAt: number } = { ms: null, sentAt: 0 };
    const sendOnHistory = await benchSend(history.url, async () => {
      const watcher = new Client({ connectionString: history.url });
      await watcher.connect();
      try {
        for (;;) {
          const [row] = await sql<{ sent: number }>(
            watcher,
            `SELECT sent FROM delivery_counts c JOIN editions e ON e.id = c.edition_id WHERE e.status = 'sending' ORDER BY edition_id DESC LIMIT 1`,
          );
          if ((row?.sent ?? 0) >= opts.recipients / 5) {
            drop.sentAt = row.sent;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const t = performance.now();
        await sql(watcher, `SELECT delivery_partition_drop($1)`, [seeded.oldest]);
        drop.ms = performance.now() - t;
      } finally {
        await watcher.end();
      }
    });
    checks.push({
      name: 'the send over the history: every reader exactly once (bench:send)',
      ok: sendOnHistory.passed,
      detail: `exit ${sendOnHistory.passed ? 0 : 1}`,
    });
    const sendOnEmpty = await benchSend(null);
    checks.push({
      name: 'the send on an empty table: every reader exactly once (bench:send)',
      ok: sendOnEmpty.passed,
      detail: `exit ${sendOnEmpty.passed ? 0 : 1}`,
    });

    const [gone] = await sql<{ table: boolean; rows: string; listed: string }>(
      client,
      `SELECT to_regclass($1) IS NOT NULL AS table, (SELECT count(*) FROM deliveries WHERE edition_id = ANY($2)) AS rows, (SELECT count(*) FROM delivery_partitions WHERE name = $1) AS listed`,
      [seeded.oldest, seeded.oldestEditions],
    );
    checks.push({
      name: `the oldest month (${seeded.oldest}) dropped while the send ran`,
      ok: drop.ms !== null && !gone.table && Number(gone.rows) === 0 && Number(gone.listed) === 0,
      detail: drop.ms === null ? 'not dropped' : `${format(drop.ms)} ms, with ${drop.sentAt} of ${opts.recipients} sent`,
    });
    const others = seeded.editions.filter((id) => !seeded.oldestEditions.includes(id));
    const [rest] = await sql<{ rows: string }>(client, `SELECT count(*) AS rows FROM deliveries WHERE edition_id = ANY($1)`, [others]);
    const expected = others.length * opts.readers;
    checks.push({
      name: 'every other month whole',
      ok: Number(rest.rows) === expected,
      detail: `${Number(rest.rows).toLocaleString('en-GB')} of ${expected.toLocaleString('en-GB')} rows`,
    });
    const [counts] = await sql<{ n: string; right: string }>(
      client,
      `SELECT count(*) AS n, count(*) FILTER (WHERE total = $2 AND sent = $2) AS right FROM delivery_counts WHERE edition_id = ANY($1)`,
      [seeded.editions, opts.readers],
    );
    checks.push({
      name: "every history edition's figures kept, the dropped month's too",
      ok: Number(counts.n) === seeded.editions.length && Number(counts.right) === seeded.editions.length,
      detail: `${counts.right} of ${seeded.editions.length} editions`,
    });

    // The statements one by one, on the history (its readers) and on an empty table.
    const withHistory = await statementCosts(client, '%@history.test');
    await client.end();
    const emptyClient = await migrated(empty);
    await sql(
      emptyClient,
      `INSERT INTO subscribers (email, created_at, updated_at) SELECT 'h' || g || '@history.test', now(), now() FROM generate_series(1, $1::int) g`,
      [opts.recipients],
    );
    await sql(emptyClient, `ANALYZE`);
    const onEmpty = await statementCosts(emptyClient, '%@history.test');
    await emptyClient.end();

    const f = (x: number | null | undefined) => (x == null ? '—' : format(x));
    console.log();
    console.log(
      `${HISTORY_ROWS.toLocaleString('en-GB')} deliveries of history (${opts.months} months × ${opts['editions-per-month']} editions × ${opts.readers.toLocaleString('en-GB')} readers, ${partitionsBefore.length} partitions, ${size}); a send to ${opts.recipients.toLocaleString('en-GB')}:`,
    );
    console.log(
      table(
        ['', 'empty table', 'with history'],
        [
          ['audience snapshot (statement), s', f(onEmpty.snapshotSeconds), f(withHistory.snapshotSeconds)],
          [
            'claim of 100, ms (p50 / p99)',
            `${f(onEmpty.claimMs.p50)} / ${f(onEmpty.claimMs.p99)}`,
            `${f(withHistory.claimMs.p50)} / ${f(withHistory.claimMs.p99)}`,
          ],
          [
            'record of 100, ms (p50 / p99)',
            `${f(onEmpty.recordMs.p50)} / ${f(onEmpty.recordMs.p99)}`,
            `${f(withHistory.recordMs.p50)} / ${f(withHistory.recordMs.p99)}`,
          ],
          ['report (counts, failures, relays), ms', f(onEmpty.reportMs), f(withHistory.reportMs)],
          ['send call (render + snapshot), s', f(sendOnEmpty.figures.sendCallSeconds), f(sendOnHistory.figures.sendCallSeconds)],
          ['pipeline, emails/s', f(sendOnEmpty.figures.pipelinePerSecond), f(sendOnHistory.figures.pipelinePerSecond)],
          ['ceiling, emails/s', f(sendOnEmpty.figures.ceilingPerSecond), f(sendOnHistory.figures.ceilingPerSecond)],
          ['pipeline ÷ ceiling', f(sendOnEmpty.figures.shareOfCeiling), f(sendOnHistory.figures.shareOfCeiling)],
          ['dropping the oldest month during the send, ms', '', f(drop.ms)],
        ],
      ),
    );
    passed = report(`history-${opts.months}x${opts['editions-per-month']}x${opts.readers}-send-${opts.recipients}`, checks, {
      settings: opts,
      historyRows: HISTORY_ROWS,
      seedSeconds: seeded.seconds,
      databaseSize: size,
      dropMs: drop.ms,
      sentAtDrop: drop.sentAt,
      statements: { empty: onEmpty, history: withHistory },
      send: { empty: sendOnEmpty.figures, history: sendOnHistory.figures },
    });
  } finally {
    await history.drop().catch(() => undefined);
    await empty.drop().catch(() => undefined);
  }
  process.exit(passed ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
