import { mkdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { NewsroomRecruits } from '../src/newsroom/recruits-page';
import { startApp, TestApp } from './support/app';
import { ADMIN_DATABASE_URL } from './support/database';
import { FaultProxy } from './support/fault-proxy';
import { insertArticles } from './support/editor';
import { createEditor, signInInBrowser } from './support/newsroom';
import { linkIn } from './support/reader';
import { freePort } from './support/services';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

/** The value once it satisfies `done` (polled, as the page changes), or the last one after 15 s. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The magazine's article pages, on an origin of their own: the box by script, by iframe, and as a plain form. */
class HostSite {
  private server?: Server;
  origin = '';

  constructor(private readonly address: string) {}

  /** On `port` when the service had to know the origin before it started. */
  async start(snippets: { script: string; iframe: string; form: string }, port?: number): Promise<this> {
    port ??= await freePort();
    this.origin = `http://${this.address}:${port}`;
    const page = (path: string, title: string, box: string) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | The magazine</title><link rel="canonical" href="${this.origin}${path}">
<style>body { margin: 0; font-family: Georgia, serif; } header { background: #111; color: #fff; padding: 1rem; } main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
  .newsletter-box { --newsletter-signup-brand: #00558c; --newsletter-signup-font: Arial, Helvetica, sans-serif; --newsletter-signup-background: #f4f1ea; }</style>
</head><body><header><p>The magazine</p></header><main><article><h1>${title}</h1>
<p>The week in politics, read closely. The paragraphs of the piece come first; the box comes after them, as it does under every article.</p>
<aside class="newsletter-box" aria-label="Newsletters">${box}</aside></article></main></body></html>`;
    const pages: Record<string, string> = {
      '/politics/the-piece': page('/politics/the-piece', 'The piece', snippets.script),
      '/politics/the-framed-piece': page('/politics/the-framed-piece', 'The framed piece', snippets.iframe),
      '/politics/the-plain-piece': page(
        '/politics/the-plain-piece',
        'The plain piece',
        snippets.form.replace('ARTICLE URL HERE', `${this.origin}/politics/the-plain-piece`),
      ),
    };
    this.server = createServer((req, res) => {
      const body = pages[(req.url ?? '').split('?')[0]];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'Not found');
    });
    await new Promise<void>((resolve) => this.server!.listen(port, this.address, resolve));
    expect((this.server.address() as AddressInfo).port).toBe(port);
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('the sign-up box on an article page of another site, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const host = new HostSite('127.0.0.2');
  const stranger = new HostSite('127.0.0.3');
  let postgres: FaultProxy;

  beforeAll(async () => {
    // The host's origin is in EMBED_ORIGINS, so its port is chosen before the service starts.
    const hostPort = await freePort();
    // PostgreSQL through a proxy the 503 test cuts.
    postgres = await FaultProxy.forUrl(ADMIN_DATABASE_URL).start();
    t = await startApp({ env: { EMBED_ORIGINS: `http://127.0.0.2:${hostPort}` }, databaseUrl: (url) => postgres.url(url) });
    // The snippets exactly as the newsroom's "Sign-up forms" page gives them.
    const snippets = (await t.app.get(NewsroomRecruits).forms(['morning-call', 'the-saturday-read'], true)).snippets;
    await host.start(snippets, hostPort);
    await stranger.start(snippets);
    await insertArticles(t, [{ url: `${host.origin}/politics/the-piece`, title: 'The piece', section: 'Politics' }]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await host.stop();
    await stranger.stop();
    await t?.close();
    await postgres?.stop();
  });

  async function context(javaScriptEnabled: boolean): Promise<BrowserContext> {
    return browser.newContext({ javaScriptEnabled, viewport: DESKTOP });
  }

  const statuses = (email: string) =>
    t.rows<{ slug: string; status: string }>(
      `SELECT n.slug, s.status FROM subscriptions s JOIN newsletters n ON n.id = s.newsletter_id JOIN subscribers r ON r.id = s.subscriber_id WHERE r.email = $1 ORDER BY n.slug`,
      [email],
    );

  async function noSeriousViolations(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect({ page: page.url(), serious }).toEqual({ page: page.url(), serious: [] });
  }

  async function confirmByMail(page: Page, email: string): Promise<void> {
    const [mail] = await t.smtp.waitFor(email);
    await page.goto(linkIn(String(mail.parsed.html), /\/confirm\?token=/));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { level: 1, name: 'You are subscribed' }).waitFor({ timeout: 15_000 });
  }

  it('signs a reader up through the script on the article, accessibly, and the emailed link confirms', async () => {
    const page = await (await context(true)).newPage();
    await page.goto(`${host.origin}/politics/the-piece?utm_source=homepage&session=abc`);
    const box = page.locator('[data-newsletter-signup]');
    await box.getByLabel('Email address').waitFor({ timeout: 15_000 });

    // axe on the box as it sits in the host page, and the look a reviewer checks, at both widths.
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['375', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      const results = await new AxeBuilder({ page }).include('[data-newsletter-signup]').analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `embed-${name}.png`), fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
    // The host page's brand colour reached the button through the custom property.
    expect(
      await box
        .getByRole('button', { name: 'Sign up' })
        .evaluate((b) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(b).backgroundColor),
    ).toBe('rgb(0, 85, 140)');

    // An error is tied to its field, and focus goes to it.
    await box.getByLabel('Morning Call').check();
    await box.getByLabel('Email address').fill('not an address');
    await box.getByRole('button', { name: 'Sign up' }).click();
    const email = box.getByLabel('Email address');
    expect(
      await until(
        () => email.getAttribute('aria-invalid'),
        (v) => v === 'true',
      ),
    ).toBe('true');
    const described = (await email.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${described.split(' ').pop()}"]`).textContent()).toMatch(/valid email address/i);
    expect(await email.evaluate((e) => e === (e as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);

    await email.fill('script.reader@example.com');
    await box.getByLabel('Job sector').selectOption({ label: 'Arts and Culture' });
    await box.getByRole('button', { name: 'Sign up' }).click();
    const result = box.getByRole('heading', { name: 'Check your inbox' });
    await result.waitFor({ timeout: 15_000 });
    expect(await result.evaluate((e) => e === (e as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
    expect(await box.textContent()).toContain('script.reader@example.com');

    await t.drain();
    expect(await statuses('script.reader@example.com')).toEqual([{ slug: 'morning-call', status: 'pending' }]);
    await confirmByMail(page, 'script.reader@example.com');
    expect(await statuses('script.reader@example.com')).toEqual([{ slug: 'morning-call', status: 'active' }]);
  });

  it('signs a reader up through the iframe, which resizes itself on the host page', async () => {
    const page = await (await context(true)).newPage();
    await page.goto(`${host.origin}/politics/the-framed-piece`);
    const frameElement = page.locator('iframe#newsletter-signup');
    const frame = page.frameLocator('iframe#newsletter-signup');
    await frame.getByLabel('Email address').waitFor({ timeout: 15_000 });
    expect(
      await until(
        () => frameElement.evaluate((f) => (f as { style: { height: string } }).style.height),
        (h) => /^\d+px$/.test(h),
      ),
    ).toMatch(/^\d+px$/);

    // axe in the frame, as the host page shows it.
    await noSeriousViolations(page);
    await frame.getByLabel('The Saturday Read').check();
    await frame.getByLabel('Email address').fill('frame.reader@example.com');
    await frame.getByRole('button', { name: 'Sign up' }).click();
    await frame.getByRole('heading', { name: 'Check your inbox' }).waitFor({ timeout: 15_000 });
    await t.drain();
    await confirmByMail(page, 'frame.reader@example.com');
    expect(await statuses('frame.reader@example.com')).toEqual([{ slug: 'the-saturday-read', status: 'active' }]);
  });

  it('signs a reader up with JavaScript off, and the page after links back to the article', async () => {
    const page = await (await context(false)).newPage();
    const article = `${host.origin}/politics/the-plain-piece`;
    await page.goto(article);
    await page.getByLabel('Morning Call').check();
    await page.getByLabel('Email address').fill('plain.reader@example.com');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor({ timeout: 15_000 });
    expect(page.url()).toContain(`${t.url}/check-inbox`);
    expect(await page.getByRole('link', { name: 'Back to the article' }).getAttribute('href')).toBe(article);
    await t.drain();
    await confirmByMail(page, 'plain.reader@example.com');
    expect(await statuses('plain.reader@example.com')).toEqual([{ slug: 'morning-call', status: 'active' }]);
  });

  it("credits the article on the newsroom's recruits page and the dashboard, with the plain form apart", async () => {
    await createEditor(t, 'recruits.editor@newstatesman.co.uk');
    const page = await (await context(true)).newPage();
    await signInInBrowser(t, page, 'recruits.editor@newstatesman.co.uk');
    const top = page.locator('section', { has: page.getByRole('heading', { name: 'Articles that recruited most readers this week' }) });
    expect(await top.getByRole('row', { name: /The piece/ }).textContent()).toMatch(/The piece\s*1\s*1\s*100%/);

    await page.getByRole('link', { name: 'Recruits' }).click();
    await page.getByRole('heading', { level: 1, name: 'Which articles recruit readers' }).waitFor();
    await page.getByRole('link', { name: 'Last 7 days' }).click();
    const byArticle = page.locator('h2#by-article + .table-wrap');
    expect(await byArticle.getByRole('row', { name: /The piece/ }).textContent()).toMatch(/The piece\s*\(Politics\)\s*1\s*1\s*100%/);
    const byWay = page.locator('h2#by-way ~ .table-wrap');
    expect(await byWay.getByRole('row', { name: /without JavaScript/ }).textContent()).toMatch(/1\s*1\s*100%/);
    expect(await byWay.getByRole('row', { name: /iframe/ }).textContent()).toMatch(/1\s*1\s*100%/);
    // Counts only: no reader's address on the page.
    expect(await page.content()).not.toMatch(/reader@example\.com/);
    await noSeriousViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-recruits.png'), fullPage: true });

    await page.getByRole('link', { name: 'Sign-up forms' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign-up forms' }).waitFor();
    expect(await page.getByLabel(/^Script/).inputValue()).toContain(`${t.url}/embed.js`);
    expect(await page.getByLabel(/^iframe/).inputValue()).toContain(`${t.url}/embed`);
    expect(await page.getByLabel(/^Form without JavaScript/).inputValue()).toContain(`action="${t.url}/subscribe"`);
    await page.locator('[data-newsletter-signup]').getByLabel('Email address').waitFor({ timeout: 15_000 });
    await noSeriousViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-signup-forms.png'), fullPage: true });
  });

  it('refuses the box on a site not in EMBED_ORIGINS: no CORS answer, the frame blocked, the form post 403', async () => {
    const page = await (await context(true)).newPage();
    await page.goto(`${stranger.origin}/politics/the-piece`);
    await page.getByText('The newsletter sign-up box could not be loaded').waitFor({ timeout: 15_000 });
    const answer = await page.evaluate(
      (url) =>
        fetch(`${url}/subscribe`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'x@example.com', newsletters: ['morning-call'] }),
        }).then(
          (r) => `answered ${r.status}`,
          (e: Error) => `refused: ${e.name}`,
        ),
      t.url,
    );
    expect(answer).toBe('refused: TypeError');

    await page.goto(`${stranger.origin}/politics/the-framed-piece`, { waitUntil: 'load' });
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed).toBeDefined();
    expect(await framed!.locator('input[type=email]').count()).toBe(0);

    const plain = await (await context(false)).newPage();
    await plain.goto(`${stranger.origin}/politics/the-plain-piece`);
    await plain.getByLabel('Morning Call').check();
    await plain.getByLabel('Email address').fill('stranger.reader@example.com');
    const [response] = await Promise.all([plain.waitForResponse(`${t.url}/subscribe`), plain.getByRole('button', { name: 'Sign up' }).click()]);
    expect(response.status()).toBe(403);
    await t.drain();
    expect(await statuses('stranger.reader@example.com')).toEqual([]);
  });

  it('says so in words when the service cannot store sign-ups (503), and stores nothing', async () => {
    const page = await (await context(true)).newPage();
    await page.goto(`${host.origin}/politics/the-piece`);
    const box = page.locator('[data-newsletter-signup]');
    await box.getByLabel('Email address').waitFor({ timeout: 15_000 });
    await box.getByLabel('Morning Call').check();
    await box.getByLabel('Email address').fill('outage.reader@example.com');
    postgres.outage(60_000);
    try {
      const answered = page.waitForResponse(`${t.url}/subscribe`);
      await box.getByRole('button', { name: 'Sign up' }).click();
      expect((await answered).status()).toBe(503);
      await box.getByRole('alert').waitFor({ timeout: 15_000 });
      expect(await box.getByRole('alert').textContent()).toBe('Signing up is not available just now. Please try again in a few minutes.');
    } finally {
      await postgres.restore();
    }
    await t.drain();
    expect(await statuses('outage.reader@example.com')).toEqual([]);
  });

  // Last: it uses up this browser's sign-ups for the minute (SIGNUP_RATE_LIMIT).
  it('says so in words when the service answers 429', async () => {
    const page = await (await context(true)).newPage();
    await page.goto(`${host.origin}/politics/the-piece`);
    const box = page.locator('[data-newsletter-signup]');
    await box.getByLabel('Email address').waitFor({ timeout: 15_000 });
    await box.getByLabel('Email address').fill('not an address');
    const alert = box.locator('.nsl-alert');
    for (let attempt = 0; attempt < 15 && !/Too many/.test((await alert.textContent()) ?? ''); attempt += 1) {
      const answered = page.waitForResponse(`${t.url}/subscribe`);
      await box.getByRole('button', { name: 'Sign up' }).click();
      await answered;
      await box.getByRole('button', { name: 'Sign up' }).waitFor({ timeout: 15_000 });
    }
    expect(await box.getByRole('alert').textContent()).toBe('Too many sign-ups from your connection just now. Please wait a minute and try again.');
    expect(await alert.evaluate((e) => e === (e as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
  });
});
