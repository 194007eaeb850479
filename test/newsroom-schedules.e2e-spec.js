"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const bullmq_1 = require("@nestjs/bullmq");
const queues_1 = require("../src/queue/queues");
const app_1 = require("./support/app");
const newsroom_1 = require("./support/newsroom");
const EDITOR = 'schedules.desk@newstatesman.test';
const FORM = 'form[action="/newsroom/schedules/morning-call"]';
const LONDON = new Intl.DateTimeFormat('en-GB', { weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });
describe('the newsroom: schedules', () => {
    let t;
    let editor;
    let schedules;
    beforeAll(async () => {
        t = await (0, app_1.startApp)();
        schedules = t.app.get((0, bullmq_1.getQueueToken)(queues_1.QUEUES.schedules));
        await (0, newsroom_1.createEditor)(t, EDITOR);
        ({ editor } = await (0, newsroom_1.signIn)(t, EDITOR));
    });
    afterAll(async () => {
        await t?.close();
    });
    const section = (page, slug) => page.dom.querySelector(`#schedule-${slug}`);
    const runs = (page, slug) => section(page, slug).querySelectorAll('.next-runs time');
    const stored = async (slug) => (await t.rows(`SELECT schedule_cron AS cron, schedule_timezone AS timezone FROM newsletters WHERE slug = $1`, [slug]))[0];
    const scheduler = async (slug) => {
        const found = (await schedules.getJobSchedulers()).find((s) => s.key === `newsletter-${slug}`);
        return found && { pattern: found.pattern, tz: found.tz };
    };
    it("shows each newsletter's timetable in words, its time zone and next three runs", async () => {
        const page = await editor.get('/newsroom/schedules');
        expect(page.status).toBe(200);
        expect(page.dom.querySelector('nav a[aria-current=page]')?.textContent).toBe('Schedules');
        const saturday = section(page, 'the-saturday-read');
        expect(saturday.querySelector('h2')?.textContent).toBe('The Saturday Read');
        expect(saturday.querySelector('dd strong')?.textContent).toBe('Saturdays at 07:00');
        expect(saturday.text).toContain('Europe/London');
        expect(runs(page, 'the-saturday-read')).toHaveLength(3);
        expect(section(page, 'morning-call').querySelector('dd strong')?.textContent).toBe('Weekdays at 06:00');
        expect(section(page, 'morning-call').querySelector('fieldset legend')?.textContent).toBe('New timetable');
        expect(section(page, 'morning-call').querySelector('#preset-morning-call-weekdays')?.hasAttribute('checked')).toBe(true);
        for (const id of ['preset-morning-call-saturdays', 'preset-morning-call-off', 'preset-morning-call-custom', 'cron-morning-call', 'timezone-morning-call']) {
            expect(page.dom.querySelector(`label[for=${id}]`)).not.toBeNull();
        }
        const dashboard = await editor.get('/newsroom');
        expect(dashboard.dom.querySelector('a[href="/newsroom/schedules#schedule-morning-call"]')).not.toBeNull();
    });
    it('moves Morning Call to a preset, and shows the next three Saturdays at 07:00 London time', async () => {
        const saved = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'saturdays' }, { form: FORM });
        expect(saved.redirectedFrom[0]).toMatchObject({ status: 303, url: `${t.url}/newsroom/schedules/morning-call` });
        expect(saved.status).toBe(200);
        expect(saved.dom.querySelector('.flash')?.textContent).toBe('Saved. Morning Call: Saturdays at 07:00 (Europe/London).');
        const times = runs(saved, 'morning-call');
        expect(times).toHaveLength(3);
        for (const time of times) {
            expect(LONDON.format(new Date(time.getAttribute('datetime')))).toBe('Saturday 07:00');
            expect(time.textContent).toMatch(/^Saturday \d{1,2} \w+ \d{4}, 07:00 (GMT|BST)$/);
        }
        const gaps = times.map((time) => Date.parse(time.getAttribute('datetime')));
        expect(gaps[1] - gaps[0]).toBeGreaterThanOrEqual(6.9 * 86400_000);
        expect(await stored('morning-call')).toEqual({ cron: '0 7 * * 6', timezone: 'Europe/London' });
        expect(await scheduler('morning-call')).toEqual({ pattern: '0 7 * * 6', tz: 'Europe/London' });
        expect(section(saved, 'morning-call').querySelector('#preset-morning-call-saturdays')?.hasAttribute('checked')).toBe(true);
    });
    it('refuses a bad cron pattern at 400, naming the field, and keeps the old schedule', async () => {
        const refused = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'custom', cron: '0 99 * * *' }, { form: FORM });
        expect(refused.status).toBe(400);
        const error = refused.dom.querySelector('#cron-morning-call-error')?.textContent ?? '';
        expect(error).toContain('Custom cron pattern');
        expect(refused.dom.querySelector('#cron-morning-call')?.getAttribute('aria-invalid')).toBe('true');
        expect(refused.dom.querySelector('#cron-morning-call')?.getAttribute('value')).toBe('0 99 * * *');
        expect(refused.dom.querySelector('.error-summary a[href="#cron-morning-call"]')).not.toBeNull();
        expect(refused.text).toContain('nothing was changed');
        expect(section(refused, 'morning-call').querySelector('dd strong')?.textContent).toBe('Saturdays at 07:00');
        expect(await stored('morning-call')).toEqual({ cron: '0 7 * * 6', timezone: 'Europe/London' });
        expect(await scheduler('morning-call')).toEqual({ pattern: '0 7 * * 6', tz: 'Europe/London' });
        const ambiguous = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'daily', cron: '15 5 * * *' }, { form: FORM });
        expect(ambiguous.status).toBe(400);
        expect(ambiguous.dom.querySelector('#cron-morning-call-error')?.textContent).toContain('Custom pattern');
        expect(await stored('morning-call')).toEqual({ cron: '0 7 * * 6', timezone: 'Europe/London' });
    });
    it('refuses an unknown time zone at 400, naming the field', async () => {
        const refused = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'weekdays', timezone: 'Atlantis/Capital' }, { form: FORM });
        expect(refused.status).toBe(400);
        expect(refused.dom.querySelector('#timezone-morning-call-error')?.textContent).toContain('Time zone');
        expect(refused.dom.querySelector('#cron-morning-call-error')).toBeNull();
        expect(refused.dom.querySelector('#timezone-morning-call option[selected]')?.getAttribute('value')).toBe('Europe/London');
        const off = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'off', timezone: 'Atlantis/Capital' }, { form: FORM });
        expect(off.status).toBe(400);
        expect(await stored('morning-call')).toEqual({ cron: '0 7 * * 6', timezone: 'Europe/London' });
        expect(await scheduler('morning-call')).toEqual({ pattern: '0 7 * * 6', tz: 'Europe/London' });
    });
    it('takes a custom pattern in another time zone', async () => {
        const saved = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'custom', cron: '30 5 * * 1-5', timezone: 'Europe/Paris' }, { form: FORM });
        expect(saved.status).toBe(200);
        expect(section(saved, 'morning-call').querySelector('dd strong')?.textContent).toBe('Weekdays at 05:30');
        for (const time of runs(saved, 'morning-call'))
            expect(time.textContent).toMatch(/, 05:30 /);
        expect(await scheduler('morning-call')).toEqual({ pattern: '30 5 * * 1-5', tz: 'Europe/Paris' });
        expect(saved.dom.querySelector('#preset-morning-call-custom')?.hasAttribute('checked')).toBe(true);
        expect(saved.dom.querySelector('#cron-morning-call')?.getAttribute('value')).toBe('30 5 * * 1-5');
        expect(saved.dom.querySelector('#timezone-morning-call option[selected]')?.getAttribute('value')).toBe('Europe/Paris');
    });
    it('switches off to "send by hand only", and on again with a preset', async () => {
        const off = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'off', timezone: 'Europe/London' }, { form: FORM });
        expect(off.status).toBe(200);
        expect(section(off, 'morning-call').querySelector('dd strong')?.textContent).toBe('Off: sent by hand only');
        expect(section(off, 'morning-call').text).toContain('Morning Call is sent by hand only');
        expect(runs(off, 'morning-call')).toHaveLength(0);
        expect(await stored('morning-call')).toEqual({ cron: null, timezone: 'Europe/London' });
        expect(await scheduler('morning-call')).toBeUndefined();
        expect(await scheduler('the-saturday-read')).toEqual({ pattern: '0 7 * * 6', tz: 'Europe/London' });
        const dashboard = await editor.get('/newsroom');
        expect(dashboard.dom.querySelector('#nl-morning-call')?.parentNode?.text).toContain('sent by hand only');
        const on = await editor.submit(off, { preset: 'weekdays' }, { form: FORM });
        expect(on.status).toBe(200);
        expect(section(on, 'morning-call').querySelector('dd strong')?.textContent).toBe('Weekdays at 06:00');
        expect(await scheduler('morning-call')).toEqual({ pattern: '0 6 * * 1-5', tz: 'Europe/London' });
    });
    it('refuses a form without its CSRF token, and an unknown newsletter', async () => {
        const forged = await editor.postForm('/newsroom/schedules/morning-call', { preset: 'off' });
        expect(forged.status).toBe(403);
        expect(await scheduler('morning-call')).toEqual({ pattern: '0 6 * * 1-5', tz: 'Europe/London' });
        const page = await editor.get('/newsroom/schedules');
        const token = page.dom.querySelector('input[name=_csrf]').getAttribute('value');
        expect((await editor.postForm('/newsroom/schedules/no-such-newsletter', { _csrf: token, preset: 'off' })).status).toBe(404);
        const stranger = await t.reader().postForm('/newsroom/schedules/morning-call', { preset: 'off' });
        expect(stranger.status).toBe(403);
        expect(await stored('morning-call')).toEqual({ cron: '0 6 * * 1-5', timezone: 'Europe/London' });
    });
});
//# sourceMappingURL=newsroom-schedules.e2e-spec.js.map