import { Injectable } from '@nestjs/common';
import type { RequestOrigin } from '../common/request-origin';
import { Db } from '../database/db.service';
import { AccountEmailKind } from './account-email.entity';

const CONFIRMATION_TTL_SECONDS = 72 * 3600;

/** A sign-up as it arrived, before anything is done with it. */
export interface SignupRequestInput {
  email: string;
  newsletterIds: number[];
  jobSectorId: number | null;
  noticeVersion: number;
}

/** `createdAt` is PostgreSQL's text, to the microsecond (a Date would cut it to the millisecond). */
export type StoredSignup = SignupRequestInput & { source: string; ip: string | null; userAgent: string | null; createdAt: string };

export interface AccountEmailToSend {
  subscriberId: number;
  kind: AccountEmailKind;
  email: string;
  suppressed: boolean;
}

/**
 * The SQL of the tables the signup module owns: `signup_requests` (sign-ups stored as they came,
 * until a job carries them out) and `account_emails` (confirmations and "manage your
 * preferences" emails: each one's token hash, expiry and whether it went).
 */
@Injectable()
export class SignupStore {
  constructor(private readonly db: Db) {}

  /** A sign-up as it arrived, in one statement, before it is answered. */
  async insertRequest(request: SignupRequestInput, origin: RequestOrigin): Promise<number> {
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

  /** Sign-ups stored but never carried out (their job kept failing) for `days`: they hold an address and an IP address. */
  async deleteRequestsOlderThan(days: number): Promise<number> {
    const deleted = await this.db.query(`DELETE FROM signup_requests WHERE created_at < now() - make_interval(days => $1)`, [days]);
    return deleted.affected;
  }

  /** Makes writers of one reader's account emails take turns until the caller's transaction ends. */
  async lockAccountEmails(subscriberId: number): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('account-emails'), $1)`, [subscriberId]);
  }

  async accountEmailsInLastDay(subscriberId: number): Promise<number> {
    const recent = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM account_emails WHERE subscriber_id = $1 AND created_at > now() - interval '1 day'`,
      [subscriberId],
    );
    return recent.rows[0].n;
  }

  async createAccountEmail(subscriberId: number, kind: AccountEmailKind, at: Date | string | null = null): Promise<number> {
    const created = await this.db.query<{ id: number }>(
      `INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
       VALUES ($1, $2, now() + interval '${CONFIRMATION_TTL_SECONDS} seconds', coalesce($3::timestamptz, now())) RETURNING id`,
      [subscriberId, kind, at],
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

  /** New readers' confirmation emails (an import's), one each; their ids in the readers' order. */
  async createConfirmations(subscriberIds: number[]): Promise<number[]> {
    if (subscriberIds.length === 0) return [];
    const created = await this.db.query<{ id: number }>(
      `INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
       SELECT reader, 'confirmation', now() + interval '${CONFIRMATION_TTL_SECONDS} seconds', now()
       FROM unnest($1::int[]) WITH ORDINALITY AS r(reader, position) ORDER BY position
       RETURNING id`,
      [subscriberIds],
    );
    return created.rows.map((row) => row.id);
  }

  /** How many of these readers had fewer than `perDay` account emails in the last 24 hours. */
  async countWithinCap(subscriberIds: number[], perDay: number): Promise<number> {
    if (subscriberIds.length === 0) return 0;
    const found = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::int[]) AS reader
       WHERE (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = reader AND a.created_at > now() - interval '1 day') < $2`,
      [subscriberIds, perDay],
    );
    return found.rows[0].n;
  }

  /** Whether a sign-up of this address is stored and not yet carried out. */
  async hasWaitingRequest(email: string): Promise<boolean> {
    const waiting = await this.db.query(`SELECT 1 FROM signup_requests WHERE email = $1 LIMIT 1`, [email]);
    return waiting.rows.length > 0;
  }

  /** Erasure: the address's sign-ups still waiting to be carried out are dropped. */
  async dropRequestsOf(email: string): Promise<void> {
    await this.db.query(`DELETE FROM signup_requests WHERE email = $1`, [email]);
  }

  /** Erasure: holds the reader's account emails until the caller's transaction ends. */
  async holdAccountEmailsOf(subscriberId: number): Promise<void> {
    await this.db.query(`SELECT id FROM account_emails WHERE subscriber_id = $1 ORDER BY id FOR UPDATE`, [subscriberId]);
  }

  /** Erasure: the reader's account emails (their tokens' hashes) go. */
  async deleteAccountEmailsOf(subscriberId: number): Promise<void> {
    await this.db.query(`DELETE FROM account_emails WHERE subscriber_id = $1`, [subscriberId]);
  }
}
