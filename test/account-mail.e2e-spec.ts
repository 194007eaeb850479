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

  it('are minted at the From domain in the digests’ form: confirmation, preferences link, sign-in link and test copy alike', async () => {
    const email = 'ids@example.com';
    expect((await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] })).status).toBe(202);
    const [confirmation] = await t.smtp.waitFor(email);
    const reader = t.reader();
    await reader.submit(await reader.get(linkIn(confirmation.parsed.html as string, /Confirm my subscription/)));
    // Active now: a second sign-up mails a link to the preference centre.
    expect((await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] })).status).toBe(202);
    const [, preferences] = await t.smtp.waitFor(email, 2);
    expect(preferences.parsed.subject).toBe('Manage your New Statesman newsletters');

    await createEditor(t, 'ids-editor@newstatesman.test');
    await signIn(t, 'ids-editor@newstatesman.test');
    const [signInLink] = t.smtp.to('ids-editor@newstatesman.test');

    const api = editorApi(t);
    await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2026/12/ids', title: 'Who names a message' }]);
    const draft = await api.post('/api/newsletters/morning-call/editions', {});
    expect((await api.post(`/api/editions/${draft.json.id}/test`, { to: ['ids-test@example.com'] })).status).toBe(202);
    const [testCopy] = await t.smtp.waitFor('ids-test@example.com');

    const mails: ReceivedMail[] = [confirmation, preferences, signInLink, testCopy];
    // The envelope sender is at the bounce domain (VERP for the readers' mail); the Message-ID is not.
    expect(confirmation.from).toMatch(/^bounces\+[a-z2-7]{31}@bounces\.newstatesman\.test$/);
    for (const mail of mails) expect([mail.parsed.subject, mail.parsed.messageId]).toEqual([mail.parsed.subject, expect.stringMatching(DIGEST_FORM)]);
    expect(new Set(mails.map((mail) => mail.parsed.messageId)).size).toBe(mails.length);
  });
});
