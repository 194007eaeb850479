import { Injectable } from '@nestjs/common';
import { Db, Params } from '../database/db.service';
import { emptyCounts, ImportCounts, ImportedReader, ImportWritten } from './import-batch';
import { ReaderActionKind } from './reader-action.entity';
import { SubscriptionStatus } from './subscription.entity';

export interface ReaderRow {
  email: string;
  jobSectorId: number | null;
  statuses: Map<number, SubscriptionStatus>;
}

/** A reader as an editor looks them up. json_agg gives the subscriptions' times as ISO text. */
export interface ReaderRecord {
  id: number;
  email: string;
  jobSectorId: number | null;
  suppressedAt: Date | null;
  suppressionReason: string | null;
  createdAt: Date;
  subscriptions: Array<{ newsletterId: number; status: SubscriptionStatus; createdAt: string; confirmedAt: string | null; unsubscribedAt: string | null }>;
}

export interface ReaderActionRow {
  id: number;
  editorId: number | null;
  action: ReaderActionKind;
  reason: string | null;
  createdAt: Date;
}

/**
 * For a reader row `r`: an unconfirmed sign-up older than `days` (a parameter) days. Every
 * subscription pending and never confirmed, none touched since, and no account email since (a
 * repeated sign-up; account_emails is the signup module's, read here).
 */
const staleUnconfirmed = (days: string) => `r.created_at < now() - make_interval(days => ${days})
  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id)
  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id
                  AND (s.status <> 'pending' OR s.confirmed_at IS NOT NULL OR s.updated_at >= now() - make_interval(days => ${days})))
  AND NOT EXISTS (SELECT 1 FROM account_emails a WHERE a.subscriber_id = r.id AND a.created_at >= now() - make_interval(days => ${days}))`;

/** The SQL of the tables the readers module owns: subscribers, subscriptions, reader_actions. */
@Injectable()
export class ReadersStore {
  constructor(private readonly db: Db) {}

  /**
   * A new address: the reader and a pending subscription per newsletter, in one statement, or
   * null, writing nothing, when the address is known.
   */
  async insertNewReader(email: string, jobSectorId: number | null, newsletterIds: number[]): Promise<number | null> {
    const created = await this.db.query<{ id: number }>(
      `WITH reader AS (
         INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES ($1, $2, now(), now())
         ON CONFLICT (email) DO NOTHING RETURNING id
       ), subscriptions AS (
         INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
         SELECT reader.id, newsletter, 'pending', now(), now() FROM reader, unnest($3::int[]) AS newsletter
       )
       SELECT id FROM reader`,
      [email, jobSectorId, newsletterIds],
    );
    return created.rows.length > 0 ? created.rows[0].id : null;
  }


  async findOrCreate(email: string, jobSectorId: number | null): Promise<{ subscriberId: number; created: boolean }> {
    const inserted = await this.db.query<{ id: number }>(
      `INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES ($1, $2, now(), now())
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, jobSectorId],
    );
    if (inserted.rows.length > 0) return { subscriberId: inserted.rows[0].id, created: true };
    const existing = await this.db.query<{ id: number }>(`SELECT id FROM subscribers WHERE email = $1`, [email]);
    return { subscriberId: existing.rows[0].id, created: false };
  }

  async hasActiveSubscription(subscriberId: number): Promise<boolean> {
    const active = await this.db.query(`SELECT 1 FROM subscriptions WHERE subscriber_id = $1 AND status = 'active' LIMIT 1`, [subscriberId]);
    return active.rows.length > 0;
  }

  /** Pending subscriptions to each newsletter; one the reader had left becomes pending again. */
  async addPending(subscriberId: number, newsletterIds: number[]): Promise<void> {
    if (newsletterIds.length === 0) return;
    await this.db.query(
      `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
       SELECT $1, newsletter, 'pending', now(), now() FROM unnest($2::int[]) AS newsletter
       ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE
         SET status = 'pending', unsubscribed_at = NULL, updated_at = now()
         WHERE subscriptions.status = 'unsubscribed'`,
      [subscriberId, newsletterIds],
    );
  }

  async setJobSector(subscriberId: number, jobSectorId: number | null): Promise<void> {
    await this.db.query(`UPDATE subscribers SET job_sector_id = $2, updated_at = now() WHERE id = $1`, [subscriberId, jobSectorId]);
  }

  async pendingNewsletterIds(subscriberId: number): Promise<number[]> {
    const pending = await this.db.query<{ newsletter_id: number }>(
      `SELECT newsletter_id FROM subscriptions WHERE subscriber_id = $1 AND status = 'pending' ORDER BY newsletter_id`,
      [subscriberId],
    );
    return pending.rows.map((row) => row.newsletter_id);
  }

  async activatePending(subscriberId: number): Promise<number[]> {
    const activated = await this.db.query<{ newsletter_id: number }>(
      `UPDATE subscriptions SET status = 'active', confirmed_at = now(), updated_at = now()
       WHERE subscriber_id = $1 AND status = 'pending' RETURNING newsletter_id`,
      [subscriberId],
    );
    return activated.rows.map((row) => row.newsletter_id);
  }

  async reader(subscriberId: number): Promise<ReaderRow | null> {
    const found = await this.db.query<{ email: string; job_sector_id: number | null; statuses: Array<[number, SubscriptionStatus]> | null }>(
      `SELECT r.email, r.job_sector_id,
              (SELECT json_agg(json_build_array(s.newsletter_id, s.status)) FROM subscriptions s WHERE s.subscriber_id = r.id) AS statuses
       FROM subscribers r WHERE r.id = $1 AND r.erased_at IS NULL`,
      [subscriberId],
    );
    const row = found.rows[0];
    if (!row) return null;
    return { email: row.email, jobSectorId: row.job_sector_id, statuses: new Map(row.statuses ?? []) };
  }

  async setStatus(subscriberId: number, newsletterId: number, status: SubscriptionStatus): Promise<void> {
    const confirmed = status === 'active' ? 'COALESCE(subscriptions.confirmed_at, now())' : 'subscriptions.confirmed_at';
    const unsubscribed = status === 'unsubscribed' ? 'now()' : 'NULL';
    await this.db.query(
      `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, unsubscribed_at, created_at, updated_at)
       VALUES ($1, $2, $3, ${status === 'active' ? 'now()' : 'NULL'}, ${unsubscribed}, now(), now())
       ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE
         SET status = $3, confirmed_at = ${confirmed}, unsubscribed_at = ${unsubscribed}, updated_at = now()`,
      [subscriberId, newsletterId, status],
    );
  }

  /** Leaves one newsletter, or every one when `newsletterId` is null; the ones actually left. */
  async unsubscribe(subscriberId: number, newsletterId: number | null): Promise<number[]> {
    const left = await this.db.query<{ newsletter_id: number }>(
      `UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now()
       WHERE subscriber_id = $1 AND status IN ('pending', 'active') AND ($2::int IS NULL OR newsletter_id = $2)
       RETURNING newsletter_id`,
      [subscriberId, newsletterId],
    );
    return left.rows.map((row) => row.newsletter_id);
  }

  /** Leaves every later audience out of this address's way; only SuppressionService calls it. */
  async suppress(subscriberIds: number[], reason: string): Promise<number[]> {
    if (subscriberIds.length === 0) return [];
    const done = await this.db.query<{ id: number }>(
      `UPDATE subscribers SET suppressed_at = now(), suppression_reason = $2, updated_at = now()
       WHERE id = ANY($1::int[]) AND suppressed_at IS NULL RETURNING id`,
      [subscriberIds, reason.slice(0, 1000)],
    );
    return done.rows.map((row) => row.id);
  }

  /** An erased reader stays suppressed, and the reason (which may quote the address) says only that. */
  async suppressErased(subscriberId: number): Promise<void> {
    await this.db.query(
      `UPDATE subscribers SET suppressed_at = coalesce(suppressed_at, now()), suppression_reason = 'erased', updated_at = now() WHERE id = $1`,
      [subscriberId],
    );
  }


  /** An editor suppresses a reader, and says why: both written in one statement; false when already suppressed. */
  async suppressByEditor(subscriberId: number, editorId: number, reason: string): Promise<boolean> {
    const done = await this.db.query(
      `WITH suppressed AS (
         UPDATE subscribers SET suppressed_at = now(), suppression_reason = $3, updated_at = now()
         WHERE id = $1 AND suppressed_at IS NULL RETURNING id
       )
       INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
       SELECT id, $2, 'suppressed', $3, now() FROM suppressed RETURNING id`,
      [subscriberId, editorId, reason],
    );
    return done.rows.length > 0;
  }

  /** An editor lifts a reader's suppression (an editor's or a hard bounce's), and says why; false when not suppressed. */
  async unsuppressByEditor(subscriberId: number, editorId: number, reason: string): Promise<boolean> {
    const done = await this.db.query(
      `WITH lifted AS (
         UPDATE subscribers SET suppressed_at = NULL, suppression_reason = NULL, updated_at = now()
         WHERE id = $1 AND suppressed_at IS NOT NULL RETURNING id
       )
       INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
       SELECT id, $2, 'unsuppressed', $3, now() FROM lifted RETURNING id`,
      [subscriberId, editorId, reason],
    );
    return done.rows.length > 0;
  }

  /** The reader with exactly this (normalised) address. */
  async findIdByEmail(email: string): Promise<number | null> {
    const found = await this.db.query<{ id: number }>(`SELECT id FROM subscribers WHERE email = $1 AND erased_at IS NULL`, [email]);
    return found.rows[0]?.id ?? null;
  }

  /** One reader's record as the newsroom shows it: address, sector, suppression and every subscription. */
  async readerRecord(subscriberId: number): Promise<ReaderRecord | null> {
    const found = await this.db.query<Omit<ReaderRecord, 'subscriptions'> & { subscriptions: ReaderRecord['subscriptions'] | null }>(
      `SELECT r.id, r.email, r.job_sector_id AS "jobSectorId", r.suppressed_at AS "suppressedAt", r.suppression_reason AS "suppressionReason",
              r.created_at AS "createdAt",
              (SELECT json_agg(json_build_object('newsletterId', s.newsletter_id, 'status', s.status, 'createdAt', s.created_at,
                                                 'confirmedAt', s.confirmed_at, 'unsubscribedAt', s.unsubscribed_at) ORDER BY s.newsletter_id)
               FROM subscriptions s WHERE s.subscriber_id = r.id) AS subscriptions
       FROM subscribers r WHERE r.id = $1 AND r.erased_at IS NULL`,
      [subscriberId],
    );
    const row = found.rows[0];
    return row ? { ...row, subscriptions: row.subscriptions ?? [] } : null;
  }

  /** Writes that an editor did something to a reader's record that changed nothing in it (an export). */
  async addReaderAction(subscriberId: number, editorId: number, action: ReaderActionKind): Promise<void> {
    await this.db.query(`INSERT INTO reader_actions (subscriber_id, editor_id, action, created_at) VALUES ($1, $2, $3, now())`, [subscriberId, editorId, action]);
  }

  /**
   * Holds a reader still to be erased until the caller's transaction ends: their subscriptions,
   * then their own row (which ledger rows and account emails refer to), the order every other
   * writer of a reader takes them in. Their address, or null when there is no such reader (or
   * they were erased already).
   */
  async lockForErasure(subscriberId: number): Promise<string | null> {
    await this.db.query(`SELECT newsletter_id FROM subscriptions WHERE subscriber_id = $1 ORDER BY newsletter_id FOR UPDATE`, [subscriberId]);
    const held = await this.db.query<{ email: string }>(`SELECT email FROM subscribers WHERE id = $1 AND erased_at IS NULL FOR UPDATE`, [subscriberId]);
    return held.rows[0]?.email ?? null;
  }

  /** The address of a reader not yet erased. */
  async emailOf(subscriberId: number): Promise<string | null> {
    const found = await this.db.query<{ email: string }>(`SELECT email FROM subscribers WHERE id = $1 AND erased_at IS NULL`, [subscriberId]);
    return found.rows[0]?.email ?? null;
  }


  /**
   * Whether the reader is an unconfirmed sign-up older than `days`: every subscription pending,
   * none ever confirmed, and no sign-up, subscription change or confirmation email since.
   */
  async isStaleUnconfirmed(subscriberId: number, days: number): Promise<boolean> {
    const found = await this.db.query(
      `SELECT 1 FROM subscribers r
       WHERE r.id = $1 AND r.erased_at IS NULL AND ${staleUnconfirmed('$2::int')}`,
      [subscriberId, days],
    );
    return found.rows.length > 0;
  }

  /**
   * The next `limit` unconfirmed sign-ups older than `days` after `after`, by id: found from the
   * pending subscriptions of each newsletter (the audience index), never from every reader.
   */
  async staleUnconfirmed(newsletterIds: number[], days: number, after: number, limit: number): Promise<number[]> {
    const found = await this.db.query<{ id: number }>(
      `SELECT r.id FROM subscribers r
       WHERE r.id IN (SELECT s.subscriber_id FROM subscriptions s
                      WHERE s.newsletter_id = ANY($2::int[]) AND s.status = 'pending' AND s.subscriber_id > $3)
         AND r.erased_at IS NULL AND ${staleUnconfirmed('$1::int')}
       ORDER BY r.id LIMIT $4`,
      [days, newsletterIds, after, limit],
    );
    return found.rows.map((row) => row.id);
  }

  /**
   * Erasure's part in this module's tables, in one statement, once the reader has left every
   * newsletter and been suppressed: the address becomes a placeholder that names no one, the
   * sector goes, editors' free-text reasons about the reader go, and the erasure itself is
   * recorded (who, when). The row stays: the ledger, deliveries and reader_actions point at it.
   */
  async eraseSubscriber(subscriberId: number, action: { editorId: number | null; reason: string | null }): Promise<boolean> {
    const erased = await this.db.query(
      `WITH erased AS (
         UPDATE subscribers SET email = 'erased:' || id, job_sector_id = NULL, erased_at = now(), updated_at = now()
         WHERE id = $1 AND erased_at IS NULL RETURNING id
       ), reasons AS (
         UPDATE reader_actions SET reason = NULL WHERE subscriber_id = $1 AND reason IS NOT NULL
       )
       INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
       SELECT id, $2, 'erase', $3, now() FROM erased RETURNING id`,
      [subscriberId, action.editorId, action.reason],
    );
    return erased.rows.length > 0;
  }


  /** What editors did to this reader's record, newest first. */
  async readerActions(subscriberId: number): Promise<ReaderActionRow[]> {
    const found = await this.db.query<ReaderActionRow>(
      `SELECT id, editor_id AS "editorId", action, reason, created_at AS "createdAt"
       FROM reader_actions WHERE subscriber_id = $1 ORDER BY id DESC`,
      [subscriberId],
    );
    return found.rows;
  }

  /**
   * One batch of a readers' import into a newsletter, in one statement: each address is
   * classified against what is stored, and only a new reader, or a known one with no
   * subscription to this newsletter, gets one (active, or pending). Nobody unsubscribed or
   * suppressed is touched, and no existing subscription or reader changes. Returns the counts
   * and who joined (with what the file said of them), for the ledger and the confirmation
   * emails. One statement per thousand readers is what makes a million-line file take seconds,
   * not hours. Addresses must be unique within the batch.
   */
  async importReaders(readers: ImportedReader[], newsletterId: number, status: 'active' | 'pending'): Promise<ImportWritten> {
    if (readers.length === 0) return { counts: emptyCounts(), joined: [] };
    const p = new Params();
    const input = this.importInput(p, readers, newsletterId);
    const newsletter = p.add(newsletterId);
    const wanted = p.add(status);
    const found = await this.db.query<{ counts: Partial<ImportCounts>; joined: ImportWritten['joined'] | null }>(
      `WITH ${input}, new_readers AS (
         INSERT INTO subscribers (email, job_sector_id, created_at, updated_at)
         SELECT email, sector_id, now(), now() FROM classified WHERE outcome = 'new' ORDER BY email
         ON CONFLICT (email) DO NOTHING RETURNING id, email
       ), targets AS (
         SELECT coalesce(n.id, c.subscriber_id) AS subscriber_id, c.email, c.personal, c.outcome
         FROM classified c LEFT JOIN new_readers n ON n.email = c.email
         WHERE n.id IS NOT NULL OR c.outcome = 'known'
       ), subscribed AS (
         INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
         SELECT subscriber_id, ${newsletter}::int, ${wanted}::varchar, CASE WHEN ${wanted}::varchar = 'active' THEN now() END, now(), now()
         FROM targets ORDER BY subscriber_id
         ON CONFLICT (subscriber_id, newsletter_id) DO NOTHING RETURNING subscriber_id
       ), joined AS (
         SELECT t.subscriber_id, t.personal, t.email, t.outcome
         FROM subscribed s JOIN targets t ON t.subscriber_id = s.subscriber_id
       )
       SELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (
                 -- A new address someone signed up with meanwhile, or a subscription a sign-up made meanwhile: pending already.
                 SELECT CASE WHEN c.outcome IN ('new', 'known') THEN CASE WHEN j.email IS NULL THEN 'already_pending' ELSE 'created' END ELSE c.outcome END AS outcome,
                        count(*)::int AS n
                 FROM classified c LEFT JOIN joined j ON j.email = c.email GROUP BY 1) o) AS counts,
              (SELECT json_agg(json_build_object('subscriberId', subscriber_id, 'personal', personal, 'known', outcome = 'known') ORDER BY subscriber_id) FROM joined) AS joined`,
      p.values,
    );
    const row = found.rows[0];
    return { counts: { ...emptyCounts(), ...row.counts }, joined: row.joined ?? [] };
  }


  /** What importReaders would do with a batch, writing nothing; and which known readers it would subscribe. */
  async classifyImport(readers: ImportedReader[], newsletterId: number): Promise<{ counts: ImportCounts; known: number[] }> {
    if (readers.length === 0) return { counts: emptyCounts(), known: [] };
    const p = new Params();
    const input = this.importInput(p, readers, newsletterId);
    const found = await this.db.query<{ counts: Partial<ImportCounts>; known: number[] }>(
      `WITH ${input}
       SELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (
                 SELECT CASE WHEN outcome IN ('new', 'known') THEN 'created' ELSE outcome END AS outcome, count(*)::int AS n FROM classified GROUP BY 1) o) AS counts,
              (SELECT coalesce(array_agg(subscriber_id), '{}') FROM classified WHERE outcome = 'known') AS known`,
      p.values,
    );
    return { counts: { ...emptyCounts(), ...found.rows[0].counts }, known: found.rows[0].known };
  }


  /** The batch as rows, and each address's standing: new, known (not on this newsletter), or its reason to be left alone. */
  private importInput(p: Params, readers: ImportedReader[], newsletterId: number): string {
    const emails = p.add(readers.map((r) => r.email));
    const personal = readers.map((r) => JSON.stringify({ consentGiven: { at: r.consentedAt, source: r.source }, jobSector: r.jobSectorSlug }));
    return `input AS (
        SELECT * FROM unnest(${emails}::text[], ${p.add(readers.map((r) => r.jobSectorId))}::int[], ${p.add(personal)}::text[]) AS i(email, sector_id, personal)
      ), classified AS (
        SELECT i.email, i.sector_id, i.personal, k.id AS subscriber_id,
               CASE WHEN k.id IS NULL THEN 'new' WHEN k.suppressed THEN 'suppressed' WHEN k.status = 'unsubscribed' THEN 'unsubscribed'
                    WHEN k.status = 'active' THEN 'already_subscribed' WHEN k.status = 'pending' THEN 'already_pending' ELSE 'known' END AS outcome
        FROM input i LEFT JOIN LATERAL (
          SELECT r.id, r.suppressed_at IS NOT NULL AS suppressed,
                 (SELECT s.status FROM subscriptions s WHERE s.subscriber_id = r.id AND s.newsletter_id = ${p.add(newsletterId)}::int) AS status
          FROM subscribers r WHERE r.email = i.email
          -- OFFSET 0 keeps this a probe of the email index per address: as a join, stale statistics
          -- during a large import led the planner to read every reader for every batch.
          OFFSET 0
        ) k ON true
      )`;
  }
}
