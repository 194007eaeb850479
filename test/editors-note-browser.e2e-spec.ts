import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';
import { PublishingService } from '../src/publishing/publishing.service';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { insertArticles } from './support/editor';
import { createEditor, signInInBrowser } from './support/newsroom';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts', 'newsroom');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const EDITOR = 'note.browser@newstatesman.co.uk';

/**
 * The editor's note in Debian's Chromium: written on the compose page with its live preview and
 * count, checked in the preview frame (whose links open in a tab of their own), sent, and read in
 * the archive; and the rough edges of the walk a browser shows (the chart's table by keyboard,
 * the newsroom's own expired-form page, the archive's web version with no axe violation at all).
 */
describe("the editor's note in a real browser", () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
    t = await startApp();
    await seedAudience(t, 'morning-call', { active: 2 }, 'notebrowser');
    await insertArticles(t, [
      { url: 'https://www.newstatesman.com/politics/2026/12/the-budget', title: 'The Budget, line by line', standfirst: 'What changed and for whom.', section: 'Politics' },
      { url: 'https://www.newstatesman.com/culture/2026/12/winter-books', title: 'Winter books', standfirst: 'Ten to give.', section: 'Culture' },
    ]);
    await createEditor(t, EDITOR);
    await t.db.query(`UPDATE editors SET display_name = 'Jane Desk' WHERE email = $1`, [EDITOR]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** axe finds nothing serious or critical (with `every`: nothing at all) at desktop width and at 375 px; a screenshot of each. */
  async function audit(page: Page, name: string, every = false): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [size, viewport] of [['desktop', DESKTOP], ['375px', PHONE]] as const) {
      await page.setViewportSize(viewport);
      const results = await new AxeBuilder({ page }).analyze();
      const found = results.violations
        .filter((v) => every || v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect({ page: `${name} at ${size}`, found }).toEqual({ page: `${name} at ${size}`, found: [] });
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${size}.png`), fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
  }

  it('writes a note with a live preview and a count, previews it in the frame, and finds it in the mail and the archive', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signInInBrowser(t, page, EDITOR);

    // The dashboard's chart: its figures are a keyboard press away.
    await page.locator('figure[data-chart] canvas').first().waitFor();
    const toggle = page.getByRole('button', { name: 'Show the figures as a table' }).first();
    const figures = page.locator('figure[data-chart] .table-wrap').first();
    expect(await figures.isVisible()).toBe(false);
    await toggle.focus();
    for (let i = 0; i < 40 && !(await toggle.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)); i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await figures.waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Hide the table' }).first().getAttribute('aria-expanded')).toBe('true');
    await audit(page, 'note-dashboard-table');

    await page.goto(`${t.url}/newsroom/compose/morning-call`);
    await page.getByRole('heading', { level: 1, name: 'Compose Morning Call' }).waitFor();
    const note = page.getByLabel('Editor’s note');
    await note.fill('Good morning. The **Budget** landed badly: [our verdict](https://www.newstatesman.com/politics/2026/12/verdict).\n\n> Judge it next week.');
    // The count follows the typing, and the server's rendering of the note appears below it.
    await page.getByText(/^\d+ of 5000 characters$/).waitFor();
    expect(await page.locator('#note-count').textContent()).toBe(`${(await note.inputValue()).trim().length} of 5000 characters`);
    const rendered = page.locator('[data-note-rendered]');
    await rendered.locator('strong', { hasText: 'Budget' }).waitFor();
    expect(await rendered.locator('blockquote').textContent()).toContain('Judge it next week.');
    expect(await rendered.locator('a').getAttribute('href')).toBe('https://www.newstatesman.com/politics/2026/12/verdict');
    await note.pressSequentially(' <script>alert(1)</script>');
    await expectEventually(async () => (await rendered.textContent())!.includes('<script>alert(1)</script>'));
    expect(await rendered.locator('script').count()).toBe(0);
    await page.getByLabel('Sign the note “— Jane Desk”').check();
    await audit(page, 'note-compose');

    await page.getByRole('button', { name: 'Save and preview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preview' }).waitFor();
    await page.getByText('(from the lead article)').first().waitFor();
    const frame = page.frameLocator('iframe.preview');
    await frame.locator('.editor-note strong', { hasText: 'Budget' }).waitFor();
    await frame.getByText('— Jane Desk').waitFor();
    await audit(page, 'note-preview');
    await page.getByRole('link', { name: 'Phone, 375 px' }).click();
    await page.frameLocator('iframe.preview').locator('.editor-note').waitFor();
    await page.getByRole('link', { name: 'Plain text' }).click();
    await page.getByText('our verdict [1]').waitFor();
    await audit(page, 'note-preview-text');

    // A link in the frame opens in a tab of its own, leaving the preview where it was.
    await page.getByRole('link', { name: 'Desktop' }).click();
    const previewUrl = page.url();
    const [tab] = await Promise.all([context.waitForEvent('page'), page.frameLocator('iframe.preview').getByRole('link', { name: 'our verdict' }).click()]);
    expect(tab).toBeDefined();
    await tab.close();
    expect(page.url()).toBe(previewUrl);
    expect(await page.frameLocator('iframe.preview').locator('.editor-note').count()).toBe(1);

    // Send it, then read it in the archive, which passes axe at every level.
    const editionId = Number(/editions\/(\d+)\/preview/.exec(previewUrl)![1]);
    await page.goto(`${t.url}/newsroom/editions/${editionId}/send`);
    await page.getByRole('button', { name: /Send to 2 readers now/ }).click();
    await page.getByRole('status').getByText('Sent', { exact: true }).waitFor({ timeout: 60_000 });
    await page.goto(`${t.url}/archive/morning-call/${editionId}`);
    await page.getByRole('heading', { level: 1, name: /^Morning Call: / }).waitFor();
    await page.getByRole('main').locator('.editor-note').waitFor();
    await audit(page, 'note-archive-edition', true);

    // The Saturday Read's design too, pictures and partner piece included.
    const [pictured, partner] = await insertArticles(t, [
      { url: 'https://www.newstatesman.com/ideas/2026/12/long-read', title: 'The long read', standfirst: 'A long standfirst.', author: 'A Writer', section: 'Ideas' },
      { url: 'https://partner.example/offer', title: 'A partner’s offer', standfirst: 'Worth a look.', sponsored: true },
    ]);
    await t.db.query(`UPDATE articles SET image_url = 'https://images.example/long-read.jpg' WHERE id = $1`, [pictured]);
    const publishing = t.app.get(PublishingService);
    const saturday = await publishing.compose('the-saturday-read', { articleIds: [pictured, partner], note: { text: 'A note for *Saturday*.', signedBy: null } });
    await publishing.send(saturday.id);
    await page.goto(`${t.url}/archive/the-saturday-read/${saturday.id}`);
    await page.getByRole('main').locator('.editor-note em', { hasText: 'Saturday' }).waitFor();
    await audit(page, 'note-archive-saturday', true);
    await context.close();
  }, 300_000);

  it('an expired form in the newsroom leads back to it, inside the newsroom', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signInInBrowser(t, page, EDITOR);
    await page.goto(`${t.url}/newsroom/compose/morning-call`);
    await page.locator('form.compose input[name=_csrf]').evaluate((el) => ((el as unknown as { value: string }).value = 'expired'));
    await page.getByRole('button', { name: 'Save draft' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'This form has expired' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Newsroom' }).isVisible()).toBe(true);
    await audit(page, 'note-form-expired');
    await page.getByRole('link', { name: 'Go back to the form' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compose Morning Call' }).waitFor();
    await context.close();
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Still not true after waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
