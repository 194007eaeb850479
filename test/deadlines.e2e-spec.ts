import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { DeliveryPlanner } from '../src/delivery/delivery-planner';
import { MetricsServer } from '../src/metrics/metrics-server';
import { QUEUES } from '../src/queue/queues';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { scrape } from './support/metrics';
import { createEditor, signIn, signInInBrowser } from './support/newsroom';
import { Reader } from './support/reader';
import { freePort } from './support/services';

const EDITOR = 'deadlines.desk@newstatesman.test';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LONDON = 'Europe/London';

/** A time on London's clock, `minutes` from now: "06:21". */
function londonClock(minutes: number, from = Date.now()): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: LONDON }).format(new Date(from + minutes * 60_000));
}

describe('Morning Call by its deadline', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let editor: Reader;
  let schedules: Queue;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    // One message a second for the estimate (nothing measured yet); five a second for real, so a send takes minutes.
    t = await startApp({ env: { EDITOR_TOKEN, SEND_RATE: '1', EMAILS_PER_SECOND: '5', METRICS_PORT: String(metricsPort) } });
    api = editorApi(t);
    schedules = t.app.get<Queue>(getQueueToken(QUEUES.schedules));
    // As main.ts does in every API and worker process.
    await t.app.get(MetricsServer).listen();
    await createEditor(t, EDITOR);
    ({ editor } = await signIn(t, EDITOR));
  });

  afterAll(async () => {
    await t?.close();
  });

  const form = (slug: string) => `form[action="/newsroom/schedules/${slug}"]`;
  const scheduler = async (slug: string) => (await schedules.getJobSchedulers()).find((s) => s.key === `newsletter-${slug}`)?.pattern;

  it('starts a scheduled send early enough for its estimate, never before "not before", and shows the estimate', async () => {
    await seedAudience(t, 'morning-call', { active: 600 }, 'mc');
    // 600 readers at SEND_RATE 1/s: 10 minutes, a tenth more and two minutes' margin before 06:10 is 05:57.
    const saved = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'daily', timezone: LONDON, deliverBy: '6:10' }, { form: form('morning-call') });
    expect(saved.status).toBe(200);
    const section = saved.dom.querySelector('#schedule-morning-call')!;
    expect(section.querySelector('[data-deliver-by]')?.textContent).toBe('06:10');
    expect(section.querySelector('.estimate')?.text).toMatch(/^Next send: starts early, .*05:57 (GMT|BST)/);
    expect(section.querySelector('[data-estimate]')?.textContent).toBe('about 10 minutes; done by 06:07');
    expect(await scheduler('morning-call')).toBe('57 5 * * *');
    expect((await t.rows(`SELECT deliver_by, not_before, schedule_cron FROM newsletters WHERE slug = 'morning-call'`))[0]).toEqual({
      deliver_by: '06:10',
      not_before: null,
      schedule_cron: '0 6 * * *',
    });

    // The editors' earliest start wins over the estimate: later than it asks, and said so.
    const held = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'daily', timezone: LONDON, deliverBy: '06:10', notBefore: '05:59' }, { form: form('morning-call') });
    expect(held.dom.querySelector('#schedule-morning-call [data-estimate]')?.textContent).toBe('about 10 minutes; done by 06:09');
    expect(await scheduler('morning-call')).toBe('59 5 * * *');

    // A deadline it keeps easily leaves the timetable as it is.
    await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'daily', timezone: LONDON, deliverBy: '08:00', notBefore: '' }, { form: form('morning-call') });
    expect(await scheduler('morning-call')).toBe('0 6 * * *');

    const refused = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'daily', deliverBy: '25:00' }, { form: form('morning-call') });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Delivered by: enter a time of day on the 24-hour clock');
  });

  it("the dashboard's next send says when it really starts and the deadline it is to be done by", async () => {
    // Morning Call's 600 readers at SEND_RATE 1/s: to be done by 06:10 it starts at 05:57, not at the timetable's 06:00.
    const saved = await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'daily', timezone: LONDON, deliverBy: '06:10', notBefore: '' }, { form: form('morning-call') });
    const start = saved.dom.querySelector('#schedule-morning-call .estimate')!.getAttribute('data-start')!;
    const card = (await editor.get('/newsroom')).dom.querySelector('section[aria-labelledby="nl-morning-call"] .next-send')!;
    expect(card.querySelector('[data-next-deadline]')?.text).toBe('starts about 05:57 to be done by 06:10');
    expect(card.text).toMatch(/^Next scheduled send: \w{3} \d{1,2} \w{3}: starts about 05:57 to be done by 06:10 \(London; the timetable says 06:00\) · Schedule$/);
    expect(card.querySelector('time')?.getAttribute('datetime')).toBe(start);
    expect(new Date(start).getTime()).toBeGreaterThan(Date.now());

    // Without a deadline it starts when the timetable says, and says nothing of one.
    await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'daily', timezone: LONDON, deliverBy: '', notBefore: '' }, { form: form('morning-call') });
    const plain = (await editor.get('/newsroom')).dom.querySelector('section[aria-labelledby="nl-morning-call"] .next-send')!;
    expect(plain.querySelector('[data-next-deadline]')).toBeNull();
    expect(plain.querySelector('time')?.text).toMatch(/^\w{3} \d{1,2} \w{3}, 06:00 \(London\)$/);
  });

  it("shows the estimate on the send confirmation: about how long, and done by when on the newsletter's clock", async () => {
    const [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2025/12/estimate', title: 'How long the send takes' }]);
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId] });
    const before = Date.now();
    const page = await editor.get(`/newsroom/editions/${composed.json.id}/send`);
    const estimate = page.dom.querySelector('.estimate')!;
    expect(estimate.getAttribute('data-rate-source')).toBe('SEND_RATE');
    expect([`about 10 minutes; done by ${londonClock(10, before)}`, `about 10 minutes; done by ${londonClock(10, Date.now())}`]).toContain(estimate.textContent);
    await api.post(`/api/editions/${composed.json.id}/cancel`);
  });

  it('says on the progress page, in the log and in the metric when a send is behind its deadline', async () => {
    await seedAudience(t, 'the-saturday-read', { active: 1000 }, 'sr');
    // A deadline two or three minutes away; at five a second, 1,000 readers take over three.
    const deliverBy = londonClock(3);
    await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'saturdays', timezone: LONDON, deliverBy }, { form: form('the-saturday-read') });
    const [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/long-read/2025/12/behind', title: 'A long read, sent late' }]);
    const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId] });
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
    const id = composed.json.id;

    // Some seconds in, the rate says it all.
    const deadline = Date.now() + 30_000;
    while ((await api.get(`/api/editions/${id}`)).json.counts.sent < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const view = (await api.get(`/api/editions/${id}`)).json;
    expect(view.deadline).not.toBeNull();
    expect(view.behind.lateSeconds).toBeGreaterThan(0);

    const progress = await editor.get(`/newsroom/editions/${id}/progress`);
    const note = progress.dom.querySelector('p.deadline.behind');
    expect(note?.text).toMatch(new RegExp(`^Behind: at this rate it ends about \\d\\d:\\d\\d, \\d+ min after its ${deliverBy} deadline$`));
    expect(progress.dom.querySelector('[data-field="deadline"]')?.textContent).toBe(deliverBy);

    const warn = jest.spyOn(Logger.prototype, 'warn');
    await t.app.get(DeliveryPlanner).recover();
    expect(warn.mock.calls.map((call) => String(call[0]))).toContainEqual(expect.stringMatching(new RegExp(`^Edition ${id} is behind its deadline: at [\\d.]+ messages/s it ends about`)));
    warn.mockRestore();

    const late = (await scrape(metricsPort)).find((s) => s.name === 'newsletter_edition_deadline_late_seconds' && s.labels.edition === String(id));
    expect(late?.labels.newsletter).toBe('the-saturday-read');
    expect(late!.value).toBeGreaterThan(0);

    await api.post(`/api/editions/${id}/cancel`);
  });

  it('shows "Behind" on the progress page as the send falls behind, and takes it away when it is not, without a reload (JavaScript on)', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
    // The Saturday Read's 1,000 readers again, with a deadline two or three minutes away: at five a second it cannot be kept.
    const deliverBy = londonClock(3);
    await editor.submit(await editor.get('/newsroom/schedules'), { preset: 'saturdays', timezone: LONDON, deliverBy }, { form: form('the-saturday-read') });
    const [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/long-read/2025/12/behind-live', title: 'A long read, watched falling behind' }]);
    const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId] });
    const id = composed.json.id;
    expect((await api.post(`/api/editions/${id}/send`)).status).toBe(202);
    // Paused, a send is on course as far as the page can tell: the page opens without the line.
    expect((await api.post(`/api/editions/${id}/pause`)).status).toBe(200);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
      await createEditor(t, 'deadlines.watcher@newstatesman.test', 'editor');
      await signInInBrowser(t, page, 'deadlines.watcher@newstatesman.test');
      await page.goto(`${t.url}/newsroom/editions/${id}/progress`);
      const line = page.locator('[data-deadline] p.deadline');
      expect(await line.textContent()).toBe(`On course for its ${deliverBy} deadline`);
      expect(await page.locator('p.deadline.behind').count()).toBe(0);
      expect(await page.locator('[data-deadline]').getAttribute('aria-live')).toBe('polite');
      await page.evaluate(() => ((globalThis as { stayedOnPage?: boolean }).stayedOnPage = true));

      // Resumed, the rate since it started says it will be late: the polling adds the line.
      expect((await api.post(`/api/editions/${id}/resume`)).status).toBe(200);
      const behind = page.locator('[data-deadline] p.deadline.behind');
      await behind.waitFor({ timeout: 30_000 });
      expect(await behind.textContent()).toMatch(new RegExp(`^Behind: at this rate it ends about \\d\\d:\\d\\d, \\d+ min after its ${deliverBy} deadline$`));

      // Paused again, it is taken away.
      expect((await api.post(`/api/editions/${id}/pause`)).status).toBe(200);
      await page.locator('[data-deadline] p.deadline:not(.behind)').waitFor({ timeout: 30_000 });
      expect(await page.locator('p.deadline.behind').count()).toBe(0);
      expect(await line.textContent()).toBe(`On course for its ${deliverBy} deadline`);
      expect(await page.evaluate(() => (globalThis as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
    } finally {
      await browser.close();
      await api.post(`/api/editions/${id}/cancel`);
    }
  }, 120_000);
});
