import { Injectable } from '@nestjs/common';
import type { RequestOrigin } from '../common/request-origin';
import { Db } from '../database/db.service';
import * as queries from './signup.queries';
import { AccountEmailKind } from './account-email.entity';

/** A sign-up as it arrived, before anything is done with it. */
export interface SignupRequestInput {
  email: string;
  newsletterIds: number[];
  jobSectorId: number | null;
  noticeVersion: number;
}

/** `createdAt` is PostgreSQL's text, to the microsecond (a Date would cut it to the millisecond). */
export type StoredSignup = SignupRequestInput & { source: string; ip: string | null; userAgent: string | null; page: string | null; createdAt: string };

export interface AccountEmailToSend {
  subscriberId: number;
  /** What the email's links and VERP address name the reader by. */
  publicId: string;
  kind: AccountEmailKind;
  /** A welcome's newsletter. */
  newsletterId: number | null;
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
    const inserted = await this.db.run(queries.insertRequest, {
      email: request.email,
      newsletterIds: request.newsletterIds,
      jobSectorId: request.jobSectorId,
      noticeVersion: request.noticeVersion,
      source: origin.source.slice(0, 512),
      ip: origin.ip?.slice(0, 64) ?? null,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
      page: origin.page ? JSON.stringify(origin.page) : null,
    });
    return inserted.rows[0].id;
  }

  /** Takes a stored sign-up to carry it out (removed with the caller's transaction's commit); null when gone. */
  async takeRequest(id: number): Promise<StoredSignup | null> {
    const taken = await this.db.run(queries.takeRequest, { id });
    return taken.rows[0] ?? null;
  }

  async unprocessedRequests(): Promise<number[]> {
    const waiting = await this.db.run(queries.unprocessedRequests, undefined);
    return waiting.rows.map((row) => row.id);
  }

  /** Sign-ups stored but never carried out (their job kept failing) for `days`: they hold an address and an IP address. */
  async deleteRequestsOlderThan(days: number): Promise<number> {
    const deleted = await this.db.run(queries.deleteRequestsOlderThan, { days });
    return deleted.affected;
  }

  /** Makes writers of one reader's account emails take turns until the caller's transaction ends. */
  async lockAccountEmails(subscriberId: number): Promise<void> {
    await this.db.run(queries.lockAccountEmails, { subscriberId });
  }

  async accountEmailsInLastDay(subscriberId: number): Promise<number> {
    const recent = await this.db.run(queries.accountEmailsInLastDay, { subscriberId });
    return recent.rows[0].n;
  }

  async createAccountEmail(subscriberId: number, kind: AccountEmailKind, at: Date | string | null = null): Promise<number> {
    const created = await this.db.run(queries.createAccountEmail, { subscriberId, kind, at });
    return created.rows[0].id;
  }

  /** Welcomes for newsletters just confirmed, none for one welcomed in the last 30 days; their ids. */
  async createWelcomes(subscriberId: number, newsletterIds: number[]): Promise<number[]> {
    if (newsletterIds.length === 0) return [];
    const created = await this.db.run(queries.createWelcomes, { subscriberId, newsletterIds });
    return created.rows.map((row) => row.id);
  }

  /** The reader of a confirmation that can still be used. */
  async usableConfirmation(tokenHash: string): Promise<number | null> {
    const found = await this.db.run(queries.usableConfirmation, { tokenHash });
    return found.rows[0]?.subscriber_id ?? null;
  }

  /** Uses a confirmation once; its reader, or null when it cannot be used. */
  async useConfirmation(tokenHash: string): Promise<number | null> {
    const used = await this.db.run(queries.useConfirmation, { tokenHash });
    return used.rows[0]?.subscriber_id ?? null;
  }

  /** Whether a confirmation that was already used belongs to a reader who now receives newsletters. */
  async usedByActiveReader(tokenHash: string): Promise<boolean> {
    const found = await this.db.run(queries.usedByActiveReader, { tokenHash });
    return found.rows.length > 0;
  }

  /**
   * Takes an account email to send, for two minutes: null when it was sent, settled, or is being
   * sent by another worker right now (a job Redis forgot, queued again while the first ran).
   */
  async takeAccountEmail(id: number): Promise<AccountEmailToSend | null> {
    const found = await this.db.run(queries.takeAccountEmail, { id });
    const row = found.rows[0];
    return row ? { ...row, kind: row.kind as AccountEmailKind } : null;
  }

  /** A send that failed: the next try may take it at once. */
  async releaseAccountEmail(id: number): Promise<void> {
    await this.db.run(queries.releaseAccountEmail, { id });
  }

  /** The token is made as the mail goes out, and its `hours` of life start then, however long the mail waited. */
  async setLinkToken(id: number, tokenHash: string, hours: number): Promise<void> {
    await this.db.run(queries.setLinkToken, { id, tokenHash, hours });
  }

  /** The reader of an emailed link of this kind that can still be used (unused, not expired); its token exists only in the mail. */
  async usableLink(tokenHash: string, kind: AccountEmailKind): Promise<number | null> {
    const found = await this.db.run(queries.usableLink, { tokenHash, kind });
    return found.rows[0]?.subscriber_id ?? null;
  }

  async markAccountEmailSkipped(id: number): Promise<void> {
    await this.db.run(queries.markAccountEmailSkipped, { id });
  }

  async markAccountEmailSent(id: number): Promise<void> {
    await this.db.run(queries.markAccountEmailSent, { id });
  }

  /** Refused for good (a 5xx): the email is never taken again. */
  async markAccountEmailFailed(id: number, error: string): Promise<void> {
    await this.db.run(queries.markAccountEmailFailed, { id, error });
  }

  /** Account emails whose message has not gone, whatever their age, and which were not refused for good. */
  async unsentAccountEmails(): Promise<number[]> {
    const unsent = await this.db.run(queries.unsentAccountEmails, undefined);
    return unsent.rows.map((row) => row.id);
  }

  /** Makes writers of these readers' account emails take turns until the caller's transaction ends; in id order, so two writers cannot deadlock. */
  async lockAccountEmailsOf(subscriberIds: number[]): Promise<void> {
    if (subscriberIds.length === 0) return;
    await this.db.run(queries.lockAccountEmailsOf, { subscriberIds });
  }

  /** A confirmation email for each of these readers who had fewer than `perDay` account emails in the last 24 hours; their ids. */
  async createConfirmationsWithin(subscriberIds: number[], perDay: number): Promise<number[]> {
    if (subscriberIds.length === 0) return [];
    const created = await this.db.run(queries.createConfirmationsWithin, { subscriberIds, perDay });
    return created.rows.map((row) => row.id);
  }

  /** New readers' confirmation emails (an import's), one each; their ids in the readers' order. */
  async createConfirmations(subscriberIds: number[]): Promise<number[]> {
    if (subscriberIds.length === 0) return [];
    const created = await this.db.run(queries.createConfirmations, { subscriberIds });
    return created.rows.map((row) => row.id);
  }

  /** How many of these readers had fewer than `perDay` account emails in the last 24 hours. */
  async countWithinCap(subscriberIds: number[], perDay: number): Promise<number> {
    if (subscriberIds.length === 0) return 0;
    const found = await this.db.run(queries.countWithinCap, { subscriberIds, perDay });
    return found.rows[0].n;
  }

  /** Whether a sign-up of this address is stored and not yet carried out. */
  async hasWaitingRequest(email: string): Promise<boolean> {
    const waiting = await this.db.run(queries.hasWaitingRequest, { email });
    return waiting.rows.length > 0;
  }

  /** Erasure: the address's sign-ups still waiting to be carried out are dropped. */
  async dropRequestsOf(email: string): Promise<void> {
    await this.db.run(queries.dropRequestsOf, { email });
  }

  /** Erasure: holds the reader's account emails until the caller's transaction ends. */
  async holdAccountEmailsOf(subscriberId: number): Promise<void> {
    await this.db.run(queries.holdAccountEmailsOf, { subscriberId });
  }

  /** Erasure: the reader's account emails (their tokens' hashes) go. */
  async deleteAccountEmailsOf(subscriberId: number): Promise<void> {
    await this.db.run(queries.deleteAccountEmailsOf, { subscriberId });
  }
}
