import { Injectable } from '@nestjs/common';
import { ConsentService, RequestOrigin } from '../consent/consent.service';
import { Db, Params } from '../database/db.service';
import { AccountEmailKind } from '../signup/account-email.entity';
import { ActiveReader, emptyCounts, ImportCounts, ImportedReader, ImportStatement, ImportWritten } from './import-batch';
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

/**
 * For a reader row `r`: an unconfirmed sign-up older than `days` (a parameter) days. Every
 * subscription pending and never confirmed, none touched since, and no account email since (a
 * repeated sign-up).
 */
const staleUnconfirmed = (days: string) => `r.created_at < now() - make_interval(days => ${days})
  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id)
  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id
                  AND (s.status <> 'pending' OR s.confirmed_at IS NOT NULL OR s.updated_at >= now() - make_interval(days => ${days})))
  AND NOT EXISTS (SELECT 1 FROM account_emails a WHERE a.subscriber_id = r.id AND a.created_at >= now() - make_interval(days => ${days}))`;

/** The SQL of the tables the subscriptions module owns: subscribers, subscriptions, account_emails. */
@Injectable()
export class SubscriptionsStore {
  constructor(
    private readonly db: Db,
    private readonly consent: ConsentService,
  ) {}

  /**
   * A new address, in one statement: the reader, a pending subscription and a `subscribed`
   * ledger row per newsletter with its evidence (the ledger's part written by ConsentService),
   * and the confirmation email, together or not at all. Null, writing nothing, when the address is
   * known. One round trip instead of seven is what lets the form hold when an article goes viral.
   */
  async insertNewReader(reader: NewReader, origin: RequestOrigin): Promise<number | null> {
    const p = new Params();
    const email = p.add(reader.email);
    const sector = p.add(reader.jobSectorId);
    const newsletters = p.add(reader.newsletterIds);
    const ledger = this.consent.recordCtes(
      p,
      'reader',
      { newsletterIds: reader.newsletterIds, event: 'subscribed', noticeVersion: reader.noticeVersion, personalDetails: { jobSector: reader.jobSectorSlug } },
      origin,
    );
    const created = await this.db.query<{ id: number }>(
      `WITH reader AS (
         INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES (${email}, ${sector}, now(), now())
         ON CONFLICT (email) DO NOTHING RETURNING id
       ), subscriptions AS (
         INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
         SELECT reader.id, newsletter, 'pending', now(), now() FROM reader, unnest(${newsletters}::int[]) AS newsletter
       ), ${ledger}
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
   * Holds a reader still to be erased until the caller's transaction ends, dropping the sign-ups
   * of their address still waiting to be carried out; their address, or null when there is no
   * such reader (or they were erased already). With `unlessSigningUp`, a waiting sign-up of the
   * address means the reader is back: nothing is dropped and null is returned. Rows are taken in the order every other writer
   * of a reader takes them (a waiting sign-up, account emails, subscriptions, then the reader's
   * own row, which ledger rows and account emails refer to), so a confirmation, a change of
   * preferences or a sign-up racing the erasure waits for it, or it for them, never both.
   */
  async lockForErasure(subscriberId: number, unlessSigningUp = false): Promise<string | null> {
    const found = await this.db.query<{ email: string }>(`SELECT email FROM subscribers WHERE id = $1 AND erased_at IS NULL`, [subscriberId]);
    if (found.rows.length === 0) return null;
    if (unlessSigningUp) {
      const waiting = await this.db.query(`SELECT 1 FROM signup_requests WHERE email = $1 LIMIT 1`, [found.rows[0].email]);
      if (waiting.rows.length > 0) return null;
    } else {
      await this.db.query(`DELETE FROM signup_requests WHERE email = $1`, [found.rows[0].email]);
    }
    await this.db.query(`SELECT id FROM account_emails WHERE subscriber_id = $1 ORDER BY id FOR UPDATE`, [subscriberId]);
    await this.db.query(`SELECT newsletter_id FROM subscriptions WHERE subscriber_id = $1 ORDER BY newsletter_id FOR UPDATE`, [subscriberId]);
    const held = await this.db.query<{ email: string }>(`SELECT email FROM subscribers WHERE id = $1 AND erased_at IS NULL FOR UPDATE`, [subscriberId]);
    return held.rows[0]?.email ?? null;
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

  /** Sign-ups stored but never carried out (their job kept failing) for `days`: they hold an address and an IP address. */
  async deleteRequestsOlderThan(days: number): Promise<number> {
    const deleted = await this.db.query(`DELETE FROM signup_requests WHERE created_at < now() - make_interval(days => $1)`, [days]);
    return deleted.affected;
  }

  /**
   * Erasure's part in this module's tables, in one statement, once the reader has left every
   * newsletter: the address becomes a placeholder that names no one, sector and suppression
   * reason (it may quote the address) go, account emails are deleted, editors' free-text reasons
   * about the reader go, and the erasure itself is recorded (who, when). The row stays: the
   * ledger, deliveries and reader_actions point at it.
   */
  async eraseSubscriber(subscriberId: number, action: { editorId: number | null; reason: string | null }): Promise<boolean> {
    const erased = await this.db.query(
      `WITH erased AS (
         UPDATE subscribers SET email = 'erased:' || id, job_sector_id = NULL, suppressed_at = coalesce(suppressed_at, now()),
           suppression_reason = 'erased', erased_at = now(), updated_at = now()
         WHERE id = $1 AND erased_at IS NULL RETURNING id
       ), emails AS (
         DELETE FROM account_emails WHERE subscriber_id = $1
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
  /** A newsletter's audience now (active, not suppressed) per job sector; null: no sector given. */
  async audienceBySector(newsletterId: number): Promise<Array<{ sectorId: number | null; readers: number }>> {
    const found = await this.db.query<{ sectorId: number | null; readers: number }>(
      `SELECT r.job_sector_id AS "sectorId", count(*)::int AS readers
       FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
       WHERE s.newsletter_id = $1 AND s.status = 'active' AND r.suppressed_at IS NULL
       GROUP BY r.job_sector_id`,
      [newsletterId],
    );
    return found.rows;
  }

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

  /**
   * One batch of a readers' import into a newsletter, in one statement: each address is
   * classified against what is stored, and only a new reader, or a known one with no
   * subscription to this newsletter, gets one (active, or pending), with its ledger rows and
   * evidence (ConsentService's part) and, for a new pending reader, the confirmation email.
   * Nobody unsubscribed or suppressed is touched, and no existing subscription or reader
   * changes. One statement per thousand readers is what makes a million-line file take
   * seconds, not hours. Addresses must be unique within the batch.
   */
  async importReaders(readers: ImportedReader[], into: ImportStatement): Promise<ImportWritten> {
    if (readers.length === 0) return { counts: emptyCounts(), emailIds: [], knownAdded: [] };
    const p = new Params();
    const input = this.importInput(p, readers, into.newsletterId);
    const newsletter = p.add(into.newsletterId);
    const status = p.add(into.status);
    const ledger = this.consent.recordEachCtes(p, 'joined', into.ledger, into.ledger.origin);
    const emails = into.confirmations
      ? `, emails AS (
           INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
           SELECT subscriber_id, 'confirmation', now() + interval '${CONFIRMATION_TTL_SECONDS} seconds', now() FROM joined WHERE outcome = 'new' ORDER BY subscriber_id
           RETURNING id
         )`
      : '';
    const found = await this.db.query<{ counts: Partial<ImportCounts>; known: number[]; emails: number[] }>(
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
         SELECT subscriber_id, ${newsletter}::int, ${status}::varchar, CASE WHEN ${status}::varchar = 'active' THEN now() END, now(), now()
         FROM targets ORDER BY subscriber_id
         ON CONFLICT (subscriber_id, newsletter_id) DO NOTHING RETURNING subscriber_id
       ), joined AS (
         SELECT t.subscriber_id, ${newsletter}::int AS newsletter_id, t.personal, t.email, t.outcome
         FROM subscribed s JOIN targets t ON t.subscriber_id = s.subscriber_id
       ), ${ledger}${emails}
       SELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (
                 -- A new address someone signed up with meanwhile, or a subscription a sign-up made meanwhile: pending already.
                 SELECT CASE WHEN c.outcome IN ('new', 'known') THEN CASE WHEN j.email IS NULL THEN 'already_pending' ELSE 'created' END ELSE c.outcome END AS outcome,
                        count(*)::int AS n
                 FROM classified c LEFT JOIN joined j ON j.email = c.email GROUP BY 1) o) AS counts,
              (SELECT coalesce(array_agg(subscriber_id), '{}') FROM joined WHERE outcome = 'known') AS known,
              ${into.confirmations ? `(SELECT coalesce(array_agg(id), '{}') FROM emails)` : `'{}'::int[]`} AS emails`,
      p.values,
    );
    const row = found.rows[0];
    return { counts: { ...emptyCounts(), ...row.counts }, emailIds: row.emails, knownAdded: row.known };
  }

  /** What importReaders would do with a batch, writing nothing; and how many confirmations the daily cap would let through. */
  async classifyImport(readers: ImportedReader[], newsletterId: number, emailsPerDay: number): Promise<{ counts: ImportCounts; confirmations: number }> {
    if (readers.length === 0) return { counts: emptyCounts(), confirmations: 0 };
    const p = new Params();
    const input = this.importInput(p, readers, newsletterId);
    const found = await this.db.query<{ counts: Partial<ImportCounts>; confirmations: number }>(
      `WITH ${input}
       SELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (
                 SELECT CASE WHEN outcome IN ('new', 'known') THEN 'created' ELSE outcome END AS outcome, count(*)::int AS n FROM classified GROUP BY 1) o) AS counts,
              (SELECT count(*)::int FROM classified c
               WHERE c.outcome = 'new'
                  OR (c.outcome = 'known' AND (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = c.subscriber_id AND a.created_at > now() - interval '1 day') < ${p.add(emailsPerDay)})
              ) AS confirmations`,
      p.values,
    );
    return { counts: { ...emptyCounts(), ...found.rows[0].counts }, confirmations: found.rows[0].confirmations };
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

  /** Makes writers of these readers' account emails take turns until the caller's transaction ends; in id order, so two writers cannot deadlock. */
  async lockAccountEmailsOf(subscriberIds: number[]): Promise<void> {
    if (subscriberIds.length === 0) return;
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('account-emails'), id) FROM (SELECT DISTINCT unnest($1::int[]) AS id ORDER BY 1) AS readers`, [subscriberIds]);
  }

  /** A confirmation email for each of these readers who had fewer than `perDay` account emails in the last 24 hours; their ids. */
  async createConfirmationsWithin(subscriberIds: number[], perDay: number): Promise<number[]> {
    if (subscriberIds.length === 0) return [];
    const created = await this.db.query<{ id: number }>(
      `INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
       SELECT reader, 'confirmation', now() + interval '${CONFIRMATION_TTL_SECONDS} seconds', now() FROM unnest($1::int[]) AS reader
       WHERE (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = reader AND a.created_at > now() - interval '1 day') < $2
       RETURNING id`,
      [subscriberIds, perDay],
    );
    return created.rows.map((row) => row.id);
  }

  /** The next `limit` readers after `afterId` who receive the newsletter now (active, not suppressed), by id. */
  async activeReadersAfter(newsletterId: number, afterId: number, limit: number): Promise<ActiveReader[]> {
    const found = await this.db.query<ActiveReader>(
      `SELECT r.id, r.email, r.job_sector_id AS "jobSectorId", s.created_at AS "subscribedAt", s.confirmed_at AS "confirmedAt"
       FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
       WHERE s.newsletter_id = $1 AND s.status = 'active' AND s.subscriber_id > $2 AND r.suppressed_at IS NULL
       ORDER BY s.subscriber_id LIMIT $3`,
      [newsletterId, afterId, limit],
    );
    return found.rows;
  }
}
