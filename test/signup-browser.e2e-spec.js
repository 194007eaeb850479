"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const playwright_core_1 = require("playwright-core");
const app_1 = require("./support/app");
const reader_1 = require("./support/reader");
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = (0, node_path_1.join)(__dirname, 'artifacts');
describe('the sign-up form in a real browser, with JavaScript off', () => {
    let t;
    let browser;
    beforeAll(async () => {
        if (!(0, node_fs_1.existsSync)(CHROMIUM)) {
            throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
        }
        t = await (0, app_1.startApp)();
        browser = await playwright_core_1.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    });
    afterAll(async () => {
        await browser?.close();
        await t?.close();
    });
    async function newPage() {
        const context = await browser.newContext({ javaScriptEnabled: false });
        return context.newPage();
    }
    async function screenshot(page, name) {
        (0, node_fs_1.mkdirSync)(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: (0, node_path_1.join)(ARTIFACTS, `${name}.png`), fullPage: true });
    }
    const heading = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 15_000 });
    const statuses = (email) => t.rows(`SELECT n.slug, s.status FROM subscriptions s
       JOIN newsletters n ON n.id = s.newsletter_id JOIN subscribers r ON r.id = s.subscriber_id
       WHERE r.email = $1 ORDER BY n.slug`, [email]);
    it('signs a reader up by label, and the emailed link confirms with the button', async () => {
        const page = await newPage();
        await page.goto(`${t.url}/`);
        await page.getByLabel('Email address').fill('browser.reader@example.com');
        await page.getByLabel('Morning Call').check();
        await page.getByLabel('Job sector').selectOption({ label: 'Arts and Culture' });
        await page.getByRole('button', { name: 'Sign up' }).click();
        await heading(page, 'Check your inbox');
        expect(await statuses('browser.reader@example.com')).toEqual([{ slug: 'morning-call', status: 'pending' }]);
        const [mail] = await t.smtp.waitFor('browser.reader@example.com');
        const confirm = (0, reader_1.linkIn)(String(mail.parsed.html), /\/confirm\?token=/);
        await page.goto(confirm);
        await heading(page, 'Confirm your subscription');
        expect(await statuses('browser.reader@example.com')).toEqual([{ slug: 'morning-call', status: 'pending' }]);
        await page.getByRole('button', { name: 'Confirm' }).click();
        await heading(page, 'You are subscribed');
        expect(await statuses('browser.reader@example.com')).toEqual([{ slug: 'morning-call', status: 'active' }]);
        await page.goto(`${t.url}/`);
        await page.getByLabel('Email address').fill('reload.reader@example.com');
        await page.getByLabel('The Saturday Read').check();
        await page.getByRole('button', { name: 'Sign up' }).click();
        await heading(page, 'Check your inbox');
        await t.smtp.waitFor('reload.reader@example.com');
        await page.reload();
        await heading(page, 'Check your inbox');
        expect(await page.getByText('reload.reader@example.com').count()).toBe(1);
        await t.drain();
        expect(t.smtp.to('reload.reader@example.com')).toHaveLength(1);
    });
    it('shows the preference centre in the brand red, its two buttons apart at desktop and phone widths', async () => {
        const [mail] = await t.smtp.waitFor('browser.reader@example.com');
        const preferences = (0, reader_1.linkIn)(String(mail.parsed.html), /\/preferences\?token=/);
        for (const [name, width] of [['desktop', 1280], ['375px', 375]]) {
            const page = await newPage();
            await page.setViewportSize({ width, height: 900 });
            await page.goto(preferences);
            await heading(page, 'Your newsletters');
            const accent = await page.getByLabel('Morning Call').evaluate((box) => globalThis.getComputedStyle(box).accentColor);
            expect(accent).toBe('rgb(200, 16, 46)');
            const save = (await page.getByRole('button', { name: 'Save preferences' }).boundingBox());
            const leave = (await page.getByRole('button', { name: 'Unsubscribe from everything' }).boundingBox());
            expect(Math.abs(save.height - leave.height)).toBeLessThan(1);
            const apart = leave.y >= save.y + save.height ? leave.y - (save.y + save.height) : leave.x - (save.x + save.width);
            expect(apart).toBeGreaterThanOrEqual(8);
            if (width === 375)
                expect(leave.y).toBeGreaterThan(save.y);
            await screenshot(page, `preferences-${name}`);
        }
    });
    it('shows each error beside its field, keeps what the reader typed, and stores nothing', async () => {
        const page = await newPage();
        const [before] = await t.rows(`SELECT count(*) AS n FROM subscribers`);
        await t.drain();
        const mailBefore = t.smtp.received.length;
        await page.goto(`${t.url}/`);
        await page.getByLabel('Email address').fill('not-an-address');
        await page.getByLabel('Job sector').selectOption({ label: 'Communications' });
        await page.getByRole('button', { name: 'Sign up' }).click();
        await page.getByRole('alert').waitFor({ timeout: 15_000 });
        expect(await page.getByRole('alert').textContent()).toContain('There is a problem');
        const email = page.getByLabel('Email address');
        expect(await email.inputValue()).toBe('not-an-address');
        expect(await email.getAttribute('aria-invalid')).toBe('true');
        const emailError = await page.locator(`#${await email.getAttribute('aria-describedby')}`).textContent();
        expect(emailError).toMatch(/email address/i);
        const newsletters = page.locator('fieldset#newsletters');
        expect(await page.locator(`#${await newsletters.getAttribute('aria-describedby')}`).textContent()).toMatch(/newsletter/i);
        expect(await page.getByLabel('Job sector').inputValue()).toBe('communications');
        const [after] = await t.rows(`SELECT count(*) AS n FROM subscribers`);
        expect(Number(after.n)).toBe(Number(before.n));
        await t.drain();
        expect(t.smtp.received).toHaveLength(mailBefore);
    });
});
//# sourceMappingURL=signup-browser.e2e-spec.js.map