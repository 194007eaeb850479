import { startApp, TestApp } from './support/app';
import { solveChallenge } from './support/altcha';
import { linkIn } from './support/reader';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';

const HOST = 'http://127.0.0.2:8090';
const ARTICLE = `${HOST}/politics/2026/12/the-piece`;
const STRANGER = 'http://127.0.0.3:8090';
const valid = { email: 'embedded.reader@example.com', newsletters: ['morning-call'] };

describe('the sign-up box on an allowed site: CORS, the challenge, the frame and the plain form', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: { EMBED_ORIGINS: `${HOST}, https://*.example.org`, EDITOR_TOKEN } });
    await insertArticles(t, [{ url: ARTICLE, title: 'The piece', section: 'Politics' }]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const stored = async () =>
    (await t.rows<{ n: number }>('SELECT count(*)::int AS n FROM signup_requests'))[0].n +
    (await t.rows<{ n: number }>('SELECT count(*)::int AS n FROM subscribers'))[0].n;

  it('answers CORS to the allowed origins only, a preflight included', async () => {
    const allowed = await fetch(`${t.url}/subscribe`, {
      method: 'OPTIONS',
      headers: { origin: HOST, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(HOST);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    const sub = await fetch(`${t.url}/embed/form`, { headers: { origin: 'https://www.example.org' } });
    expect(sub.headers.get('access-control-allow-origin')).toBe('https://www.example.org');
    expect(((await sub.json()) as { newsletters: Array<{ slug: string }> }).newsletters.map((n) => n.slug)).toContain('morning-call');

    for (const origin of [STRANGER, 'https://example.org', 'http://www.example.org', 'null']) {
      const refused = await fetch(`${t.url}/subscribe`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      const posted = await t.reader().postJson('/subscribe', { ...valid, email: 'not.a.browser@example.com' }, { origin });
      expect(posted.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('asks the script for an unused solution: missing, wrong or reused is a 400 naming altcha, and nothing is stored', async () => {
    await t.drain();
    const before = await stored();
    const reader = t.reader();
    const missing = await reader.postJson('/subscribe', { ...valid, articleUrl: ARTICLE }, { origin: HOST });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('access-control-allow-origin')).toBe(HOST);
    expect(missing.json).toEqual({ errors: [{ field: 'altcha', message: expect.stringMatching(/anti-bot check/) }] });

    const solution = await solveChallenge(t.url);
    const forged = JSON.parse(Buffer.from(solution, 'base64').toString()) as Record<string, unknown>;
    const wrong = await reader.postJson(
      '/subscribe',
      { ...valid, altcha: Buffer.from(JSON.stringify({ ...forged, number: Number(forged.number) + 1 })).toString('base64') },
      { origin: HOST },
    );
    expect(wrong.status).toBe(400);
    expect((wrong.json as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['altcha']);
    const garbage = await reader.postJson('/subscribe', { ...valid, altcha: 'not base64 {' }, { origin: HOST });
    expect(garbage.status).toBe(400);
    // The iframe posts from this service's own origin, saying so: it needs a solution too.
    const iframe = await reader.postJson('/subscribe', { ...valid, via: 'iframe' });
    expect((iframe.json as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['altcha']);
    await t.drain();
    expect(await stored()).toBe(before);

    const accepted = await reader.postJson(
      '/subscribe',
      { ...valid, articleUrl: `${ARTICLE}?utm_source=newsletter-box&ref=12`, altcha: solution },
      { origin: HOST },
    );
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('access-control-allow-origin')).toBe(HOST);
    const reused = await reader.postJson('/subscribe', { ...valid, email: 'second.try@example.com', altcha: solution }, { origin: HOST });
    expect(reused.status).toBe(400);
    expect((reused.json as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['altcha']);
    await t.drain();
    expect(await t.rows(`SELECT email FROM subscribers WHERE email IN ('embedded.reader@example.com', 'second.try@example.com')`)).toEqual([
      { email: 'embedded.reader@example.com' },
    ]);

    // The page went into the reader's consent evidence: normalised, utm_* apart, the rest dropped.
    const [evidence] = await t.rows<{ details: string }>(
      `SELECT e.details FROM consent_evidence e JOIN consent_events c ON c.id = e.event_id JOIN subscribers r ON r.id = c.subscriber_id WHERE c.event = 'subscribed' AND r.email = $1`,
      [valid.email],
    );
    expect(JSON.parse(evidence.details)).toMatchObject({ page: ARTICLE, via: 'script', utm: { utm_source: 'newsletter-box' } });
    expect(evidence.details).not.toContain('ref=12');
  });

  it('lets the allowed origins frame /embed, and nobody else', async () => {
    const frame = await fetch(`${t.url}/embed?newsletters=morning-call&article=${encodeURIComponent(ARTICLE)}`, { headers: { referer: `${ARTICLE}` } });
    expect(frame.status).toBe(200);
    expect(frame.headers.get('x-frame-options')).toBeNull();
    const policy = frame.headers.get('content-security-policy') ?? '';
    expect(
      policy
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d.startsWith('frame-ancestors')),
    ).toEqual([`frame-ancestors ${HOST} https://*.example.org`]);
    const html = await frame.text();
    expect(html).toContain(`data-parent-origin="${HOST}"`);
    expect(html).toContain('data-article-url="http://127.0.0.2:8090/politics/2026/12/the-piece"');
    // Framed from elsewhere, it tells nobody its height.
    expect(await (await fetch(`${t.url}/embed`, { headers: { referer: `${STRANGER}/x` } })).text()).not.toContain('data-parent-origin');
    // Every other page keeps its own framing rules.
    const own = await fetch(`${t.url}/`);
    expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(own.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");

    const script = await fetch(`${t.url}/embed.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Number(script.headers.get('content-length'))).toBeLessThan(12 * 1024);
    expect(script.headers.get('set-cookie')).toBeNull();
  });

  it('takes the no-JavaScript form from an allowed origin without our token, and refuses it from anywhere else', async () => {
    const form = { email: 'plain.form@example.com', newsletters: 'the-saturday-read', articleUrl: ARTICLE, website: '' };
    const stranger = await t.reader().postForm('/subscribe', form, { origin: STRANGER });
    expect(stranger.status).toBe(403);
    const noOrigin = await t.reader().postForm('/subscribe', form);
    expect(noOrigin.status).toBe(403);

    const page = await t.reader().postForm('/subscribe', form, { origin: HOST });
    expect(page.redirectedFrom[0]?.status).toBe(303);
    expect(page.text).toContain('Check your inbox');
    expect(linkIn(page.body, /Back to the article/)).toBe(ARTICLE);

    // A browser that sends no Origin but a Referer from the article is taken too.
    const byReferer = await t.reader().postForm('/subscribe', { ...form, email: 'by.referer@example.com' }, { referer: `${ARTICLE}?utm_medium=box` });
    expect(byReferer.text).toContain('Check your inbox');
    await t.drain();
    const [mail] = await t.smtp.waitFor('plain.form@example.com');
    expect(linkIn(String(mail.parsed.html), /\/confirm\?token=/)).toContain('/confirm?token=');
    expect(await t.rows(`SELECT page, via, signups FROM signup_sources WHERE via = 'form' ORDER BY page`)).toEqual([
      { page: ARTICLE, via: 'form', signups: 2 },
    ]);

    // The reader confirms; the counts credit the article, with the form's sign-ups apart, and name nobody.
    const reader = t.reader();
    const confirmPage = await reader.get(linkIn(String(mail.parsed.html), /\/confirm\?token=/));
    expect((await reader.submit(confirmPage)).text).toContain('You are subscribed');
    const sources = await editorApi(t).get('/api/signups/sources?since=7d');
    expect(sources.status).toBe(200);
    expect(sources.json.articles).toEqual([expect.objectContaining({ title: 'The piece', section: 'Politics', signups: 3, confirmations: 1 })]);
    expect(sources.json.ways).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ via: 'form', signups: 2, confirmations: 1, rate: 0.5 }),
        expect.objectContaining({ via: 'script', signups: 1, confirmations: 0 }),
      ]),
    );
    expect(sources.text).not.toMatch(/@example\.com/);
    const wrong = await editorApi(t).get('/api/signups/sources?since=tomorrow');
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors[0].field).toBe('since');
    expect((await editorApi(t, null).get('/api/signups/sources')).status).toBe(401);

    // Erasure takes the page out of the reader's evidence; the counts, which name nobody, stay.
    const [{ id }] = await t.rows<{ id: number }>(`SELECT id FROM subscribers WHERE email = 'plain.form@example.com'`);
    expect((await editorApi(t).delete(`/api/readers/${id}`)).status).toBe(200);
    expect(await t.rows(`SELECT e.details FROM consent_evidence e JOIN consent_events c ON c.id = e.event_id WHERE c.subscriber_id = $1`, [id])).toEqual([]);
    expect((await editorApi(t).get('/api/signups/sources?since=7d')).json.articles).toEqual([expect.objectContaining({ signups: 3, confirmations: 1 })]);

    // The "back" link goes to allowed sites only.
    const elsewhere = await t.reader().get(`/check-inbox?back=${encodeURIComponent(`${STRANGER}/phish`)}`);
    expect(elsewhere.body).not.toContain(STRANGER);
  });
});

describe('with EMBED_ORIGINS empty, nothing changes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: { EMBED_ORIGINS: '' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('serves no embed, answers no CORS and keeps the CSRF check', async () => {
    for (const path of ['/embed.js', '/embed', '/embed/form', '/embed/challenge']) expect((await fetch(`${t.url}${path}`)).status).toBe(404);
    const preflight = await fetch(`${t.url}/subscribe`, { method: 'OPTIONS', headers: { origin: HOST, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await t.reader().postForm('/subscribe', { email: 'x@example.com', newsletters: 'morning-call' }, { origin: HOST })).status).toBe(403);
    const json = await t.reader().postJson('/subscribe', valid, { origin: HOST });
    expect(json.status).toBe(202);
    expect(json.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('SIGNUP_CHALLENGE=on: the own page and the API need the proof of work too', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: { EMBED_ORIGINS: '', SIGNUP_CHALLENGE: 'on' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a sign-up without a solution, naming the field, and takes one with it', async () => {
    const reader = t.reader();
    const page = await reader.get('/');
    expect(page.dom.querySelector('form[data-newsletter-challenge]')).not.toBeNull();
    expect(page.dom.querySelector('script[src="/embed.js"]')).not.toBeNull();

    const refused = await reader.submit(page, { email: 'own.page@example.com', newsletters: ['morning-call'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('The anti-bot check did not run');
    const api = await t.reader().postJson('/subscribe', { email: 'own.api@example.com', newsletters: ['morning-call'] });
    expect(api.status).toBe(400);
    expect((api.json as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['altcha']);
    await t.drain();
    expect(await t.rows('SELECT email FROM subscribers')).toEqual([]);

    const taken = await reader.submit(refused, { email: 'own.page@example.com', newsletters: ['morning-call'], altcha: await solveChallenge(t.url) });
    expect(taken.text).toContain('Check your inbox');
    expect(
      (await t.reader().postJson('/subscribe', { email: 'own.api@example.com', newsletters: ['morning-call'], altcha: await solveChallenge(t.url) })).status,
    ).toBe(202);
    await t.drain();
    expect(await t.rows('SELECT email FROM subscribers ORDER BY email')).toEqual([{ email: 'own.api@example.com' }, { email: 'own.page@example.com' }]);
  });
});
