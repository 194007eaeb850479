import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JOBS, QUEUES } from '../src/queue/queues';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { linkIn, Reader } from './support/reader';

const EDITOR = 'morning.desk@newstatesman.test';
const FORM = 'form[action="/newsroom/schedules/morning-call"]';

describe('no thin editions sent by a timer', () => {
  let t: TestApp;
  let editor: Reader;
  let schedules: Queue;
  let newsletterId: number;

  beforeAll(async () => {
    t = await startApp();
    schedules = t.app.get<Queue>(getQueueToken(QUEUES.schedules));
    await createEditor(t, EDITOR);
    ({ editor } = await signIn(t, EDITOR));
    [{ id: newsletterId }] = await t.rows<{ id: number }>(`SELECT id FROM newsletters WHERE slug = 'morning-call'`);
  });

  afterAll(async () => {
    await t?.close();
  });

  const editions = () => t.rows<{ id: number; status: string; origin: string }>(`SELECT id, status, origin FROM editions WHERE newsletter_id = $1 ORDER BY id`, [newsletterId]);

  it('refuses a minimum that is not a whole number from 1 to 50, changing nothing', async () => {
    const refused = await editor.submit(await editor.get('/newsroom/schedules'), { minArticles: '0' }, { form: FORM });
    expect(refused.status).toBe(400);
    expect(refused.dom.querySelector('#minArticles-morning-call-error')?.textContent).toContain('Fewest new articles: enter a whole number from 1 to 50');
    expect((await t.rows(`SELECT min_articles FROM newsletters WHERE id = $1`, [newsletterId]))[0]).toEqual({ min_articles: 1 });
  });

  it('holds a scheduled edition below the minimum as a draft, and emails the editors a link to it', async () => {
    const saved = await editor.submit(await editor.get('/newsroom/schedules'), { minArticles: '3' }, { form: FORM });
    expect(saved.status).toBe(200);
    expect(saved.dom.querySelector('#schedule-morning-call [data-min-articles]')?.textContent).toContain('at least 3 new articles');

    const readers = await seedAudience(t, 'morning-call', { active: 3 }, 'thin');
    await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2025/12/one-story', title: 'The only story this morning' }]);
    await schedules.add(JOBS.scheduledEdition, { newsletterId });
    await t.drain();

    const [held] = await editions();
    expect(held).toMatchObject({ status: 'draft', origin: 'schedule' });
    for (const email of readers.active) expect(t.smtp.to(email)).toHaveLength(0);

    // The first is the sign-in link.
    await t.smtp.waitFor(EDITOR, 2);
    const told = t.smtp.to(EDITOR).find((m) => m.parsed.subject?.includes('new article'))!;
    expect(told.parsed.subject).toBe('Morning Call has 1 new article: send it, add more, or skip today');
    expect(told.parsed.text).toContain('held as a draft');

    // The email's link opens the draft, with the story in it and a way to skip the day.
    const link = linkIn(String(told.parsed.html), new RegExp(`/newsroom/editions/${held.id}$`));
    const draft = await editor.get(link);
    expect(draft.status).toBe(200);
    expect(draft.url).toBe(`${t.url}/newsroom/editions/${held.id}/edit`);
    expect(draft.text).toContain('The only story this morning');

    const dashboard = await editor.get('/newsroom');
    const heldList = dashboard.dom.querySelector('.held');
    expect(heldList?.text).toContain('Held, not sent');
    expect(heldList?.querySelector(`a[href="/newsroom/editions/${held.id}"]`)).not.toBeNull();

    const skipped = await editor.submit(draft, {}, { form: `form[action="/newsroom/editions/${held.id}/cancel"]` });
    expect(skipped.status).toBe(200);
    expect((await editions())[0].status).toBe('cancelled');
    expect((await editor.get('/newsroom')).dom.querySelector('.held')).toBeNull();
    for (const email of readers.active) expect(t.smtp.to(email)).toHaveLength(0);
  });

  it('sends a scheduled edition that reaches the minimum, as before', async () => {
    const readers = await seedAudience(t, 'morning-call', { active: 2 }, 'full');
    await insertArticles(t, [
      { url: 'https://www.newstatesman.com/a/2025/12/one', title: 'One' },
      { url: 'https://www.newstatesman.com/a/2025/12/two', title: 'Two' },
      { url: 'https://www.newstatesman.com/a/2025/12/three', title: 'Three' },
    ]);
    await schedules.add(JOBS.scheduledEdition, { newsletterId });
    for (const email of readers.active) await t.smtp.waitFor(email);
    await t.drain();
    const latest = (await editions()).at(-1)!;
    expect(latest).toMatchObject({ origin: 'schedule', status: 'sent' });
    expect(t.smtp.to(EDITOR).filter((m) => m.parsed.subject?.includes('new article'))).toHaveLength(1);
  });
});
