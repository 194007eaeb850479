import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { RECORD_GROUP } from '../src/delivery/batch-sender';
import { QUEUES } from '../src/queue/queues';
import type { TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { exited, startWorker } from './support/processes';

/**
 * Workers run as child processes of the real build (`node dist/src/main.js`, APP_ROLE=worker);
 * this process serves only the API, so every message is sent by a worker we can kill.
 */
describe('a worker that dies mid-send', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let articleId: number;
  let run = 0;
  const workers: Array<ReturnType<typeof startWorker>> = [];
  const WORKER_ENV = { DELIVERY_LOCK_MS: '2000', DELIVERY_CONCURRENCY: '2', DELIVERY_RETRY_DELAY_MS: '200' };

  beforeAll(async () => {
    process.env.APP_ROLE = 'api';
    const { startApp } = await import('./support/app');
    t = await startApp({ env: { EDITOR_TOKEN } });
    // No worker of this process consumes delivery jobs.
    expect(await t.app.get<Queue>(getQueueToken(QUEUES.delivery)).getWorkersCount()).toBe(0);
    api = editorApi(t);
    [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/world/2023/03/ammunition', title: 'Will Ukraine run out of ammunition?' }]);
  });

  beforeEach(async () => {
    await t.db.query(`UPDATE subscriptions SET status = 'unsubscribed'`);
    t.smtp.acceptDelayMs = 0;
    run += 1;
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
      await exited(worker);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  async function startSend(): Promise<number> {
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId] });
    const started = await api.post(`/api/editions/${composed.json.id}/send`);
    expect(started.status).toBe(202);
    return composed.json.id;
  }

  function worker(): ReturnType<typeof startWorker> {
    const child = startWorker(WORKER_ENV);
    workers.push(child);
    return child;
  }

  const copiesOf = (emails: string[]) => new Map(emails.map((email) => [email, t.smtp.to(email).length]));

  async function waitForCopies(emails: string[], atLeast: number): Promise<void> {
    const deadline = Date.now() + 60_000;
    while ([...copiesOf(emails).values()].filter((n) => n > 0).length < atLeast) {
      if (Date.now() > deadline) throw new Error(`Fewer than ${atLeast} readers were sent anything`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('is finished by a fresh worker after SIGKILL: nobody skipped, only the in-flight may get two copies', async () => {
    const readers = (await seedAudience(t, 'morning-call', { active: 1500 }, `k${run}`)).active;
    t.smtp.acceptDelayMs = 3;
    const id = await startSend();

    const first = worker();
    // Mid-chunk, not at a chunk's end: a kill lands at no particular moment of a send.
    await waitForCopies(readers, 350);
    first.kill('SIGKILL');
    expect((await exited(first)).signal).toBe('SIGKILL');
    // Claimed by the dead worker, outcome unknown. (A claim it sent just before dying may still
    // commit after this look, so these are some of the ambiguous rows, not always all.)
    const stranded = await t.rows<{ email: string }>(
      `SELECT r.email FROM deliveries d JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1 AND d.status = 'sending'`,
      [id],
    );
    expect(stranded.length).toBeGreaterThan(0);
    const sentBefore = [...copiesOf(readers).values()].filter((n) => n > 0).length;
    expect(sentBefore).toBeLessThan(1500);

    worker();
    const done = await api.waitForEdition(id, ['sent']);

    // The database says every reader was sent exactly once.
    const rows = await t.rows<{ email: string; status: string; ambiguous: boolean | number }>(
      `SELECT r.email, d.status, d.ambiguous FROM deliveries d JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1`,
      [id],
    );
    expect(rows).toHaveLength(1500);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    expect(done.counts).toMatchObject({ total: 1500, sent: 1500, failed: 0, pending: 0 });

    // Every reader got it; only rows marked ambiguous may have got it twice, and their number is recorded.
    const copies = copiesOf(readers);
    const duplicates = [...copies.values()].filter((n) => n > 1).length;
    process.stderr.write(`worker-crash: one SIGKILL mid-send left ${done.counts.ambiguous} recipients ambiguous, ${duplicates} of them got two copies\n`);
    // Outcomes are written every RECORD_GROUP messages: each of the dead worker's jobs can leave at
    // most a group unwritten (before groups of 20, a whole claimed chunk of 100: 56–62 per kill here).
    expect(duplicates).toBeLessThanOrEqual(Number(WORKER_ENV.DELIVERY_CONCURRENCY) * RECORD_GROUP);
    // And only the rows the dead worker held unrecorded can be counted ambiguous: a recording group per job.
    expect(done.counts.ambiguous).toBeLessThanOrEqual(Number(WORKER_ENV.DELIVERY_CONCURRENCY) * RECORD_GROUP);
    expect([...copies.values()].every((n) => n >= 1)).toBe(true);
    const ambiguous = new Set(rows.filter((row) => Boolean(row.ambiguous)).map((row) => row.email));
    expect(done.counts.ambiguous).toBe(ambiguous.size);
    for (const { email } of stranded) expect(ambiguous.has(email)).toBe(true);
    for (const [email, n] of copies) if (n > 1) expect(ambiguous.has(email)).toBe(true);
    expect([...copies.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1500 + done.counts.ambiguous);
    expect([...copies.values()].every((n) => n <= 2)).toBe(true);
  });

  it('lets in-flight messages finish on SIGTERM and exits cleanly, leaving nothing ambiguous', async () => {
    const readers = (await seedAudience(t, 'morning-call', { active: 800 }, `s${run}`)).active;
    t.smtp.acceptDelayMs = 3;
    const id = await startSend();

    const first = worker();
    await waitForCopies(readers, 150);
    first.kill('SIGTERM');
    expect(await exited(first)).toEqual({ code: 0, signal: null });
    expect(await t.rows(`SELECT subscriber_id FROM deliveries WHERE edition_id = $1 AND status = 'sending'`, [id])).toEqual([]);
    const stopped = (await api.get(`/api/editions/${id}`)).json;
    expect(stopped.status).toBe('sending');
    expect(stopped.counts.sent).toBeLessThan(800);

    worker();
    const done = await api.waitForEdition(id, ['sent']);
    expect(done.counts).toMatchObject({ total: 800, sent: 800, ambiguous: 0 });
    expect([...copiesOf(readers).values()].every((n) => n === 1)).toBe(true);
  });

  it('finds an edition whose jobs were lost (Redis flushed) and finishes it when a worker starts', async () => {
    const readers = (await seedAudience(t, 'morning-call', { active: 120 }, `r${run}`)).active;
    const id = await startSend();
    // The fan-out job and everything else of this service vanish from Redis.
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${t.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();

    const recovering = worker();
    const done = await api.waitForEdition(id, ['sent']);
    expect(done.counts).toMatchObject({ total: 120, sent: 120 });
    expect([...copiesOf(readers).values()].every((n) => n === 1)).toBe(true);
    expect(recovering.output()).toMatch(/Re-queued \d+ delivery batches/);
  });

  it('holds EMAILS_PER_SECOND across all workers together', async () => {
    const readers = (await seedAudience(t, 'morning-call', { active: 60 }, `l${run}`)).active;
    const id = await startSend();
    const limit = { EMAILS_PER_SECOND: '20' };
    workers.push(startWorker({ ...WORKER_ENV, ...limit }), startWorker({ ...WORKER_ENV, ...limit }));
    await api.waitForEdition(id, ['sent']);
    const times = readers.flatMap((email) => t.smtp.to(email).map((mail) => mail.receivedAt)).sort((a, b) => a - b);
    expect(times).toHaveLength(60);
    // Unlimited, two workers send 60 messages in a fraction of a second. At 20 a second the
    // budget is counted in fixed one-second windows, so any second of wall time holds at most
    // two windows' worth, and 60 messages span at least two window boundaries (less the time
    // the very first message spent opening a connection).
    expect(times[59] - times[0]).toBeGreaterThanOrEqual(1500);
    for (let i = 0; i < times.length; i += 1) {
      const within = times.filter((time) => time >= times[i] && time < times[i] + 1000).length;
      expect(within).toBeLessThanOrEqual(40);
    }
  });
});
