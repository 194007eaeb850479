"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const bullmq_1 = require("@nestjs/bullmq");
const paths_1 = require("../src/config/paths");
const queues_1 = require("../src/queue/queues");
const app_1 = require("./support/app");
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
describe('schedules', () => {
    let t;
    let api;
    let schedules;
    beforeAll(async () => {
        t = await (0, app_1.startApp)({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN } });
        api = (0, editor_1.editorApi)(t);
        schedules = t.app.get((0, bullmq_1.getQueueToken)(queues_1.QUEUES.schedules));
    });
    afterAll(async () => {
        await t?.close();
    });
    const editionsOf = (slug) => t.rows(`SELECT e.id, e.status, e.origin FROM editions e JOIN newsletters n ON n.id = e.newsletter_id WHERE n.slug = $1 ORDER BY e.id`, [slug]);
    it('shows the timetable the issue asks for', async () => {
        const saturday = await api.get('/api/newsletters/the-saturday-read/schedule');
        expect(saturday.json).toMatchObject({ cron: '0 7 * * 6', timezone: 'Europe/London' });
        expect(new Date(saturday.json.nextRuns[0]).getUTCDay()).toBe(6);
        const morning = await api.get('/api/newsletters/morning-call/schedule');
        expect(morning.json).toMatchObject({ cron: '0 6 * * 1-5', timezone: 'Europe/London' });
        const schedulers = await schedules.getJobSchedulers();
        expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
            ['newsletter-morning-call', '0 6 * * 1-5', 'Europe/London'],
            ['newsletter-the-saturday-read', '0 7 * * 6', 'Europe/London'],
        ]);
    });
    it('refuses a schedule that is not one, naming the field', async () => {
        const cron = await api.put('/api/newsletters/morning-call/schedule', { cron: '0 99 * * *' });
        expect(cron.status).toBe(400);
        expect(cron.json.errors[0].field).toBe('cron');
        const zone = await api.put('/api/newsletters/morning-call/schedule', { cron: '0 6 * * 1-5', timezone: 'Atlantis/Capital' });
        expect(zone.status).toBe(400);
        expect(zone.json.errors[0].field).toBe('timezone');
        expect((await api.put('/api/newsletters/no-such/schedule', { cron: '0 6 * * *' })).status).toBe(404);
    });
    it('fires on its schedule, sends once, then skips while there is nothing new', async () => {
        const readers = await (0, audience_1.seedAudience)(t, 'morning-call', { active: 5 }, 'sched');
        await (0, editor_1.insertArticles)(t, [
            { url: 'https://www.newstatesman.com/world/2023/03/ammunition', title: 'Will Ukraine run out of ammunition?' },
            { url: 'https://www.newstatesman.com/the-staggers/2023/03/lukashenko', title: 'Why Alexander Lukashenko’s trip to China matters' },
        ]);
        const set = await api.put('/api/newsletters/morning-call/schedule', { cron: '* * * * * *', timezone: 'UTC' });
        expect(set.status).toBe(200);
        expect(set.json.nextRuns).toHaveLength(3);
        await t.smtp.waitFor(readers.active[4]);
        const skipped = async () => (await schedules.getCompleted()).filter((job) => job.returnvalue?.outcome === 'skipped').length;
        const deadline = Date.now() + 20_000;
        while ((await skipped()) < 2 && Date.now() < deadline)
            await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await skipped()).toBeGreaterThanOrEqual(2);
        await api.put('/api/newsletters/morning-call/schedule', { cron: null });
        await t.drain();
        const editions = await editionsOf('morning-call');
        expect(editions).toHaveLength(1);
        expect(editions[0]).toMatchObject({ origin: 'schedule', status: 'sent' });
        for (const email of readers.active)
            expect(t.smtp.to(email)).toHaveLength(1);
        expect(await schedules.getJobSchedulers()).toEqual([expect.objectContaining({ key: 'newsletter-the-saturday-read' })]);
    });
    it('makes one edition when two schedulers and an editor race for the same news', async () => {
        const now = new Date().toISOString();
        await (0, editor_1.insertArticles)(t, [
            { url: 'https://www.newstatesman.com/world/2023/03/belarus-ultras', title: 'Rage against the regime: the Belarus ultras who stood up to Lukashenko', publishedAt: now },
            { url: 'https://www.newstatesman.com/world/2023/03/ben-hodges', title: 'Ben Hodges: “The only hope the Russians have is that the West loses the will to keep supporting Ukraine”', publishedAt: now },
        ]);
        const [{ id: newsletterId }] = await t.rows(`SELECT id FROM newsletters WHERE slug = 'morning-call'`);
        const before = (await editionsOf('morning-call')).length;
        const [editor] = await Promise.all([
            api.post('/api/newsletters/morning-call/editions', {}),
            schedules.add(queues_1.JOBS.scheduledEdition, { newsletterId: Number(newsletterId) }),
            schedules.add(queues_1.JOBS.scheduledEdition, { newsletterId: Number(newsletterId) }),
        ]);
        await t.drain();
        const created = (await editionsOf('morning-call')).slice(before);
        expect(created).toHaveLength(1);
        if (editor.status === 201) {
            expect(created[0]).toMatchObject({ id: editor.json.id, origin: 'editor', status: 'draft' });
        }
        else {
            expect(editor.status).toBe(422);
            expect(created[0]).toMatchObject({ origin: 'schedule' });
        }
        const twice = await t.rows(`SELECT ea.article_id FROM edition_articles ea JOIN editions e ON e.id = ea.edition_id
       WHERE e.status NOT IN ('cancelled', 'failed') GROUP BY ea.article_id HAVING count(*) > 1`);
        expect(twice).toEqual([]);
    });
});
describe('an edition whose design is broken', () => {
    let t;
    let templates;
    beforeAll(async () => {
        templates = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'nl-templates-'));
        (0, node_fs_1.cpSync)((0, node_path_1.join)(paths_1.PROJECT_ROOT, 'templates'), templates, { recursive: true });
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(templates, 'email', 'morning-call.mjml'), '<mjml><mj-body><mj-section><mj-text>No column</mj-text></mj-section></mj-body></mjml>');
        t = await (0, app_1.startApp)({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN, TEMPLATES_DIR: templates, LOG_LEVEL: 'fatal' } });
    });
    afterAll(async () => {
        await t?.close();
        (0, node_fs_1.rmSync)(templates, { recursive: true, force: true });
    });
    it('fails before anything is sent, with a message that says why', async () => {
        const api = (0, editor_1.editorApi)(t);
        const readers = await (0, audience_1.seedAudience)(t, 'morning-call', { active: 3 }, 'broken');
        const [articleId] = await (0, editor_1.insertArticles)(t, [{ url: 'https://www.newstatesman.com/a', title: 'An article' }]);
        const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId] });
        const sent = await api.post(`/api/editions/${composed.json.id}/send`);
        expect(sent.status).toBe(422);
        expect(sent.json.errors[0]).toMatchObject({ field: 'template' });
        expect(sent.json.errors[0].message).toMatch(/morning-call.*not valid MJML/);
        const view = (await api.get(`/api/editions/${composed.json.id}`)).json;
        expect(view.status).toBe('failed');
        expect(view.error).toMatch(/not valid MJML/);
        await t.drain();
        expect(await t.rows(`SELECT subscriber_id FROM deliveries`)).toEqual([]);
        for (const email of readers.active)
            expect(t.smtp.to(email)).toHaveLength(0);
        expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(409);
    });
});
//# sourceMappingURL=edition-schedule.e2e-spec.js.map