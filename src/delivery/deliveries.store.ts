import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

/** A delivery job names an edition and a fixed range of its recipients' subscriber ids. */
export interface BatchRange {
  editionId: number;
  firstId: number;
  lastId: number;
}

export interface ClaimedRecipient {
  subscriberId: number;
  attempts: number;
  /** Null when the reader is gone. */
  email: string | null;
  /** Still subscribed and not suppressed: false means skip. */
  deliverable: boolean;
  /** Their job sector, which decides the version (segment) they get. */
  sectorId: number | null;
}

/** One claimed recipient's outcome, as the deliveries table records it. */
export interface RecordedOutcome {
  subscriberId: number;
  status: 'sent' | 'pending' | 'failed' | 'skipped';
  messageId?: string | null;
  smtpCode?: number | null;
  error?: string | null;
  /** When a `pending` row may be tried again. */
  retryAt?: Date | null;
}

/** An edition's send in figures (`delivery_counts`). */
export interface SendCounts {
  batchSize: number;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  ambiguous: number;
}

/** The SQL of the tables the delivery module owns: `deliveries`, `delivery_claims` and `delivery_counts`. */
@Injectable()
export class DeliveriesStore {
  constructor(private readonly db: Db) {}

  /**
   * Freezes the audience: every active, unsuppressed subscriber of the newsletter at this moment
   * becomes a pending delivery, in one INSERT … SELECT (it reads the readers module's tables: one
   * statement keeps a million readers out of this process), and the send's counters start at
   * that total. Joins the caller's transaction. The audience's size.
   */
  async snapshotAudience(editionId: number, newsletterId: number, sectors: number[] | null, batchSize: number): Promise<number> {
    const inserted = await this.db.query<{ total: number }>(
      `WITH audience AS (
         INSERT INTO deliveries (edition_id, subscriber_id, status)
         SELECT $1, s.subscriber_id, 'pending'
         FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
         WHERE s.newsletter_id = $2 AND s.status = 'active' AND r.suppressed_at IS NULL
           AND ($3::int[] IS NULL OR r.job_sector_id = ANY($3::int[]))
         RETURNING 1
       )
       INSERT INTO delivery_counts (edition_id, batch_size, total) SELECT $1, $4, count(*) FROM audience RETURNING total`,
      [editionId, newsletterId, sectors, batchSize],
    );
    return inserted.rows[0].total;
  }

  /** An edition's send in figures; null before it started. */
  async counts(editionId: number): Promise<SendCounts | null> {
    return (await this.countsOf([editionId])).get(editionId) ?? null;
  }

  /** Several editions' figures at once, by edition id (editions that never started are absent). */
  async countsOf(editionIds: number[]): Promise<Map<number, SendCounts>> {
    if (editionIds.length === 0) return new Map();
    const found = await this.db.query<SendCounts & { editionId: number }>(
      `SELECT edition_id AS "editionId", batch_size AS "batchSize", total, sent, failed, skipped, ambiguous FROM delivery_counts WHERE edition_id = ANY($1::int[])`,
      [editionIds],
    );
    return new Map(found.rows.map(({ editionId, ...counts }) => [editionId, counts]));
  }

  /** Whether every recipient of the edition has an outcome. */
  async isDone(editionId: number): Promise<boolean> {
    const found = await this.db.query(`SELECT 1 FROM delivery_counts WHERE edition_id = $1 AND sent + failed + skipped >= total`, [editionId]);
    return found.rows.length > 0;
  }

  /** Fixed ranges of `batchSize` recipients over the frozen audience, and which still have work. */
  async ranges(editionId: number, batchSize: number): Promise<Array<{ firstId: number; lastId: number; open: boolean }>> {
    const ranges = await this.db.query<{ first_id: number; last_id: number; open: boolean }>(
      `SELECT min(subscriber_id) AS first_id, max(subscriber_id) AS last_id, bool_or(status IN ('pending', 'sending')) AS open
       FROM (SELECT subscriber_id, status, (row_number() OVER (ORDER BY subscriber_id) - 1) / $2 AS batch
             FROM deliveries WHERE edition_id = $1) numbered
       GROUP BY batch ORDER BY batch`,
      [editionId, batchSize],
    );
    return ranges.rows.map((r) => ({ firstId: r.first_id, lastId: r.last_id, open: r.open }));
  }

  /** A run of a batch job starts holding rows: it says so, and keeps saying so (`renewClaim`). */
  async openClaim(claimToken: string, editionId: number): Promise<void> {
    await this.db.query(`INSERT INTO delivery_claims (claim_token, edition_id, heartbeat_at) VALUES ($1, $2, now())`, [claimToken, editionId]);
  }

  async renewClaim(claimToken: string): Promise<void> {
    await this.db.query(`UPDATE delivery_claims SET heartbeat_at = now() WHERE claim_token = $1`, [claimToken]);
  }

  async closeClaim(claimToken: string): Promise<void> {
    await this.db.query(`DELETE FROM delivery_claims WHERE claim_token = $1`, [claimToken]);
  }

  /** Claims no run has spoken for in a day: their rows were released long ago. */
  async forgetOldClaims(): Promise<void> {
    await this.db.query(`DELETE FROM delivery_claims WHERE heartbeat_at < now() - interval '1 day'`);
  }

  /**
   * Rows left `sending` by a run whose claim has gone quiet for `quietMs` (its worker died, or
   * froze, between claiming and recording): back to pending, marked ambiguous, and counted, in
   * one statement. Rows of a live run (its heartbeat is fresh) are left to it, whatever Redis
   * thinks of its job.
   */
  async releaseAbandoned(range: BatchRange, quietMs: number): Promise<number> {
    const released = await this.db.query<{ n: number }>(
      `WITH released AS (
         UPDATE deliveries d SET status = 'pending', ambiguous = true, claim_token = NULL
         WHERE d.edition_id = $1 AND d.subscriber_id BETWEEN $2 AND $3 AND d.status = 'sending'
           AND NOT EXISTS (SELECT 1 FROM delivery_claims c
                           WHERE c.claim_token = d.claim_token AND c.heartbeat_at > now() - make_interval(secs => $4 / 1000.0))
         RETURNING 1
       ), counted AS (
         UPDATE delivery_counts SET ambiguous = ambiguous + (SELECT count(*) FROM released) WHERE edition_id = $1
       )
       SELECT count(*)::int AS n FROM released`,
      [range.editionId, range.firstId, range.lastId, quietMs],
    );
    return released.rows[0].n;
  }

  /** Whether another run still holds rows of the range (so the range is not finished yet). */
  async heldByOthers(range: BatchRange, claimToken: string): Promise<boolean> {
    const held = await this.db.query(
      `SELECT 1 FROM deliveries WHERE edition_id = $1 AND subscriber_id BETWEEN $2 AND $3 AND status = 'sending' AND claim_token <> $4 LIMIT 1`,
      [range.editionId, range.firstId, range.lastId, claimToken],
    );
    return held.rows.length > 0;
  }

  /**
   * Claims up to `limit` due recipients of the range after `after` (pending → sending), only
   * while the edition is sending, and reads who they are now, in one statement: the join with
   * the subscriptions module's tables sees the claim's snapshot, which is when a reader who left
   * or was suppressed must be skipped. The chunk's ids are picked once, as an array: planned
   * from a deliveries table analysed before the audience existed, `IN (subquery)` ran the
   * subquery once per row of the range.
   */
  async claim(range: BatchRange, after: number, claimToken: string, newsletterId: number, limit: number): Promise<ClaimedRecipient[]> {
    const claimed = await this.db.query<{ subscriber_id: number; attempts: number; email: string | null; deliverable: boolean; sector_id: number | null }>(
      `WITH claimed AS (
         UPDATE deliveries SET status = 'sending', claim_token = $4, attempts = attempts + 1
         WHERE edition_id = $1 AND subscriber_id > $2 AND subscriber_id <= $3 AND status = 'pending'
           AND EXISTS (SELECT 1 FROM editions WHERE id = $1 AND status = 'sending')
           AND subscriber_id = ANY(ARRAY(
             SELECT subscriber_id FROM deliveries
             WHERE edition_id = $1 AND subscriber_id > $2 AND subscriber_id <= $3 AND status = 'pending'
               AND (next_attempt_at IS NULL OR next_attempt_at <= now())
             ORDER BY subscriber_id LIMIT $6))
         RETURNING subscriber_id, attempts)
       SELECT c.subscriber_id, c.attempts, r.email, coalesce(s.status = 'active' AND r.suppressed_at IS NULL, false) AS deliverable, r.job_sector_id AS sector_id
       FROM claimed c LEFT JOIN subscribers r ON r.id = c.subscriber_id
         LEFT JOIN subscriptions s ON s.subscriber_id = c.subscriber_id AND s.newsletter_id = $5
       ORDER BY c.subscriber_id`,
      [range.editionId, after, range.lastId, claimToken, newsletterId, limit],
      { name: 'deliveries.claim' },
    );
    return claimed.rows.map((r) => ({ subscriberId: r.subscriber_id, attempts: r.attempts, email: r.email, deliverable: r.deliverable, sectorId: r.sector_id }));
  }

  /**
   * Writes claimed recipients' outcomes and moves the edition's counters, in one statement: one
   * round trip and one commit per group. The group's id range bounds the index scan, whatever
   * the planner believes about the table.
   */
  async record(editionId: number, claimToken: string, outcomes: RecordedOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const ids = outcomes.map((o) => o.subscriberId);
    await this.db.query(
      `WITH outcome AS (
         SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamptz[])
           AS o(subscriber_id, status, message_id, smtp_code, last_error, retry_at)
       ), recorded AS (
         UPDATE deliveries d SET status = o.status, claim_token = NULL, smtp_code = o.smtp_code, last_error = coalesce(o.last_error, d.last_error),
           message_id = coalesce(o.message_id, d.message_id), next_attempt_at = o.retry_at,
           sent_at = CASE WHEN o.status = 'sent' THEN now() ELSE d.sent_at END
         FROM outcome o
         WHERE d.edition_id = $1 AND d.subscriber_id BETWEEN $8 AND $9
           AND d.subscriber_id = o.subscriber_id AND d.claim_token = $10 AND d.status = 'sending'
         RETURNING d.status
       )
       UPDATE delivery_counts SET sent = sent + (SELECT count(*) FROM recorded WHERE status = 'sent'),
         failed = failed + (SELECT count(*) FROM recorded WHERE status = 'failed'),
         skipped = skipped + (SELECT count(*) FROM recorded WHERE status = 'skipped')
       WHERE edition_id = $1`,
      [
        editionId,
        ids,
        outcomes.map((o) => o.status),
        outcomes.map((o) => o.messageId ?? null),
        outcomes.map((o) => o.smtpCode ?? null),
        outcomes.map((o) => o.error ?? null),
        outcomes.map((o) => o.retryAt ?? null),
        Math.min(...ids),
        Math.max(...ids),
        claimToken,
      ],
      { name: 'deliveries.record' },
    );
  }

  /** An edition's failed deliveries grouped by SMTP reply code, each with its latest error. */
  async failuresByCode(editionId: number): Promise<Array<{ smtpCode: number | null; count: number; lastError: string | null }>> {
    const found = await this.db.query<{ smtp_code: number | null; count: string; last_error: string | null }>(
      `SELECT smtp_code, count(*) AS count, (array_agg(last_error ORDER BY sent_at DESC NULLS LAST, subscriber_id DESC))[1] AS last_error
       FROM deliveries WHERE edition_id = $1 AND status = 'failed' GROUP BY smtp_code ORDER BY count(*) DESC`,
      [editionId],
    );
    return found.rows.map((row) => ({ smtpCode: row.smtp_code, count: Number(row.count), lastError: row.last_error }));
  }

  /** When the range's next recipient waiting for a retry is due, or null when none waits. */
  async nextRetry(range: BatchRange): Promise<Date | null> {
    const retry = await this.db.query<{ next: Date | null }>(
      `SELECT min(next_attempt_at) AS next FROM deliveries
       WHERE edition_id = $1 AND subscriber_id BETWEEN $2 AND $3 AND status = 'pending'`,
      [range.editionId, range.firstId, range.lastId],
    );
    return retry.rows[0]?.next ?? null;
  }

  /**
   * The editions a reader was sent, oldest first, with subject and time: for their data export.
   * Deliveries are keyed by (edition, subscriber), so the reader's rows are found edition by
   * edition through that key rather than by a scan, or a second index that every audience
   * snapshot would have to write.
   */
  async receivedBy(subscriberId: number): Promise<Array<{ editionId: number; newsletterId: number; subject: string; sentAt: Date }>> {
    const found = await this.db.query<{ editionId: number; newsletterId: number; subject: string; sentAt: Date }>(
      `SELECT e.id AS "editionId", e.newsletter_id AS "newsletterId", e.subject, d.sent_at AS "sentAt"
       FROM editions e CROSS JOIN LATERAL (
         SELECT sent_at FROM deliveries WHERE edition_id = e.id AND subscriber_id = $1 AND status = 'sent'
       ) d
       ORDER BY d.sent_at, e.id`,
      [subscriberId],
    );
    return found.rows;
  }

  /**
   * Erasure's part in deliveries: an SMTP server's reply may quote the address, so the reader's
   * errors go. Status, code, times and message ids stay: they name no one, and keep each
   * edition's figures whole.
   */
  async eraseErrors(subscriberId: number): Promise<void> {
    await this.db.query(
      `UPDATE deliveries SET last_error = NULL
       WHERE edition_id = ANY(ARRAY(SELECT id FROM editions)) AND subscriber_id = $1 AND last_error IS NOT NULL`,
      [subscriberId],
    );
  }

  /** Recipients not yet claimed will not be sent; messages in flight finish. */
  async cancelPending(editionId: number): Promise<number> {
    const cancelled = await this.db.query(`UPDATE deliveries SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [editionId]);
    return cancelled.affected;
  }

  /**
   * The edition whose copy to this reader carried this Message-ID, among editions started in the
   * last 90 days. Message-IDs reveal nothing (message-ids.ts), so the reader comes first: one
   * primary-key probe per recent edition, no index on message_id to slow every send.
   */
  async editionOfMessage(subscriberId: number, messageId: string): Promise<number | null> {
    const found = await this.db.query<{ edition_id: number }>(
      `SELECT edition_id FROM deliveries
       WHERE edition_id = ANY(ARRAY(SELECT id FROM editions WHERE started_at > now() - interval '90 days'))
         AND subscriber_id = $1 AND message_id = $2
       LIMIT 1`,
      [subscriberId, messageId],
    );
    return found.rows[0]?.edition_id ?? null;
  }

  /** The last edition sent to this reader in the 30 days before `at` (a minute's clock skew allowed). */
  async lastEditionSentTo(subscriberId: number, at: Date): Promise<number | null> {
    const found = await this.db.query<{ edition_id: number }>(
      `SELECT edition_id FROM deliveries
       WHERE edition_id = ANY(ARRAY(SELECT id FROM editions WHERE started_at > $2::timestamptz - interval '30 days' AND started_at <= $2::timestamptz + interval '1 minute'))
         AND subscriber_id = $1 AND status = 'sent' AND sent_at <= $2::timestamptz + interval '1 minute'
       ORDER BY sent_at DESC LIMIT 1`,
      [subscriberId, at],
    );
    return found.rows[0]?.edition_id ?? null;
  }

  /** Whether this edition went to this reader (its audience held them). */
  async hasDelivery(editionId: number, subscriberId: number): Promise<boolean> {
    const found = await this.db.query(`SELECT 1 FROM deliveries WHERE edition_id = $1 AND subscriber_id = $2`, [editionId, subscriberId]);
    return found.rows.length > 0;
  }
}
