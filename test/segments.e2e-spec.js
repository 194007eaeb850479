"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const clicks_service_1 = require("../src/clicks/clicks.service");
const digest_renderer_1 = require("../src/publishing/digest-renderer");
const reader_1 = require("./support/reader");
const app_1 = require("./support/app");
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
const newsroom_1 = require("./support/newsroom");
const EDU = 'education-curriculum-and-teaching';
const HEALTH = 'health-medical-and-nursing-management';
const ARTS = 'arts-and-culture';
describe('partner slots by job sector', () => {
    let t;
    let api;
    const readers = {};
    const ids = {};
    async function article(key, body) {
        const made = await api.post('/api/articles', { url: `https://www.newstatesman.com/segments/${key}`, publishedAt: new Date().toISOString(), ...body });
        expect(made.status).toBe(201);
        ids[key] = made.json.id;
    }
    beforeAll(async () => {
        t = await (0, app_1.startApp)({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN } });
        api = (0, editor_1.editorApi)(t);
        await article('lead', { title: 'The lead story', standfirst: 'What happened today.' });
        await article('all', { title: 'Partner piece for everyone', sponsored: true });
        await article('edu', { title: 'Partner piece for teachers', sponsored: true, targetSectors: [EDU] });
        await article('both', { title: 'Partner piece for teachers and nurses', sponsored: true, targetSectors: [EDU, HEALTH] });
        const { active } = await (0, audience_1.seedAudience)(t, 'morning-call', { active: 8 }, 'segment');
        const place = async (emails, key, sector) => {
            await t.rows(`UPDATE subscribers SET job_sector_id = (SELECT id FROM job_sectors WHERE slug = $2) WHERE email = ANY($1::text[])`, [emails, sector]);
            readers[key] = emails;
        };
        await place(active.slice(0, 2), 'edu', EDU);
        await place(active.slice(2, 4), 'health', HEALTH);
        await place(active.slice(4, 6), 'arts', ARTS);
        await place(active.slice(6), 'none', null);
    });
    afterAll(async () => {
        await t?.close();
    });
    const partnersIn = (email, edition) => String(t.smtp.to(email)[edition].parsed.text)
        .split('\n')
        .filter((line) => line.startsWith('Partner piece'));
    it('takes target sectors on partner pieces, by slug, and refuses unknown ones', async () => {
        const listed = await api.get('/api/articles?since=2000-01-01T00:00:00Z');
        const both = listed.json.articles.find((a) => a.id === ids.both);
        expect([...both.targetSectors].sort()).toEqual([EDU, HEALTH].sort());
        const unknown = await api.post('/api/articles', { url: 'https://www.newstatesman.com/segments/x', title: 'X', publishedAt: new Date().toISOString(), sponsored: true, targetSectors: ['astrology'] });
        expect(unknown.status).toBe(400);
        expect(unknown.json.errors).toEqual([{ field: 'targetSectors', message: 'Unknown job sectors: astrology' }]);
        expect(await t.rows(`SELECT id FROM articles WHERE url LIKE '%/segments/x'`)).toHaveLength(0);
    });
    it('gives each sector its pieces, the rest the untargeted ones, rendering once per distinct version', async () => {
        const renderer = t.app.get(digest_renderer_1.DigestRenderer);
        const renders = jest.spyOn(renderer, 'render');
        const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [ids.lead, ids.all, ids.edu, ids.both], subject: 'Segments' });
        const sent = await api.post(`/api/editions/${composed.json.id}/send`);
        expect(sent.status).toBe(202);
        expect(renders).toHaveBeenCalledTimes(3);
        renders.mockRestore();
        expect(await t.rows(`SELECT segment FROM edition_segments WHERE edition_id = $1 ORDER BY segment`, [composed.json.id])).toHaveLength(3);
        await api.waitForEdition(composed.json.id, ['sent']);
        for (const email of readers.edu)
            expect(partnersIn(email, 0)).toEqual(['Partner piece for teachers', 'Partner piece for teachers and nurses']);
        for (const email of readers.health)
            expect(partnersIn(email, 0)).toEqual(['Partner piece for teachers and nurses']);
        for (const email of [...readers.arts, ...readers.none])
            expect(partnersIn(email, 0)).toEqual(['Partner piece for everyone']);
        for (const email of Object.values(readers).flat())
            expect(String(t.smtp.to(email)[0].parsed.text)).toContain('The lead story');
    });
    it('counts clicks per segment, and so per sector, from links that name no reader', async () => {
        const [edition] = await t.rows(`SELECT id FROM editions WHERE subject = 'Segments'`);
        const partnerLink = (email) => (0, reader_1.linkIn)(String(t.smtp.to(email)[0].parsed.html), /Partner piece for teachers and nurses/);
        expect(partnerLink(readers.edu[0])).toBe(partnerLink(readers.edu[1]));
        expect(partnerLink(readers.edu[0])).not.toBe(partnerLink(readers.health[0]));
        for (const email of [readers.edu[0], readers.health[0], readers.health[1]]) {
            const res = await fetch(partnerLink(email), { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) Safari/605.1.15', 'x-forwarded-for': `198.51.100.${email.length}` } });
            expect(res.status).toBe(302);
            expect(res.headers.get('location')).toBe('https://www.newstatesman.com/segments/both');
        }
        await t.app.get(clicks_service_1.ClicksService).flush();
        const report = (await api.get(`/api/editions/${edition.id}/clicks`)).json;
        const bySegment = Object.fromEntries(report.segments.map((s) => [s.segment, s]));
        expect(bySegment[1].sectors.map((x) => x.slug)).toEqual([EDU]);
        expect(bySegment[1].clicks).toBe(1);
        expect(bySegment[2].sectors.map((x) => x.slug)).toEqual([HEALTH]);
        expect(bySegment[2].clicks).toBe(2);
        const bySector = Object.fromEntries(report.sectors.map((x) => [x.slug, x.clicks]));
        expect(bySector[EDU]).toBe(1);
        expect(bySector[HEALTH]).toBe(2);
        expect(bySector[ARTS]).toBe(0);
    });
    it('omits the partner block, heading and all, for readers with nothing left to show', async () => {
        const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [ids.lead, ids.edu], subject: 'Only for teachers’ partners' });
        await api.post(`/api/editions/${composed.json.id}/send`);
        await api.waitForEdition(composed.json.id, ['sent']);
        for (const email of readers.edu) {
            expect(partnersIn(email, 1)).toEqual(['Partner piece for teachers']);
            expect(String(t.smtp.to(email)[1].parsed.html)).toContain('Content from our partners');
        }
        for (const email of [...readers.health, ...readers.none]) {
            expect(partnersIn(email, 1)).toEqual([]);
            expect(String(t.smtp.to(email)[1].parsed.html)).not.toContain('Content from our partners');
            expect(String(t.smtp.to(email)[1].parsed.text)).not.toContain('CONTENT FROM OUR PARTNERS');
        }
    });
    it('previews the edition as a reader of a chosen sector sees it', async () => {
        const draft = await api.post('/api/newsletters/morning-call/editions', { articleIds: [ids.lead, ids.all, ids.edu], subject: 'Preview by sector' });
        const email = 'segments.desk@newstatesman.co.uk';
        await (0, newsroom_1.createEditor)(t, email);
        const { editor } = await (0, newsroom_1.signIn)(t, email);
        const page = await editor.get(`/newsroom/editions/${draft.json.id}/preview?sector=${EDU}`);
        const frame = page.dom.querySelector('iframe').getAttribute('src');
        expect(frame).toContain(`sector=${EDU}`);
        const asTeacher = await (await fetch(`${t.url}${frame}`, { headers: { cookie: editor.cookieHeader() } })).text();
        expect(asTeacher).toContain('Partner piece for teachers');
        expect(asTeacher).not.toContain('Partner piece for everyone');
        const asArts = await (await fetch(`${t.url}/newsroom/editions/${draft.json.id}/preview.html?sector=${ARTS}`, { headers: { cookie: editor.cookieHeader() } })).text();
        expect(asArts).toContain('Partner piece for everyone');
        expect(asArts).not.toContain('Partner piece for teachers');
        const untargeted = await (await fetch(`${t.url}/newsroom/editions/${draft.json.id}/preview.html`, { headers: { cookie: editor.cookieHeader() } })).text();
        expect(untargeted).toContain('Partner piece for everyone');
        expect(untargeted).not.toContain('Partner piece for teachers');
    });
});
//# sourceMappingURL=segments.e2e-spec.js.map