"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const app_1 = require("./support/app");
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
const newsroom_1 = require("./support/newsroom");
const EDU = 'education-curriculum-and-teaching';
const HEALTH = 'health-medical-and-nursing-management';
describe('sector-targeted editions', () => {
    let t;
    let api;
    let articleId;
    const readers = {};
    beforeAll(async () => {
        t = await (0, app_1.startApp)({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN } });
        api = (0, editor_1.editorApi)(t);
        [articleId] = await (0, editor_1.insertArticles)(t, [{ url: 'https://www.newstatesman.com/politics/2023/03/audiences', title: 'A piece for some sectors' }]);
        const { active } = await (0, audience_1.seedAudience)(t, 'morning-call', { active: 8 }, 'sector');
        const place = async (emails, sector) => {
            await t.rows(`UPDATE subscribers SET job_sector_id = (SELECT id FROM job_sectors WHERE slug = $2) WHERE email = ANY($1::text[])`, [emails, sector]);
            readers[sector ?? 'none'] = emails;
        };
        await place(active.slice(0, 3), EDU);
        await place(active.slice(3, 6), HEALTH);
        await place(active.slice(6), null);
    });
    afterAll(async () => {
        await t?.close();
    });
    it('reaches only readers of the chosen sectors, as the SMTP server saw it', async () => {
        const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], subject: 'For teachers', audience: { sectors: [EDU] } });
        expect(composed.status).toBe(201);
        expect(composed.json.audience).toEqual({ sectors: [EDU] });
        const sent = await api.post(`/api/editions/${composed.json.id}/send`);
        expect(sent.status).toBe(202);
        expect(sent.json.counts.total).toBe(3);
        await api.waitForEdition(composed.json.id, ['sent']);
        for (const email of readers[EDU])
            expect(t.smtp.to(email).map((m) => m.parsed.subject)).toEqual(['For teachers']);
        for (const email of [...readers[HEALTH], ...readers.none])
            expect(t.smtp.to(email)).toHaveLength(0);
    });
    it('PATCH changes a draft’s audience, and null sends to everyone again', async () => {
        const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], subject: 'Widening' });
        expect(composed.json.audience).toBeNull();
        const two = await api.patch(`/api/editions/${composed.json.id}`, { audience: { sectors: [HEALTH, EDU] } });
        expect(two.status).toBe(200);
        expect([...two.json.audience.sectors].sort()).toEqual([EDU, HEALTH].sort());
        const everyone = await api.patch(`/api/editions/${composed.json.id}`, { audience: null });
        expect(everyone.json.audience).toBeNull();
        const sent = await api.post(`/api/editions/${composed.json.id}/send`);
        expect(sent.json.counts.total).toBe(8);
    });
    it('refuses unknown or no sectors, naming the field, and stores nothing', async () => {
        const before = await t.rows(`SELECT id FROM editions`);
        const unknown = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], audience: { sectors: [EDU, 'astrology'] } });
        expect(unknown.status).toBe(400);
        expect(unknown.json.errors).toEqual([{ field: 'audience.sectors', message: 'Unknown job sectors: astrology' }]);
        const none = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], audience: { sectors: [] } });
        expect(none.status).toBe(400);
        expect(none.json.errors[0].field).toBe('audience.sectors');
        const notAList = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], audience: { sectors: HEALTH } });
        expect(notAList.status).toBe(400);
        expect(await t.rows(`SELECT id FROM editions`)).toHaveLength(before.length);
    });
    it('the newsroom offers the sectors with their readers, and the send step counts each chosen sector', async () => {
        const email = 'sectors.desk@newstatesman.co.uk';
        await (0, newsroom_1.createEditor)(t, email);
        const { editor } = await (0, newsroom_1.signIn)(t, email);
        const compose = await editor.get('/newsroom/compose/morning-call');
        const education = compose.dom.querySelector('label[for=sector-education-curriculum-and-teaching]').text;
        expect(education).toMatch(/\(3\)/);
        expect(compose.dom.querySelector('[data-audience-count]').text).toBe('8 readers');
        const none = await editor.submit(compose, { audience: 'sectors', sectors: [] }, { form: 'form.compose' });
        expect(none.status).toBe(400);
        expect(none.text).toContain('Tick at least one sector');
        const saved = await editor.submit(compose, { audience: 'sectors', sectors: [HEALTH], articles: [String(articleId)] }, { form: 'form.compose' });
        expect(saved.text).toContain('Draft saved');
        expect(saved.dom.querySelector('[data-audience-count]').text).toBe('3 readers');
        expect(saved.dom.querySelector('#sector-health-medical-and-nursing-management').hasAttribute('checked')).toBe(true);
        const id = Number(/editions\/(\d+)/.exec(saved.url)[1]);
        expect((await api.get(`/api/editions/${id}`)).json.audience).toEqual({ sectors: [HEALTH] });
        const confirm = await editor.get(`/newsroom/editions/${id}/send`);
        expect(confirm.text).toContain('3 active readers, in 1 job sectors');
        const rows = confirm.dom.querySelectorAll('tbody tr').map((r) => [...r.querySelectorAll('th, td')].map((cell) => cell.text.trim()));
        expect(rows).toEqual([['Health - Medical and Nursing Management', '3']]);
    });
});
//# sourceMappingURL=edition-audiences.e2e-spec.js.map