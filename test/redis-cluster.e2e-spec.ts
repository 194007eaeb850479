import { ClicksService } from '../src/clicks/clicks.service';
import type { TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { Deployment, eventually } from './support/deployment';
import { EDITOR_TOKEN } from './support/editor';
import { linkIn } from './support/reader';
import { RedisCluster } from './support/redis-cluster';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

/**
 * The whole service on a real three-master Redis Cluster (REDIS_CLUSTER_NODES): BullMQ with a
 * hash-tagged prefix per queue, the shared send rate, the sign-up limiter and the click counts.
 * This process is the API; two worker processes of the real build send. One master is restarted
 * empty mid-send (the one holding the delivery queue's slot).
 */
describe('on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let t: TestApp;
  let deployment: Deployment;

  beforeAll(async () => {
    cluster = await new RedisCluster().start();
    process.env.APP_ROLE = 'api';
    const { startApp } = await import('./support/app');
    t = await startApp({ env: { EDITOR_TOKEN, REDIS_CLUSTER_NODES: cluster.nodes, SIGNUP_RATE_LIMIT: '2', DELIVERY_LOCK_MS: '2000', CLICK_FLUSH_SECONDS: '3600' } });
    deployment = new Deployment(t);
  });

  afterAll(async () => {
    await deployment?.stopWorkers();
    await t?.close();
    await cluster?.stop();
  });

  it('queue keys carry their hash tag and spread over the masters; nothing of the service is on one server', async () => {
    const owners = new Set(await Promise.all(['{delivery}', '{delivery-plan}', '{reader-mail}', '{schedules}', '{clicks}'].map(async (tag) => (await cluster.masterOf(tag)).port)));
    expect(owners.size).toBeGreaterThan(1);
    // The sign-up limiter counts per client on the cluster: the third sign-up in a minute is refused.
    const reader = t.reader();
    const statuses: number[] = [];
    for (const n of [0, 1, 2]) statuses.push((await reader.postJson('/subscribe', { email: `cluster.signup.${n}@example.com`, newsletters: ['the-saturday-read'] })).status);
    expect(statuses).toEqual([202, 202, 429]);
    // The reader-mail queue's keys are on the master of its tag, under the tag.
    const keys = await cluster.keys(await cluster.masterOf('{reader-mail}'), `${t.prefix}:*`);
    expect(keys.filter((key) => key.startsWith(`${t.prefix}:{reader-mail}:reader-mail:`)).length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.includes(':reader-mail:') && !key.includes('{reader-mail}'))).toEqual([]);
  });

  it('sends an edition through a master restarting empty: every reader once (or counted ambiguous), nobody lost; confirmations and clicks work', async () => {
    const readers = (await seedAudience(t, 'morning-call', { active: 1000 }, 'cluster')).active;
    // The shared send rate lives on the cluster too.
    await deployment.startWorkers(2, { EMAILS_PER_SECOND: '250', DELIVERY_RETRY_DELAY_MS: '200' });
    // The sign-ups of the first test are carried out from the reader-mail queue: their confirmations arrive.
    for (const n of [0, 1]) await t.smtp.waitFor(`cluster.signup.${n}@example.com`, 1, 30_000);

    const id = await deployment.send('morning-call', 'https://www.newstatesman.com/politics/2026/12/cluster');
    await deployment.waitForReaders(readers, 300);
    const master = await cluster.masterOf('{delivery}');
    await cluster.restartEmpty(master, 1000);
    const back = Date.now();

    const done = await deployment.api.waitForEdition(id, ['sent'], 90_000);
    const finished = Date.now();
    const copies = [...deployment.copies(readers).values()];
    const duplicates = copies.filter((n) => n > 1).length;
    expect(copies.filter((n) => n === 0)).toEqual([]);
    expect(copies.every((n) => n <= 2)).toBe(true);
    expect(done.counts).toMatchObject({ total: 1000, sent: 1000, failed: 0, skipped: 0 });
    // A second copy only for a reader the edition counts as ambiguous.
    expect(duplicates).toBeLessThanOrEqual(done.counts.ambiguous);
    expect(deployment.output()).toMatch(/Redis came back empty: rebuilding what it held from the database/);

    // A reader follows an article link: counted in the cluster, flushed to PostgreSQL.
    const digest = t.smtp.to(readers[0])[0];
    const link = linkIn(String(digest.parsed.html), /Fault-suite article/);
    const followed = await fetch(link, { redirect: 'manual', headers: { 'user-agent': BROWSER, 'x-forwarded-for': '10.88.0.1' } });
    expect(followed.status).toBe(302);
    await eventually('the click flushed', async () => (await t.app.get(ClicksService).flush()) > 0, 10_000);
    const [{ clicks }] = await t.rows<{ clicks: number }>(`SELECT sum(clicks)::int AS clicks FROM edition_clicks WHERE edition_id = $1`, [id]);
    expect(clicks).toBe(1);

    process.stderr.write(
      `redis-cluster: master :${master.port} (the delivery queue's slot) restarted empty mid-send; the edition was sent ${((finished - back) / 1000).toFixed(1)} s after it came back; ` +
        `1000 readers, ${duplicates} duplicates, ${done.counts.ambiguous} ambiguous\n`,
    );
  });
});
