import { SchedulesService } from '../src/publishing/schedules.service';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';

const READERS = 400;

/** A time on London's clock, `minutes` from now. */
function londonClock(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(new Date(Date.now() + minutes * 60_000));
}

describe('two editions sending at once', () => {
  let t: TestApp;

  beforeAll(async () => {
    // One batch at a time, of ten readers: the queue's order decides who finishes first.
    t = await startApp({ env: { EDITOR_TOKEN, DELIVERY_CONCURRENCY: '1', DELIVERY_BATCH_SIZE: '10', EMAILS_PER_SECOND: '100' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives the edition with the nearer deadline its batches first: it finishes first, though it started second', async () => {
    const api = editorApi(t);
    const saturday = await seedAudience(t, 'the-saturday-read', { active: READERS }, 'slow');
    const morning = await seedAudience(t, 'morning-call', { active: READERS }, 'urgent');
    await api.put('/api/newsletters/morning-call/schedule', { cron: '0 6 * * *', timezone: 'Europe/London' });
    await t.app.get(SchedulesService).setDeadline('morning-call', londonClock(30), null);
    const [a, b] = await insertArticles(t, [
      { url: 'https://www.newstatesman.com/long-read/2025/12/no-hurry', title: 'No hurry' },
      { url: 'https://www.newstatesman.com/politics/2025/12/urgent', title: 'Urgent' },
    ]);
    const relaxed = (await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [a] })).json.id;
    const urgent = (await api.post('/api/newsletters/morning-call/editions', { articleIds: [b] })).json.id;

    await api.post(`/api/editions/${relaxed}/send`);
    // The relaxed send is under way, all its batches queued, before the urgent one starts.
    while ((await api.get(`/api/editions/${relaxed}`)).json.counts.sent < 30) await new Promise((resolve) => setTimeout(resolve, 50));
    await api.post(`/api/editions/${urgent}/send`);

    const [doneRelaxed, doneUrgent] = await Promise.all([api.waitForEdition(relaxed, ['sent'], 120_000), api.waitForEdition(urgent, ['sent'], 120_000)]);
    expect(doneUrgent.deadline).not.toBeNull();
    expect(doneRelaxed.deadline).toBeNull();
    expect(new Date(doneUrgent.finishedAt).getTime()).toBeLessThan(new Date(doneRelaxed.finishedAt).getTime());
    // The relaxed edition's last copy went out after the urgent edition's last.
    const last = (emails: string[]) => Math.max(...emails.map((email) => t.smtp.to(email)[0].receivedAt));
    expect(last(morning.active)).toBeLessThan(last(saturday.active));
  });
});
