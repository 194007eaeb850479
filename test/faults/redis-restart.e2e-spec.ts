import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { TestApp } from '../support/app';
import { seedAudience } from '../support/audience';
import { Deployment, eventually } from '../support/deployment';
import { EDITOR_TOKEN } from '../support/editor';
import { OwnRedis } from '../support/own-redis';
import { linkIn } from '../support/reader';

/**
 * Redis restarts and comes back empty (no persistence): every job, lock and job scheduler is
 * gone. Nothing is restarted; the service must notice and rebuild from the database.
 */
describe('Redis restarting empty', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let deployment: Deployment;

  beforeAll(async () => {
    redis = await new OwnRedis().start();
    process.env.APP_ROLE = 'api';
    const { startApp } = await import('../support/app');
    t = await startApp({ env: { EDITOR_TOKEN, REDIS_URL: redis.url, DELIVERY_LOCK_MS: '2000' } });
    deployment = new Deployment(t);
  });

  afterEach(async () => {
    await deployment.stopWorkers();
    t.smtp.rule = () => undefined;
  });

  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const schedulers = async () => {
    const names: string[] = [];
    for (const queue of ['schedules', 'delivery-plan', 'reader-mail']) {
      const q = new Queue(queue, { connection: { port: redis.port }, prefix: t.prefix });
      names.push(...(await q.getJobSchedulers()).map((s) => s.key));
      await q.close();
    }
    return names.sort();
  };

  it('mid-send: sending resumes within 60 s with no process restarted, and the schedules exist again', async () => {
    const readers = (await seedAudience(t, 'morning-call', { active: 600 }, 'restart')).active;
    await deployment.startWorkers(2, { EMAILS_PER_SECOND: '60' });
    const before = await schedulers();
    expect(before).toEqual(expect.arrayContaining(['newsletter-morning-call', 'newsletter-the-saturday-read', 'recover-deliveries']));
    const id = await deployment.send('morning-call', 'https://www.newstatesman.com/politics/2023/03/restart');
    await deployment.waitForReaders(readers, 150);

    const marker = async (set: boolean) => {
      const client = new IORedis(redis.port, { lazyConnect: true });
      await client.connect();
      const value = set ? await client.set(`${t.prefix}:before-restart`, '1') : await client.get(`${t.prefix}:before-restart`);
      await client.quit();
      return value;
    };
    await marker(true);
    await redis.restartEmpty(1000);
    const back = Date.now();
    const receivedBefore = t.smtp.received.length;
    // It came back empty (what the workers put back since is theirs to rebuild, checked below).
    expect(await marker(false)).toBeNull();

    const resumed = await eventually('a message after Redis came back', async () => (t.smtp.received.length > receivedBefore + 20 ? Date.now() : null), 60_000);
    const done = await deployment.api.waitForEdition(id, ['sent'], 120_000);
    const finished = Date.now();

    const copies = [...deployment.copies(readers).values()];
    expect(copies.every((n) => n === 1)).toBe(true);
    expect(done.counts).toMatchObject({ total: 600, sent: 600, failed: 0, ambiguous: 0 });
    expect(await schedulers()).toEqual(before);
    expect(deployment.output()).toMatch(/Redis came back empty: rebuilding what it held from the database/);
    expect(resumed - back).toBeLessThan(60_000);
    process.stderr.write(
      `redis-restart: sending resumed ${((resumed - back) / 1000).toFixed(1)} s after Redis came back empty; the edition was sent ${((finished - back) / 1000).toFixed(1)} s after; ` +
        `600 readers, ${copies.filter((n) => n > 1).length} duplicates, ${done.counts.ambiguous} ambiguous\n`,
    );
  });

  it('sends every queued confirmation once Redis and SMTP are back, an old one with a fresh token', async () => {
    t.smtp.rule = () => ({ code: 421, message: '4.3.2 Service not available, try again later' });
    await deployment.startWorkers(2);
    const emails = Array.from({ length: 5 }, (_, i) => `restart.signup.${i}@example.com`);
    for (const email of emails) {
      const answer = await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read'] });
      expect(answer.status).toBe(202);
    }
    // The sign-ups are carried out; their confirmations fail against the 421 and wait to be retried.
    await eventually(
      'five unsent confirmations',
      async () => (await t.rows(`SELECT id FROM account_emails WHERE sent_at IS NULL`)).length === 5,
      30_000,
    );
    // One of them queued long ago: its token must still have 72 hours when it arrives.
    await t.db.query(
      `UPDATE account_emails SET created_at = now() - interval '80 hours', expires_at = now() - interval '8 hours'
       WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = $1)`,
      [emails[0]],
    );

    await redis.restartEmpty(1000);
    const back = Date.now();
    t.smtp.rule = () => undefined;
    for (const email of emails) await t.smtp.waitFor(email, 1, 60_000);
    const arrived = Date.now();
    expect(emails.map((email) => t.smtp.to(email).length)).toEqual([1, 1, 1, 1, 1]);
    expect(arrived - back).toBeLessThan(60_000);
    process.stderr.write(`redis-restart: 5 confirmations queued while SMTP answered 421 arrived ${((arrived - back) / 1000).toFixed(1)} s after Redis came back empty\n`);

    const old = t.smtp.to(emails[0])[0];
    const page = await t.reader().get(linkIn(String(old.parsed.html), /Confirm my subscription/));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Confirm');
    const [{ hours }] = await t.rows<{ hours: number }>(
      `SELECT extract(epoch FROM expires_at - now()) / 3600 AS hours FROM account_emails WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = $1)`,
      [emails[0]],
    );
    expect(Number(hours)).toBeGreaterThan(71);
  });
});
