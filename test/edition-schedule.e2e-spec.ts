import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { PROJECT_ROOT } from '../src/config/paths';
import { JOBS, QUEUES } from '../src/queue/queues';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';

describe('schedules', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let schedules: Queue;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN } });
    api = editorApi(t);
    schedules = t.app.get<Queue>(getQueueToken(QUEUES.schedules));
  });

  afterAll(async () => {
    await t?.close();
  });

  const editionsOf = (slug: string) =>
    t.rows<{ id: number; status: string; origin: string }>(
      `SELECT e.id, e.status, e.origin FROM editions e JOIN newsletters n ON n.id = e.newsletter_id WHERE n.slug = $1 ORDER BY e.id`,
      [slug],
    );

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
    const readers = await seedAudience(t, 'morning-call', { active: 5 }, 'sched');
    await insertArticles(t, [
      { url: 'https://www.newstatesman.com/world/2023/03/ammunition', title: 'Will Ukraine run out of ammunition?' },
      { url: 'https://www.newstatesman.com/the-staggers/2023/03/lukashenko', title: 'Why Alexander Lukashenko’s trip to China matters' },
    ]);
    const set = await api.put('/api/newsletters/morning-call/schedule', { cron: '* * * * * *', timezone: 'UTC' });
    expect(set.status).toBe(200);
    expect(set.json.nextRuns).toHaveLength(3);

    await t.smtp.waitFor(readers.active[4]);
    // Let it fire a few more times with nothing new to send.
    const skipped = async () =>
      (await schedules.getCompleted()).filter((job) => (job.returnvalue as { outcome?: string })?.outcome === 'skipped').length;
    const deadline = Date.now() + 20_000;
    while ((await skipped()) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await skipped()).toBeGreaterThanOrEqual(2);
    await api.put('/api/newsletters/morning-call/schedule', { cron: null });
    await t.drain();

    const editions = await editionsOf('morning-call');
    expect(editions).toHaveLength(1);
    expect(editions[0]).toMatchObject({ origin: 'schedule', status: 'sent' });
    for (const email of readers.active) expect(t.smtp.to(email)).toHaveLength(1);
    expect(await schedules.getJobSchedulers()).toEqual([expect.objectContaining({ key: 'newsletter-the-saturday-read' })]);
  });

  it('makes one edition when two schedulers and an editor race for the same news', async () => {
    // Published after the last edition went out.
    const now = new Date().toISOString();
    await insertArticles(t, [
      { url: 'https://www.newstatesman.com/world/2023/03/belarus-ultras', title: 'Rage against the regime: the Belarus ultras who stood up to Lukashenko', publishedAt: now },
      { url: 'https://www.newstatesman.com/world/2023/03/ben-hodges', title: 'Ben Hodges: “The only hope the Russians have is that the West loses the will to keep supporting Ukraine”', publishedAt: now },
    ]);
    const [{ id: newsletterId }] = await t.rows<{ id: number }>(`SELECT id FROM newsletters WHERE slug = 'morning-call'`);
    const before = (await editionsOf('morning-call')).length;
    const [editor] = await Promise.all([
      api.post('/api/newsletters/morning-call/editions', {}),
      schedules.add(JOBS.scheduledEdition, { newsletterId: Number(newsletterId) }),
      schedules.add(JOBS.scheduledEdition, { newsletterId: Number(newsletterId) }),
    ]);
    await t.drain();

    const created = (await editionsOf('morning-call')).slice(before);
    expect(created).toHaveLength(1);
    if (editor.status === 201) {
      expect(created[0]).toMatchObject({ id: editor.json.id, origin: 'editor', status: 'draft' });
    } else {
      expect(editor.status).toBe(422);
      expect(created[0]).toMatchObject({ origin: 'schedule' });
    }
    const twice = await t.rows(
      `SELECT ea.article_id FROM edition_articles ea JOIN editions e ON e.id = ea.edition_id
       WHERE e.status NOT IN ('cancelled', 'failed') GROUP BY ea.article_id HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
  });
});

describe('an edition whose design is broken', () => {
  let t: TestApp;
  let templates: string;

  beforeAll(async () => {
    templates = mkdtempSync(join(tmpdir(), 'nl-templates-'));
    cpSync(join(PROJECT_ROOT, 'templates'), templates, { recursive: true });
    writeFileSync(join(templates, 'email', 'morning-call.mjml'), '<mjml><mj-body><mj-section><mj-text>No column</mj-text></mj-section></mj-body></mjml>');
    // The failure it expects is logged as an error; keep it out of the test output.
    t = await startApp({ env: { EDITOR_TOKEN, TEMPLATES_DIR: templates, LOG_LEVEL: 'fatal' } });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(templates, { recursive: true, force: true });
  });

  it('fails before anything is sent, with a message that says why', async () => {
    const api = editorApi(t);
    const readers = await seedAudience(t, 'morning-call', { active: 3 }, 'broken');
    const [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/a', title: 'An article' }]);
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
    for (const email of readers.active) expect(t.smtp.to(email)).toHaveLength(0);
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(409);
  });
});
