import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { currentRole } from '../queue/queues';

/** What became of a sign-up request at the door. */
export type SignupResult = 'accepted' | 'invalid' | 'honeypot' | 'rate_limited' | 'unavailable';
/** What a worker did with one recipient: `deferred` waits for a retry (4xx, a dropped connection). */
export type EmailOutcome = 'sent' | 'failed' | 'deferred' | 'skipped';

/** An SMTP reply code as its class; `none` when no reply came (timeout, reset) or nothing was sent. */
export function replyClass(code: number | null | undefined): '2xx' | '4xx' | '5xx' | 'none' {
  if (code == null) return 'none';
  if (code >= 500) return '5xx';
  if (code >= 400) return '4xx';
  if (code >= 200 && code < 300) return '2xx';
  return 'none';
}

/**
 * Where an unsubscribe came from, as a bounded label: the ledger's `source` is a page's URL, or a
 * word for the other ways in.
 */
export function unsubscribeSource(source: string): 'link' | 'one_click' | 'preferences' | 'mailto' | 'complaint' | 'other' {
  if (source === 'one-click') return 'one_click';
  if (source === 'mailto' || source === 'complaint') return source;
  const path = /^https?:\/\/[^/]+(\/[^?#]*)/.exec(source)?.[1];
  if (path?.endsWith('/unsubscribe')) return 'link';
  if (path?.startsWith('/preferences') || path?.startsWith('/my-data')) return 'preferences';
  return 'other';
}

/**
 * The service's own Prometheus registry, and one method per thing worth counting, so each call site
 * is one line. Labels stay bounded: newsletter slugs, outcomes, classes and providers, never a
 * reader, an address or an edition (editions appear only in the scrape-time gauges, and only while
 * they send). Gauges read from the database, queues and Redis at scrape time live in ScrapeGauges.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly signupsTotal = this.counter('newsletter_signups_total', 'Sign-up requests by what became of them at the door', ['result']);
  private readonly confirmationsTotal = this.counter('newsletter_confirmations_total', 'Subscriptions activated by a confirmation link', ['newsletter']);
  private readonly unsubscribesTotal = this.counter('newsletter_unsubscribes_total', 'Subscriptions ended by the reader, by way in', ['newsletter', 'source']);
  private readonly emailsTotal = this.counter('newsletter_emails_total', "Edition copies by what the SMTP server said: sent, failed (5xx or out of attempts), deferred (a retry waits), skipped (left or suppressed since the audience was taken)", ['newsletter', 'outcome', 'reply_class']);
  private readonly ambiguousTotal = this.counter('newsletter_emails_ambiguous_total', 'Recipients left mid-send by a worker that stopped, sent again and counted ambiguous', ['newsletter']);
  private readonly accountEmailsTotal = this.counter('newsletter_account_emails_total', 'Confirmation and preferences emails by outcome', ['kind', 'outcome']);
  private readonly deliverabilityEventsTotal = this.counter('newsletter_deliverability_events_total', 'Bounces and complaints received, by provider (webhooks; dsn and arf by inbound SMTP) and kind; duplicate: a replay already kept', ['provider', 'kind', 'outcome']);
  private readonly clickFlushesTotal = this.counter('newsletter_click_flushes_total', 'Click-count flushes from Redis to PostgreSQL', ['result']);
  private readonly httpDuration = new Histogram({
    name: 'newsletter_http_request_duration_seconds',
    help: 'HTTP requests by route (the matched pattern, never the path), method and status class',
    labelNames: ['method', 'route', 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly poolWait = new Histogram({
    name: 'newsletter_db_pool_wait_seconds',
    help: 'How long a query waited for a free database connection, counted only when every connection was busy',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  /** Bound children of the per-message counter: the delivery path calls it thousands of times a second. */
  private readonly emailChildren = new Map<string, Counter.Internal>();

  constructor() {
    this.registry.setDefaultLabels({ role: currentRole() });
    collectDefaultMetrics({ register: this.registry });
    // Present from the start, so rate() has a zero to begin from.
    for (const result of ['accepted', 'invalid', 'honeypot', 'rate_limited', 'unavailable'] as const) this.signupsTotal.inc({ result }, 0);
  }

  signup(result: SignupResult): void {
    this.signupsTotal.inc({ result });
  }

  confirmed(newsletters: Array<{ slug: string }>): void {
    for (const { slug } of newsletters) this.confirmationsTotal.inc({ newsletter: slug });
  }

  unsubscribed(newsletters: Array<{ slug: string }>, source: string): void {
    for (const { slug } of newsletters) this.unsubscribesTotal.inc({ newsletter: slug, source: unsubscribeSource(source) });
  }

  /** One recipient's outcome; `status` as the deliveries table has it (`pending` is a deferral). */
  emailOutcome(newsletter: string, status: 'sent' | 'failed' | 'pending' | 'skipped', smtpCode: number | null | undefined): void {
    const outcome: EmailOutcome = status === 'pending' ? 'deferred' : status;
    const reply = status === 'skipped' ? 'none' : replyClass(smtpCode);
    const key = `${newsletter}\0${outcome}\0${reply}`;
    let child = this.emailChildren.get(key);
    if (!child) {
      child = this.emailsTotal.labels(newsletter, outcome, reply);
      this.emailChildren.set(key, child);
    }
    child.inc();
  }

  emailsAmbiguous(newsletter: string, count: number): void {
    if (count > 0) this.ambiguousTotal.inc({ newsletter }, count);
  }

  accountEmail(kind: string, outcome: 'sent' | 'skipped' | 'failed'): void {
    this.accountEmailsTotal.inc({ kind, outcome });
  }

  deliverabilityEvent(provider: string, kind: string, recorded: boolean): void {
    this.deliverabilityEventsTotal.inc({ provider, kind, outcome: recorded ? 'recorded' : 'duplicate' });
  }

  clickFlush(ok: boolean): void {
    this.clickFlushesTotal.inc({ result: ok ? 'ok' : 'failed' });
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  /**
   * A gauge a module reads when scraped (a figure it keeps, e.g. in Redis), at most once in
   * `cacheMs`; absent from the scrape while `read` fails.
   */
  scrapeGauge(name: string, help: string, read: () => Promise<number>, cacheMs = 10_000): void {
    let last: { at: number; value: Promise<number> } | undefined;
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect: async function () {
        if (!last || Date.now() - last.at >= cacheMs) last = { at: Date.now(), value: read() };
        this.reset();
        const value = await last.value.catch(() => null);
        if (value !== null) this.set(value);
      },
    });
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
