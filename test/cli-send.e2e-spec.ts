import type { TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { insertArticles } from './support/editor';
import { runCli } from './support/processes';

describe('npm run cli -- send <newsletter>', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Only the CLI process delivers here, so its exit means the edition is done.
    process.env.APP_ROLE = 'api';
    const { startApp } = await import('./support/app');
    t = await startApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('composes from new articles, sends, shows progress and exits when the edition is done', async () => {
    const readers = (await seedAudience(t, 'the-saturday-read', { active: 60, unsubscribed: 5 }, 'cli')).active;
    await insertArticles(t, [
      { url: 'https://www.newstatesman.com/the-staggers/2023/03/lukashenko', title: 'Why Alexander Lukashenko’s trip to China matters', author: 'Katie Stallard' },
    ]);
    const result = await runCli(['send', 'the-saturday-read'], { APP_ROLE: 'all' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('to 60 readers');
    // The progress bar goes to stderr, as progress does.
    expect(result.stderr).toMatch(/100% \| 60\/60 sent \| 0 failed/);
    expect(result.stdout).toMatch(/Edition \d+ sent: 60 sent, 0 failed, 0 skipped/);
    for (const email of readers) expect(t.smtp.to(email)).toHaveLength(1);
    expect(t.smtp.to(readers[0])[0].parsed.subject).toBe('The Saturday Read: Why Alexander Lukashenko’s trip to China matters');
  });

  it('says so, and exits 1, when there is nothing new to send', async () => {
    const result = await runCli(['send', 'the-saturday-read'], { APP_ROLE: 'all' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No new articles for The Saturday Read');
    const unknown = await runCli(['send', 'the-sunday-read']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No newsletter the-sunday-read');
  });

  it('feed:import, with no URL and no FEED_URLS in its shell, says to pass the URL', async () => {
    const result = await runCli(['feed:import'], { FEED_URLS: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No feed to import: pass its URL');
    expect(result.stderr).toContain('npm run cli -- feed:import http');
    const sample = await runCli(['feed:import', `${t.url}/samples/new-statesman.rss`]);
    expect(sample.stdout).toContain('8 imported');
    expect(sample.code).toBe(0);
  });
});
