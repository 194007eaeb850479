import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';

interface DeliveryRow {
  email: string;
  status: string;
  attempts: number;
  smtp_code: number | null;
  last_error: string | null;
}

describe('delivery when things go wrong', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let articleId: number;
  let run = 0;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN, DELIVERY_RETRY_DELAY_MS: '100', DELIVERY_MAX_ATTEMPTS: '3' } });
    api = editorApi(t);
    [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/world/2023/03/ammunition', title: 'Will Ukraine run out of ammunition?' }]);
  });

  beforeEach(async () => {
    // Each test speaks to its own readers only.
    await t.db.query(`UPDATE subscriptions SET status = 'unsubscribed'`);
    t.smtp.rule = () => undefined;
    t.smtp.dropAfterData = () => false;
    t.smtp.acceptDelayMs = 0;
    run += 1;
  });

  afterAll(async () => {
    await t?.close();
  });

  async function startSend(): Promise<number> {
    const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId] });
    expect(composed.status).toBe(201);
    const started = await api.post(`/api/editions/${composed.json.id}/send`);
    expect(started.status).toBe(202);
    return composed.json.id;
  }

  const deliveries = (editionId: number) =>
    t.rows<DeliveryRow>(
      `SELECT r.email, d.status, d.attempts, d.smtp_code, d.last_error FROM deliveries d
       JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1 ORDER BY r.email`,
      [editionId],
    );

  const copies = (email: string) => t.smtp.to(email).length;

  it('retries a 4xx and a dropped connection, fails and suppresses a 5xx, gives up after N attempts', async () => {
    const readers = await seedAudience(t, 'the-saturday-read', { active: 20 }, `f${run}`);
    const [deferred, refused, dropped, alwaysDeferred] = readers.active;
    const tries = new Map<string, number>();
    t.smtp.rule = (address) => {
      const n = (tries.get(address) ?? 0) + 1;
      tries.set(address, n);
      if (address === deferred && n === 1) return { code: 451, message: '4.7.1 Greylisted, try again later' };
      if (address === refused) return { code: 550, message: '5.1.1 No such user here' };
      if (address === alwaysDeferred) return { code: 452, message: '4.2.2 Mailbox full' };
      return undefined;
    };
    let drops = 0;
    t.smtp.dropAfterData = (to) => to.includes(dropped) && drops++ === 0;

    const id = await startSend();
    const done = await api.waitForEdition(id, ['sent']);
    expect(done.counts).toMatchObject({ total: 20, sent: 18, failed: 2, pending: 0 });

    const rows = new Map((await deliveries(id)).map((row) => [row.email, row]));
    expect(copies(deferred)).toBe(1);
    expect(rows.get(deferred)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rows.get(deferred)!.last_error).toContain('Greylisted');

    expect(copies(dropped)).toBe(1);
    expect(rows.get(dropped)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rows.get(dropped)!.last_error).toMatch(/ECONNECTION|ESOCKET|closed|reset/i);

    expect(copies(refused)).toBe(0);
    expect(rows.get(refused)).toMatchObject({ status: 'failed', attempts: 1, smtp_code: 550 });
    expect(tries.get(refused)).toBe(1);
    const [suppressed] = await t.rows<{ suppressed_at: unknown; suppression_reason: string }>(
      `SELECT suppressed_at, suppression_reason FROM subscribers WHERE email = $1`,
      [refused],
    );
    expect(suppressed.suppressed_at).not.toBeNull();
    expect(suppressed.suppression_reason).toContain('550');

    expect(copies(alwaysDeferred)).toBe(0);
    expect(rows.get(alwaysDeferred)).toMatchObject({ status: 'failed', attempts: 3, smtp_code: 452 });
    expect(tries.get(alwaysDeferred)).toBe(3);
    const [notSuppressed] = await t.rows<{ suppressed_at: unknown }>(`SELECT suppressed_at FROM subscribers WHERE email = $1`, [alwaysDeferred]);
    expect(notSuppressed.suppressed_at).toBeNull();

    for (const email of readers.active.slice(4)) expect(copies(email)).toBe(1);

    // The suppressed address is left out of the next edition's audience.
    const next = await startSend();
    const nextDone = await api.waitForEdition(next, ['sent']);
    expect(nextDone.counts.total).toBe(19);
    expect(copies(refused)).toBe(0);
  });

  it('pauses, sends nothing while paused, and resumes without duplicates', async () => {
    const readers = await seedAudience(t, 'the-saturday-read', { active: 300 }, `p${run}`);
    t.smtp.acceptDelayMs = 10;
    const id = await startSend();
    await t.smtp.waitFor(readers.active[5]);
    expect((await api.post(`/api/editions/${id}/pause`)).json.status).toBe('paused');
    await t.drain();
    const whilePaused = readers.active.filter((email) => copies(email) > 0).length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readers.active.filter((email) => copies(email) > 0).length).toBe(whilePaused);
    const paused = (await api.get(`/api/editions/${id}`)).json;
    expect(paused.status).toBe('paused');
    expect(paused.counts.sent).toBe(whilePaused);
    expect(paused.counts.sent).toBeLessThan(300);
    expect((await api.post(`/api/editions/${id}/pause`)).status).toBe(409);

    expect((await api.post(`/api/editions/${id}/resume`)).json.status).toBe('sending');
    const done = await api.waitForEdition(id, ['sent']);
    expect(done.counts).toMatchObject({ total: 300, sent: 300 });
    for (const email of readers.active) expect(copies(email)).toBe(1);
  });

  it('cancel stops further sends and accounts for everyone', async () => {
    const readers = await seedAudience(t, 'the-saturday-read', { active: 300 }, `c${run}`);
    t.smtp.acceptDelayMs = 10;
    const id = await startSend();
    await t.smtp.waitFor(readers.active[5]);
    const cancelled = await api.post(`/api/editions/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe('cancelled');
    await t.drain();
    const received = readers.active.filter((email) => copies(email) > 0).length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readers.active.filter((email) => copies(email) > 0).length).toBe(received);
    expect(received).toBeLessThan(300);

    const view = (await api.get(`/api/editions/${id}`)).json;
    expect(view.counts.sent).toBe(received);
    expect(view.counts.sent + view.counts.cancelled).toBe(300);
    const left = await t.rows<{ status: string; n: number }>(
      `SELECT status, count(*) AS n FROM deliveries WHERE edition_id = $1 GROUP BY status ORDER BY status`,
      [id],
    );
    expect(Object.fromEntries(left.map((r) => [r.status, Number(r.n)]))).toEqual({ cancelled: 300 - received, sent: received });
    expect(readers.active.every((email) => copies(email) <= 1)).toBe(true);
    expect((await api.post(`/api/editions/${id}/resume`)).status).toBe(409);
  });

  it('sends nothing more to a reader who unsubscribes while the edition is going out', async () => {
    const readers = await seedAudience(t, 'the-saturday-read', { active: 200 }, `u${run}`);
    t.smtp.acceptDelayMs = 10;
    const leaver = readers.active[199];
    const id = await startSend();
    await t.smtp.waitFor(readers.active[0]);
    const [{ public_id: publicId }] = await t.rows<{ public_id: string }>(`SELECT public_id FROM subscribers WHERE email = $1`, [leaver]);
    const { LinksService } = await import('../src/tokens/links.service');
    const unsubscribeUrl = t.app.get(LinksService).unsubscribeUrl(publicId, null);
    expect(
      (await fetch(unsubscribeUrl, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } }))
        .status,
    ).toBe(200);
    const done = await api.waitForEdition(id, ['sent']);
    expect(copies(leaver)).toBe(0);
    expect(done.counts).toMatchObject({ total: 200, sent: 199, skipped: 1 });
  });
});
