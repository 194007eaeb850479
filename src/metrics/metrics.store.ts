import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

export interface SendingEdition {
  editionId: number;
  newsletter: string;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  ambiguous: number;
}

export interface WindowRates {
  newsletter: string;
  window: '24h' | '30d';
  sent: number;
  bounced: number;
  complained: number;
}

/**
 * The read-only statements behind the scrape-time gauges, in one place. Each reads another
 * module's tables (named beside it) and writes nothing; ScrapeGauges caches what they return, so
 * however often Prometheus scrapes, these run at most once per cache period per process.
 */
@Injectable()
export class MetricsStore {
  constructor(private readonly db: Db) {}

  /** Account emails (sign-up's `account_emails`) not yet sent or skipped: the confirmation backlog, by kind. */
  async accountEmailsOwed(): Promise<Array<{ kind: string; owed: number; oldestSeconds: number }>> {
    const found = await this.db.query<{ kind: string; owed: number; oldest_seconds: number }>(
      `SELECT kind, count(*)::int AS owed, extract(epoch FROM now() - min(created_at))::float8 AS oldest_seconds
       FROM account_emails WHERE sent_at IS NULL AND skipped_at IS NULL GROUP BY kind`,
    );
    return found.rows.map((row) => ({ kind: row.kind, owed: row.owed, oldestSeconds: Number(row.oldest_seconds) }));
  }

  /** Sign-ups stored and not yet carried out (sign-up's `signup_requests`; a row goes once done). */
  async signupRequestsWaiting(): Promise<number> {
    const found = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM signup_requests`);
    return found.rows[0].n;
  }

  /** Editions now sending (`editions`, `newsletters`), with their counters. */
  async sendingEditions(): Promise<SendingEdition[]> {
    const found = await this.db.query<SendingEdition>(
      `SELECT e.id AS "editionId", n.slug AS newsletter, e.total, e.sent_count AS sent, e.failed_count AS failed,
              e.skipped_count AS skipped, e.ambiguous_count AS ambiguous
       FROM editions e JOIN newsletters n ON n.id = e.newsletter_id
       WHERE e.status = 'sending'`,
    );
    return found.rows;
  }

  /**
   * Per newsletter, the copies sent and the readers who bounced or complained, over the editions
   * that started sending in the last 24 hours and in the last 30 days (`editions`,
   * `deliverability_events`): the dashboard's rates, counted the same way (a reader once per edition).
   */
  async windowRates(): Promise<WindowRates[]> {
    const found = await this.db.query<WindowRates>(
      `WITH e AS (
         SELECT id, newsletter_id, started_at, sent_count FROM editions WHERE started_at > now() - interval '30 days'
       ), events AS (
         SELECT v.edition_id,
                count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type <> 'complaint') AS bounced,
                count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'complaint') AS complained
         FROM deliverability_events v WHERE v.edition_id IN (SELECT id FROM e)
         GROUP BY v.edition_id
       )
       SELECT n.slug AS newsletter, w.name AS window, coalesce(sum(e.sent_count), 0)::int AS sent,
              coalesce(sum(events.bounced), 0)::int AS bounced, coalesce(sum(events.complained), 0)::int AS complained
       FROM newsletters n
         CROSS JOIN (VALUES ('24h', interval '24 hours'), ('30d', interval '30 days')) AS w(name, span)
         LEFT JOIN e ON e.newsletter_id = n.id AND e.started_at > now() - w.span
         LEFT JOIN events ON events.edition_id = e.id
       GROUP BY n.slug, w.name`,
    );
    return found.rows;
  }
}
