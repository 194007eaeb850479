import { startApp, TestApp } from '../support/app';
import { ADMIN_DATABASE_URL } from '../support/database';
import { FaultProxy } from '../support/fault-proxy';
import { REDIS_URL } from '../support/services';

/**
 * The API reaches PostgreSQL and Redis through proxies the test cuts. A sign-up that cannot be
 * stored answers 503 with Retry-After and a body that says to try again, and leaves nothing
 * half-done; none answers 202 unless it is stored.
 */
describe('signing up while PostgreSQL or Redis is away', () => {
  let t: TestApp;
  let postgres: FaultProxy;
  let redis: FaultProxy;

  beforeAll(async () => {
    postgres = await FaultProxy.forUrl(ADMIN_DATABASE_URL).start();
    redis = await FaultProxy.forUrl(REDIS_URL).start();
    t = await startApp({ env: { REDIS_URL: redis.url(REDIS_URL) }, databaseUrl: (url) => postgres.url(url) });
  });

  afterAll(async () => {
    await t?.close();
    await postgres?.stop();
    await redis?.stop();
  });

  const stored = async (email: string) => ({
    requests: (await t.rows(`SELECT id FROM signup_requests WHERE email = $1`, [email])).length,
    readers: (await t.rows(`SELECT id FROM subscribers WHERE email = $1`, [email])).length,
  });

  it.each([
    ['PostgreSQL', () => postgres.outage(60_000), () => postgres.restore()],
    ['Redis', () => redis.outage(60_000), () => redis.restore()],
  ])('%s away: 503 with Retry-After, for JSON and the form, and nothing stored', async (name, breakIt, mendIt) => {
    const json = `outage.json.${name.toLowerCase()}@example.com`;
    const formEmail = `outage.form.${name.toLowerCase()}@example.com`;
    const reader = t.reader();
    const form = await reader.get('/');
    breakIt();
    try {
      const answer = await reader.postJson('/subscribe', { email: json, newsletters: ['morning-call'] });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('30');
      expect(answer.json).toEqual({ statusCode: 503, message: expect.stringContaining('try again in a minute') });

      const page = await reader.submit(form, { email: formEmail, newsletters: ['morning-call'] });
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toBe('30');
      expect(page.text).toContain('nothing was saved');
      expect(page.body).not.toMatch(/at \w+ \(|node_modules|ECONNREFUSED/);
    } finally {
      await mendIt();
    }
    expect(await stored(json)).toEqual({ requests: 0, readers: 0 });
    expect(await stored(formEmail)).toEqual({ requests: 0, readers: 0 });

    // Back: the same sign-up is taken, and carried out.
    const again = await t.reader().postJson('/subscribe', { email: json, newsletters: ['morning-call'] });
    expect(again.status).toBe(202);
    await t.smtp.waitFor(json, 1, 30_000);
  });
});
