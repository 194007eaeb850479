import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { FeedServer } from './support/feed-server';
import { insertArticles } from './support/editor';
import { createEditor, signInInBrowser } from './support/newsroom';
import { linkIn } from './support/reader';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts', 'newsroom');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

/**
 * The newsroom in Debian's Chromium: an editor's whole morning with JavaScript on, a send
 * watched with it off, and axe-core and screenshots (desktop and 375 px) of every page an
 * editor, a reader or a visitor to the archive sees.
 */
describe('the newsroom in a real browser', () => {
  let t: TestApp;
  let feed: FeedServer;
  let browser: Browser;
  const audited = new Set<string>();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
    feed = await new FeedServer().start();
    t = await startApp({ env: { FEED_URLS: feed.feedUrl } });
    await seedAudience(t, 'the-saturday-read', { active: 6 }, 'saturday');
    await seedAudience(t, 'morning-call', { active: 4 }, 'morning');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await feed?.close();
  });

  async function newContext(javaScriptEnabled: boolean): Promise<BrowserContext> {
    // The feed's pictures come over https with a self-signed certificate (FeedServer).
    return browser.newContext({ javaScriptEnabled, viewport: DESKTOP, ignoreHTTPSErrors: true });
  }

  /**
   * axe-core finds no serious or critical violation on the page as it is now, at desktop width
   * and at 375 px, and a full-page screenshot of each is written for a reviewer.
   */
  async function audit(page: Page, name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [size, viewport] of [['desktop', DESKTOP], ['375px', PHONE]] as const) {
      await page.setViewportSize(viewport);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect({ page: `${name} at ${size}`, serious }).toEqual({ page: `${name} at ${size}`, serious: [] });
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${size}.png`), fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
    audited.add(name);
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 15_000 });

  it("an editor's whole morning, with JavaScript on", async () => {
    const editor = 'morning.editor@newstatesman.co.uk';
    await createEditor(t, editor);
    const context = await newContext(true);
    const page = await context.newPage();

    await page.goto(`${t.url}/newsroom`);
    await heading(page, 'Sign in to the newsroom');
    await audit(page, 'sign-in');
    await signInInBrowser(t, page, editor);
    // The chart library, served from node_modules, draws each newsletter's last 30 days.
    await page.locator('figure[data-chart] canvas').first().waitFor();
    await audit(page, 'dashboard');

    // Import the sample feed.
    await page.getByRole('link', { name: 'Articles', exact: true }).click();
    await heading(page, 'Articles');
    feed.publish();
    await page.getByRole('button', { name: 'Import feeds now' }).click();
    await page.getByRole('heading', { name: 'Feed import' }).waitFor();
    await expectText(page, '8 new, 0 updated');
    await audit(page, 'articles');

    // Compose, reorder two articles, save.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('link', { name: 'Compose an edition of The Saturday Read' }).click();
    await heading(page, 'Compose The Saturday Read');
    await audit(page, 'compose');
    // The audience's size follows the ticks (none of these readers gave a sector).
    const count = page.locator('[data-audience-count]');
    expect(await count.textContent()).toBe('6 readers');
    await page.getByLabel('Only readers in these job sectors:').check();
    await expectEventually(async () => (await count.textContent()) === '0 readers');
    await page.getByLabel('Every active reader of The Saturday Read (6)').check();
    await expectEventually(async () => (await count.textContent()) === '6 readers');
    const ticked = await chosen(page);
    expect(ticked.length).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: `Move up: ${ticked[1]}` }).click();
    await heading(page, 'Edit the draft');
    await expectText(page, 'Draft saved.');
    expect((await chosen(page)).slice(0, 2)).toEqual([ticked[1], ticked[0]]);
    await page.getByLabel('Subject').fill('The Saturday Read: Belarus, Beijing and the war');
    await page.getByRole('button', { name: 'Save draft' }).last().click();
    await expectText(page, 'Draft saved.');
    // The picture's article leads (it is the newest); put it back on top with its button.
    await page.getByRole('button', { name: `Move up: ${ticked[0]}` }).click();
    await expectText(page, 'Draft saved.');
    expect((await chosen(page)).slice(0, 2)).toEqual([ticked[0], ticked[1]]);
    expect(await page.getByLabel('Subject').inputValue()).toBe('The Saturday Read: Belarus, Beijing and the war');
    await audit(page, 'edit');
    const editUrl = page.url();
    const editionId = Number(/editions\/(\d+)\/edit/.exec(editUrl)![1]);

    // Preview: the article's picture, served over https from a loopback server, has loaded in the frame.
    await page.getByRole('link', { name: 'Preview the edition' }).click();
    await heading(page, 'Preview');
    const frame = page.frameLocator('iframe.preview');
    const picture = frame.locator(`img[src^="${feed.imagesUrl}/images/"]`).first();
    await picture.waitFor();
    await expectEventually(() => picture.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0));
    expect([...feed.imageHits.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await audit(page, 'preview');
    await page.getByRole('link', { name: 'Phone, 375 px' }).click();
    expect(await page.locator('iframe.preview').evaluate((el: { clientWidth: number }) => el.clientWidth)).toBeLessThanOrEqual(375);
    await page.getByRole('link', { name: 'Plain text' }).click();
    await expectText(page, 'Why Alexander Lukashenko’s trip to China matters');
    await audit(page, 'preview-text');

    // A test send to the editor's own address arrives, and its links say it is a test copy.
    await page.goto(editUrl);
    const before = t.smtp.to(editor).length;
    await page.getByRole('button', { name: 'Send a test' }).click();
    await expectText(page, `A test copy is on its way to ${editor}`);
    const tests = await t.smtp.waitFor(editor, before + 1);
    const testCopy = tests[tests.length - 1];
    expect(testCopy.parsed.subject).toBe('[Test] The Saturday Read: Belarus, Beijing and the war');
    await page.goto(linkIn(String(testCopy.parsed.html), /\/preferences\?token=/));
    await heading(page, 'This is a preview/test copy');
    await audit(page, 'preview-copy-link');

    // Send, and watch it go out without the page reloading.
    await page.goto(editUrl);
    await page.getByRole('link', { name: 'Send this edition…' }).click();
    await heading(page, 'Send this edition?');
    await expectText(page, '6 active readers');
    await audit(page, 'send-confirm');
    await page.getByRole('button', { name: 'Send to 6 readers now' }).click();
    await heading(page, 'The Saturday Read: Belarus, Beijing and the war');
    await page.evaluate(() => ((globalThis as { stayedOnPage?: boolean }).stayedOnPage = true));
    await page.getByRole('status').getByText('Sent', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (globalThis as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
    expect(await page.locator('[data-field=sent]').textContent()).toBe('6');
    // Once it is over there is nothing left to pause or cancel.
    expect(await page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(false);
    await audit(page, 'progress');
    await page.getByRole('link', { name: 'See the report' }).click();
    await heading(page, 'The Saturday Read: Belarus, Beijing and the war');
    await expectText(page, 'Failures by SMTP reply');
    await audit(page, 'report');

    await page.getByRole('link', { name: 'Editions', exact: true }).first().click();
    await heading(page, 'Editions');
    await audit(page, 'editions');
    await page.getByRole('link', { name: 'Schedules' }).click();
    await heading(page, /Schedule/);
    await audit(page, 'schedules');
    await page.getByRole('link', { name: 'Readers' }).click();
    await heading(page, /Readers/);
    await page.getByLabel(/email address/i).fill('saturday-active-0@example.com');
    await page.getByRole('button', { name: /Look up|Find/ }).click();
    await expectText(page, 'saturday-active-0@example.com');
    await audit(page, 'readers');
    await page.getByRole('link', { name: 'Import readers from a CSV file' }).click();
    await heading(page, 'Import readers');
    await audit(page, 'readers-import');
    await page.goBack();

    // The edition is in the archive, and a reader's "View in browser" opens it.
    await page.goto(`${t.url}/archive`);
    await audit(page, 'archive');
    await page.getByRole('link', { name: /The Saturday Read/ }).first().click();
    await page.getByRole('link', { name: 'The Saturday Read: Belarus, Beijing and the war' }).waitFor();
    await audit(page, 'archive-newsletter');
    const [readerCopy] = await t.smtp.waitFor('saturday-active-0@example.com', 1);
    await page.goto(linkIn(String(readerCopy.parsed.html), /View in browser/));
    expect(await page.title()).toContain('The Saturday Read: Belarus, Beijing and the war');
    expect(new URL(page.url()).pathname).toBe(`/archive/the-saturday-read/${editionId}`);
    await expectText(page, 'Why Alexander Lukashenko’s trip to China matters');
    await audit(page, 'archive-edition');
    await context.close();
    // A whole morning: some thirty pages, each checked by axe and photographed at two widths.
  }, 480_000);

  it('a send watched with JavaScript off: the progress page reloads itself until it says Sent', async () => {
    const editor = 'night.editor@newstatesman.co.uk';
    await createEditor(t, editor);
    const context = await newContext(false);
    const page = await context.newPage();
    await signInInBrowser(t, page, editor);
    await page.goto(`${t.url}/newsroom/compose/morning-call`);
    await heading(page, 'Compose Morning Call');
    await page.getByRole('button', { name: 'Save draft' }).last().click();
    await heading(page, 'Edit the draft');
    await page.getByRole('link', { name: 'Send this edition…' }).click();
    await expectText(page, '4 active readers');
    await page.getByRole('button', { name: 'Send to 4 readers now' }).click();
    await page.getByRole('status').getByText('Sent', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-field=sent]').textContent()).toBe('4');
    // axe runs in the page, so it looks at the same page in a context that runs scripts.
    const looking = await newContext(true);
    await looking.addCookies(await context.cookies());
    const same = await looking.newPage();
    await same.goto(page.url());
    await audit(same, 'progress-no-javascript');
    await looking.close();
    await context.close();
  });

  it('the reader pages and the sign-in pages pass axe at both widths', async () => {
    // These pages have no scripts of their own; axe needs the browser to run its own.
    const context = await newContext(true);
    const page = await context.newPage();
    await page.goto(`${t.url}/`);
    await audit(page, 'reader-signup');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('alert').waitFor();
    await audit(page, 'reader-signup-errors');
    const email = 'axe.reader@example.com';
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('The Saturday Read').check();
    await page.getByLabel('Job sector').selectOption({ index: 3 });
    await page.getByRole('button', { name: 'Sign up' }).click();
    await heading(page, 'Check your inbox');
    await audit(page, 'reader-check-inbox');
    const [confirmation] = await t.smtp.waitFor(email, 1);
    await page.goto(linkIn(String(confirmation.parsed.html), /\/confirm\?token=/));
    await audit(page, 'reader-confirm');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await audit(page, 'reader-confirmed');
    await page.getByRole('link', { name: 'Manage your newsletters' }).click();
    await page.getByRole('button', { name: 'Save preferences' }).waitFor();
    await audit(page, 'reader-preferences');
    const preferences = page.url();
    // The data and its erasure are behind links emailed to the reader.
    await page.getByRole('link', { name: 'Download my data' }).click();
    await heading(page, 'Download your data');
    await audit(page, 'reader-data-request');
    await page.getByRole('button', { name: 'Email me the link' }).click();
    await heading(page, 'Check your inbox');
    const dataMail = (await t.smtp.waitFor(email, 3)).find((mail) => mail.parsed.subject === 'Your data from New Statesman newsletters')!;
    await page.goto(linkIn(String(dataMail.parsed.html), /\/my-data\?token=/));
    await heading(page, 'Your data');
    await audit(page, 'reader-data');
    await page.goto(preferences);
    await page.getByRole('link', { name: 'Delete my data' }).click();
    await page.getByRole('button', { name: 'Email me the link' }).click();
    await heading(page, 'Check your inbox');
    const erasureMail = (await t.smtp.waitFor(email, 4)).find((mail) => /delete your data/.test(String(mail.parsed.subject)))!;
    await page.goto(linkIn(String(erasureMail.parsed.html), /\/my-data\/delete\?token=/));
    await heading(page, 'Delete your data?');
    await audit(page, 'reader-delete');
    await page.goto(preferences);
    await page.getByRole('button', { name: 'Unsubscribe from everything' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await audit(page, 'reader-unsubscribed');
    // A reader of the morning's edition follows its unsubscribe link.
    const [edition] = await t.smtp.waitFor('saturday-active-1@example.com', 1);
    await page.goto(linkIn(String(edition.parsed.html), /\/unsubscribe\?token=/));
    await page.getByRole('button', { name: 'Unsubscribe' }).waitFor();
    await audit(page, 'reader-unsubscribe');
    await page.goto(`${t.url}/unsubscribe?token=forged`);
    await audit(page, 'reader-invalid-link');

    await page.goto(`${t.url}/newsroom/sign-in`);
    await page.getByLabel('Email address').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await heading(page, 'Check your inbox');
    await audit(page, 'sign-in-sent');
    await page.goto(`${t.url}/newsroom/sign-in/confirm?token=${'x'.repeat(43)}`);
    await audit(page, 'sign-in-link-used');
    await context.close();
    // Room for a loaded machine: the data links are emailed, so two more pages are audited at two widths.
  }, 240_000);

  it('a team: an admin invites a writer, who tests only to their own address and cannot reach send, readers or the team; an editor sends; the audit log names each step', async () => {
    const admin = 'team.admin@newstatesman.co.uk';
    const sender = 'team.editor@newstatesman.co.uk';
    const writer = 'team.writer@newstatesman.co.uk';
    await createEditor(t, admin, 'admin');
    await createEditor(t, sender, 'editor');
    await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2026/12/a-team-that-writes', title: 'A team that writes' }]);

    const adminContext = await newContext(true);
    const page = await adminContext.newPage();
    await signInInBrowser(t, page, admin);
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    await heading(page, 'Team');
    await page.getByLabel('Email address').fill(writer);
    await page.getByLabel(/^Display name \(optional/).fill('Wren Writer');
    await page.getByLabel('Writer', { exact: true }).check();
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expectText(page, 'Invitation sent.');
    await audit(page, 'team');

    // The writer accepts by signing in with the invitation's link.
    const writerContext = await newContext(true);
    const w = await writerContext.newPage();
    const [invitation] = await t.smtp.waitFor(writer, 1);
    await w.goto(linkIn(String(invitation.parsed.html), /\/newsroom\/sign-in\/confirm\?token=/));
    await w.getByRole('button', { name: 'Sign in' }).click();
    await heading(w, 'Dashboard');
    for (const name of ['Readers', 'Team', 'Audit log', 'Queues']) expect(await w.getByRole('link', { name, exact: true }).count()).toBe(0);
    // Something new to compose from: the file's earlier tests used the articles there were.
    await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2026/12/a-writers-first-draft', title: 'A writer’s first draft' }]);
    await w.getByRole('link', { name: 'Compose an edition of Morning Call' }).click();
    await heading(w, 'Compose Morning Call');
    await w.getByRole('button', { name: 'Save draft' }).last().click();
    await heading(w, 'Edit the draft');
    const editUrl = w.url();
    const editionId = Number(/editions\/(\d+)\/edit/.exec(editUrl)![1]);
    expect(await w.getByRole('link', { name: 'Send this edition…' }).count()).toBe(0);
    // A test to anyone else is refused; to their own address it goes.
    await w.getByLabel('Send a test copy to').fill('a.friend@example.com');
    await w.getByRole('button', { name: 'Send a test' }).click();
    await expectText(w, 'your own address only');
    await w.getByLabel('Send a test copy to').fill('');
    await w.getByRole('button', { name: 'Send a test' }).click();
    await expectText(w, `A test copy is on its way to ${writer}`);
    await t.smtp.waitFor(writer, 2);
    expect(t.smtp.to('a.friend@example.com')).toHaveLength(0);
    // What the page hides, the server refuses.
    for (const path of [`/newsroom/editions/${editionId}/send`, '/newsroom/readers', '/newsroom/team', '/newsroom/audit']) {
      const response = await w.goto(`${t.url}${path}`);
      expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
    }
    await w.goto(editUrl);
    const csrf = (await w.locator('input[name=_csrf]').first().getAttribute('value')) ?? '';
    const posted = await w.evaluate(
      async ([id, token]) =>
        (await fetch(`/newsroom/editions/${id}/send`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}` })).status,
      [String(editionId), csrf] as const,
    );
    expect(posted).toBe(403);
    await writerContext.close();

    // An editor sends it.
    const editorContext = await newContext(true);
    const e = await editorContext.newPage();
    await signInInBrowser(t, e, sender);
    await e.goto(editUrl);
    await e.getByRole('link', { name: 'Send this edition…' }).click();
    await heading(e, 'Send this edition?');
    await e.getByRole('button', { name: /^Send to \d+ readers now$/ }).click();
    await e.getByRole('status').getByText('Sent', { exact: true }).waitFor({ timeout: 60_000 });
    await e.getByRole('link', { name: 'See the report' }).click();
    await expectText(e, `sent by ${sender}`);
    await editorContext.close();

    // The admin's audit log has each step, with its author.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await heading(page, 'Audit log');
    const steps = async () =>
      page.locator('table.audit tbody tr').evaluateAll((rows) =>
        rows.map((row) => `${row.getAttribute('data-action')} by ${row.querySelector('.audit-who')?.textContent?.trim()}`),
      );
    const log = await steps();
    for (const step of [`team.invite by ${admin}`, 'sign-in by Wren Writer', 'edition.create by Wren Writer', 'edition.test by Wren Writer', `sign-in by ${sender}`, `edition.send by ${sender}`]) {
      expect(log).toContain(step);
    }
    await audit(page, 'audit');
    await page.getByLabel('Action').selectOption('edition.send');
    await page.getByRole('button', { name: 'Filter' }).click();
    // Only sends are left (this file's earlier tests sent editions too), the writer's among none.
    const sends = await steps();
    expect(sends).toContain(`edition.send by ${sender}`);
    expect(sends.every((step) => step.startsWith('edition.send by '))).toBe(true);
    expect(sends.some((step) => step.includes('Wren Writer'))).toBe(false);
    await adminContext.close();
  }, 480_000);

  it("a writer names themselves on their account page, reached from the navigation; the page passes axe at both widths", async () => {
    const writer = 'account.writer@newstatesman.co.uk';
    await createEditor(t, writer, 'writer');
    const context = await newContext(true);
    const page = await context.newPage();
    await signInInBrowser(t, page, writer);
    await page.getByRole('link', { name: 'Your account', exact: true }).click();
    await heading(page, 'Your account');
    await audit(page, 'account');
    // A refusal names the field, beside it and in the summary.
    // The field stops at 100 characters; a client that sends more is refused by the server.
    await page.getByLabel('Your name', { exact: true }).evaluate((input: { removeAttribute(name: string): void }) => input.removeAttribute('maxlength'));
    await page.getByLabel('Your name', { exact: true }).fill('x'.repeat(101));
    await page.getByRole('button', { name: 'Save your name' }).click();
    await page.getByRole('alert').waitFor();
    await expectText(page, 'A display name has at most 100 characters');
    await audit(page, 'account-error');
    await page.getByLabel('Your name', { exact: true }).fill('Ada Account');
    await page.getByRole('button', { name: 'Save your name' }).click();
    await expectText(page, 'Your name is saved.');
    expect(await page.locator('.newsroom-nav .who').textContent()).toBe('Ada Account');
    await context.close();
  });

  it('every newsroom page was looked at', () => {
    for (const name of ['sign-in', 'dashboard', 'articles', 'compose', 'edit', 'preview', 'send-confirm', 'progress', 'report', 'editions', 'schedules', 'readers', 'archive', 'archive-edition', 'account']) {
      expect(audited).toContain(name);
    }
  });
});

/** The names of the ticked articles on the compose page, in their order. */
async function chosen(page: Page): Promise<string[]> {
  return page.locator('.choices li:has(input[name=articles]:checked) label').allTextContents();
}

async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 15_000 });
}

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Still not true after waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
