import type { Page as BrowserPage } from 'playwright-core';
import type { EditorRole } from '../../src/editors/editor-roles';
import { EditorsService } from '../../src/editors/editors.service';
import type { TestApp } from './app';
import { linkIn, Page, Reader } from './reader';

/** An editor the test makes (as `npm run cli -- editor:create [--role]` would); their API token. */
export async function createEditor(t: TestApp, email: string, role: EditorRole = 'admin'): Promise<string> {
  return (await t.app.get(EditorsService).create(email, role)).token;
}

/** The sign-in link the newsroom emailed to `email` most recently. */
export async function signInLink(t: TestApp, email: string): Promise<string> {
  const mails = await t.smtp.waitFor(email, 1);
  const latest = mails[mails.length - 1];
  return linkIn(String(latest.parsed.html), /\/newsroom\/sign-in\/confirm\?token=/);
}

/**
 * Signs an editor in as a browser without JavaScript would: the form, the emailed link, its
 * button. Returns the Reader (a cookie jar) holding the session, and the dashboard page.
 */
export async function signIn(t: TestApp, email: string): Promise<{ editor: Reader; dashboard: Page }> {
  const editor = t.reader();
  const form = await editor.get('/newsroom/sign-in');
  const before = t.smtp.to(email).length;
  await editor.submit(form, { email });
  await t.smtp.waitFor(email, before + 1);
  const confirm = await editor.get(await signInLink(t, email));
  const dashboard = await editor.submit(confirm);
  return { editor, dashboard };
}

/** The same in a real browser page: by label and button, as an editor would. */
export async function signInInBrowser(t: TestApp, page: BrowserPage, email: string): Promise<void> {
  await page.goto(`${t.url}/newsroom/sign-in`);
  const before = t.smtp.to(email).length;
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
  await t.smtp.waitFor(email, before + 1);
  await page.goto(await signInLink(t, email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

