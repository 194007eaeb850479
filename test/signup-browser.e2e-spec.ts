import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { startApp, TestApp } from './support/app';
import { linkIn } from './support/reader';

// Debian's Chromium (`apt-get install -y chromium`); .ci/run installs it when it is missing.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the sign-up form in a real browser, with JavaScript off', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
    }
    t = await startApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false });
    return context.newPage();
  }

  /** Waits for the page whose main heading this is: a form post navigates. */
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 15_000 });

  const statuses = (email: string) =>
    t.rows<{ slug: string; status: string }>(
      `SELECT n.slug, s.status FROM subscriptions s
       JOIN newsletters n ON n.id = s.newsletter_id JOIN subscribers r ON r.id = s.subscriber_id
       WHERE r.email = $1 ORDER BY n.slug`,
      [email],
    );

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
    const confirm = linkIn(String(mail.parsed.html), /\/confirm\?token=/);
    await page.goto(confirm);
    await heading(page, 'Confirm your subscription');
    // Opening the link changed nothing: only the button confirms.
    expect(await statuses('browser.reader@example.com')).toEqual([{ slug: 'morning-call', status: 'pending' }]);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await heading(page, 'You are subscribed');
    expect(await statuses('browser.reader@example.com')).toEqual([{ slug: 'morning-call', status: 'active' }]);
  });

  it('shows each error beside its field, keeps what the reader typed, and stores nothing', async () => {
    const page = await newPage();
    const [before] = await t.rows<{ n: number }>(`SELECT count(*) AS n FROM subscribers`);
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
    // The message is the field's accessible description, so a screen reader reads it with the field.
    const emailError = await page.locator(`#${await email.getAttribute('aria-describedby')}`).textContent();
    expect(emailError).toMatch(/email address/i);
    const newsletters = page.locator('fieldset#newsletters');
    expect(await page.locator(`#${await newsletters.getAttribute('aria-describedby')}`).textContent()).toMatch(/newsletter/i);
    expect(await page.getByLabel('Job sector').inputValue()).toBe('communications');
    const [after] = await t.rows<{ n: number }>(`SELECT count(*) AS n FROM subscribers`);
    expect(Number(after.n)).toBe(Number(before.n));
    await t.drain();
    expect(t.smtp.received).toHaveLength(mailBefore);
  });
});
