"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const app_1 = require("./support/app");
const TOKEN = 'editor-token-for-articles-e2e-0123456789';
const lukashenko = {
    url: 'https://www.newstatesman.com/the-staggers/2023/03/why-alexander-lukashenko-trip-china-matters',
    title: 'Why Alexander Lukashenko’s trip to China matters',
    standfirst: 'The Belarusian autocrat is a close ally of Vladimir Putin, and a useful friend in Beijing’s contest with the West.',
    author: 'Katie Stallard',
    section: 'The Staggers',
    topics: ['Belarus', 'China'],
    publishedAt: '2023-03-01T11:30:00.000Z',
    imageUrl: 'https://www.newstatesman.com/wp-content/uploads/sites/2/2023/03/lukashenko-xi-beijing.jpg',
    sponsored: false,
};
describe('articles API', () => {
    let t;
    beforeAll(async () => {
        t = await (0, app_1.startApp)({ env: { EDITOR_TOKEN: TOKEN } });
    });
    afterAll(async () => {
        await t?.close();
    });
    async function call(method, path, options = {}) {
        const token = options.token === undefined ? TOKEN : options.token;
        const response = await fetch(`${t.url}${path}`, {
            method,
            headers: {
                ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
                ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : null };
    }
    const post = (body, token) => call('POST', '/api/articles', { body, token });
    const fields = (answer) => answer.body.errors.map((e) => e.field);
    const rowsFor = (url) => t.rows('SELECT title FROM articles WHERE url = $1', [url]);
    it('turns away requests without an editor token, or with a wrong one, and stores nothing', async () => {
        const none = await post(lukashenko, null);
        expect(none.status).toBe(401);
        const wrong = await post(lukashenko, 'not-the-editor-token-at-all-0123456789');
        expect(wrong.status).toBe(401);
        expect((await call('GET', '/api/articles', { token: null })).status).toBe(401);
        expect(await rowsFor(lukashenko.url)).toEqual([]);
    });
    it('creates an article (201), then updates it when the same URL comes again (200), keeping one row', async () => {
        const created = await post(lukashenko);
        expect(created.status).toBe(201);
        expect(created.body).toEqual({ id: expect.any(Number), targetSectors: [], ...lukashenko });
        const revised = { ...lukashenko, title: 'Why Lukashenko’s trip to Beijing matters', topics: ['Belarus', 'China', 'Russia'], sponsored: true };
        const updated = await post(revised);
        expect(updated.status).toBe(200);
        expect(updated.body).toEqual({ id: created.body.id, targetSectors: [], ...revised });
        const again = await post(revised);
        expect(again.status).toBe(200);
        expect(again.body.id).toBe(created.body.id);
        expect(await rowsFor(lukashenko.url)).toEqual([{ title: 'Why Lukashenko’s trip to Beijing matters' }]);
    });
    it('answers 400 naming the field for a URL that is not http(s), and stores nothing', async () => {
        for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.com/a', '/relative/path']) {
            const answer = await post({ ...lukashenko, url });
            expect(answer.status).toBe(400);
            expect(fields(answer)).toEqual(['url']);
        }
        const image = await post({ ...lukashenko, url: 'https://www.newstatesman.com/image-test', imageUrl: 'javascript:alert(1)' });
        expect(image.status).toBe(400);
        expect(fields(image)).toEqual(['imageUrl']);
        expect(await t.rows('SELECT id FROM articles WHERE url NOT LIKE $1', ['https://www.newstatesman.com/the-staggers/%'])).toEqual([]);
    });
    it('answers 400 naming each missing or oversized field', async () => {
        const { title: _title, ...untitled } = lukashenko;
        const missing = await post({ ...untitled, url: 'https://www.newstatesman.com/untitled' });
        expect(missing.status).toBe(400);
        expect(fields(missing)).toEqual(['title']);
        const oversized = await post({
            ...lukashenko,
            url: 'https://www.newstatesman.com/oversized',
            title: 't'.repeat(501),
            standfirst: 's'.repeat(5001),
            author: 'a'.repeat(201),
            section: 's'.repeat(101),
            topics: Array.from({ length: 21 }, (_, i) => `topic ${i}`),
            publishedAt: 'last Tuesday',
            sponsored: 'yes',
        });
        expect(oversized.status).toBe(400);
        expect(fields(oversized).sort()).toEqual(['author', 'publishedAt', 'section', 'sponsored', 'standfirst', 'title', 'topics']);
        expect(await rowsFor('https://www.newstatesman.com/oversized')).toEqual([]);
    });
    it('stores markup in the text exactly as sent', async () => {
        const title = '<script>alert("x")</script> Tories & Labour <b>agree</b>';
        const standfirst = 'It’s &amp; <i>not</i> escaped here';
        const answer = await post({ ...lukashenko, url: 'https://www.newstatesman.com/markup', title, standfirst });
        expect(answer.status).toBe(201);
        expect(answer.body).toMatchObject({ title, standfirst });
        expect(await t.rows('SELECT title, standfirst FROM articles WHERE url = $1', ['https://www.newstatesman.com/markup'])).toEqual([{ title, standfirst }]);
    });
    describe('listing', () => {
        const dated = (slug, publishedAt) => ({
            url: `https://www.newstatesman.com/2030/${slug}`,
            title: `Listed ${slug}`,
            publishedAt,
        });
        beforeAll(async () => {
            for (const article of [
                dated('before', '2030-02-28T23:59:59.999Z'),
                dated('at', '2030-03-01T00:00:00.000Z'),
                dated('morning', '2030-03-01T07:00:00.000Z'),
                dated('also-morning', '2030-03-01T07:00:00.000Z'),
                dated('next-day', '2030-03-02T09:00:00.000Z'),
            ]) {
                expect((await post(article)).status).toBe(201);
            }
        });
        it('lists the articles published at or after `since`, newest first', async () => {
            const answer = await call('GET', '/api/articles?since=2030-03-01');
            expect(answer.status).toBe(200);
            expect(answer.body.articles.map((a) => a.title)).toEqual([
                'Listed next-day',
                'Listed also-morning',
                'Listed morning',
                'Listed at',
            ]);
            expect(answer.body.articles[0]).toEqual({
                id: expect.any(Number),
                url: 'https://www.newstatesman.com/2030/next-day',
                title: 'Listed next-day',
                standfirst: null,
                author: null,
                section: null,
                topics: [],
                publishedAt: '2030-03-02T09:00:00.000Z',
                imageUrl: null,
                sponsored: false,
                targetSectors: [],
            });
            expect(answer.body.next).toBeNull();
        });
        it('pages through them with a cursor, each article once', async () => {
            const titles = [];
            let cursor = null;
            let pages = 0;
            do {
                const answer = await call('GET', `/api/articles?since=2030-03-01T00:00:00Z&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
                expect(answer.status).toBe(200);
                titles.push(...answer.body.articles.map((a) => a.title));
                cursor = answer.body.next;
                pages += 1;
            } while (cursor && pages < 10);
            expect(titles).toEqual(['Listed next-day', 'Listed also-morning', 'Listed morning', 'Listed at']);
        });
        it('answers 400 naming `since`, `limit` or `cursor` when they are not what they should be', async () => {
            for (const [query, field] of [
                ['since=yesterday', 'since'],
                ['since=2030-13-45', 'since'],
                ['since=2030-03-01&limit=0', 'limit'],
                ['since=2030-03-01&cursor=bm90LWEtY3Vyc29y', 'cursor'],
            ]) {
                const answer = await call('GET', `/api/articles?${query}`);
                expect(answer.status).toBe(400);
                expect(fields(answer)).toEqual([field]);
            }
        });
    });
});
//# sourceMappingURL=articles.e2e-spec.js.map