import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import type { DeliverabilityEventType } from './deliverability-event';

export interface NewDeliverabilityEvent {
  provider: string;
  eventId: string;
  type: DeliverabilityEventType;
  subscriberId: number | null;
  editionId: number | null;
  messageId: string | null;
  detail: Record<string, unknown>;
  occurredAt: Date;
}

/** One edition's figures: how many readers it was sent to, and how many of them bounced, were delayed, complained or left. */
export interface EditionFigures {
  editionId: number;
  newsletterId: number;
  sent: number;
  bounced: number;
  hardBounced: number;
  softBounced: number;
  /** Readers whose copy an MTA reported as delayed (still retrying): not bounces. */
  delayed: number;
  complained: number;
  unsubscribed: number;
}

/** The SQL of the tables the deliverability module owns: deliverability_events, complaint_rate_warnings. */
@Injectable()
export class DeliverabilityStore {
  constructor(private readonly db: Db) {}

  /** Events about one reader take turns until the caller's transaction ends, so soft bounces are counted one at a time. */
  async lockSubscriber(subscriberId: number): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('deliverability'), $1)`, [subscriberId]);
  }

  /** Keeps the event; false, writing nothing, when (provider, event id) was already kept. */
  async insert(event: NewDeliverabilityEvent): Promise<boolean> {
    const inserted = await this.db.query(
      `INSERT INTO deliverability_events (provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, now())
       ON CONFLICT (provider, event_id) DO NOTHING RETURNING id`,
      [event.provider, event.eventId, event.type, event.subscriberId, event.editionId, event.messageId, JSON.stringify(event.detail), event.occurredAt],
    );
    return inserted.rows.length > 0;
  }

  /**
   * Soft bounces of this reader in the last `days` days, one per message: a provider that reports
   * each temporary failure of the same copy (Mailgun does, while it retries) counts once.
   */
  async softBounces(subscriberId: number, days: number): Promise<number> {
    const found = await this.db.query<{ n: number }>(
      `SELECT count(DISTINCT coalesce('edition ' || edition_id, 'message ' || message_id, 'event ' || id))::int AS n
       FROM deliverability_events
       WHERE subscriber_id = $1 AND type = 'soft-bounce' AND occurred_at > now() - make_interval(days => $2)`,
      [subscriberId, days],
    );
    return found.rows[0].n;
  }

  /** Readers who complained about this edition. */
  async complaints(editionId: number): Promise<number> {
    const found = await this.db.query<{ n: number }>(
      `SELECT count(DISTINCT coalesce(subscriber_id::text, 'event ' || id))::int AS n FROM deliverability_events WHERE edition_id = $1 AND type = 'complaint'`,
      [editionId],
    );
    return found.rows[0].n;
  }

  /** Notes that the edition's complaint rate was warned about; false when it already was. */
  async noteComplaintWarning(editionId: number, complaints: number, sent: number): Promise<boolean> {
    const noted = await this.db.query(
      `INSERT INTO complaint_rate_warnings (edition_id, complaints, sent, created_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (edition_id) DO NOTHING RETURNING edition_id`,
      [editionId, complaints, sent],
    );
    return noted.rows.length > 0;
  }

  /**
   * Figures of the given editions, or of every edition that started sending in the last `days`
   * days. One read-only statement over the editions' counters, this module's events, and the
   * consent ledger joined to deliveries for the unsubscribes: an audience of a million never
   * comes into the process.
   *
   * An unsubscribe counts against an edition when the reader left its newsletter (an
   * `unsubscribed` row, or a preference change to unsubscribed; not the unsubscribe a complaint
   * made) within 7 days of being sent it, and before being sent any later edition of it.
   */
  async editionFigures(filter: { editionIds: number[] } | { startedWithinDays: number }): Promise<EditionFigures[]> {
    const ids = 'editionIds' in filter ? filter.editionIds : null;
    const days = 'startedWithinDays' in filter ? filter.startedWithinDays : null;
    const found = await this.db.query<EditionFigures>(
      `WITH e AS (
         SELECT id, newsletter_id, started_at, finished_at, sent_count FROM editions
         WHERE started_at IS NOT NULL AND ($1::int[] IS NULL OR id = ANY($1::int[]))
           AND ($2::int IS NULL OR started_at > now() - make_interval(days => $2::int))
       ), events AS (
         SELECT v.edition_id,
                count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type IN ('hard-bounce', 'soft-bounce')) AS bounced,
                count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'hard-bounce') AS hard,
                count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'soft-bounce') AS soft,
                count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'delayed') AS delayed,
                count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'complaint') AS complained
         FROM deliverability_events v JOIN e ON e.id = v.edition_id
         GROUP BY v.edition_id
       ), unsubscribes AS (
         SELECT e.id AS edition_id, count(DISTINCT c.subscriber_id) AS unsubscribed
         FROM e
         JOIN consent_events c ON c.newsletter_id = e.newsletter_id
           AND c.created_at >= e.started_at AND c.created_at < coalesce(e.finished_at, now()) + interval '7 days'
         JOIN deliveries d ON d.edition_id = e.id AND d.subscriber_id = c.subscriber_id AND d.status = 'sent'
         WHERE c.created_at >= d.sent_at AND c.created_at < d.sent_at + interval '7 days'
           AND CASE WHEN c.event = 'unsubscribed' THEN c.source <> 'complaint'
                    WHEN c.event = 'preferences_changed' THEN c.details::jsonb ->> 'to' = 'unsubscribed'
                    ELSE false END
           AND NOT EXISTS (
             SELECT 1 FROM editions later JOIN deliveries dl ON dl.edition_id = later.id AND dl.subscriber_id = c.subscriber_id
             WHERE later.newsletter_id = e.newsletter_id AND later.id <> e.id AND later.started_at > e.started_at
               AND dl.status = 'sent' AND dl.sent_at > d.sent_at AND dl.sent_at <= c.created_at)
         GROUP BY e.id
       )
       SELECT e.id AS "editionId", e.newsletter_id AS "newsletterId", e.sent_count AS sent,
              coalesce(events.bounced, 0)::int AS bounced, coalesce(events.hard, 0)::int AS "hardBounced",
              coalesce(events.soft, 0)::int AS "softBounced", coalesce(events.delayed, 0)::int AS delayed,
              coalesce(events.complained, 0)::int AS complained,
              coalesce(unsubscribes.unsubscribed, 0)::int AS unsubscribed
       FROM e LEFT JOIN events ON events.edition_id = e.id LEFT JOIN unsubscribes ON unsubscribes.edition_id = e.id
       ORDER BY e.id`,
      [ids, days],
    );
    return found.rows;
  }
}
