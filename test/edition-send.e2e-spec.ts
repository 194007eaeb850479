import { parse } from 'node-html-parser';
import { FeedsService } from '../src/articles/feeds/feeds.service';
import { LinkTokens } from '../src/tokens/link-tokens';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi } from './support/editor';
import { ReceivedMail } from './support/smtp';

const HOSTILE_TITLE = '</mj-text><script>alert(1)</script> & <mj-include path="/etc/passwd" />';

describe('sending an edition', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let audience: Awaited<ReturnType<typeof seedAudience>>;
  let editionId: number;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN } });
    api = editorApi(t);
    audience = await seedAudience(t, 'morning-call', { active: 240, pending: 25, unsubscribed: 20, suppressed: 15 }, 'mc');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('imports the sample feed over loopback, and takes an article from an editor', async () => {
    const summary = await t.app.get(FeedsService).importFeed(`${t.url}/samples/new-statesman.rss`);
    expect(summary).toMatchObject({ imported: 8, skipped: 0 });
    expect(summary.error).toBeUndefined();
    const posted = await api.post('/api/articles', {
      url: 'https://www.newstatesman.com/the-staggers/2023/03/hostile-headline',
      title: HOSTILE_TITLE,
      standfirst: '<b>Bold</b> claims & "quotes"',
      author: 'Katie Stallard',
      section: 'The Staggers',
      publishedAt: new Date().toISOString(),
    });
    expect(posted.status).toBe(201);
  });

  it('composes a draft from the new articles, newest first', async () => {
    const composed = await api.post('/api/newsletters/morning-call/editions', { preheader: 'The news and politics of the day' });
    expect(composed.status).toBe(201);
    expect(composed.json).toMatchObject({ status: 'draft', newsletter: 'morning-call', subject: `Morning Call: ${HOSTILE_TITLE}` });
    const titles = composed.json.articles.map((a: { title: string }) => a.title);
    expect(titles).toHaveLength(9);
    expect(titles[0]).toBe(HOSTILE_TITLE);
    expect(titles[1]).toBe('Why Alexander Lukashenko’s trip to China matters');
    expect(titles).toContain('Will Ukraine run out of ammunition?');
    expect(titles).toContain("Peatlands are nature's unsung climate warriors");
    editionId = composed.json.id;
    // Nothing new is left for a second edition.
    const again = await api.post('/api/newsletters/morning-call/editions', {});
    expect(again.status).toBe(422);
    expect(again.json.errors[0].field).toBe('articleIds');
  });

  it('previews the HTML a reader gets, with article text escaped', async () => {
    const preview = await api.get(`/api/editions/${editionId}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('text/html');
    const dom = parse(preview.text);
    expect(dom.querySelectorAll('script')).toHaveLength(0);
    expect(dom.querySelectorAll('mj-include')).toHaveLength(0);
    expect(dom.textContent).toContain('</mj-text><script>alert(1)</script> & <mj-include path="/etc/passwd" />');
    expect(dom.textContent).toContain('<b>Bold</b> claims & "quotes"');
    expect(dom.querySelectorAll('b').filter((b) => b.textContent === 'Bold')).toHaveLength(0);
    expect(dom.textContent).toContain('Why Alexander Lukashenko’s trip to China matters');
    expect(dom.textContent).toContain('Ben Hodges: “The only hope the Russians have is that the West loses the will to keep supporting Ukraine”');
    expect(dom.textContent).toContain('Content from our partners');
    expect(dom.textContent).toContain('Progressive Media Investments');
    expect(preview.text).toContain('reader@example.com');
    expect(preview.text).not.toMatch(/NLX[0-9A-F]+X/);
  });

  it('sends a test copy without touching the audience', async () => {
    const test = await api.post(`/api/editions/${editionId}/test`, { to: ['desk@newstatesman.test'] });
    expect(test.status).toBe(202);
    const [copy] = await t.smtp.waitFor('desk@newstatesman.test');
    expect(copy.parsed.subject).toBe(`[Test] Morning Call: ${HOSTILE_TITLE}`);
    expect(copy.parsed.text).toContain('Will Ukraine run out of ammunition?');
    expect((await api.get(`/api/editions/${editionId}`)).json.status).toBe('draft');
    expect(t.smtp.received.filter((m) => m.to[0].startsWith('mc-'))).toHaveLength(0);
    const bad = await api.post(`/api/editions/${editionId}/test`, { to: ['not an address\r\nBcc: x@y.z'] });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('to');
  });

  it('sends to exactly the active readers, one copy each, each with their own links', async () => {
    const started = await api.post(`/api/editions/${editionId}/send`);
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: 'sending', counts: { total: 240 } });
    const second = await api.post(`/api/editions/${editionId}/send`);
    expect(second.status).toBe(409);

    const done = await api.waitForEdition(editionId, ['sent']);
    expect(done.counts).toMatchObject({ total: 240, sent: 240, failed: 0, skipped: 0, pending: 0, ambiguous: 0 });
    expect(done.ratePerSecond).toBeGreaterThan(0);

    const digests = t.smtp.received.filter((m) => m.to[0].startsWith('mc-'));
    const perReader = new Map<string, ReceivedMail[]>();
    for (const mail of digests) perReader.set(mail.to[0], [...(perReader.get(mail.to[0]) ?? []), mail]);
    expect([...perReader.keys()].sort()).toEqual([...audience.active].sort());
    expect([...perReader.values()].every((copies) => copies.length === 1)).toBe(true);

    const tokens = new LinkTokens(process.env.APP_SECRET!);
    const publicIds = new Map(
      (await t.rows<{ public_id: string; email: string }>(`SELECT public_id, email FROM subscribers WHERE email LIKE 'mc-active-%'`)).map((r) => [
        r.email,
        r.public_id,
      ]),
    );
    const [{ id: morningCall }] = await t.rows<{ id: number }>(`SELECT id FROM newsletters WHERE slug = 'morning-call'`);
    for (const mail of digests) {
      const email = mail.to[0];
      expect(mail.parsed.to && 'text' in mail.parsed.to ? mail.parsed.to.text : '').toBe(email);
      expect(mail.parsed.subject).toBe(`Morning Call: ${HOSTILE_TITLE}`);
      expect(mail.parsed.html).toBeTruthy();
      expect(mail.parsed.text).toContain('Will Ukraine run out of ammunition?');
      expect(mail.parsed.text).toContain(HOSTILE_TITLE);
      expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const [, url] = /<(http[^>]+)>/.exec(mail.header('list-unsubscribe')!)!;
      const claims = tokens.verify(new URL(url).searchParams.get('token'), 'unsubscribe');
      expect(claims).toEqual({ purpose: 'unsubscribe', reader: { publicId: publicIds.get(email) }, newsletterId: Number(morningCall) });
      const [, mailto] = /<mailto:unsubscribe\+([a-z2-7]{45})@newstatesman\.test\?subject=unsubscribe>$/.exec(mail.header('list-unsubscribe')!)!;
      expect(tokens.verifyAddressToken(mailto)).toEqual(claims);
      expect(mail.parsed.html).toContain(email);
      expect(parse(mail.parsed.html as string).querySelectorAll('script')).toHaveLength(0);
      // Nothing of the edition's or the reader's id: 128 bits from the edition's secret salt.
      expect(mail.parsed.messageId).toMatch(/^<[a-z2-7]{26}@newstatesman\.test>$/);
    }
    expect(new Set(digests.map((mail) => mail.parsed.messageId)).size).toBe(240);

    const rows = await t.rows<{ status: string; n: number }>(`SELECT status, count(*) AS n FROM deliveries WHERE edition_id = $1 GROUP BY status`, [editionId]);
    expect(rows.map((r) => [r.status, Number(r.n)])).toEqual([['sent', 240]]);
    const withoutId = await t.rows(`SELECT subscriber_id FROM deliveries WHERE edition_id = $1 AND (message_id IS NULL OR sent_at IS NULL)`, [editionId]);
    expect(withoutId).toEqual([]);
  });

  it('lets a reader leave with one click from the List-Unsubscribe header of the digest', async () => {
    const [mail] = t.smtp.to(audience.active[7]);
    const [, url] = /<(http[^>]+)>/.exec(mail.header('list-unsubscribe')!)!;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    const [row] = await t.rows<{ status: string }>(`SELECT s.status FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id WHERE r.email = $1`, [
      audience.active[7],
    ]);
    expect(row.status).toBe('unsubscribed');
    const [ledger] = await t.rows<{ event: string; source: string }>(
      `SELECT c.event, c.source FROM consent_events c JOIN subscribers r ON r.id = c.subscriber_id WHERE r.email = $1`,
      [audience.active[7]],
    );
    expect(ledger).toEqual({ event: 'unsubscribed', source: 'one-click' });
    // The preferences link in the digest opens that reader's own page.
    const preferences = parse(mail.parsed.html as string)
      .querySelectorAll('a')
      .find((a) => a.textContent.includes('Manage your newsletters'))!
      .getAttribute('href')!;
    const page = await t.reader().get(preferences);
    expect(page.text).toContain(audience.active[7]);
  });

  it('refuses to send, pause or cancel an edition that is already sent', async () => {
    expect((await api.post(`/api/editions/${editionId}/send`)).status).toBe(409);
    expect((await api.post(`/api/editions/${editionId}/pause`)).status).toBe(409);
    expect((await api.post(`/api/editions/${editionId}/cancel`)).status).toBe(409);
    expect((await api.get('/api/editions/999999')).status).toBe(404);
  });
});
