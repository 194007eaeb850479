import { Injectable } from '@nestjs/common';
import { ConsentService, RequestOrigin } from '../consent/consent.service';
import { Db, Params } from '../database/db.service';
import { AccountEmailKind } from './account-email.entity';
import { ReaderActionKind } from './reader-action.entity';
import { SubscriptionStatus } from './subscription.entity';

const CONFIRMATION_TTL_SECONDS = 72 * 3600;

export interface NewReader {
  email: string;
  jobSectorId: number | null;
  jobSectorSlug: string | null;
  newsletterIds: number[];
  noticeVersion: number;
}

/** `createdAt` is PostgreSQL's text, to the microsecond (a Date would cut it to the millisecond). */
export type StoredSignup = Omit<NewReader, 'jobSectorSlug'> & { source: string; ip: string | null; userAgent: string | null; createdAt: string };

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

export interface AccountEmailToSend {
  subscriberId: number;
  kind: AccountEmailKind;
  email: string;
  suppressed: boolean;
}

/** The SQL of the tables the subscriptions module owns: subscribers, subscriptions, account_emails. */
@Injectable()
export class SubscriptionsStore {
  constructor(
    private readonly db: Db,
    private readonly consent: ConsentService,
  ) {}

  /**
   * A new address, in one statement: the reader, a pending subscription and a `subscribed`
   * ledger row per newsletter (the ledger's part written by ConsentService), and the
   * confirmation email, together or not at all. Null, writing nothing, when the address is
   * known. One round trip instead of seven is what lets the form hold when an article goes viral.
   */
  async insertNewReader(reader: NewReader, origin: RequestOrigin): Promise<number | null> {
    const p = new Params();
    const email = p.add(reader.email);
    const sector = p.add(reader.jobSectorId);
    const newsletters = p.add(reader.newsletterIds);
    const ledger = this.consent.recordStatement(
      p,
      'reader',
      { newsletterIds: reader.newsletterIds, event: 'subscribed', noticeVersion: reader.noticeVersion, details: { jobSector: reader.jobSectorSlug } },
      origin,
    );
    const created = await this.db.query<{ id: number }>(
      `WITH reader AS (
         INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES (${email}, ${sector}, now(), now())
         ON CONFLICT (email) DO NOTHING RETURNING id
       ), subscriptions AS (
         INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
         SELECT reader.id, newsletter, 'pending', now(), now() FROM reader, unnest(${newsletters}::int[]) AS newsletter
       ), ledger AS (${ledger})
       INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
       SELECT reader.id, 'confirmation', now() + interval '${CONFIRMATION_TTL_SECONDS} seconds', coalesce(${p.add(origin.at ?? null)}::timestamptz, now()) FROM reader RETURNING id`,
      p.values,
    );
    return created.rows.length > 0 ? created.rows[0].id : null;
  }

  /** A sign-up as it arrived, in one statement, before it is answered. */
  async insertRequest(request: Omit<NewReader, 'jobSectorSlug'>, origin: RequestOrigin): Promise<number> {
    const inserted = await this.db.query<{ id: number }>(
      `INSERT INTO signup_requests (email, newsletter_ids, job_sector_id, notice_version, source, ip, user_agent, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [
        request.email,
        request.newsletterIds,
        request.jobSectorId,
        request.noticeVersion,
        origin.source.slice(0, 512),
        origin.ip?.slice(0, 64) ?? null,
        origin.userAgent?.slice(0, 512) ?? null,
      ],
    );
    return inserted.rows[0].id;
  }

  /** Takes a stored sign-up to carry it out (removed with the caller's transaction's commit); null when gone. */
  async takeRequest(id: number): Promise<StoredSignup | null> {
    const taken = await this.db.query<StoredSignup>(
      `DELETE FROM signup_requests WHERE id = $1
       RETURNING email, newsletter_ids AS "newsletterIds", job_sector_id AS "jobSectorId", notice_version AS "noticeVersion",
                 source, ip, user_agent AS "userAgent", created_at::text AS "createdAt"`,
      [id],
    );
    return taken.rows[0] ?? null;
  }

  async unprocessedRequests(): Promise<number[]> {
    const waiting = await this.db.query<{ id: number }>(`SELECT id FROM signup_requests ORDER BY id`);
    return waiting.rows.map((row) => row.id);
  }

  /** Makes writers of one reader's account emails take turns until the caller's transaction ends. */
  async lockAccountEmails(subscriberId: number): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('account-emails'), $1)`, [subscriberId]);
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

  async accountEmailsInLastDay(subscriberId: number): Promise<number> {
    const recent = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM account_emails WHERE subscriber_id = $1 AND created_at > now() - interval '1 day'`,
      [subscriberId],
    );
    return recent.rows[0].n;
  }

  async createAccountEmail(subscriberId: number, kind: AccountEmailKind): Promise<number> {
    const created = await this.db.query<{ id: number }>(
      `INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
       VALUES ($1, $2, now() + interval '${CONFIRMATION_TTL_SECONDS} seconds', now()) RETURNING id`,
      [subscriberId, kind],
    );
    return created.rows[0].id;
  }

  /** The reader of a confirmation that can still be used. */
  async usableConfirmation(tokenHash: string): Promise<number | null> {
    const found = await this.db.query<{ subscriber_id: number }>(
      `SELECT subscriber_id FROM account_emails
       WHERE token_hash = $1 AND kind = 'confirmation' AND used_at IS NULL AND expires_at > now()`,
      [tokenHash],
    );
    return found.rows[0]?.subscriber_id ?? null;
  }

  /** Uses a confirmation once; its reader, or null when it cannot be used. */
  async useConfirmation(tokenHash: string): Promise<number | null> {
    const used = await this.db.query<{ subscriber_id: number }>(
      `UPDATE account_emails SET used_at = now()
       WHERE token_hash = $1 AND kind = 'confirmation' AND used_at IS NULL AND expires_at > now()
       RETURNING subscriber_id`,
      [tokenHash],
    );
    return used.rows[0]?.subscriber_id ?? null;
  }

  /** Whether a confirmation that was already used belongs to a reader who now receives newsletters. */
  async usedByActiveReader(tokenHash: string): Promise<boolean> {
    const found = await this.db.query(
      `SELECT 1 FROM account_emails a JOIN subscriptions s ON s.subscriber_id = a.subscriber_id AND s.status = 'active'
       WHERE a.token_hash = $1 AND a.kind = 'confirmation' AND a.used_at IS NOT NULL LIMIT 1`,
      [tokenHash],
    );
    return found.rows.length > 0;
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
       FROM subscribers r WHERE r.id = $1`,
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

  /** Leaves every later audience out of this address's way (a permanent SMTP refusal, say). */
  async suppress(subscriberIds: number[], reason: string): Promise<void> {
    if (subscriberIds.length === 0) return;
    await this.db.query(
      `UPDATE subscribers SET suppressed_at = now(), suppression_reason = $2, updated_at = now()
       WHERE id = ANY($1::int[]) AND suppressed_at IS NULL`,
      [subscriberIds, reason.slice(0, 1000)],
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
    const found = await this.db.query<{ id: number }>(`SELECT id FROM subscribers WHERE email = $1`, [email]);
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
       FROM subscribers r WHERE r.id = $1`,
      [subscriberId],
    );
    const row = found.rows[0];
    return row ? { ...row, subscriptions: row.subscriptions ?? [] } : null;
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
   * Takes an account email to send, for two minutes: null when it was sent, settled, or is being
   * sent by another worker right now (a job Redis forgot, queued again while the first ran).
   */
  async takeAccountEmail(id: number): Promise<AccountEmailToSend | null> {
    const found = await this.db.query<{ subscriber_id: number; kind: AccountEmailKind; email: string; suppressed: boolean }>(
      `UPDATE account_emails a SET sending_until = now() + interval '2 minutes'
       FROM subscribers s
       WHERE a.id = $1 AND s.id = a.subscriber_id AND a.sent_at IS NULL AND a.skipped_at IS NULL
         AND (a.sending_until IS NULL OR a.sending_until < now())
       RETURNING a.subscriber_id, a.kind, s.email, s.suppressed_at IS NOT NULL AS suppressed`,
      [id],
    );
    const row = found.rows[0];
    return row ? { subscriberId: row.subscriber_id, kind: row.kind, email: row.email, suppressed: row.suppressed } : null;
  }

  /** A send that failed: the next try may take it at once. */
  async releaseAccountEmail(id: number): Promise<void> {
    await this.db.query(`UPDATE account_emails SET sending_until = NULL WHERE id = $1 AND sent_at IS NULL`, [id]);
  }

  /** The token is made as the mail goes out, and its life starts then, however long the mail waited. */
  async setConfirmationToken(id: number, tokenHash: string): Promise<void> {
    await this.db.query(
      `UPDATE account_emails SET token_hash = $2, expires_at = now() + interval '${CONFIRMATION_TTL_SECONDS} seconds' WHERE id = $1 AND sent_at IS NULL`,
      [id, tokenHash],
    );
  }

  async markAccountEmailSkipped(id: number): Promise<void> {
    await this.db.query(`UPDATE account_emails SET skipped_at = now() WHERE id = $1 AND sent_at IS NULL`, [id]);
  }

  async markAccountEmailSent(id: number): Promise<void> {
    await this.db.query(`UPDATE account_emails SET sent_at = now() WHERE id = $1`, [id]);
  }

  /** Account emails whose message has not gone, whatever their age. */
  async unsentAccountEmails(): Promise<number[]> {
    const unsent = await this.db.query<{ id: number }>(`SELECT id FROM account_emails WHERE sent_at IS NULL AND skipped_at IS NULL ORDER BY id`);
    return unsent.rows.map((row) => row.id);
  }

  /** Per newsletter: active and pending readers, and who left or was suppressed in the last 7 days. */
  async audienceFigures(): Promise<Array<{ newsletterId: number; active: number; pending: number; unsubscribed7d: number; suppressed7d: number }>> {
    const found = await this.db.query<{ newsletterId: number; active: number; pending: number; unsubscribed7d: number; suppressed7d: number }>(
      `SELECT s.newsletter_id AS "newsletterId",
              count(*) FILTER (WHERE s.status = 'active' AND r.suppressed_at IS NULL)::int AS active,
              count(*) FILTER (WHERE s.status = 'pending')::int AS pending,
              count(*) FILTER (WHERE s.status = 'unsubscribed' AND s.unsubscribed_at > now() - interval '7 days')::int AS "unsubscribed7d",
              count(*) FILTER (WHERE r.suppressed_at > now() - interval '7 days')::int AS "suppressed7d"
       FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
       GROUP BY s.newsletter_id`,
    );
    return found.rows;
  }
}
