import { parse } from 'node-html-parser';
import { EditorsService } from '../src/editors/editors.service';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { editorApi, EDITOR_TOKEN, insertArticles } from './support/editor';
import { FeedServer } from './support/feed-server';
import { createEditor, signIn, signInLink } from './support/newsroom';
import { linkIn, Page, Reader } from './support/reader';

const EDITOR = 'desk.editor@newstatesman.co.uk';

/** The newsroom as a browser without JavaScript uses it: forms, links and redirects. */
describe('the newsroom, without JavaScript', () => {
  let t: TestApp;
  let feed: FeedServer;

  beforeAll(async () => {
    feed = await new FeedServer().start();
    t = await startApp({ env: { FEED_URLS: feed.feedUrl, EDITOR_TOKEN } });
    await createEditor(t, EDITOR);
  });

  afterAll(async () => {
    await t?.close();
    await feed?.close();
  });

  /** An editor of the test's own: links are limited to three per address in 15 minutes. */
  async function newEditor(name: string): Promise<string> {
    const email = `${name}@newstatesman.co.uk`;
    await createEditor(t, email);
    return email;
  }

  const checkboxOrder = (page: Page) => page.dom.querySelectorAll('input[name=articles]').map((i) => ({ id: Number(i.getAttribute('value')), checked: i.hasAttribute('checked') }));

  describe('signing in', () => {
    it('sends a visitor with no session to the sign-in page, and back where they were going after', async () => {
      const visitor = t.reader();
      const page = await visitor.get('/newsroom/editions?status=sent');
      expect(page.redirectedFrom[0]).toMatchObject({ status: 303 });
      expect(new URL(page.url).pathname).toBe('/newsroom/sign-in');
      expect(page.text).toContain('Email me a sign-in link');

      const before = t.smtp.to(EDITOR).length;
      await visitor.submit(page, { email: EDITOR });
      const mails = await t.smtp.waitFor(EDITOR, before + 1);
      const confirm = await visitor.get(linkIn(String(mails[mails.length - 1].parsed.html), /\/newsroom\/sign-in\/confirm\?token=/));
      expect(confirm.text).toContain(EDITOR);
      const landed = await visitor.submit(confirm);
      expect(new URL(landed.url).pathname + new URL(landed.url).search).toBe('/newsroom/editions?status=sent');
      expect(landed.dom.querySelector('h1')?.text).toBe('Editions');
    });

    it('answers an address that is not an editor exactly as one that is, and mails it nothing', async () => {
      const stranger = 'not.an.editor@example.com';
      const a = t.reader();
      const b = t.reader();
      const forStranger = await a.submit(await a.get('/newsroom/sign-in'), { email: stranger });
      const forEditor = await b.submit(await b.get('/newsroom/sign-in'), { email: EDITOR });
      expect(forStranger.status).toBe(forEditor.status);
      expect(forStranger.text.replace(stranger, 'X')).toBe(forEditor.text.replace(EDITOR, 'X'));
      await t.smtp.waitFor(EDITOR, 1);
      expect(t.smtp.to(stranger)).toHaveLength(0);
    });

    it('a link works once: following it again, or after 15 minutes, gives a friendly 400', async () => {
      const EDITOR = await newEditor('once');
      const { editor } = await signIn(t, EDITOR);
      const used = await signInLink(t, EDITOR);
      const again = await editor.get(used);
      expect(again.status).toBe(400);
      expect(again.text).toContain('This sign-in link does not work');

      const visitor = t.reader();
      const before = t.smtp.to(EDITOR).length;
      await visitor.submit(await visitor.get('/newsroom/sign-in'), { email: EDITOR });
      await t.smtp.waitFor(EDITOR, before + 1);
      const link = await signInLink(t, EDITOR);
      await t.rows(`UPDATE editor_sign_in_links SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
      const expired = await visitor.get(link);
      expect(expired.status).toBe(400);
      expect(expired.text).toContain('Ask for a new sign-in link');
      // Nor can the button's form be posted with it.
      const posted = await visitor.postForm('/newsroom/sign-in/confirm', { token: new URL(link).searchParams.get('token')! });
      expect([400, 403]).toContain(posted.status);
      expect((await visitor.get('/newsroom')).url).toContain('/newsroom/sign-in');
    });

    it('stores only hashes of links and sessions, and the cookie is HttpOnly and SameSite=Lax', async () => {
      const EDITOR = await newEditor('hashes');
      const { editor } = await signIn(t, EDITOR);
      const link = new URL(await signInLink(t, EDITOR)).searchParams.get('token')!;
      const stored = await t.rows<{ token_hash: string }>(`SELECT token_hash FROM editor_sign_in_links`);
      expect(stored.some((row) => row.token_hash === link)).toBe(false);
      const page = await editor.get('/newsroom');
      expect(page.status).toBe(200);
      const v = t.reader();
      const before = t.smtp.to(EDITOR).length;
      await v.submit(await v.get('/newsroom/sign-in'), { email: EDITOR });
      await t.smtp.waitFor(EDITOR, before + 1);
      const confirm = await v.get(await signInLink(t, EDITOR));
      const form = confirm.dom.querySelector('form')!;
      const fields = Object.fromEntries(form.querySelectorAll('input').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']));
      const res = await fetch(`${t.url}/newsroom/sign-in/confirm`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: v.cookieHeader(), 'x-forwarded-for': v.ip },
        body: new URLSearchParams(fields).toString(),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('nl.newsroom='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const session = /nl\.newsroom=([^;]+)/.exec(cookie)![1];
      const sessions = await t.rows<{ id_hash: string }>(`SELECT id_hash FROM editor_sessions`);
      expect(sessions.some((row) => row.id_hash === decodeURIComponent(session))).toBe(false);
    });

    it('a form posted without its CSRF token is refused with 403 and changes nothing', async () => {
      const { editor } = await signIn(t, await newEditor('forms'));
      const refused = await editor.postForm('/newsroom/compose/morning-call', { subject: 'Forged', articles: '1' });
      expect(refused.status).toBe(403);
      // The newsroom's page, with its navigation and the way back to the form: not the readers' sign-up.
      expect(refused.dom.querySelector('h1')?.text).toBe('This form has expired');
      expect(refused.dom.querySelector('nav.newsroom-nav a[href="/newsroom/editions"]')).not.toBeNull();
      expect(refused.dom.querySelector('main a')?.getAttribute('href')).toBe('/newsroom/compose/morning-call');
      expect(refused.text).not.toContain('sign-up page');
      const fromEdition = await editor.postForm('/newsroom/editions/12/test', { to: 'x@example.com' });
      expect(fromEdition.dom.querySelector('main a')?.getAttribute('href')).toBe('/newsroom/editions/12');
      expect(await t.rows(`SELECT id FROM editions WHERE subject = 'Forged'`)).toHaveLength(0);
    });

    it('signing out, or the editor being revoked, ends the session at once', async () => {
      const revoked = 'leaving.editor@newstatesman.co.uk';
      await createEditor(t, revoked);
      const { editor } = await signIn(t, revoked);
      expect((await editor.get('/newsroom')).status).toBe(200);
      expect((await editor.get('/admin/queues')).status).toBe(200);
      await t.app.get(EditorsService).revoke(revoked);
      const after = await editor.get('/newsroom');
      expect(new URL(after.url).pathname).toBe('/newsroom/sign-in');
      expect((await editor.get('/admin/queues')).status).toBe(401);

      const { editor: other, dashboard } = await signIn(t, await newEditor('leaving-for-lunch'));
      const out = await other.submit(dashboard, {}, { form: 'form[action="/newsroom/sign-out"]' });
      expect(new URL(out.url).pathname).toBe('/newsroom/sign-in');
      expect(new URL((await other.get('/newsroom')).url).pathname).toBe('/newsroom/sign-in');
    });
  });

  describe('an edition from the feed to the readers', () => {
    let editor: Reader;
    let EDITOR: string;

    beforeAll(async () => {
      EDITOR = await newEditor('morning.desk');
      ({ editor } = await signIn(t, EDITOR));
      await seedAudience(t, 'morning-call', { active: 12, pending: 2, unsubscribed: 1, suppressed: 1 }, 'newsroom');
    });

    it('imports the feed on demand and shows what came in, newest first and marked new', async () => {
      const empty = await editor.get('/newsroom/articles');
      expect(empty.text).toContain('No articles');
      feed.publish();
      const imported = await editor.submit(empty, {}, { form: 'form[action="/newsroom/articles/import"]' });
      expect(imported.status).toBe(200);
      // Post/redirect/get: the result is shown on the list's own address, and a reload imports nothing again.
      expect(imported.redirectedFrom).toEqual([{ status: 303, url: expect.stringMatching(/\/newsroom\/articles\/import$/) }]);
      expect(imported.url).toMatch(/\/newsroom\/articles$/);
      expect(imported.text).toMatch(/8 new, 0 updated/);
      expect(imported.text).toContain('What came in');
      expect(imported.text).toContain('Why Alexander Lukashenko’s trip to China matters');
      const rows = imported.dom.querySelectorAll('tbody tr');
      expect(rows.length).toBe(8);
      expect(rows[0].text).toContain('New for Morning Call');
      const reloaded = await editor.get('/newsroom/articles');
      expect(reloaded.text).not.toContain('Feed import');
      expect(reloaded.dom.querySelectorAll('tbody tr').length).toBe(8);
      expect(await t.rows(`SELECT id FROM articles`)).toHaveLength(8);
      // Published times in the newsroom's zone, not dates alone: a 23:00 piece is not "yesterday's".
      const [first] = await t.rows<{ published_at: Date }>(`SELECT published_at FROM articles ORDER BY published_at DESC, id DESC LIMIT 1`);
      const london = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(first.published_at);
      expect(rows[0].querySelector('time')?.text).toMatch(new RegExp(`^\\d{1,2} \\w{3} \\d{4}, ${london} (GMT|BST)$`));

      const search = await editor.get('/newsroom/articles?q=china');
      expect(search.dom.querySelectorAll('tbody tr').map((r) => r.text)).toEqual([expect.stringContaining('Why Alexander Lukashenko’s trip to China matters')]);
      const sections = search.dom.querySelectorAll('#section option').map((o) => o.getAttribute('value')).filter(Boolean);
      expect(sections.length).toBeGreaterThan(1);
      const bySection = await editor.get(`/newsroom/articles?section=${encodeURIComponent(sections[0]!)}`);
      expect(bySection.dom.querySelectorAll('tbody tr').length).toBeGreaterThan(0);
      expect(bySection.dom.querySelectorAll('tbody tr').every((r) => r.querySelectorAll('td')[1].text.trim() === sections[0])).toBe(true);
    });

    let editionId: number;

    it('composes with the new articles ticked, reorders them with the buttons, and saves', async () => {
      const compose = await editor.get('/newsroom/compose/morning-call');
      const offered = checkboxOrder(compose);
      const ticked = offered.filter((o) => o.checked).map((o) => o.id);
      expect(ticked.length).toBeGreaterThanOrEqual(2);

      // The second article's "up" button: the order the draft is saved in has it first.
      const moved = await editor.submit(compose, { subject: 'Morning Call: the desk’s pick' }, { form: 'form.compose', button: `button[value="up:${ticked[1]}"]` });
      expect(new URL(moved.url).pathname).toMatch(/^\/newsroom\/editions\/\d+\/edit$/);
      expect(moved.text).toContain('Draft saved');
      editionId = Number(/editions\/(\d+)/.exec(moved.url)![1]);
      const saved = checkboxOrder(moved).filter((o) => o.checked).map((o) => o.id);
      expect(saved.slice(0, 2)).toEqual([ticked[1], ticked[0]]);

      const api = editorApi(t);
      const draft = await api.get(`/api/editions/${editionId}`);
      expect(draft.json.articles.map((a: { id: number }) => a.id)).toEqual(saved);
      expect(draft.json.subject).toBe('Morning Call: the desk’s pick');
      // The preheader defaults to the lead article's standfirst (the first that is not a partner's).
      const articles = await t.rows<{ id: number; standfirst: string | null; sponsored: boolean; image_url: string | null }>(`SELECT id, standfirst, sponsored, image_url FROM articles`);
      const byId = new Map(articles.map((a) => [a.id, a]));
      const lead = byId.get(saved.find((id) => !byId.get(id)!.sponsored)!)!;
      expect(draft.json.preheader).toBe(lead.standfirst!.replace(/\s+/g, ' ').trim().slice(0, 300));

      // The article with a picture goes to the top, one press of its "up" button at a time.
      const pictured = saved.find((id) => byId.get(id)!.image_url !== null && !byId.get(id)!.sponsored)!;
      let edit = await editor.get(`/newsroom/editions/${editionId}/edit`);
      for (let presses = 0; checkboxOrder(edit).find((o) => o.checked)!.id !== pictured; presses += 1) {
        expect(presses).toBeLessThan(saved.length);
        edit = await editor.submit(edit, {}, { form: 'form.compose', button: `button[value="up:${pictured}"]` });
      }
      const reordered = checkboxOrder(edit).filter((o) => o.checked).map((o) => o.id);
      expect(reordered[0]).toBe(pictured);
      expect([...reordered].sort()).toEqual([...saved].sort());

      // Untick the last one and save: gone from the draft, the rest in order.
      const kept = reordered.slice(0, -1).map(String);
      const resaved = await editor.submit(edit, { articles: kept }, { form: 'form.compose' });
      expect(checkboxOrder(resaved).filter((o) => o.checked).map((o) => String(o.id))).toEqual(kept);
      expect((await api.get(`/api/editions/${editionId}`)).json.articles.map((a: { id: number }) => String(a.id))).toEqual(kept);
    });

    it('refuses a draft with no articles or an empty subject, naming the field, and keeps the draft', async () => {
      const edit = await editor.get(`/newsroom/editions/${editionId}/edit`);
      const none = await editor.submit(edit, { articles: [] }, { form: 'form.compose' });
      expect(none.status).toBe(400);
      expect(none.text).toContain('Choose at least one article');
      const [row] = await t.rows<{ subject: string }>(`SELECT subject FROM editions WHERE id = $1`, [editionId]);
      expect(row.subject).toBe('Morning Call: the desk’s pick');
    });

    it('previews the edition in a sandboxed frame whose own policy lets the pictures load', async () => {
      const preview = await editor.get(`/newsroom/editions/${editionId}/preview`);
      const frame = preview.dom.querySelector('iframe')!;
      expect(frame.getAttribute('sandbox')).not.toContain('allow-scripts');
      const html = await fetch(`${t.url}${frame.getAttribute('src')}`, { headers: { cookie: editor.cookieHeader() } });
      expect(html.status).toBe(200);
      // https and data: only: a feed's picture address cannot make an editor's browser call a host on plain http.
      expect(html.headers.get('content-security-policy')).toMatch(/img-src https: data:;/);
      expect(html.headers.get('content-security-policy')).not.toMatch(/http:/);
      expect(preview.dom.querySelector('[role=alert]')).toBeNull();
      const body = await html.text();
      // Morning Call is a list of headlines; The Saturday Read shows its articles' pictures.
      const [pictured] = await t.rows<{ id: number; image_url: string }>(`SELECT id, image_url FROM articles WHERE image_url IS NOT NULL AND NOT sponsored ORDER BY id LIMIT 1`);
      const saturday = await editorApi(t).post('/api/newsletters/the-saturday-read/editions', { articleIds: [pictured.id] });
      const saturdayPreview = await editor.get(`/newsroom/editions/${saturday.json.id}/preview`);
      const saturdayFrame = await fetch(`${t.url}${saturdayPreview.dom.querySelector('iframe')!.getAttribute('src')}`, { headers: { cookie: editor.cookieHeader() } });
      expect(await saturdayFrame.text()).toContain(pictured.image_url);
      expect(pictured.image_url.startsWith(`${feed.imagesUrl}/images/`)).toBe(true);
      // The reader pages keep theirs strict.
      expect((await fetch(`${t.url}/`)).headers.get('content-security-policy')).toMatch(/img-src 'self' data:/);

      const mobile = await editor.get(`/newsroom/editions/${editionId}/preview?view=mobile`);
      expect(mobile.dom.querySelector('iframe')?.getAttribute('width')).toBe('375');
      const text = await editor.get(`/newsroom/editions/${editionId}/preview?view=text`);
      expect(text.dom.querySelector('pre')?.text).toContain('Why Alexander Lukashenko’s trip to China matters');

      // Its manage and unsubscribe links say what they are.
      const manage = await editor.get(linkIn(body, /\/preferences\?token=/));
      expect(manage.text).toContain('This is a preview/test copy');
      const leave = await editor.get(linkIn(body, /\/unsubscribe\?token=/));
      expect(leave.text).toContain('This is a preview/test copy');
    });

    it('shows a picture over plain http as a placeholder, and names it in a warning above the preview', async () => {
      const plain = `${feed.url}/images/intranet-chart.png?q=1&x=2`;
      const [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/ideas/2026/12/plain', title: 'A picture over plain http', section: 'Ideas' }]);
      await t.db.query(`UPDATE articles SET image_url = $1 WHERE id = $2`, [plain, articleId]);
      const [pictured] = await t.rows<{ id: number; image_url: string }>(`SELECT id, image_url FROM articles WHERE image_url LIKE 'https:%' AND NOT sponsored ORDER BY id LIMIT 1`);
      const draft = await editorApi(t).post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId, pictured.id] });

      for (const view of ['desktop', 'text']) {
        const preview = await editor.get(`/newsroom/editions/${draft.json.id}/preview?view=${view}`);
        const warning = preview.dom.querySelector('[role=alert]')!;
        expect(warning.querySelector('h2')?.text).toBe('1 picture over plain http is not shown');
        expect(warning.querySelectorAll('li').map((li) => li.text.trim())).toEqual([plain]);
      }
      const preview = await editor.get(`/newsroom/editions/${draft.json.id}/preview`);
      const frame = await fetch(`${t.url}${preview.dom.querySelector('iframe')!.getAttribute('src')}`, { headers: { cookie: editor.cookieHeader() } });
      const html = await frame.text();
      const images = parse(html).querySelectorAll('img');
      const placeholder = images.find((img) => img.getAttribute('alt') === 'A picture over plain http')!;
      expect(placeholder.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
      expect(decodeURIComponent(placeholder.getAttribute('src')!)).toContain('Picture not shown: plain http');
      expect(html).not.toContain('intranet-chart');
      // The https one is shown as it is.
      expect(images.map((img) => img.getAttribute('src'))).toContain(pictured.image_url);
      // Out of the way of the drafts the paging test counts.
      expect((await editorApi(t).post(`/api/editions/${draft.json.id}/cancel`)).status).toBe(200);
    });

    it('test-sends to the signed-in editor by default, or to a list of up to ten', async () => {
      const edit = await editor.get(`/newsroom/editions/${editionId}/edit`);
      expect(edit.dom.querySelector('#to')?.getAttribute('value')).toBe(EDITOR);
      const before = t.smtp.to(EDITOR).length;
      const sent = await editor.submit(edit, {}, { form: 'form.test-send' });
      expect(sent.text).toContain(`A test copy is on its way to ${EDITOR}`);
      const mails = await t.smtp.waitFor(EDITOR, before + 1);
      const copy = mails[mails.length - 1];
      expect(copy.parsed.subject).toBe('[Test] Morning Call: the desk’s pick');
      const unsubscribe = await t.reader().get(linkIn(String(copy.parsed.html), /\/unsubscribe\?token=/));
      expect(unsubscribe.text).toContain('This is a preview/test copy');

      const many = Array.from({ length: 11 }, (_, i) => `desk${i}@example.com`).join(', ');
      const tooMany = await editor.submit(edit, { to: many }, { form: 'form.test-send' });
      expect(tooMany.status).toBe(400);
      expect(tooMany.text).toContain('At most 10 test recipients');
      const bad = await editor.submit(edit, { to: 'a@example.com, not-an-address' }, { form: 'form.test-send' });
      expect(bad.status).toBe(400);
      await t.drain();
      expect(t.smtp.to('desk0@example.com')).toHaveLength(0);
      expect(t.smtp.to('a@example.com')).toHaveLength(0);
    });

    it('asks before sending, showing audience and articles, then shows progress until it is sent', async () => {
      const edit = await editor.get(`/newsroom/editions/${editionId}/edit`);
      const confirm = await editor.get(linkIn(edit.body, /\/send$/));
      expect(confirm.text).toContain('Morning Call');
      expect(confirm.text).toContain('12 active readers');
      expect(confirm.text).toMatch(/Articles\s*\d+/);
      const progress = await editor.submit(confirm, {}, { form: 'form[action$="/send"]' });
      expect(new URL(progress.url).pathname).toBe(`/newsroom/editions/${editionId}/progress`);

      // Without JavaScript, the page reloads itself until the edition is sent.
      let page = progress;
      for (let i = 0; i < 60 && !page.text.includes('Status: Sent'); i += 1) {
        expect(page.body).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
        await new Promise((resolve) => setTimeout(resolve, 500));
        page = await editor.get(page.url);
      }
      expect(page.text).toContain('Status: Sent');
      expect(page.body).not.toContain('http-equiv="refresh"');
      expect(page.dom.querySelector('dd[data-field=sent]')?.text).toBe('12');

      const report = await editor.get(linkIn(page.body, /\/report$/));
      expect(report.text).toContain('Sent');
      expect(report.text).toMatch(/took \d/);
      expect(report.text).toContain('Failures by SMTP reply');

      // A sent edition is no longer a draft, in the API either.
      const api = editorApi(t);
      expect((await api.patch(`/api/editions/${editionId}`, { subject: 'Too late' })).status).toBe(409);
      expect((await editor.get(`/newsroom/editions/${editionId}/edit`)).url).toContain('/report');
    });

    it('lists editions filtered by newsletter and status, each linking to its page', async () => {
      const list = await editor.get('/newsroom/editions?newsletter=morning-call&status=sent');
      const links = list.dom.querySelectorAll('tbody a').map((a) => a.getAttribute('href'));
      expect(links).toContain(`/newsroom/editions/${editionId}/report`);
      const drafts = await editor.get('/newsroom/editions?status=draft');
      expect(drafts.dom.querySelectorAll('tbody a').map((a) => a.getAttribute('href'))).not.toContain(`/newsroom/editions/${editionId}/report`);
    });
    it('keeps a sent edition out of the public archive from its report, and puts it back', async () => {
      const report = await editor.get(`/newsroom/editions/${editionId}/report`);
      const web = linkIn(report.body, /its web version/);
      expect((await fetch(new URL(web, t.url))).status).toBe(200);
      const out = await editor.submit(report, {}, { form: `form[action="/newsroom/editions/${editionId}/archive"]` });
      expect(out.text).toContain('Kept out of the archive');
      expect((await fetch(new URL(web, t.url))).status).toBe(404);
      const back = await editor.submit(out, {}, { form: `form[action="/newsroom/editions/${editionId}/archive"]` });
      expect(back.text).toContain('Anyone can read it');
      expect((await fetch(new URL(web, t.url))).status).toBe(200);
    });
  });

  describe('the editions API', () => {
    it('PATCH changes a draft and says which field is wrong; GET pages editions newest first', async () => {
      const api = editorApi(t);
      const [a, b] = await t.rows<{ id: number }>(`SELECT id FROM articles ORDER BY id LIMIT 2`);
      const ids: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const made = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [a.id], subject: `Paging ${i}` });
        expect(made.status).toBe(201);
        ids.push(made.json.id);
      }
      const patched = await api.patch(`/api/editions/${ids[0]}`, { subject: 'Patched', preheader: 'A line', articleIds: [b.id, a.id] });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ subject: 'Patched', preheader: 'A line', articles: [{ id: b.id }, { id: a.id }] });
      const unknown = await api.patch(`/api/editions/${ids[0]}`, { articleIds: [999999] });
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(unknown.json)).toContain('articleIds');
      const empty = await api.patch(`/api/editions/${ids[0]}`, { subject: '' });
      expect(empty.status).toBe(400);
      expect(JSON.stringify(empty.json)).toContain('subject');
      expect((await api.get(`/api/editions/${ids[0]}`)).json.subject).toBe('Patched');

      const first = await api.get('/api/editions?newsletter=the-saturday-read&status=draft&limit=2');
      expect(first.json.editions.map((e: { id: number }) => e.id)).toEqual([ids[2], ids[1]]);
      const second = await api.get(`/api/editions?newsletter=the-saturday-read&status=draft&limit=2&before=${first.json.next}`);
      // Older drafts (the preview's) follow on the next page, newest first, none twice.
      const rest = second.json.editions.map((e: { id: number }) => e.id);
      expect(rest[0]).toBe(ids[0]);
      expect(rest).toEqual([...rest].sort((x: number, y: number) => y - x));
      const all = (await api.get('/api/editions?newsletter=the-saturday-read&status=draft&limit=100')).json.editions.map((e: { id: number }) => e.id);
      expect(second.json.next === null ? [...first.json.editions.map((e: { id: number }) => e.id), ...rest] : null).toEqual(all);
      const badStatus = await api.get('/api/editions?status=posted');
      expect(badStatus.status).toBe(400);
      expect(JSON.stringify(badStatus.json)).toContain('status');
      expect((await editorApi(t, null).get('/api/editions')).status).toBe(401);
      const docs = await fetch(`${t.url}/api/docs-json`).then((r) => r.json() as Promise<{ paths: Record<string, Record<string, unknown>> }>);
      expect(Object.keys(docs.paths['/api/editions/{id}'])).toContain('patch');
      expect(Object.keys(docs.paths['/api/editions'])).toContain('get');
    });
  });
});
