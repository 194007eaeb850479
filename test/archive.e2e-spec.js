"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_html_parser_1 = require("node-html-parser");
const app_1 = require("./support/app");
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
const LEAD = {
    url: 'https://www.newstatesman.com/ideas/2023/03/the-long-read',
    title: 'The long read: what Belarus tells us about Beijing',
    standfirst: 'A close ally of Vladimir Putin, and a useful friend to Xi.',
    author: 'Katie Stallard',
    section: 'Ideas',
    imageUrl: 'https://images.newstatesman.test/long-read.jpg',
};
const SECOND = {
    url: 'https://www.newstatesman.com/world/2023/03/ammunition',
    title: 'Will Ukraine run out of ammunition?',
    standfirst: 'Kyiv is firing shells faster than its allies can make them.',
    author: 'Ido Vock',
    section: 'World',
};
const PREHEADER = 'Belarus, Beijing and the shells Kyiv needs';
const visible = (node) => node.text.replace(/\s+/g, ' ').trim();
const linksTo = (dom, text) => dom.querySelectorAll('a').filter((a) => visible(a) === text);
const meta = (dom, key) => (dom.querySelector(`meta[name="${key}"]`) ?? dom.querySelector(`meta[property="${key}"]`))?.getAttribute('content');
describe('the public archive of sent editions', () => {
    let t;
    let api;
    let readers;
    let editionId;
    let webUrl;
    let subject;
    async function open(url, headers = {}) {
        const response = await fetch(url.startsWith('http') ? url : `${t.url}${url}`, { headers: { accept: 'text/html', ...headers } });
        const text = await response.text();
        return { status: response.status, text, headers: response.headers, dom: (0, node_html_parser_1.parse)(text) };
    }
    const listed = (page) => page.dom.querySelectorAll('main li a').map((a) => a.getAttribute('href'));
    beforeAll(async () => {
        t = await (0, app_1.startApp)({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN } });
        api = (0, editor_1.editorApi)(t);
        readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: 3 }, 'ar')).active;
    });
    afterAll(async () => {
        await t?.close();
    });
    it('lists the newsletters, each linking to its editions, in a page anyone may cache', async () => {
        const page = await open('/archive');
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(page.headers.get('cache-control')).toBe('public, max-age=300');
        expect(page.headers.get('etag')).toMatch(/^"[\w-]+"$/);
        expect(page.dom.querySelector('main h1').text).toBe('Newsletter archive');
        expect(page.dom.querySelector('html').getAttribute('lang')).toBe('en-GB');
        expect(page.dom.querySelector('meta[name="robots"]')).toBeNull();
        expect(linksTo(page.dom, 'Past editions of The Saturday Read')[0].getAttribute('href')).toBe('/archive/the-saturday-read');
        expect(linksTo(page.dom, 'Past editions of Morning Call')[0].getAttribute('href')).toBe('/archive/morning-call');
    });
    it('has nothing of a newsletter before its first send; a draft already links to its future web address', async () => {
        const articleIds = [];
        for (const [i, article] of [LEAD, SECOND].entries()) {
            const posted = await api.post('/api/articles', { ...article, publishedAt: new Date(Date.now() - (2 - i) * 60_000).toISOString() });
            expect(posted.status).toBe(201);
            articleIds.push(posted.json.id);
        }
        const composed = await api.post('/api/newsletters/the-saturday-read/editions', { preheader: PREHEADER, articleIds });
        expect(composed.status).toBe(201);
        editionId = composed.json.id;
        subject = composed.json.subject;
        webUrl = `${t.url}/archive/the-saturday-read/${editionId}`;
        const empty = await open('/archive/the-saturday-read');
        expect(empty.status).toBe(200);
        expect(listed(empty)).toEqual([]);
        expect(visible(empty.dom.querySelector('main'))).toContain('No editions yet.');
        const preview = (0, node_html_parser_1.parse)((await api.get(`/api/editions/${editionId}/preview`)).text);
        expect(linksTo(preview, 'View in browser')[0].getAttribute('href')).toBe(webUrl);
        expect((await open(webUrl)).status).toBe(404);
        expect((await api.post(`/api/editions/${editionId}/test`, { to: ['desk@newstatesman.test'] })).status).toBe(202);
        const [copy] = await t.smtp.waitFor('desk@newstatesman.test');
        expect(copy.parsed.text).toContain(`View in browser: ${webUrl}\n`);
    });
    it("gives every reader's email a \"View in browser\" link that opens the web version, with no reader in it", async () => {
        expect((await api.post(`/api/editions/${editionId}/send`)).status).toBe(202);
        await api.waitForEdition(editionId, ['sent']);
        const mails = await Promise.all(readers.map((reader) => t.smtp.waitFor(reader).then(([mail]) => mail)));
        for (const mail of mails) {
            expect(linksTo((0, node_html_parser_1.parse)(mail.parsed.html), 'View in browser').map((a) => a.getAttribute('href'))).toEqual([webUrl]);
            expect(mail.parsed.text.split('\n')[0]).toBe(`View in browser: ${webUrl}`);
        }
        const [href] = linksTo((0, node_html_parser_1.parse)(mails[0].parsed.html), 'View in browser').map((a) => a.getAttribute('href'));
        const page = await open(href);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        const body = visible(page.dom.querySelector('body'));
        for (const article of [LEAD, SECOND]) {
            expect(linksTo(page.dom, article.title)[0].getAttribute('href')).toBe(article.url);
            expect(body).toContain(article.standfirst);
        }
        expect(page.dom.querySelector(`img[src="${LEAD.imageUrl}"]`)).not.toBeNull();
        expect(linksTo(page.dom, 'Sign up to The Saturday Read')[0].getAttribute('href')).toBe(`${t.url}/`);
        expect(linksTo(page.dom, 'All editions of The Saturday Read')[0].getAttribute('href')).toBe(`${t.url}/archive/the-saturday-read`);
        expect(page.text).not.toMatch(/token|preferences\?|unsubscribe\?|NLX[0-9A-F]+X/i);
        expect(body).not.toContain('You receive this at');
        expect(linksTo(page.dom, 'View in browser')).toHaveLength(0);
        for (const reader of [...readers, 'reader@example.com', 'desk@newstatesman.test'])
            expect(page.text).not.toContain(reader);
    });
    it('gives the web version a title, a description and Open Graph tags', async () => {
        const { dom } = await open(webUrl);
        expect(dom.querySelector('head title').text).toBe(`${subject} | New Statesman`);
        expect(subject).toContain('The Saturday Read');
        expect(meta(dom, 'description')).toBe(PREHEADER);
        expect(meta(dom, 'og:title')).toBe(subject);
        expect(meta(dom, 'og:description')).toBe(PREHEADER);
        expect(meta(dom, 'og:type')).toBe('article');
        expect(meta(dom, 'og:url')).toBe(webUrl);
        expect(meta(dom, 'og:image')).toBe(LEAD.imageUrl);
    });
    it('lets the web version show https images, while the reader pages keep their strict policy', async () => {
        const page = await open(webUrl);
        const csp = page.headers.get('content-security-policy');
        expect(csp).toContain('img-src https: data:');
        expect(csp).toContain("default-src 'none'");
        const signup = await open('/');
        expect(signup.headers.get('content-security-policy')).toContain("img-src 'self' data:");
        expect(signup.headers.get('cache-control')).toBe('no-store');
    });
    it('serves the edition as it was sent: a later change to an article does not reach it', async () => {
        const updated = await api.post('/api/articles', { ...SECOND, title: 'A headline changed after the send', publishedAt: new Date().toISOString() });
        expect(updated.status).toBe(200);
        expect(updated.json.title).toBe('A headline changed after the send');
        const page = await open(webUrl);
        expect(linksTo(page.dom, SECOND.title)).toHaveLength(1);
        expect(page.text).not.toContain('A headline changed after the send');
        const [{ web_html }] = await t.rows(`SELECT web_html FROM editions WHERE id = $1`, [editionId]);
        expect(page.text).toBe(web_html);
    });
    it('lists the sent edition on its newsletter page, and nowhere else', async () => {
        const page = await open('/archive/the-saturday-read');
        expect(page.status).toBe(200);
        expect(page.dom.querySelector('main h1').text).toBe('The Saturday Read: past editions');
        expect(listed(page)).toEqual([`/archive/the-saturday-read/${editionId}`]);
        expect(linksTo(page.dom, subject)).toHaveLength(1);
        expect(listed(await open('/archive/morning-call'))).toEqual([]);
        expect((await open(`/archive/morning-call/${editionId}`)).status).toBe(404);
        expect((await open(`/archive/no-such-newsletter`)).status).toBe(404);
        expect((await open(`/archive/the-saturday-read/99999999999`)).status).toBe(404);
        expect((await open(`/archive/the-saturday-read/abc`)).status).toBe(404);
    });
    it('answers a revalidation with 304 when nothing changed, for the edition and the lists', async () => {
        const revalidate = (url, etag) => open(url, { 'if-none-match': etag, 'cache-control': 'max-age=0' });
        for (const url of [webUrl, '/archive/the-saturday-read', '/archive']) {
            const first = await open(url);
            const etag = first.headers.get('etag');
            expect(etag).toMatch(/^"[\w-]+"$/);
            expect(first.headers.get('cache-control')).toBe('public, max-age=300');
            const again = await revalidate(url, etag);
            expect(again.status).toBe(304);
            expect(again.text).toBe('');
            const stale = await revalidate(url, '"something-else"');
            expect(stale.status).toBe(200);
            expect(stale.text).toBe(first.text);
        }
    });
    it('lets an editor keep an edition out of the archive, and bring it back', async () => {
        const before = await open('/archive/the-saturday-read');
        const etag = (await open(webUrl)).headers.get('etag');
        expect((await (0, editor_1.editorApi)(t, null).put(`/api/editions/${editionId}/archive`, { inArchive: false })).status).toBe(401);
        const invalid = await api.put(`/api/editions/${editionId}/archive`, { inArchive: 'no' });
        expect(invalid.status).toBe(400);
        expect(invalid.json.errors[0].field).toBe('inArchive');
        expect((await api.put(`/api/editions/999999/archive`, { inArchive: false })).status).toBe(404);
        const out = await api.put(`/api/editions/${editionId}/archive`, { inArchive: false });
        expect(out.status).toBe(200);
        expect(out.json).toEqual({ id: editionId, inArchive: false });
        const gone = await open(webUrl, { 'if-none-match': etag, 'cache-control': 'max-age=0' });
        expect(gone.status).toBe(404);
        expect(gone.headers.get('cache-control')).toBe('no-store');
        const list = await open('/archive/the-saturday-read');
        expect(listed(list)).toEqual([]);
        expect(list.headers.get('etag')).not.toBe(before.headers.get('etag'));
        const back = await api.put(`/api/editions/${editionId}/archive`, { inArchive: true });
        expect(back.json).toEqual({ id: editionId, inArchive: true });
        expect((await open(webUrl)).status).toBe(200);
        expect(listed(await open('/archive/the-saturday-read'))).toEqual([`/archive/the-saturday-read/${editionId}`]);
    });
    it('pages a long archive 20 at a time, newest first, by keyset', async () => {
        const [{ id: saturdayRead }] = await t.rows(`SELECT id FROM newsletters WHERE slug = 'the-saturday-read'`);
        const [{ id: morningCall }] = await t.rows(`SELECT id FROM newsletters WHERE slug = 'morning-call'`);
        const add = async (newsletterId, n, status, inArchive = true) => (await t.rows(`INSERT INTO editions (newsletter_id, subject, status, origin, web_html, in_archive, started_at, created_at, updated_at)
           VALUES ($1, $2, $3, 'editor', '<!doctype html><title>x</title>', $4, now() - make_interval(days => $5), now(), now()) RETURNING id`, [newsletterId, `Older edition ${n}`, status, inArchive, n]))[0].id;
        const older = [];
        for (let n = 1; n <= 22; n += 1)
            older.push(await add(saturdayRead, n, 'sent'));
        await add(saturdayRead, 5, 'cancelled');
        await add(saturdayRead, 6, 'sent', false);
        await add(morningCall, 7, 'sent');
        const expected = [editionId, ...older].map((id) => `/archive/the-saturday-read/${id}`);
        const first = await open('/archive/the-saturday-read');
        expect(listed(first)).toEqual(expected.slice(0, 20));
        expect(linksTo(first.dom, 'Newest editions')).toHaveLength(0);
        const [next] = linksTo(first.dom, 'Older editions');
        expect(next.getAttribute('href')).toBe(`/archive/the-saturday-read?before=${older[18]}`);
        const second = await open(next.getAttribute('href'));
        expect(second.status).toBe(200);
        expect(listed(second)).toEqual(expected.slice(20));
        expect(linksTo(second.dom, 'Older editions')).toHaveLength(0);
        expect(linksTo(second.dom, 'Newest editions')[0].getAttribute('href')).toBe('/archive/the-saturday-read');
        expect((await open('/archive/the-saturday-read?before=x')).status).toBe(404);
    });
});
//# sourceMappingURL=archive.e2e-spec.js.map