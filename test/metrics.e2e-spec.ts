import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/paths';
import { MetricsServer } from '../src/metrics/metrics-server';
import { LinksService } from '../src/tokens/links.service';
import type { TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { Deployment, eventually } from './support/deployment';
import { EDITOR_TOKEN } from './support/editor';
import { has, parseScrape, Sample, Scrape, scrape, total } from './support/metrics';
import { linkIn } from './support/reader';
import { freePort } from './support/services';

/**
 * What an operator's Prometheus would read: the API process (this one, APP_ROLE=api) and two
 * worker processes of the real build, each on its own METRICS_PORT, scraped after a real send.
 */
describe('metrics', () => {
  let t: TestApp;
  let deployment: Deployment;
  let apiMetricsPort: number;
  const workerPorts: number[] = [];
  /** Every scrape taken during the send, for the last test. */
  const scrapes: Scrape[] = [];

  beforeAll(async () => {
    process.env.APP_ROLE = 'api';
    apiMetricsPort = await freePort();
    const { startApp } = await import('./support/app');
    t = await startApp({ env: { EDITOR_TOKEN, METRICS_PORT: String(apiMetricsPort), SIGNUP_RATE_LIMIT: '3' } });
    // As main.ts does in every API and worker process.
    expect(await t.app.get(MetricsServer).listen()).toBe(apiMetricsPort);
    deployment = new Deployment(t);
  });

  afterAll(async () => {
    await deployment?.stopWorkers();
    await t?.close();
  });

  it('is not served on the public port', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${apiMetricsPort}/anything-else`)).status).toBe(404);
  });

  it("after a send, the workers' counters add up to the edition's counts, and the API's to what readers did", async () => {
    const audience = (await seedAudience(t, 'morning-call', { active: 40 }, 'metrics')).active;
    const refused = audience.slice(0, 3);
    const deferredOnce = audience[3];
    const leaving = audience.slice(4, 6);
    let deferrals = 0;
    t.smtp.rule = (address) => {
      if (refused.includes(address)) return { code: 550, message: '5.1.1 No such mailbox' };
      if (address === deferredOnce && deferrals++ === 0) return { code: 451, message: '4.3.0 Try again later' };
      return undefined;
    };

    // The edition is sending and nobody works the queues yet: the API shows it waiting.
    const editionId = await deployment.send('morning-call', 'https://www.newstatesman.com/politics/2026/12/metrics');
    const waiting = await scrape(apiMetricsPort);
    scrapes.push(waiting);
    expect(total(waiting, 'newsletter_edition_open_recipients', { newsletter: 'morning-call', edition: String(editionId) })).toBe(40);
    expect(total(waiting, 'newsletter_edition_recipients', { edition: String(editionId), state: 'total' })).toBe(40);
    expect(total(waiting, 'newsletter_queue_jobs', { queue: 'delivery-plan', state: 'waiting' })).toBe(1);
    expect(has(waiting, 'newsletter_queue_oldest_waiting_age_seconds', { queue: 'delivery-plan' })).toBe(true);

    // Two readers of the audience leave by one-click before a worker reaches them: skipped.
    const [{ id: newsletterId }] = await t.rows<{ id: number }>(`SELECT id FROM newsletters WHERE slug = 'morning-call'`);
    for (const email of leaving) {
      const [{ public_id: publicId }] = await t.rows<{ public_id: string }>(`SELECT public_id FROM subscribers WHERE email = $1`, [email]);
      const answer = await t.reader().postForm(t.app.get(LinksService).unsubscribeUrl(publicId, newsletterId), { 'List-Unsubscribe': 'One-Click' });
      expect(answer.status).toBe(200);
    }
    // Sign-ups at the door: two stored, one refused for its address.
    const joining = ['metrics.join.0@example.com', 'metrics.join.1@example.com'];
    for (const email of joining) expect((await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read'] })).status).toBe(202);
    expect((await t.reader().postJson('/subscribe', { email: 'not an address', newsletters: ['the-saturday-read'] })).status).toBe(400);
    // A bot fills the hidden field three times (answered as if stored), and is refused the fourth time by the limit.
    const bot = t.reader();
    const botAnswers: number[] = [];
    for (let n = 0; n < 4; n += 1)
      botAnswers.push(
        (await bot.postJson('/subscribe', { email: `bot.${n}@example.com`, newsletters: ['morning-call'], website: 'http://spam.example' })).status,
      );
    expect(botAnswers).toEqual([202, 202, 202, 429]);

    for (let w = 0; w < 2; w += 1) {
      const port = await freePort();
      workerPorts.push(port);
      await deployment.startWorkers(1, { METRICS_PORT: String(port), DELIVERY_RETRY_DELAY_MS: '200' });
    }
    const done = await deployment.api.waitForEdition(editionId, ['sent'], 60_000);
    expect(done.counts).toMatchObject({ total: 40, sent: 35, failed: 3, skipped: 2, ambiguous: 0 });

    // The first reader who signed up confirms, from the email a worker sent.
    await t.smtp.waitFor(joining[0], 1, 30_000);
    const reader = t.reader();
    const confirmPage = await reader.get(linkIn(String(t.smtp.to(joining[0])[0].parsed.html), /Confirm my subscription/));
    expect((await reader.submit(confirmPage)).text).toContain('You are subscribed');
    await t.smtp.waitFor(joining[1], 1, 30_000);

    const workers = await Promise.all(workerPorts.map(scrape));
    const sum = (name: string, where: Record<string, string>) => workers.reduce((n, samples) => n + total(samples, name, where), 0);
    const copies = { newsletter: 'morning-call' };
    expect({
      sent: sum('newsletter_emails_total', { ...copies, outcome: 'sent' }),
      failed: sum('newsletter_emails_total', { ...copies, outcome: 'failed' }),
      skipped: sum('newsletter_emails_total', { ...copies, outcome: 'skipped' }),
      ambiguous: sum('newsletter_emails_ambiguous_total', copies),
    }).toEqual({ sent: done.counts.sent, failed: done.counts.failed, skipped: done.counts.skipped, ambiguous: done.counts.ambiguous });
    // By reply class: every sent copy a 250, every failure a 5xx, the one deferral a 4xx (then sent).
    expect(sum('newsletter_emails_total', { ...copies, outcome: 'sent', reply_class: '2xx' })).toBe(35);
    expect(sum('newsletter_emails_total', { ...copies, outcome: 'failed', reply_class: '5xx' })).toBe(3);
    expect(sum('newsletter_emails_total', { ...copies, outcome: 'deferred', reply_class: '4xx' })).toBe(1);
    expect(sum('newsletter_account_emails_total', { kind: 'confirmation', outcome: 'sent' })).toBe(2);

    const api = await scrape(apiMetricsPort);
    expect(total(api, 'newsletter_signups_total', { result: 'accepted' })).toBe(2);
    expect(total(api, 'newsletter_signups_total', { result: 'invalid' })).toBe(1);
    expect(total(api, 'newsletter_signups_total', { result: 'honeypot' })).toBe(3);
    expect(total(api, 'newsletter_signups_total', { result: 'rate_limited' })).toBe(1);
    expect(total(api, 'newsletter_signups_total', { result: 'unavailable' })).toBe(0);
    expect(total(api, 'newsletter_confirmations_total', { newsletter: 'the-saturday-read' })).toBe(1);
    expect(total(api, 'newsletter_unsubscribes_total', { newsletter: 'morning-call', source: 'one_click' })).toBe(2);
    expect(total(api, 'newsletter_http_request_duration_seconds_count', { method: 'POST', route: '/subscribe', status_class: '2xx' })).toBe(5);
    expect(total(api, 'newsletter_http_request_duration_seconds_count', { method: 'POST', route: '/subscribe', status_class: '4xx' })).toBe(2);
    // The API sends nothing: no copies counted there.
    expect(has(api, 'newsletter_emails_total')).toBe(false);

    for (const samples of [api, ...workers]) {
      expect(total(samples, 'newsletter_postgres_up')).toBe(1);
      expect(total(samples, 'newsletter_redis_up')).toBe(1);
      // The default collectors: memory and event-loop lag.
      expect(has(samples, 'process_resident_memory_bytes')).toBe(true);
      expect(has(samples, 'nodejs_eventloop_lag_seconds')).toBe(true);
      expectBoundedLabels(samples);
    }
    expect(new Set(workers.flatMap((samples) => samples.map((s) => s.labels.role)))).toEqual(new Set(['worker']));

    // Once sent, the edition leaves the gauges (within the scrape cache).
    await eventually(
      'the sent edition gone from the gauges',
      async () => !has(await scrape(apiMetricsPort), 'newsletter_edition_open_recipients', { edition: String(editionId) }),
      20_000,
    );
    const after = await scrape(apiMetricsPort);
    scrapes.push(api, after, ...workers);
    expect(total(after, 'newsletter_window_sent_emails', { newsletter: 'morning-call', window: '24h' })).toBe(35);
    expect(total(after, 'newsletter_account_emails_owed', { kind: 'confirmation' })).toBe(0);
  });

  it('every series the alert rules, their tests and the dashboard read is one the service exports, with those labels', () => {
    expect(scrapes.length).toBeGreaterThan(3);
    const declared = new Set(scrapes.flatMap((s) => [...s.declared]));
    const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');
    const sources = {
      'deploy/prometheus/alerts.yml': read('deploy/prometheus/alerts.yml'),
      'deploy/prometheus/alerts.test.yml': read('deploy/prometheus/alerts.test.yml'),
      'deploy/grafana/newsletters.json': read('deploy/grafana/newsletters.json'),
    };
    for (const [file, text] of Object.entries(sources)) {
      const names = new Set([...text.matchAll(/\b((?:newsletter|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1]));
      expect(names.size).toBeGreaterThan(3);
      const missing = [...names].map((name) => name.replace(/_(bucket|count|sum)$/, '')).filter((name) => !declared.has(name));
      expect({ file, missing }).toEqual({ file, missing: [] });
    }
    // The rules' test series carry the labels the real series carry (and job and instance, which Prometheus adds).
    const seen = new Map<string, Set<string>>();
    for (const sample of scrapes.flat()) for (const label of Object.keys(sample.labels)) seen.set(sample.name, (seen.get(sample.name) ?? new Set()).add(label));
    for (const [, series] of sources['deploy/prometheus/alerts.test.yml'].matchAll(/series: '([^']+)'/g)) {
      const [sample] = parseScrape(`${series} 0`);
      if (sample.name === 'up') continue;
      const real = seen.get(sample.name);
      expect({ series, exported: real !== undefined }).toEqual({ series, exported: true });
      expect({
        series,
        labels: Object.keys(sample.labels)
          .filter((l) => l !== 'job' && l !== 'instance')
          .sort(),
      }).toEqual({ series, labels: [...real!].sort() });
    }
  });
});

/** No reader, address or token in any label; edition ids only on the sending-edition gauges. */
function expectBoundedLabels(samples: Sample[]): void {
  for (const sample of samples) {
    for (const [label, value] of Object.entries(sample.labels)) {
      expect(value).not.toMatch(/@|token=|\/r\/[A-Za-z0-9]/);
      if (label === 'edition') expect(sample.name).toMatch(/^newsletter_edition_/);
    }
  }
}
