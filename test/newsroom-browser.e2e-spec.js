"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const playwright_1 = __importDefault(require("@axe-core/playwright"));
const playwright_core_1 = require("playwright-core");
const app_1 = require("./support/app");
const audience_1 = require("./support/audience");
const feed_server_1 = require("./support/feed-server");
const newsroom_1 = require("./support/newsroom");
const reader_1 = require("./support/reader");
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = (0, node_path_1.join)(__dirname, 'artifacts', 'newsroom');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
describe('the newsroom in a real browser', () => {
    let t;
    let feed;
    let browser;
    const audited = new Set();
    beforeAll(async () => {
        if (!(0, node_fs_1.existsSync)(CHROMIUM))
            throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
        feed = await new feed_server_1.FeedServer().start();
        t = await (0, app_1.startApp)({ env: { FEED_URLS: feed.feedUrl } });
        await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: 6 }, 'saturday');
        await (0, audience_1.seedAudience)(t, 'morning-call', { active: 4 }, 'morning');
        browser = await playwright_core_1.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    });
    afterAll(async () => {
        await browser?.close();
        await t?.close();
        await feed?.close();
    });
    async function newContext(javaScriptEnabled) {
        return browser.newContext({ javaScriptEnabled, viewport: DESKTOP });
    }
    async function audit(page, name) {
        (0, node_fs_1.mkdirSync)(ARTIFACTS, { recursive: true });
        for (const [size, viewport] of [['desktop', DESKTOP], ['375px', PHONE]]) {
            await page.setViewportSize(viewport);
            const results = await new playwright_1.default({ page }).analyze();
            const serious = results.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
            expect({ page: `${name} at ${size}`, serious }).toEqual({ page: `${name} at ${size}`, serious: [] });
            await page.screenshot({ path: (0, node_path_1.join)(ARTIFACTS, `${name}-${size}.png`), fullPage: true });
        }
        await page.setViewportSize(DESKTOP);
        audited.add(name);
    }
    const heading = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 15_000 });
    it("an editor's whole morning, with JavaScript on", async () => {
        const editor = 'morning.editor@newstatesman.co.uk';
        await (0, newsroom_1.createEditor)(t, editor);
        const context = await newContext(true);
        const page = await context.newPage();
        await page.goto(`${t.url}/newsroom`);
        await heading(page, 'Sign in to the newsroom');
        await audit(page, 'sign-in');
        await (0, newsroom_1.signInInBrowser)(t, page, editor);
        await page.locator('figure[data-chart] canvas').first().waitFor();
        await audit(page, 'dashboard');
        await page.getByRole('link', { name: 'Articles', exact: true }).click();
        await heading(page, 'Articles');
        feed.publish();
        await page.getByRole('button', { name: 'Import feeds now' }).click();
        await page.getByRole('heading', { name: 'Feed import' }).waitFor();
        await expectText(page, '8 new, 0 updated');
        await audit(page, 'articles');
        await page.getByRole('link', { name: 'Dashboard' }).click();
        await page.getByRole('link', { name: 'Compose an edition of The Saturday Read' }).click();
        await heading(page, 'Compose The Saturday Read');
        await audit(page, 'compose');
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
        await page.getByRole('button', { name: `Move up: ${ticked[0]}` }).click();
        await expectText(page, 'Draft saved.');
        expect((await chosen(page)).slice(0, 2)).toEqual([ticked[0], ticked[1]]);
        expect(await page.getByLabel('Subject').inputValue()).toBe('The Saturday Read: Belarus, Beijing and the war');
        await audit(page, 'edit');
        const editUrl = page.url();
        const editionId = Number(/editions\/(\d+)\/edit/.exec(editUrl)[1]);
        await page.getByRole('link', { name: 'Preview the edition' }).click();
        await heading(page, 'Preview');
        const frame = page.frameLocator('iframe.preview');
        const picture = frame.locator(`img[src^="${feed.url}/images/"]`).first();
        await picture.waitFor();
        await expectEventually(() => picture.evaluate((img) => img.complete && img.naturalWidth > 0));
        expect([...feed.imageHits.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        await audit(page, 'preview');
        await page.getByRole('link', { name: 'Phone, 375 px' }).click();
        expect(await page.locator('iframe.preview').evaluate((el) => el.clientWidth)).toBeLessThanOrEqual(375);
        await page.getByRole('link', { name: 'Plain text' }).click();
        await expectText(page, 'Why Alexander Lukashenko’s trip to China matters');
        await audit(page, 'preview-text');
        await page.goto(editUrl);
        const before = t.smtp.to(editor).length;
        await page.getByRole('button', { name: 'Send a test' }).click();
        await expectText(page, `A test copy is on its way to ${editor}`);
        const tests = await t.smtp.waitFor(editor, before + 1);
        const testCopy = tests[tests.length - 1];
        expect(testCopy.parsed.subject).toBe('[Test] The Saturday Read: Belarus, Beijing and the war');
        await page.goto((0, reader_1.linkIn)(String(testCopy.parsed.html), /\/preferences\?token=/));
        await heading(page, 'This is a preview/test copy');
        await audit(page, 'preview-copy-link');
        await page.goto(editUrl);
        await page.getByRole('link', { name: 'Send this edition…' }).click();
        await heading(page, 'Send this edition?');
        await expectText(page, '6 active readers');
        await audit(page, 'send-confirm');
        await page.getByRole('button', { name: 'Send to 6 readers now' }).click();
        await heading(page, 'The Saturday Read: Belarus, Beijing and the war');
        await page.evaluate(() => (globalThis.stayedOnPage = true));
        await page.getByRole('status').getByText('Sent', { exact: true }).waitFor({ timeout: 60_000 });
        expect(await page.evaluate(() => globalThis.stayedOnPage)).toBe(true);
        expect(await page.locator('[data-field=sent]').textContent()).toBe('6');
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
        await page.goto(`${t.url}/archive`);
        await audit(page, 'archive');
        await page.getByRole('link', { name: /The Saturday Read/ }).first().click();
        await page.getByRole('link', { name: 'The Saturday Read: Belarus, Beijing and the war' }).waitFor();
        await audit(page, 'archive-newsletter');
        const [readerCopy] = await t.smtp.waitFor('saturday-active-0@example.com', 1);
        await page.goto((0, reader_1.linkIn)(String(readerCopy.parsed.html), /View in browser/));
        expect(await page.title()).toContain('The Saturday Read: Belarus, Beijing and the war');
        expect(new URL(page.url()).pathname).toBe(`/archive/the-saturday-read/${editionId}`);
        await expectText(page, 'Why Alexander Lukashenko’s trip to China matters');
        await audit(page, 'archive-edition');
        await context.close();
    }, 480_000);
    it('a send watched with JavaScript off: the progress page reloads itself until it says Sent', async () => {
        const editor = 'night.editor@newstatesman.co.uk';
        await (0, newsroom_1.createEditor)(t, editor);
        const context = await newContext(false);
        const page = await context.newPage();
        await (0, newsroom_1.signInInBrowser)(t, page, editor);
        await page.goto(`${t.url}/newsroom/compose/morning-call`);
        await heading(page, 'Compose Morning Call');
        await page.getByRole('button', { name: 'Save draft' }).last().click();
        await heading(page, 'Edit the draft');
        await page.getByRole('link', { name: 'Send this edition…' }).click();
        await expectText(page, '4 active readers');
        await page.getByRole('button', { name: 'Send to 4 readers now' }).click();
        await page.getByRole('status').getByText('Sent', { exact: true }).waitFor({ timeout: 60_000 });
        expect(await page.locator('[data-field=sent]').textContent()).toBe('4');
        const looking = await newContext(true);
        await looking.addCookies(await context.cookies());
        const same = await looking.newPage();
        await same.goto(page.url());
        await audit(same, 'progress-no-javascript');
        await looking.close();
        await context.close();
    });
    it('the reader pages and the sign-in pages pass axe at both widths', async () => {
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
        await page.goto((0, reader_1.linkIn)(String(confirmation.parsed.html), /\/confirm\?token=/));
        await audit(page, 'reader-confirm');
        await page.getByRole('button', { name: 'Confirm' }).click();
        await page.getByRole('heading', { level: 1 }).waitFor();
        await audit(page, 'reader-confirmed');
        await page.getByRole('link', { name: 'Manage your newsletters' }).click();
        await page.getByRole('button', { name: 'Save preferences' }).waitFor();
        await audit(page, 'reader-preferences');
        const preferences = page.url();
        await page.getByRole('link', { name: 'Download my data' }).click();
        await heading(page, 'Your data');
        await audit(page, 'reader-data');
        await page.goto(preferences);
        await page.getByRole('link', { name: 'Delete my data' }).click();
        await heading(page, 'Delete your data?');
        await audit(page, 'reader-delete');
        await page.goto(preferences);
        await page.getByRole('button', { name: 'Unsubscribe from everything' }).click();
        await page.getByRole('heading', { level: 1 }).waitFor();
        await audit(page, 'reader-unsubscribed');
        const [edition] = await t.smtp.waitFor('saturday-active-1@example.com', 1);
        await page.goto((0, reader_1.linkIn)(String(edition.parsed.html), /\/unsubscribe\?token=/));
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
    });
    it('every newsroom page was looked at', () => {
        for (const name of ['sign-in', 'dashboard', 'articles', 'compose', 'edit', 'preview', 'send-confirm', 'progress', 'report', 'editions', 'schedules', 'readers', 'archive', 'archive-edition']) {
            expect(audited).toContain(name);
        }
    });
});
async function chosen(page) {
    return page.locator('.choices li:has(input[name=articles]:checked) label').allTextContents();
}
async function expectText(page, text) {
    await page.getByText(text, { exact: false }).first().waitFor({ timeout: 15_000 });
}
async function expectEventually(check, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline)
            throw new Error('Still not true after waiting');
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
//# sourceMappingURL=newsroom-browser.e2e-spec.js.map