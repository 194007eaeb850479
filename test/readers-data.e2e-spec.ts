import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { REDIS } from '../src/queue/redis-connection';
import { RedisWatch } from '../src/queue/redis-watch';
import { JOBS, QUEUES } from '../src/queue/queues';
import { ReadersDataService } from '../src/readers-data/readers-data.service';
import { ErasedAddresses } from '../src/readers/erased-addresses';
import { startApp, TestApp } from './support/app';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { linkIn, Page, Reader } from './support/reader';

const EDITOR = 'data.desk@newstatesman.test';
const BOOTSTRAP_EDITOR = 'bootstrap@editor.invalid';

describe("readers' data: export, erasure and retention", () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let editor: Reader;
  let erasedAddresses: ErasedAddresses;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN, DELIVERY_RETRY_DELAY_MS: '50' } });
    api = editorApi(t);
    erasedAddresses = t.app.get(ErasedAddresses);
    await createEditor(t, EDITOR);
    ({ editor } = await signIn(t, EDITOR));
  });

  afterAll(async () => {
    await t?.close();
  });

  const subscriberOf = async (email: string) =>
    (await t.rows<{ id: number; email: string; job_sector_id: number | null; erased_at: Date | null }>(`SELECT id, email, job_sector_id, erased_at FROM subscribers WHERE email = $1`, [email]))[0];
  const subscriberById = async (id: number) =>
    (await t.rows<{ email: string; job_sector_id: number | null; erased_at: Date | null; suppression_reason: string | null }>(
      `SELECT email, job_sector_id, erased_at, suppression_reason FROM subscribers WHERE id = $1`,
      [id],
    ))[0];
  const ledgerIds = async (subscriberId: number) => (await t.rows<{ id: number }>(`SELECT id FROM consent_events WHERE subscriber_id = $1 ORDER BY id`, [subscriberId])).map((r) => r.id);
  const evidenceCount = async (subscriberId: number) =>
    (await t.rows<{ n: number }>(`SELECT count(*)::int AS n FROM consent_evidence e JOIN consent_events c ON c.id = e.event_id WHERE c.subscriber_id = $1`, [subscriberId]))[0].n;
  const actions = (subscriberId: number) =>
    t.rows<{ editor: string | null; action: string; reason: string | null }>(
      `SELECT e.email AS editor, a.action, a.reason FROM reader_actions a LEFT JOIN editors e ON e.id = a.editor_id WHERE a.subscriber_id = $1 ORDER BY a.id`,
      [subscriberId],
    );
  const hashListed = async (email: string) =>
    (await t.rows(`SELECT 1 FROM erased_addresses WHERE address_hash = $1`, [erasedAddresses.hash(email)])).length > 0;

  /** Every text, varchar and JSON column of every table, searched for each needle (case aside). */
  async function findAnywhere(needles: string[]): Promise<string[]> {
    const columns = await t.rows<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public'
         AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR c.udt_name IN ('_text', '_varchar', '_json', '_jsonb'))
       ORDER BY 1, 2`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      for (const needle of needles) {
        const [{ n }] = await t.rows<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0`, [needle]);
        if (n > 0) found.push(`${table}.${column} holds ${needle} (${n} rows)`);
      }
    }
    return found;
  }

  async function signUpAndConfirm(email: string, newsletters: string[], jobSector: string): Promise<{ reader: Reader; confirmation: string }> {
    const reader = t.reader();
    await reader.submit(await reader.get('/'), { email, newsletters, jobSector });
    const [mail] = await t.smtp.waitFor(email);
    await reader.submit(await reader.get(linkIn(String(mail.parsed.html), /Confirm my subscription/)));
    return { reader, confirmation: String(mail.parsed.html) };
  }

  async function sendMorningCall(subject: string): Promise<number> {
    const [articleId] = await insertArticles(t, [{ url: `https://www.newstatesman.com/politics/${encodeURIComponent(subject)}`, title: subject }]);
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], subject });
    expect(composed.status).toBe(201);
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
    await api.waitForEdition(composed.json.id, ['sent']);
    await t.drain();
    return composed.json.id;
  }

  it('gives a reader all their data, erases it on request leaving no trace of them, and lets them start afresh', async () => {
    const email = 'erase.me.7f3a@example.com';
    const ip = '203.0.113.77';
    const userAgent = 'DistinctiveBrowser/7.3 (ReadersDataSpec; erasure-check)';
    const reader = new Reader(t.url, ip);
    reader.userAgent = userAgent;

    // Sign up on the real form, confirm by the emailed link.
    await reader.submit(await reader.get('/'), { email: ' Erase.Me.7F3A@example.com ', newsletters: ['the-saturday-read', 'morning-call'], jobSector: 'arts-and-culture' });
    await t.drain();
    const [confirmation] = await t.smtp.waitFor(email);
    const confirmUrl = linkIn(String(confirmation.parsed.html), /Confirm my subscription/);
    expect((await reader.submit(await reader.get(confirmUrl))).text).toContain('You are subscribed');
    const { id } = await subscriberOf(email);
    // A welcome to each newsletter.
    await t.smtp.waitFor(email, 3);
    await t.drain();

    // An edition arrives, after one refusal by the reader's server that quoted the address.
    let refusals = 0;
    t.smtp.rule = (address) => (address === email && refusals++ === 0 ? { code: 452, message: `4.2.2 <${email}> mailbox full, try later` } : undefined);
    const editionId = await sendMorningCall('The week Westminster stood still');
    t.smtp.rule = () => undefined;
    // After the confirmation and a welcome to each newsletter.
    const edition = (await t.smtp.waitFor(email, 4)).find((mail) => mail.parsed.subject === 'The week Westminster stood still')!;
    expect(edition).toBeDefined();
    const [delivery] = await t.rows<{ status: string; last_error: string | null; message_id: string | null }>(
      `SELECT status, last_error, message_id FROM deliveries WHERE edition_id = $1 AND subscriber_id = $2`,
      [editionId, id],
    );
    expect(delivery.status).toBe('sent');
    expect(delivery.last_error).toContain(email);

    // The reader changes their preferences from the link in the edition.
    const preferencesUrl = linkIn(String(edition.parsed.html), /Manage your newsletters/);
    const preferences = await reader.get(preferencesUrl);
    await reader.submit(preferences, { newsletters: ['morning-call'], jobSector: 'marketing' }, { button: 'button[value=save]' });
    const [notice] = await t.rows<{ prompt: string; privacy_notice: string }>(`SELECT prompt, privacy_notice FROM notice_versions WHERE version = 1`);

    // "Download my data": the preference centre's link only asks for a link, sent to the address...
    const centre = await reader.get(preferencesUrl);
    const askForData = await reader.get(linkIn(centre.body, /Download my data/));
    expect(askForData.status).toBe(200);
    expect(askForData.dom.querySelector('.reader-email')).toBeNull();
    expect(askForData.body).not.toContain(ip);
    const dataAsked = await reader.submit(askForData);
    expect(dataAsked.text).toContain('Check your inbox');
    const dataMail = (await t.smtp.waitFor(email, 5)).find((mail) => mail.parsed.subject === 'Your data from New Statesman newsletters')!;
    expect(dataMail.parsed.subject).toBe('Your data from New Statesman newsletters');
    expect(dataMail.parsed.text).toContain('it works for one hour');
    // ...which opens a readable page.
    const dataUrl = linkIn(String(dataMail.parsed.html), /See my data/);
    expect(new URL(dataUrl).pathname).toBe('/my-data');
    const dataPage = await reader.get(dataUrl);
    expect(dataPage.status).toBe(200);
    expect(dataPage.headers.get('cache-control')).toBe('no-store');
    expect(dataPage.dom.querySelector('.reader-email')?.textContent).toBe(email);
    expect(dataPage.dom.querySelector('.reader-sector')?.textContent).toBe('Marketing');
    const rows = (page: Page, table: string) =>
      page.dom.querySelectorAll(`table.${table} tbody tr`).map((row) => row.querySelectorAll('th, td').map((cell) => cell.textContent.replace(/\s+/g, ' ').trim()));
    expect(rows(dataPage, 'data-subscriptions').map(([newsletter, state]) => [newsletter, state])).toEqual([
      ['The Saturday Read', 'Unsubscribed'],
      ['Morning Call', 'Receiving it'],
    ]);
    expect(rows(dataPage, 'data-deliveries').map(([, newsletter, subject]) => [newsletter, subject])).toEqual([['Morning Call', 'The week Westminster stood still']]);
    const consentRows = rows(dataPage, 'data-consent');
    expect(consentRows.map(([, newsletter, what]) => `${newsletter}: ${what}`)).toEqual([
      'The Saturday Read: Signed up (job sector: Arts and Culture)',
      'Morning Call: Signed up (job sector: Arts and Culture)',
      expect.stringMatching(/: Confirmed$/),
      expect.stringMatching(/: Confirmed$/),
      'The Saturday Read: Changed preferences (active → unsubscribed)',
      'All newsletters: Changed preferences (job sector: Arts and Culture → Marketing)',
    ]);
    for (const row of consentRows) expect(row[4]).toContain(`${ip} ${userAgent}`);
    for (const details of dataPage.dom.querySelectorAll('table.data-consent details')) {
      expect(details.querySelector('.notice-prompt')?.textContent).toBe(notice.prompt);
      expect(details.querySelector('.notice-text')?.textContent).toBe(notice.privacy_notice);
    }

    // ...and a file.
    const file = await fetch(new URL(linkIn(dataPage.body, /Download it as a file/), t.url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^application\/json/);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="new-statesman-newsletters-my-data\.json"$/);
    const data = (await file.json()) as any;
    expect(data.reader).toMatchObject({ email, jobSector: { slug: 'marketing', label: 'Marketing' }, suppression: null });
    expect(data.subscriptions).toEqual([
      expect.objectContaining({ newsletter: 'the-saturday-read', status: 'unsubscribed', confirmedAt: expect.any(String), unsubscribedAt: expect.any(String) }),
      expect.objectContaining({ newsletter: 'morning-call', status: 'active', confirmedAt: expect.any(String), unsubscribedAt: null }),
    ]);
    expect(data.deliveries).toEqual([{ newsletter: 'morning-call', newsletterName: 'Morning Call', subject: 'The week Westminster stood still', sentAt: expect.any(String) }]);
    expect(data.consent.map((e: any) => [e.newsletter, e.event, e.details])).toEqual([
      ['the-saturday-read', 'subscribed', { jobSector: 'arts-and-culture' }],
      ['morning-call', 'subscribed', { jobSector: 'arts-and-culture' }],
      [expect.any(String), 'confirmed', null],
      [expect.any(String), 'confirmed', null],
      ['the-saturday-read', 'preferences_changed', { from: 'active', to: 'unsubscribed' }],
      [null, 'preferences_changed', { jobSector: { from: 'arts-and-culture', to: 'marketing' } }],
    ]);
    for (const event of data.consent) {
      expect(event).toMatchObject({ ip, userAgent, notice: { version: 1, prompt: notice.prompt, text: notice.privacy_notice } });
    }

    // "Delete my data": confirmed by a link sent to the address, then erasure.
    const ledgerBefore = await ledgerIds(id);
    const askForErasure = await reader.get(linkIn(centre.body, /Delete my data/));
    expect(askForErasure.status).toBe(200);
    expect((await reader.submit(askForErasure)).text).toContain('Check your inbox');
    expect(await subscriberOf(email)).toBeDefined();
    const erasureMail = (await t.smtp.waitFor(email, 6)).find((mail) => /delete your data/.test(String(mail.parsed.subject)))!;
    expect(erasureMail.parsed.subject).toBe('Confirm: delete your data from New Statesman newsletters');
    const askToDelete = await reader.get(linkIn(String(erasureMail.parsed.html), /Delete my data/));
    expect(askToDelete.status).toBe(200);
    expect(askToDelete.text).toContain(email);
    expect(askToDelete.dom.querySelectorAll('form button')).toHaveLength(1);
    expect(await subscriberOf(email)).toBeDefined();
    const deleted = await reader.submit(askToDelete);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toContain('Your data has been deleted');

    // Nothing in any text column of any table names the reader: not the address, the IP address or the user agent.
    expect(await findAnywhere([email, ip, userAgent])).toEqual([]);
    // The ledger keeps every row, naming the subscriber id only, and says the data was erased.
    const ledgerAfter = await ledgerIds(id);
    expect(ledgerAfter.slice(0, ledgerBefore.length)).toEqual(ledgerBefore);
    expect(ledgerAfter).toHaveLength(ledgerBefore.length + 1);
    expect(await t.rows(`SELECT event, newsletter_id, source FROM consent_events WHERE id = $1`, [ledgerAfter.at(-1)])).toEqual([
      { event: 'erased', newsletter_id: null, source: `${t.url}/my-data/delete` },
    ]);
    expect(await evidenceCount(id)).toBe(0);
    expect(await subscriberById(id)).toMatchObject({ email: `erased:${id}`, job_sector_id: null, erased_at: expect.any(Date), suppression_reason: 'erased' });
    expect(await t.rows(`SELECT status FROM subscriptions WHERE subscriber_id = $1 ORDER BY newsletter_id`, [id])).toEqual([{ status: 'unsubscribed' }, { status: 'unsubscribed' }]);
    // The edition's record stays whole: sent, with its message id; the error that quoted the address is gone.
    expect(await t.rows(`SELECT status, message_id, last_error FROM deliveries WHERE edition_id = $1 AND subscriber_id = $2`, [editionId, id])).toEqual([
      { status: 'sent', message_id: delivery.message_id, last_error: null },
    ]);
    expect((await api.get(`/api/editions/${editionId}`)).json.counts.sent).toBeGreaterThanOrEqual(1);
    expect(await t.rows(`SELECT 1 FROM account_emails WHERE subscriber_id = $1`, [id])).toEqual([]);
    expect(await actions(id)).toEqual([{ editor: null, action: 'erase', reason: 'Asked for it in the preference centre' }]);
    // Only a keyed hash of the address is kept.
    expect(await hashListed(email)).toBe(true);
    expect(await erasedAddresses.isErased(email)).toBe(true);

    // Every link the reader had stops working.
    const unsubscribeUrl = linkIn(String(edition.parsed.html), /unsubscribe/i);
    for (const url of [
      preferencesUrl,
      preferencesUrl.replace('/preferences?', '/preferences/data?'),
      preferencesUrl.replace('/preferences?', '/preferences/delete?'),
      dataUrl,
      dataUrl.replace('/my-data?', '/my-data/data.json?'),
      linkIn(String(erasureMail.parsed.html), /Delete my data/),
      unsubscribeUrl,
      confirmUrl,
    ]) {
      const page = await reader.get(url);
      expect([url, page.status]).toEqual([url, 400]);
      expect(page.text).toContain('This link does not work');
    }
    const oneClick = await fetch(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(400);

    // The same address signs up again: a new reader, pending, with a new consent.
    const again = t.reader();
    await again.submit(await again.get('/'), { email, newsletters: ['morning-call'], jobSector: 'communications' });
    await t.drain();
    const fresh = await subscriberOf(email);
    expect(fresh.id).not.toBe(id);
    expect(fresh.erased_at).toBeNull();
    expect(await t.rows(`SELECT status FROM subscriptions WHERE subscriber_id = $1`, [fresh.id])).toEqual([{ status: 'pending' }]);
    expect(await t.rows(`SELECT c.event, e.ip FROM consent_events c JOIN consent_evidence e ON e.event_id = c.id WHERE c.subscriber_id = $1`, [fresh.id])).toEqual([
      { event: 'subscribed', ip: again.ip },
    ]);
    expect(await ledgerIds(id)).toEqual(ledgerAfter);
    // Until they confirm, the erasure still speaks for the address (anyone can type it into the form).
    expect(await hashListed(email)).toBe(true);
    const mails = await t.smtp.waitFor(email, 7);
    await again.submit(await again.get(linkIn(String(mails[6].parsed.html), /Confirm my subscription/)));
    expect(await t.rows(`SELECT status FROM subscriptions WHERE subscriber_id = $1`, [fresh.id])).toEqual([{ status: 'active' }]);
    expect(await hashListed(email)).toBe(false);
  });

  it('refuses forged links on the export and erasure pages, and an erasure without its form token', async () => {
    const email = 'forged.links@example.com';
    const { confirmation } = await signUpAndConfirm(email, ['morning-call'], 'management');
    const { id } = await subscriberOf(email);
    const reader = t.reader();
    const centre = await reader.get(linkIn(confirmation, /Manage your newsletters|preferences/));
    const token = new URL(centre.url).searchParams.get('token')!;
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const path of ['/preferences/data', '/preferences/delete', '/my-data', '/my-data/data.json', '/my-data/delete']) {
      for (const bad of [forged, 'not-a-token', '']) {
        const page = await reader.get(`${path}?token=${encodeURIComponent(bad)}`);
        expect([path, bad, page.status]).toEqual([path, bad, 400]);
        expect(page.text).toContain('This link does not work');
        expect(page.body).not.toContain(email);
      }
    }
    // The preferences token, in every copy of every newsletter, opens neither the data nor its erasure.
    for (const path of ['/my-data', '/my-data/data.json', '/my-data/delete']) expect([path, (await reader.get(`${path}?token=${token}`)).status]).toEqual([path, 400]);
    expect((await reader.get(`/preferences/data.json?token=${token}`)).status).toBe(404);
    // A genuine page's form, posted with a forged token, sends nothing.
    const ask = await reader.get(`/preferences/delete?token=${token}`);
    const csrf = ask.dom.querySelector('input[name=_csrf]')!.getAttribute('value')!;
    expect((await reader.postForm(`/preferences/delete?token=${encodeURIComponent(forged)}`, { _csrf: csrf })).status).toBe(400);
    // Without the form's token (a cross-site post), as a form or as JSON, nothing happens either.
    const stranger = t.reader();
    for (const path of ['/preferences/data', '/preferences/delete']) {
      expect([path, (await stranger.postForm(`${path}?token=${token}`, {})).status]).toEqual([path, 403]);
      expect([path, (await stranger.postJson(`${path}?token=${token}`, {})).status]).toEqual([path, 403]);
    }
    await t.drain();
    // The confirmation and Morning Call's welcome only.
    expect(t.smtp.to(email)).toHaveLength(2);

    // The emailed erasure link: a JSON post without the form's token erases nobody; an expired link does nothing.
    expect((await reader.submit(ask)).text).toContain('Check your inbox');
    const erasureMail = (await t.smtp.waitFor(email, 3)).find((mail) => /delete your data/.test(String(mail.parsed.subject)))!;
    const erasureUrl = linkIn(String(erasureMail.parsed.html), /Delete my data/);
    const erasureToken = new URL(erasureUrl).searchParams.get('token')!;
    expect((await stranger.postJson(`/my-data/delete?token=${erasureToken}`, {})).status).toBe(403);
    expect((await stranger.postForm(`/my-data/delete?token=${erasureToken}`, {})).status).toBe(403);
    // It is not a data link either.
    expect((await reader.get(`/my-data?token=${erasureToken}`)).status).toBe(400);
    const confirm = await reader.get(erasureUrl);
    expect(confirm.status).toBe(200);
    await t.rows(`UPDATE account_emails SET expires_at = now() - interval '1 second' WHERE subscriber_id = $1 AND kind = 'erasure'`, [id]);
    expect((await reader.submit(confirm)).status).toBe(400);
    expect((await reader.get(erasureUrl)).status).toBe(400);
    expect(await subscriberById(id)).toMatchObject({ email, erased_at: null });
  });

  it('sends a data link that works for one hour from when it went', async () => {
    const email = 'one.hour@example.com';
    const { confirmation } = await signUpAndConfirm(email, ['morning-call'], 'management');
    const { id } = await subscriberOf(email);
    const reader = t.reader();
    const centre = await reader.get(linkIn(confirmation, /Manage your newsletters|preferences/));
    await reader.submit(await reader.get(linkIn(centre.body, /Download my data/)));
    const mail = (await t.smtp.waitFor(email, 3)).find((m) => m.parsed.subject === 'Your data from New Statesman newsletters')!;
    const dataUrl = linkIn(String(mail.parsed.html), /See my data/);
    await t.drain();
    const [row] = await t.rows<{ minutes: number }>(
      `SELECT round(extract(epoch FROM expires_at - sent_at) / 60)::int AS minutes FROM account_emails WHERE subscriber_id = $1 AND kind = 'data-export'`,
      [id],
    );
    expect(row.minutes).toBe(60);
    expect((await reader.get(dataUrl)).status).toBe(200);
    await t.rows(`UPDATE account_emails SET expires_at = now() - interval '1 second' WHERE subscriber_id = $1 AND kind = 'data-export'`, [id]);
    for (const url of [dataUrl, dataUrl.replace('/my-data?', '/my-data/data.json?')]) {
      const page = await reader.get(url);
      expect([url, page.status]).toEqual([url, 400]);
      expect(page.body).not.toContain(email);
    }
  });

  it("lets an editor look a reader up, export and erase them by the API, recording who did it", async () => {
    const email = 'api.reader@example.com';
    await signUpAndConfirm(email, ['the-saturday-read'], 'communications');
    const { id } = await subscriberOf(email);

    // Without a token, or with a wrong one: 401, and nothing recorded or erased.
    for (const client of [editorApi(t, null, '10.98.0.1'), editorApi(t, 'wrong-token-wrong-token-wrong', '10.98.0.2')]) {
      expect((await client.get(`/api/readers?email=${encodeURIComponent(email)}`)).status).toBe(401);
      expect((await client.get(`/api/readers/${id}/export`)).status).toBe(401);
      const refused = await fetch(`${t.url}/api/readers/${id}`, { method: 'DELETE', headers: { 'x-forwarded-for': '10.98.0.3' } });
      expect(refused.status).toBe(401);
    }
    expect(await actions(id)).toEqual([]);
    expect(await subscriberById(id)).toMatchObject({ email, erased_at: null });

    const missing = await api.get('/api/readers');
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect((await api.get('/api/readers?email=nobody%40example.com')).status).toBe(404);
    expect((await api.get('/api/readers?email=api.reader')).status).toBe(404);

    const found = await api.get(`/api/readers?email=${encodeURIComponent(' API.Reader@example.com ')}`);
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ id, email, jobSector: 'communications', subscriptions: [{ newsletter: 'the-saturday-read', status: 'active' }] });

    const exported = await api.get(`/api/readers/${id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.json.reader.email).toBe(email);
    expect(exported.json.consent.map((e: any) => e.event)).toEqual(['subscribed', 'confirmed']);
    expect(exported.json.consent[0]).toMatchObject({ ip: expect.stringMatching(/^10\./), userAgent: 'ReaderTest/1.0', notice: { version: 1 } });
    expect((await api.get('/api/readers/999999/export')).status).toBe(404);
    expect((await api.get('/api/readers/99999999999/export')).status).toBe(404);

    const erased = await api.delete(`/api/readers/${id}`);
    expect(erased.status).toBe(200);
    expect(erased.json).toEqual({ status: 'erased', id });
    expect(await actions(id)).toEqual([
      { editor: BOOTSTRAP_EDITOR, action: 'export', reason: null },
      { editor: BOOTSTRAP_EDITOR, action: 'erase', reason: null },
    ]);
    expect(await subscriberById(id)).toMatchObject({ email: `erased:${id}`, erased_at: expect.any(Date) });
    expect(await hashListed(email)).toBe(true);
    expect((await api.get(`/api/readers?email=${encodeURIComponent(email)}`)).status).toBe(404);
    expect((await api.get(`/api/readers/${id}/export`)).status).toBe(404);
    expect((await api.delete(`/api/readers/${id}`)).status).toBe(404);
    expect(await findAnywhere([email])).toEqual([]);
  });

  it("offers export and erasure on the newsroom's reader page, with a confirmation step, under the editor's name", async () => {
    const email = 'newsroom.erasure@example.com';
    await signUpAndConfirm(email, ['morning-call'], 'marketing');
    const { id } = await subscriberOf(email);
    const record = await editor.get(`/newsroom/readers?email=${encodeURIComponent(email)}`);
    expect(record.status).toBe(200);

    const exportHref = record.dom.querySelector('a.reader-export')!.getAttribute('href')!;
    const exported = await fetch(new URL(exportHref, t.url), { headers: { cookie: editor.cookieHeader(), 'x-forwarded-for': editor.ip } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(((await exported.json()) as any).reader.email).toBe(email);
    // Not for someone without a newsroom session.
    const outsider = await t.reader().get(exportHref);
    expect(outsider.url).toMatch(/\/newsroom\/sign-in/);
    expect(outsider.body).not.toContain(email);

    const confirm = await editor.get(record.dom.querySelector('a.reader-erase')!.getAttribute('href')!);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(email);
    expect(await subscriberById(id)).toMatchObject({ erased_at: null });
    const done = await editor.submit(confirm, {}, { form: 'form[action$="/erase"]' });
    expect(done.redirectedFrom[0]).toMatchObject({ status: 303, url: `${t.url}/newsroom/readers/${id}/erase` });
    expect(done.text).toContain('Erased:');
    expect((await editor.get(`/newsroom/readers?email=${encodeURIComponent(email)}`)).text).toContain('No reader with that address');
    expect(await actions(id)).toEqual([
      { editor: EDITOR, action: 'export', reason: null },
      { editor: EDITOR, action: 'erase', reason: null },
    ]);
    expect(await hashListed(email)).toBe(true);
    // Erasing twice finds nobody.
    expect((await editor.get(`/newsroom/readers/${id}/erase`)).status).toBe(404);
  });

  it('erases sign-ups unconfirmed for UNCONFIRMED_RETENTION_DAYS on its schedule, and keeps the rest', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.retention));
    async function signUp(email: string): Promise<number> {
      await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read'], jobSector: 'management' });
      await t.drain();
      await t.smtp.waitFor(email);
      return (await subscriberOf(email)).id;
    }
    /** As if everything about the reader happened `days` ago. */
    async function backdate(id: number, days: number): Promise<void> {
      const at = `now() - interval '${days} days'`;
      await t.db.query(`UPDATE subscribers SET created_at = ${at}, updated_at = ${at} WHERE id = $1`, [id]);
      await t.db.query(`UPDATE subscriptions SET created_at = ${at}, updated_at = ${at}, confirmed_at = CASE WHEN confirmed_at IS NULL THEN NULL ELSE ${at} END WHERE subscriber_id = $1`, [id]);
      await t.db.query(`UPDATE account_emails SET created_at = ${at} WHERE subscriber_id = $1`, [id]);
    }
    const stale = await signUp('never.confirmed@example.com');
    const recent = await signUp('still.deciding@example.com');
    await signUpAndConfirm('long.time.reader@example.com', ['the-saturday-read'], 'management');
    const confirmed = (await subscriberOf('long.time.reader@example.com')).id;
    await backdate(stale, 31);
    await backdate(recent, 29);
    await backdate(confirmed, 400);
    const staleLedger = await ledgerIds(stale);

    // The job scheduler is in Redis, and put back when Redis comes back empty.
    const scheduled = async () => (await queue.getJobSchedulers()).find((s) => s.key === 'erase-unconfirmed');
    expect(await scheduled()).toMatchObject({ pattern: '30 3 * * *', tz: 'Europe/London' });
    await queue.removeJobScheduler('erase-unconfirmed');
    await t.app.get<IORedis>(REDIS).del('redis-watch:present');
    // The watch's own timer may get there first; either way the scheduler is back.
    await t.app.get(RedisWatch).check();
    for (let tries = 0; !(await scheduled()); tries += 1) {
      if (tries > 100) throw new Error('The retention scheduler was not put back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await scheduled()).toMatchObject({ pattern: '30 3 * * *' });

    // The nightly run, now.
    await queue.add(JOBS.eraseUnconfirmed, {});
    await t.drain();

    expect(await subscriberById(stale)).toMatchObject({ email: `erased:${stale}`, erased_at: expect.any(Date), job_sector_id: null });
    expect(await evidenceCount(stale)).toBe(0);
    const ledger = await ledgerIds(stale);
    expect(ledger.slice(0, staleLedger.length)).toEqual(staleLedger);
    expect(await t.rows(`SELECT event, source FROM consent_events WHERE id = $1`, [ledger.at(-1)])).toEqual([{ event: 'erased', source: 'retention' }]);
    expect(await actions(stale)).toEqual([{ editor: null, action: 'erase', reason: 'Never confirmed in 30 days' }]);
    // They never consented, and someone else may have typed the address: it is not kept on the erased list.
    expect(await hashListed('never.confirmed@example.com')).toBe(false);
    expect(await findAnywhere(['never.confirmed@example.com'])).toEqual([]);

    expect(await subscriberById(recent)).toMatchObject({ email: 'still.deciding@example.com', erased_at: null });
    expect(await evidenceCount(recent)).toBeGreaterThan(0);
    expect(await subscriberById(confirmed)).toMatchObject({ email: 'long.time.reader@example.com', erased_at: null });

    // A second run finds nothing more to do.
    await queue.add(JOBS.eraseUnconfirmed, {});
    await t.drain();
    expect(await subscriberById(recent)).toMatchObject({ erased_at: null });
    expect(await actions(stale)).toHaveLength(1);
  });

  it('lets a confirmation racing the retention run win, without a deadlock', async () => {
    await t.reader().postJson('/subscribe', { email: 'confirms.at.the.last.minute@example.com', newsletters: ['morning-call'] });
    await t.drain();
    const { id } = await subscriberOf('confirms.at.the.last.minute@example.com');
    const at = `now() - interval '31 days'`;
    await t.db.query(`UPDATE subscribers SET created_at = ${at} WHERE id = $1`, [id]);
    await t.db.query(`UPDATE subscriptions SET created_at = ${at}, updated_at = ${at} WHERE subscriber_id = $1`, [id]);
    await t.db.query(`UPDATE account_emails SET created_at = ${at} WHERE subscriber_id = $1`, [id]);

    // A confirmation's statements, in its order, on a connection of its own, paused half-way.
    const confirmation = t.db.dataSource.createQueryRunner();
    await confirmation.connect();
    await confirmation.startTransaction();
    await confirmation.query(`UPDATE account_emails SET used_at = now() WHERE subscriber_id = $1`, [id]);
    const run = t.app.get(ReadersDataService).eraseStaleUnconfirmed();
    const blocked = async () =>
      (await t.rows<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n > 0;
    for (let tries = 0; !(await blocked()); tries += 1) {
      if (tries > 200) throw new Error('The retention run never waited for the confirmation');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await confirmation.query(`UPDATE subscriptions SET status = 'active', confirmed_at = now(), updated_at = now() WHERE subscriber_id = $1`, [id]);
    await confirmation.query(
      `INSERT INTO consent_events (subscriber_id, newsletter_id, event, notice_version, source, created_at) SELECT $1, newsletter_id, 'confirmed', 1, 'race', now() FROM subscriptions WHERE subscriber_id = $1`,
      [id],
    );
    await confirmation.commitTransaction();
    await confirmation.release();

    await expect(run).resolves.toMatchObject({ erased: 0 });
    expect(await subscriberById(id)).toMatchObject({ email: 'confirms.at.the.last.minute@example.com', erased_at: null });
    expect(await t.rows(`SELECT status FROM subscriptions WHERE subscriber_id = $1`, [id])).toEqual([{ status: 'active' }]);
  });
});
