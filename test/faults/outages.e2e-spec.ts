import type { TestApp } from '../support/app';
import { seedAudience } from '../support/audience';
import { ADMIN_DATABASE_URL } from '../support/database';
import { Deployment } from '../support/deployment';
import { EDITOR_TOKEN } from '../support/editor';
import { FaultProxy } from '../support/fault-proxy';
import { REDIS_URL } from '../support/services';

/**
 * PostgreSQL or Redis goes away for a while in the middle of a send and comes back with its data.
 * The workers reach both through proxies the test cuts; no worker dies. Nobody may get a second
 * copy and nothing may be counted as ambiguous: a live worker forgets no 250 and re-sends nothing.
 */
describe('a send through a PostgreSQL or Redis outage, no worker killed', () => {
  let t: TestApp;
  let deployment: Deployment;
  let postgres: FaultProxy;
  let redis: FaultProxy;
  let run = 0;

  beforeAll(async () => {
    postgres = await FaultProxy.forUrl(ADMIN_DATABASE_URL).start();
    redis = await FaultProxy.forUrl(REDIS_URL).start();
    process.env.APP_ROLE = 'api';
    const { startApp } = await import('../support/app');
    // A short lock: a job whose worker cannot reach Redis for longer looks stalled, and another
    // worker is given it when Redis comes back, while the first is still sending.
    // Batches of 250, claimed 100 at a time: a job is mid-range when an outage starts.
    t = await startApp({ env: { EDITOR_TOKEN, DELIVERY_LOCK_MS: '2000', DELIVERY_BATCH_SIZE: '250' } });
    deployment = new Deployment(t);
  });

  beforeEach(async () => {
    run += 1;
    await t.db.query(`UPDATE subscriptions SET status = 'unsubscribed'`);
    t.smtp.acceptDelayMs = 3;
    await deployment.startWorkers(2, {
      DATABASE_URL: postgres.url(process.env.DATABASE_URL!),
      REDIS_URL: redis.url(REDIS_URL),
      DELIVERY_CONCURRENCY: '2',
      // The send rate is counted in Redis: while it is away, sending must hold, not fail.
      EMAILS_PER_SECOND: '100000',
    });
  });

  afterEach(async () => {
    await postgres.restore();
    await redis.restore();
    await deployment.stopWorkers();
  });

  afterAll(async () => {
    await t?.close();
    await postgres?.stop();
    await redis?.stop();
  });

  async function sendThrough(outage: () => void, name: string): Promise<void> {
    const readers = (await seedAudience(t, 'the-saturday-read', { active: 1000 }, `outage${run}`)).active;
    const id = await deployment.send('the-saturday-read', `https://www.newstatesman.com/culture/2023/03/outage-${run}`);
    await deployment.waitForReaders(readers, 300);
    outage();
    const done = await deployment.api.waitForEdition(id, ['sent'], 120_000);

    const copies = [...deployment.copies(readers).values()];
    const duplicates = copies.filter((n) => n > 1).length;
    process.stderr.write(`outages: ${name} mid-send: 1000 readers, ${duplicates} duplicates, ${done.counts.ambiguous} ambiguous\n`);
    expect(copies.filter((n) => n === 0)).toHaveLength(0);
    expect(duplicates).toBe(0);
    expect(done.counts).toMatchObject({ total: 1000, sent: 1000, failed: 0, ambiguous: 0 });
    expect(await t.rows(`SELECT 1 FROM deliveries WHERE edition_id = $1 AND (status <> 'sent' OR ambiguous)`, [id])).toEqual([]);
  }

  it('PostgreSQL away for 8 s: the workers wait, keep their outcomes, and finish', async () => {
    await sendThrough(() => postgres.outage(8000), 'PostgreSQL away 8 s');
    expect(deployment.output()).toMatch(/PostgreSQL is unavailable/);
  });

  it('Redis away for 8 s (longer than a job lock): the workers hold, and a second run of a job re-sends nothing', async () => {
    await sendThrough(() => redis.outage(8000), 'Redis away 8 s');
  });
});
