import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './deliveries.queries';

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
  /** What the copy's links and VERP address name the reader by; null when the reader is gone. */
  publicId: string | null;
  /** Still subscribed and not suppressed: false means skip. */
  deliverable: boolean;
  /** Their job sector, which decides the version (segment) they get. */
  sectorId: number | null;
  /** Already counted as maybe having two copies. */
  ambiguous: boolean;
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
  /** The relay that took (or refused) it. */
  relay?: string | null;
  /** A relay may have taken it without saying so; the row becomes ambiguous and is counted once. */
  newlyAmbiguous?: boolean;
}

/** An edition's send in figures (`delivery_counts`). */
export interface SendCounts {
  batchSize: number;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  ambiguous: number;
  /** When the send should be done; null: no deadline. */
  deliverBy: Date | null;
}

/** The SQL of the tables the delivery module owns: `deliveries` (and its `delivery_partitions`), `delivery_claims` and `delivery_counts`. */
@Injectable()
export class DeliveriesStore {
  constructor(private readonly db: Db) {}

  /**
   * Freezes the audience: every active, unsuppressed subscriber of the newsletter at this moment
   * becomes a pending delivery, in one INSERT … SELECT (it reads the readers module's tables: one
   * statement keeps a million readers out of this process), and the send's counters start at
   * that total. Joins the caller's transaction. The audience's size.
   */
  async snapshotAudience(editionId: number, newsletterId: number, sectors: number[] | null, batchSize: number, deliverBy: Date | null): Promise<number> {
    const inserted = await this.db.run(queries.snapshotAudience, { editionId, newsletterId, sectors, batchSize, deliverBy });
    return inserted.rows[0].total;
  }

  /** An edition's send in figures; null before it started. */
  async counts(editionId: number): Promise<SendCounts | null> {
    return (await this.countsOf([editionId])).get(editionId) ?? null;
  }

  /** Several editions' figures at once, by edition id (editions that never started are absent). */
  async countsOf(editionIds: number[]): Promise<Map<number, SendCounts>> {
    if (editionIds.length === 0) return new Map();
    const found = await this.db.run(queries.countsOf, { editionIds });
    return new Map(found.rows.map(({ editionId, ...counts }) => [editionId, counts]));
  }

  /** The newsletter's last sent editions of at least `minSent` copies, newest first: copies and seconds taken. */
  async recentRates(newsletterId: number, minSent: number, limit: number): Promise<Array<{ sent: number; seconds: number }>> {
    return (await this.db.run(queries.recentRates, { newsletterId, minSent, limit })).rows;
  }

  /** Whether every recipient of the edition has an outcome. */
  async isDone(editionId: number): Promise<boolean> {
    const found = await this.db.run(queries.isDone, { editionId });
    return found.rows.length > 0;
  }

  /** Fixed ranges of `batchSize` recipients over the frozen audience, and which still have work. */
  async ranges(editionId: number, batchSize: number): Promise<Array<{ firstId: number; lastId: number; open: boolean }>> {
    const ranges = await this.db.run(queries.ranges, { editionId, batchSize });
    return ranges.rows;
  }

  /** A run of a batch job starts holding rows: it says so, and keeps saying so (`renewClaim`). */
  async openClaim(claimToken: string, editionId: number): Promise<void> {
    await this.db.run(queries.openClaim, { claimToken, editionId });
  }

  async renewClaim(claimToken: string): Promise<void> {
    await this.db.run(queries.renewClaim, { claimToken });
  }

  async closeClaim(claimToken: string): Promise<void> {
    await this.db.run(queries.closeClaim, { claimToken });
  }

  /** Claims no run has spoken for in a day: their rows were released long ago. */
  async forgetOldClaims(): Promise<void> {
    await this.db.run(queries.forgetOldClaims, undefined);
  }

  /**
   * Rows left `sending` by a run whose claim has gone quiet for `quietMs` (its worker died, or
   * froze, between claiming and recording): back to pending, marked ambiguous, and counted, in
   * one statement. Rows of a live run (its heartbeat is fresh) are left to it, whatever Redis
   * thinks of its job.
   */
  async releaseAbandoned(range: BatchRange, quietMs: number): Promise<number> {
    const released = await this.db.run(queries.releaseAbandoned, { editionId: range.editionId, firstId: range.firstId, lastId: range.lastId, quietMs });
    return released.rows[0].n;
  }

  /** Whether another run still holds rows of the range (so the range is not finished yet). */
  async heldByOthers(range: BatchRange, claimToken: string): Promise<boolean> {
    const held = await this.db.run(queries.heldByOthers, { editionId: range.editionId, firstId: range.firstId, lastId: range.lastId, claimToken });
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
  async claim(range: BatchRange, after: number, claimToken: string, newsletterId: number, limit: number, retry = false): Promise<ClaimedRecipient[]> {
    const claimed = await this.db.run(
      queries.claim,
      { editionId: range.editionId, after, lastId: range.lastId, claimToken, newsletterId, limit, retry },
      { name: 'deliveries.claim' },
    );
    return claimed.rows.map((r) => ({
      subscriberId: r.subscriber_id,
      attempts: r.attempts,
      email: r.email,
      publicId: r.public_id,
      deliverable: r.deliverable,
      sectorId: r.sector_id,
      ambiguous: r.ambiguous,
    }));
  }

  /**
   * Writes claimed recipients' outcomes and moves the edition's counters, in one statement: one
   * round trip and one commit per group. The group's id range bounds the index scan, whatever
   * the planner believes about the table.
   */
  async record(editionId: number, claimToken: string, outcomes: RecordedOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const ids = outcomes.map((o) => o.subscriberId);
    await this.db.run(
      queries.record,
      {
        editionId,
        ids,
        statuses: outcomes.map((o) => o.status),
        messageIds: outcomes.map((o) => o.messageId ?? null),
        smtpCodes: outcomes.map((o) => o.smtpCode ?? null),
        errors: outcomes.map((o) => o.error ?? null),
        retryAts: outcomes.map((o) => o.retryAt ?? null),
        relays: outcomes.map((o) => o.relay ?? null),
        newlyAmbiguous: outcomes.map((o) => o.newlyAmbiguous ?? false),
        firstId: Math.min(...ids),
        lastId: Math.max(...ids),
        claimToken,
      },
      { name: 'deliveries.record' },
    );
  }

  /** An edition's failed deliveries grouped by SMTP reply code, each with its latest error. */
  async failuresByCode(editionId: number): Promise<Array<{ smtpCode: number | null; count: number; lastError: string | null }>> {
    const found = await this.db.run(queries.failuresByCode, { editionId });
    return found.rows.map((row) => ({ smtpCode: row.smtp_code, count: Number(row.count), lastError: row.last_error }));
  }

  /** Copies sent, by the relay that took them (null: the outbox, or sent before relays were recorded). */
  async sentByRelay(editionId: number): Promise<Array<{ relay: string | null; sent: number }>> {
    return (await this.db.run(queries.sentByRelay, { editionId })).rows;
  }

  /** When the range's next recipient waiting for a retry is due, or null when none waits. */
  async nextRetry(range: BatchRange): Promise<Date | null> {
    const retry = await this.db.run(queries.nextRetry, { editionId: range.editionId, firstId: range.firstId, lastId: range.lastId });
    return retry.rows[0]?.next ?? null;
  }

  /**
   * The editions a reader was sent, oldest first, with subject and time: for their data export.
   * Deliveries are keyed by (edition, subscriber), so the reader's rows are found edition by
   * edition through that key rather than by a scan, or a second index that every audience
   * snapshot would have to write.
   */
  async receivedBy(subscriberId: number): Promise<Array<{ editionId: number; newsletterId: number; subject: string; sentAt: Date }>> {
    const found = await this.db.run(queries.receivedBy, { subscriberId });
    return found.rows;
  }

  /**
   * Erasure's part in deliveries: an SMTP server's reply may quote the address, so the reader's
   * errors go. Status, code, times and message ids stay: they name no one, and keep each
   * edition's figures whole.
   */
  async eraseErrors(subscriberId: number): Promise<void> {
    await this.db.run(queries.eraseErrors, { subscriberId });
  }

  /** Recipients not yet claimed will not be sent; messages in flight finish. */
  async cancelPending(editionId: number): Promise<number> {
    const cancelled = await this.db.run(queries.cancelPending, { editionId });
    return cancelled.affected;
  }

  /**
   * The edition whose copy to this reader carried this Message-ID, among editions started in the
   * last 90 days. Message-IDs reveal nothing (message-ids.ts), so the reader comes first: one
   * primary-key probe per recent edition, no index on message_id to slow every send.
   */
  async editionOfMessage(subscriberId: number, messageId: string): Promise<number | null> {
    const found = await this.db.run(queries.editionOfMessage, { subscriberId, messageId });
    return found.rows[0]?.edition_id ?? null;
  }

  /** The last edition sent to this reader in the 30 days before `at` (a minute's clock skew allowed). */
  async lastEditionSentTo(subscriberId: number, at: Date): Promise<number | null> {
    const found = await this.db.run(queries.lastEditionSentTo, { subscriberId, at });
    return found.rows[0]?.edition_id ?? null;
  }

  /**
   * Makes sure this month's and the next month's partitions of `deliveries` exist, and that new
   * editions take their ids from this month's block; how many partitions it made.
   */
  async ensurePartitions(editionIdsPerMonth: number): Promise<number> {
    return (await this.db.run(queries.ensurePartitions, { editionIdsPerMonth })).rows[0].made;
  }

  /** Partitions past retention whose editions are all done, oldest first. */
  async expiredPartitions(retentionDays: number): Promise<Array<{ name: string; month: string }>> {
    return (await this.db.run(queries.expiredPartitions, { retentionDays })).rows;
  }

  /** Drops one partition, every row in it at once; false when it was already gone. */
  async dropPartition(name: string): Promise<boolean> {
    return (await this.db.run(queries.dropPartition, { name })).rows[0].dropped;
  }

  /** Whether this edition went to this reader (its audience held them). */
  async hasDelivery(editionId: number, subscriberId: number): Promise<boolean> {
    const found = await this.db.run(queries.hasDelivery, { editionId, subscriberId });
    return found.rows.length > 0;
  }
}
