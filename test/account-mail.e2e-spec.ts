import { SignupService } from '../src/signup/signup.service';
import { startApp, TestApp } from './support/app';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { linkIn } from './support/reader';
import { ReceivedMail } from './support/smtp';

/** Digests' form (src/delivery/message-ids.ts): 26 characters of base32, at the From domain. */
const DIGEST_FORM = /^<[a-z2-7]{26}@newstatesman\.test>$/;

describe('account emails’ Message-IDs', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Bounces go to a domain of their own, as the README advises: Message-IDs must not follow them there.
    t = await startApp({ env: { EDITOR_TOKEN, BOUNCE_DOMAIN: 'bounces.newstatesman.test' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('are minted at the From domain in the digests’ form: confirmation, welcome, preferences link, sign-in link and test copy alike', async () => {
    const email = 'ids@example.com';
    expect((await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] })).status).toBe(202);
    const [confirmation] = await t.smtp.waitFor(email);
    const reader = t.reader();
    await reader.submit(await reader.get(linkIn(confirmation.parsed.html as string, /Confirm my subscription/)));
    // Active now: a second sign-up mails a link to the preference centre.
    expect((await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] })).status).toBe(202);
    // After Morning Call's welcome, in either order.
    const preferences = (await t.smtp.waitFor(email, 3)).find((mail) => mail.parsed.subject === 'Manage your New Statesman newsletters')!;
    expect(preferences).toBeDefined();
    const welcome = t.smtp.to(email).find((mail) => mail.parsed.subject === 'Welcome to Morning Call')!;

    await createEditor(t, 'ids-editor@newstatesman.test');
    await signIn(t, 'ids-editor@newstatesman.test');
    const [signInLink] = t.smtp.to('ids-editor@newstatesman.test');

    const api = editorApi(t);
    await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2026/12/ids', title: 'Who names a message' }]);
    const draft = await api.post('/api/newsletters/morning-call/editions', {});
    expect((await api.post(`/api/editions/${draft.json.id}/test`, { to: ['ids-test@example.com'] })).status).toBe(202);
    const [testCopy] = await t.smtp.waitFor('ids-test@example.com');

    const mails: ReceivedMail[] = [confirmation, welcome, preferences, signInLink, testCopy];
    // The envelope sender is at the bounce domain (VERP for the readers' mail); the Message-ID is not.
    expect(confirmation.from).toMatch(/^bounces\+[a-z2-7]{48}@bounces\.newstatesman\.test$/);
    for (const mail of mails) expect([mail.parsed.subject, mail.parsed.messageId]).toEqual([mail.parsed.subject, expect.stringMatching(DIGEST_FORM)]);
    expect(new Set(mails.map((mail) => mail.parsed.messageId)).size).toBe(mails.length);
  });

  it('fails for good an account email the relay refuses with a 5xx, marks the address undeliverable, and never queues it again', async () => {
    // 254 characters: a valid address, which this relay will not take.
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(email).toHaveLength(254);
    // The sink answers 501 to it (smtp-server itself refuses an address this long before asking the rule).
    t.smtp.rule = (address) => (address === email ? { code: 501, message: '5.1.3 Bad recipient address syntax' } : undefined);
    try {
      expect((await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] })).status).toBe(202);
      await t.drain();
      const [row] = await t.rows<{ failed: boolean; sent: boolean; last_error: string; suppression_reason: string | null }>(
        `SELECT a.failed_at IS NOT NULL AS failed, a.sent_at IS NOT NULL AS sent, a.last_error, r.suppression_reason
         FROM account_emails a JOIN subscribers r ON r.id = a.subscriber_id WHERE r.email = $1`,
        [email],
      );
      expect(row).toEqual({
        failed: true,
        sent: false,
        last_error: expect.stringContaining('SMTP 501'),
        suppression_reason: expect.stringContaining('SMTP 501'),
      });
      // The sweep that queues unsent account emails (every minute, and when Redis comes back) leaves it alone.
      expect(await t.app.get(SignupService).requeueUnfinished()).toEqual({ signups: 0, emails: 0 });
      // Signing up again sends nothing either: the address is undeliverable.
      expect((await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read'] })).status).toBe(202);
      await t.drain();
      expect(t.smtp.to(email)).toEqual([]);
      const emails = await t.rows<{ failed: boolean; skipped: boolean }>(
        `SELECT a.failed_at IS NOT NULL AS failed, a.skipped_at IS NOT NULL AS skipped FROM account_emails a JOIN subscribers r ON r.id = a.subscriber_id WHERE r.email = $1 ORDER BY a.id`,
        [email],
      );
      expect(emails).toEqual([
        { failed: true, skipped: false },
        { failed: false, skipped: true },
      ]);
    } finally {
      t.smtp.rule = () => undefined;
    }
  });
});
