import { startApp, TestApp } from './support/app';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { linkIn, Page, Reader } from './support/reader';

const EDITOR = 'readers.desk@newstatesman.test';

describe('the newsroom: readers', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let editor: Reader;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN } });
    api = editorApi(t);
    await createEditor(t, EDITOR);
    ({ editor } = await signIn(t, EDITOR));
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Signs up on the form and, unless told not to, confirms by the emailed link; the confirmation email. */
  async function signUp(email: string, newsletters: string[], jobSector: string, confirm = true) {
    const reader = t.reader();
    await reader.submit(await reader.get('/'), { email, newsletters, jobSector });
    const [mail] = await t.smtp.waitFor(email);
    if (confirm) await reader.submit(await reader.get(linkIn(String(mail.parsed.html), /Confirm my subscription/)));
    return { reader, mail };
  }

  const lookUp = (email: string) => editor.get(`/newsroom/readers?email=${encodeURIComponent(email)}`);
  const readerRow = (email: string) =>
    t.rows<{ id: number; suppressed_at: Date | null; suppression_reason: string | null }>(`SELECT id, suppressed_at, suppression_reason FROM subscribers WHERE email = $1`, [email]).then(
      (rows) => rows[0],
    );
  const actions = (subscriberId: number) =>
    t.rows<{ editor: string; action: string; reason: string }>(
      `SELECT e.email AS editor, a.action, a.reason FROM reader_actions a JOIN editors e ON e.id = a.editor_id WHERE a.subscriber_id = $1 ORDER BY a.id`,
      [subscriberId],
    );
  const cells = (page: Page, table: string) =>
    page.dom.querySelectorAll(`table.${table} tbody tr`).map((row) => row.querySelectorAll('th, td').map((cell) => cell.textContent.replace(/\s+/g, ' ').trim()));

  /** Sends an edition of Morning Call through the editor API and waits until it is sent. */
  async function sendMorningCall(title: string): Promise<void> {
    const [articleId] = await insertArticles(t, [{ url: `https://www.newstatesman.com/politics/${encodeURIComponent(title)}`, title }]);
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], subject: title });
    expect(composed.status).toBe(201);
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
    await api.waitForEdition(composed.json.id, ['sent']);
    await t.drain();
  }

  it('asks for a session, and offers a lookup by exact address only', async () => {
    const stranger = await t.reader().get('/newsroom/readers?email=anyone%40example.com');
    expect(stranger.url).toMatch(/\/newsroom\/sign-in\?next=/);
    expect(stranger.text).not.toContain('anyone@example.com');

    const page = await editor.get('/newsroom/readers');
    expect(page.status).toBe(200);
    expect(page.dom.querySelector('nav a[aria-current=page]')?.textContent).toBe('Readers');
    const form = page.dom.querySelector('form[role=search]')!;
    expect(form.getAttribute('method')).toBe('get');
    expect(page.dom.querySelector('label[for=email]')?.textContent).toBe("Reader's email address");
    // No list of readers to browse.
    expect(page.dom.querySelectorAll('table')).toHaveLength(0);
  });

  it("shows a reader's subscriptions, job sector and consent history with the notice they were shown", async () => {
    const email = 'lookup.reader@example.com';
    const { reader, mail } = await signUp(email, ['the-saturday-read', 'morning-call'], 'arts-and-culture');
    // The reader leaves The Saturday Read in the preference centre.
    const preferences = await reader.get(linkIn(String(mail.parsed.html), /Manage your newsletters/));
    await reader.submit(preferences, { newsletters: ['morning-call'], jobSector: 'arts-and-culture' }, { button: 'button[value=save]' });
    await signUp('pending.reader@example.com', ['the-saturday-read'], 'marketing', false);

    const page = await lookUp('  Lookup.Reader@Example.com ');
    expect(page.status).toBe(200);
    expect(page.dom.querySelector('#reader-title')?.textContent).toBe(email);
    expect(page.dom.querySelector('.reader-sector')?.textContent).toBe('Arts and Culture');
    expect(page.dom.querySelector('.reader-suppression')?.textContent).toBe('Not suppressed');
    expect(cells(page, 'reader-subscriptions').map(([newsletter, state]) => [newsletter, state])).toEqual([
      ['The Saturday Read', 'Unsubscribed'],
      ['Morning Call', 'Active'],
    ]);

    // Newest first: the change of preferences, the two confirmations, the two sign-ups.
    const history = cells(page, 'reader-consent').map(([, newsletter, event, source]) => [newsletter, event, source]);
    expect(history[0]).toEqual(['The Saturday Read', 'Changed preferences active → unsubscribed', `${t.url}/preferences`]);
    expect(history.slice(1, 3).map(([newsletter, event]) => `${newsletter}: ${event}`).sort()).toEqual(['Morning Call: Confirmed', 'The Saturday Read: Confirmed']);
    expect(history.slice(3)).toEqual([
      ['Morning Call', 'Signed up job sector: Arts and Culture', `${t.url}/`],
      ['The Saturday Read', 'Signed up job sector: Arts and Culture', `${t.url}/`],
    ]);
    // The exact notice, word for word, as notice_versions keeps it.
    const [notice] = await t.rows<{ prompt: string; privacy_notice: string }>(`SELECT prompt, privacy_notice FROM notice_versions WHERE version = 1`);
    // Beside each event, the prompt and a link to the notice; each notice once, in full and unfolded, below.
    const rows = page.dom.querySelectorAll('table.reader-consent tbody tr');
    expect(rows).toHaveLength(5);
    expect(page.dom.querySelectorAll('table.reader-consent details')).toHaveLength(0);
    for (const row of rows) {
      expect(row.querySelector('a[href="#notice-1"]')?.textContent).toBe('Version 1');
      expect(row.querySelector('.notice-prompt')?.textContent).toBe(notice.prompt);
    }
    const notices = page.dom.querySelectorAll('section.notice-version');
    expect(notices.map((n) => n.getAttribute('id'))).toEqual(['notice-1']);
    expect(notices[0].querySelector('.notice-prompt')?.textContent).toBe(notice.prompt);
    expect(notices[0].querySelector('.notice-text')?.textContent).toBe(notice.privacy_notice);
    expect(notices[0].closest('details')).toBeNull();

    const pending = await lookUp('pending.reader@example.com');
    expect(cells(pending, 'reader-subscriptions').map(([newsletter, state]) => [newsletter, state])).toEqual([['The Saturday Read', 'Awaiting confirmation']]);
    expect(pending.dom.querySelector('.reader-sector')?.textContent).toBe('Marketing');
  });

  it('finds nobody by part of an address, or by one it does not know', async () => {
    for (const partial of ['lookup.reader', 'example.com', 'lookup.reader@example', '%@example.com', 'nobody@example.com']) {
      const page = await lookUp(partial);
      expect(page.status).toBe(200);
      expect(page.text).toContain('No reader with that address');
      expect(page.dom.querySelector('#reader')).toBeNull();
    }
    const empty = await lookUp('  ');
    expect(empty.status).toBe(400);
    expect(empty.dom.querySelector('#email-error')?.textContent).toContain("Reader's email address");
  });

  it('suppresses a reader with a reason, records the editor, and leaves them out of the next edition', async () => {
    const suppressed = 'suppress.me@example.com';
    const kept = 'keep.me@example.com';
    await signUp(suppressed, ['morning-call'], 'communications');
    await signUp(kept, ['morning-call'], 'communications');
    const { id } = await readerRow(suppressed);

    const page = await lookUp(suppressed);
    const done = await editor.submit(page, { reason: 'Asked us by phone to stop all mail' }, { form: 'form[action$="/suppress"]' });
    expect(done.redirectedFrom[0]).toMatchObject({ status: 303, url: `${t.url}/newsroom/readers/${id}/suppress` });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Suppressed: this reader gets no edition');
    expect(done.dom.querySelector('.reader-suppression')?.textContent).toBe('Suppressed');
    expect(done.text).toContain('Asked us by phone to stop all mail');
    expect(cells(done, 'reader-actions').map(([, who, what, why]) => [who, what, why])).toEqual([[EDITOR, 'Suppressed', 'Asked us by phone to stop all mail']]);
    expect(await actions(id)).toEqual([{ editor: EDITOR, action: 'suppressed', reason: 'Asked us by phone to stop all mail' }]);
    expect(await readerRow(suppressed)).toMatchObject({ suppression_reason: 'Asked us by phone to stop all mail' });
    // The reader's own choices stand.
    const [subscription] = await t.rows<{ status: string }>(`SELECT s.status FROM subscriptions s WHERE s.subscriber_id = $1`, [id]);
    expect(subscription.status).toBe('active');

    await sendMorningCall('Why the suppressed reader hears nothing');
    expect(t.smtp.to(kept).map((m) => m.parsed.subject)).toContain('Why the suppressed reader hears nothing');
    expect(t.smtp.to(suppressed).map((m) => m.parsed.subject)).not.toContain('Why the suppressed reader hears nothing');
    expect(await t.rows(`SELECT 1 FROM deliveries WHERE subscriber_id = $1`, [id])).toEqual([]);
  });

  it('refuses an empty reason, naming the field, and changes nothing', async () => {
    const { id } = await readerRow('suppress.me@example.com');
    const before = await readerRow('suppress.me@example.com');
    const page = await lookUp('suppress.me@example.com');
    const refused = await editor.submit(page, { reason: '   ' }, { form: 'form[action$="/unsuppress"]' });
    expect(refused.status).toBe(400);
    expect(refused.dom.querySelector('#reason-error')?.textContent).toContain('Reason');
    expect(refused.dom.querySelector('#reason')?.getAttribute('aria-invalid')).toBe('true');
    expect(refused.dom.querySelector('.error-summary a[href="#reason"]')).not.toBeNull();
    expect(await readerRow('suppress.me@example.com')).toEqual(before);
    expect(await actions(id)).toHaveLength(1);

    const kept = await readerRow('keep.me@example.com');
    const none = await editor.submit(await lookUp('keep.me@example.com'), {}, { form: 'form[action$="/suppress"]' });
    expect(none.status).toBe(400);
    expect(none.dom.querySelector('#reason-error')).not.toBeNull();
    expect(await readerRow('keep.me@example.com')).toEqual(kept);
    expect(await actions(kept.id)).toEqual([]);
  });

  it('refuses a form without its CSRF token', async () => {
    const { id } = await readerRow('keep.me@example.com');
    const forged = await editor.postForm(`/newsroom/readers/${id}/suppress`, { reason: 'Forged from another site' });
    expect(forged.status).toBe(403);
    expect((await readerRow('keep.me@example.com')).suppressed_at).toBeNull();
    expect(await actions(id)).toEqual([]);
  });

  it('lifts a suppression with a reason, and the reader gets the next edition', async () => {
    const email = 'suppress.me@example.com';
    const { id } = await readerRow(email);
    const lifted = await editor.submit(await lookUp(email), { reason: 'They called back: it was a mistake' }, { form: 'form[action$="/unsuppress"]' });
    expect(lifted.status).toBe(200);
    expect(lifted.text).toContain('Suppression lifted');
    expect(lifted.dom.querySelector('.reader-suppression')?.textContent).toBe('Not suppressed');
    expect(cells(lifted, 'reader-actions').map(([, who, what, why]) => [who, what, why])).toEqual([
      [EDITOR, 'Lifted the suppression', 'They called back: it was a mistake'],
      [EDITOR, 'Suppressed', 'Asked us by phone to stop all mail'],
    ]);
    expect(await readerRow(email)).toMatchObject({ suppressed_at: null, suppression_reason: null });

    await sendMorningCall('Welcome back to Morning Call');
    expect(t.smtp.to(email).map((m) => m.parsed.subject)).toContain('Welcome back to Morning Call');
  });

  it('answers 404 for a reader who does not exist', async () => {
    const page = await editor.get('/newsroom/readers');
    const token = page.dom.querySelector('input[name=_csrf]')!.getAttribute('value')!;
    const missing = await editor.postForm('/newsroom/readers/999999/suppress', { _csrf: token, reason: 'No one' });
    expect(missing.status).toBe(404);
  });
});
