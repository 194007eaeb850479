import { startApp, TestApp } from './support/app';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { linkIn, Reader } from './support/reader';
import { ReceivedMail } from './support/smtp';

const EDITOR = 'welcome.desk@newstatesman.test';
const PARAGRAPH = 'Written by *Andrew Marr* before dawn. Reply to tell us what you think.\n\n<script>alert(1)</script> [Not a link](javascript:alert(1))';

describe('the welcome email', () => {
  let t: TestApp;
  let editor: Reader;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN } });
    await createEditor(t, EDITOR);
    ({ editor } = await signIn(t, EDITOR));
  });

  afterAll(async () => {
    await t?.close();
  });

  const welcomeText = async (slug: string) => (await t.rows<{ welcome_text: string }>(`SELECT welcome_text FROM newsletters WHERE slug = $1`, [slug]))[0].welcome_text;

  async function signUpAndConfirm(email: string, newsletters: string[], mailsBefore = 0): Promise<Reader> {
    const reader = t.reader();
    await reader.submit(await reader.get('/'), { email, newsletters });
    const mails = await t.smtp.waitFor(email, mailsBefore + 1);
    const confirmed = await reader.submit(await reader.get(linkIn(String(mails[mailsBefore].parsed.html), /Confirm my subscription/)));
    expect(confirmed.text).toContain('You are subscribed');
    return reader;
  }

  const welcomes = (email: string): ReceivedMail[] => t.smtp.to(email).filter((mail) => /^Welcome to /.test(String(mail.parsed.subject)));

  it("lets an editor write a newsletter's welcome paragraph in Markdown, previewed before it is saved, and sanitised", async () => {
    const schedules = await editor.get('/newsroom/schedules');
    const settings = await editor.get(linkIn(schedules.body, /Welcome email of Morning Call/));
    expect(settings.status).toBe(200);
    expect(settings.dom.querySelector('h1')?.textContent).toBe('Morning Call: settings');

    const preview = await editor.submit(settings, { welcomeText: PARAGRAPH }, { form: 'form[action$="/welcome"]', button: 'button[value=preview]' });
    expect(preview.status).toBe(200);
    expect(preview.dom.querySelector('.welcome-preview em')?.textContent).toBe('Andrew Marr');
    expect(preview.dom.querySelector('.welcome-preview script')).toBeNull();
    // markdown-it refuses the link: its words stay as text, and there is no link at all.
    expect(preview.dom.querySelectorAll('.welcome-preview a')).toHaveLength(0);
    expect(preview.dom.querySelector('textarea')?.textContent).toBe(PARAGRAPH.replace(/</g, '<'));
    expect(await welcomeText('morning-call')).toBe('');

    const tooLong = await editor.submit(settings, { welcomeText: 'x'.repeat(2001) }, { form: 'form[action$="/welcome"]', button: 'button[value=save]' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.dom.querySelector('#welcome-text-error')?.textContent).toContain('at most 2,000 characters');
    expect(await welcomeText('morning-call')).toBe('');

    const saved = await editor.submit(settings, { welcomeText: PARAGRAPH }, { form: 'form[action$="/welcome"]', button: 'button[value=save]' });
    expect(saved.status).toBe(200);
    expect(saved.dom.querySelector('.flash')?.textContent).toContain('Saved');
    expect(await welcomeText('morning-call')).toBe(PARAGRAPH);
    // Without a session, nothing.
    expect((await t.reader().get('/newsroom/newsletters/morning-call')).url).toContain('/newsroom/sign-in');
  });

  it('welcomes a reader to each newsletter they confirm, once: what it is, when it comes, the latest edition, and their links', async () => {
    const api = editorApi(t);
    const [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2026/12/welcome', title: 'The morning after' }]);
    const edition = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], subject: 'Morning Call: the morning after' });
    expect((await api.post(`/api/editions/${edition.json.id}/send`)).status).toBe(202);
    await api.waitForEdition(edition.json.id, ['sent']);

    const email = 'welcome.reader@example.com';
    const reader = await signUpAndConfirm(email, ['morning-call', 'the-saturday-read']);
    await t.smtp.waitFor(email, 3);
    await t.drain();
    expect(welcomes(email).map((mail) => mail.parsed.subject).sort()).toEqual(['Welcome to Morning Call', 'Welcome to The Saturday Read']);

    const [morning] = welcomes(email).filter((mail) => mail.parsed.subject === 'Welcome to Morning Call');
    const html = String(morning.parsed.html);
    const text = String(morning.parsed.text);
    expect(text).toContain("The New Statesman's quick and essential guide to the news and politics of the day.");
    expect(text).toContain('It comes weekday mornings at 6, UK time.');
    expect(text).toContain('Written by *Andrew Marr* before dawn.');
    expect(html).toContain('<em>Andrew Marr</em>');
    expect(html).not.toMatch(/<script|href="javascript:/);
    expect(morning.header('list-unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=/);

    // The latest edition, in the public archive.
    const latest = await t.reader().get(linkIn(html, /Read the latest edition/));
    expect(latest.status).toBe(200);
    expect(latest.text).toContain('The morning after');
    const archive = await t.reader().get(linkIn(html, /archive/));
    expect(archive.status).toBe(200);
    // The Saturday Read has no edition yet: no such button, the archive instead.
    const [saturday] = welcomes(email).filter((mail) => mail.parsed.subject === 'Welcome to The Saturday Read');
    expect(() => linkIn(String(saturday.parsed.html), /Read the latest edition/)).toThrow();
    expect(String(saturday.parsed.text)).toContain('It comes Saturday mornings at 7, UK time.');

    // Manage: the reader's preference centre. Unsubscribe: this newsletter only.
    const centre = await reader.get(linkIn(html, /Manage your newsletters/));
    expect(centre.status).toBe(200);
    expect(centre.text).toContain(email);
    const unsubscribe = await reader.get(linkIn(html, /^unsubscribe$/i));
    expect(unsubscribe.text).toContain('Morning Call');
    expect((await reader.submit(unsubscribe)).text).toContain('You have unsubscribed');
    const statuses = await t.rows<{ slug: string; status: string }>(
      `SELECT n.slug, s.status FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id JOIN newsletters n ON n.id = s.newsletter_id WHERE r.email = $1 ORDER BY n.slug`,
      [email],
    );
    expect(statuses).toEqual([
      { slug: 'morning-call', status: 'unsubscribed' },
      { slug: 'the-saturday-read', status: 'active' },
    ]);
  });

  it('sends no second welcome on a re-subscribe within 30 days, and one after', async () => {
    const email = 'welcome.again@example.com';
    const reader = await signUpAndConfirm(email, ['morning-call']);
    await t.smtp.waitFor(email, 2);
    await t.drain();
    expect(welcomes(email)).toHaveLength(1);
    const leave = async () => {
      const [mail] = welcomes(email);
      await reader.submit(await reader.get(linkIn(String(mail.parsed.html), /^unsubscribe$/i)));
    };

    await leave();
    await signUpAndConfirm(email, ['morning-call'], 2);
    await t.drain();
    expect(t.smtp.to(email)).toHaveLength(3);
    expect(welcomes(email)).toHaveLength(1);

    // A month on, leaving and coming back is welcomed again.
    await t.rows(`UPDATE account_emails SET created_at = created_at - interval '31 days' WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = $1)`, [email]);
    await leave();
    await signUpAndConfirm(email, ['morning-call'], 3);
    await t.smtp.waitFor(email, 5);
    await t.drain();
    expect(welcomes(email)).toHaveLength(2);
  });
});
