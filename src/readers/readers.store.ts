import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './readers.queries';
import { emptyCounts, ImportCounts, ImportedReader, ImportWritten } from './import-batch';
import { ReaderActionKind } from './reader-action.entity';
import { SubscriptionStatus } from './subscription.entity';

export interface ReaderRow {
  subscriberId: number;
  /** Random: what links and mail addresses name the reader by. */
  publicId: string;
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

/** An import batch's rows as the statements' parallel arrays, with what the file said of each reader. */
function importInput(readers: ImportedReader[]): { emails: string[]; sectorIds: Array<number | null>; personal: string[] } {
  return {
    emails: readers.map((r) => r.email),
    sectorIds: readers.map((r) => r.jobSectorId),
    personal: readers.map((r) => JSON.stringify({ consentGiven: { at: r.consentedAt, source: r.source }, jobSector: r.jobSectorSlug })),
  };
}

function readerRow(row: queries.IReaderResult): ReaderRow {
  // json_agg builds [newsletter id, status] pairs.
  const statuses = new Map((row.statuses as Array<[number, SubscriptionStatus]> | null) ?? []);
  return { subscriberId: row.id, publicId: row.public_id, email: row.email, jobSectorId: row.job_sector_id, statuses };
}

/** The SQL of the tables the readers module owns: subscribers, subscriptions, reader_actions (readers.sql). */
@Injectable()
export class ReadersStore {
  constructor(private readonly db: Db) {}

  /**
   * A new address: the reader and a pending subscription per newsletter, in one statement, or
   * null, writing nothing, when the address is known.
   */
  async insertNewReader(email: string, jobSectorId: number | null, newsletterIds: number[]): Promise<number | null> {
    const created = await this.db.run(queries.insertNewReader, { email, jobSectorId, newsletterIds });
    return created.rows.length > 0 ? created.rows[0].id : null;
  }

  async findOrCreate(email: string, jobSectorId: number | null): Promise<{ subscriberId: number; created: boolean }> {
    const inserted = await this.db.run(queries.findOrCreate, { email, jobSectorId });
    if (inserted.rows.length > 0) return { subscriberId: inserted.rows[0].id, created: true };
    const existing = await this.db.run(queries.findOrCreate2, { email });
    return { subscriberId: existing.rows[0].id, created: false };
  }

  async hasActiveSubscription(subscriberId: number): Promise<boolean> {
    const active = await this.db.run(queries.hasActiveSubscription, { subscriberId });
    return active.rows.length > 0;
  }

  /** Pending subscriptions to each newsletter; one the reader had left becomes pending again. */
  async addPending(subscriberId: number, newsletterIds: number[]): Promise<void> {
    if (newsletterIds.length === 0) return;
    await this.db.run(queries.addPending, { subscriberId, newsletterIds });
  }

  async setJobSector(subscriberId: number, jobSectorId: number | null): Promise<void> {
    await this.db.run(queries.setJobSector, { subscriberId, jobSectorId });
  }

  async pendingNewsletterIds(subscriberId: number): Promise<number[]> {
    const pending = await this.db.run(queries.pendingNewsletterIds, { subscriberId });
    return pending.rows.map((row) => row.newsletter_id);
  }

  async activatePending(subscriberId: number): Promise<number[]> {
    const activated = await this.db.run(queries.activatePending, { subscriberId });
    return activated.rows.map((row) => row.newsletter_id);
  }

  async reader(subscriberId: number): Promise<ReaderRow | null> {
    const found = await this.db.run(queries.reader, { subscriberId });
    return found.rows[0] ? readerRow(found.rows[0]) : null;
  }

  /** The reader a token names by public id: one lookup through its unique index. */
  async readerByPublicId(publicId: string): Promise<ReaderRow | null> {
    const found = await this.db.run(queries.readerByPublicId, { publicId });
    return found.rows[0] ? readerRow(found.rows[0]) : null;
  }

  /** The id of the reader with this public id, erased or not (as a sequential id in an older token would be). */
  async idByPublicId(publicId: string): Promise<number | null> {
    const found = await this.db.run(queries.idByPublicId, { publicId });
    return found.rows[0]?.id ?? null;
  }

  async setStatus(subscriberId: number, newsletterId: number, status: SubscriptionStatus): Promise<void> {
    await this.db.run(queries.setStatus, { subscriberId, newsletterId, status });
  }

  /** Leaves one newsletter, or every one when `newsletterId` is null; the ones actually left. */
  async unsubscribe(subscriberId: number, newsletterId: number | null): Promise<number[]> {
    const left = await this.db.run(queries.unsubscribe, { subscriberId, newsletterId });
    return left.rows.map((row) => row.newsletter_id);
  }

  /** Leaves every later audience out of this address's way; only SuppressionService calls it. */
  async suppress(subscriberIds: number[], reason: string): Promise<number[]> {
    if (subscriberIds.length === 0) return [];
    const done = await this.db.run(queries.suppress, { subscriberIds, reason: reason.slice(0, 1000) });
    return done.rows.map((row) => row.id);
  }

  /** An erased reader stays suppressed, and the reason (which may quote the address) says only that. */
  async suppressErased(subscriberId: number): Promise<void> {
    await this.db.run(queries.suppressErased, { subscriberId });
  }

  /** An editor suppresses a reader, and says why: both written in one statement; false when already suppressed. */
  async suppressByEditor(subscriberId: number, editorId: number, reason: string): Promise<boolean> {
    const done = await this.db.run(queries.suppressByEditor, { subscriberId, editorId, reason });
    return done.rows.length > 0;
  }

  /** An editor lifts a reader's suppression (an editor's or a hard bounce's), and says why; false when not suppressed. */
  async unsuppressByEditor(subscriberId: number, editorId: number, reason: string): Promise<boolean> {
    const done = await this.db.run(queries.unsuppressByEditor, { subscriberId, editorId, reason });
    return done.rows.length > 0;
  }

  /** The reader with exactly this (normalised) address. */
  async findIdByEmail(email: string): Promise<number | null> {
    const found = await this.db.run(queries.findIdByEmail, { email });
    return found.rows[0]?.id ?? null;
  }

  /** One reader's record as the newsroom shows it: address, sector, suppression and every subscription. */
  async readerRecord(subscriberId: number): Promise<ReaderRecord | null> {
    const found = await this.db.run(queries.readerRecord, { subscriberId });
    const row = found.rows[0];
    return row ? { ...row, subscriptions: (row.subscriptions as ReaderRecord['subscriptions'] | null) ?? [] } : null;
  }

  /** Writes that an editor did something to a reader's record that changed nothing in it (an export). */
  async addReaderAction(subscriberId: number, editorId: number, action: ReaderActionKind): Promise<void> {
    await this.db.run(queries.addReaderAction, { subscriberId, editorId, action });
  }

  /**
   * Holds a reader still to be erased until the caller's transaction ends: their subscriptions,
   * then their own row (which ledger rows and account emails refer to), the order every other
   * writer of a reader takes them in. Their address, or null when there is no such reader (or
   * they were erased already).
   */
  async lockForErasure(subscriberId: number): Promise<string | null> {
    await this.db.run(queries.lockForErasure, { subscriberId });
    const held = await this.db.run(queries.lockForErasure2, { subscriberId });
    return held.rows[0]?.email ?? null;
  }

  /** The address of a reader not yet erased. */
  async emailOf(subscriberId: number): Promise<string | null> {
    const found = await this.db.run(queries.emailOf, { subscriberId });
    return found.rows[0]?.email ?? null;
  }

  /**
   * Whether the reader is an unconfirmed sign-up older than `days`: every subscription pending,
   * none ever confirmed, and no sign-up, subscription change or confirmation email since.
   */
  async isStaleUnconfirmed(subscriberId: number, days: number): Promise<boolean> {
    const found = await this.db.run(queries.isStaleUnconfirmed, { subscriberId, days });
    return found.rows.length > 0;
  }

  /**
   * The next `limit` unconfirmed sign-ups older than `days` after `after`, by id: found from the
   * pending subscriptions of each newsletter (the audience index), never from every reader.
   */
  async staleUnconfirmed(newsletterIds: number[], days: number, after: number, limit: number): Promise<number[]> {
    const found = await this.db.run(queries.staleUnconfirmed, { newsletterIds, days, after, limit });
    return found.rows.map((row) => row.id);
  }

  /**
   * Erasure's part in this module's tables, in one statement, once the reader has left every
   * newsletter and been suppressed: the address becomes a placeholder that names no one, the
   * sector goes, editors' free-text reasons about the reader go, and the erasure itself is
   * recorded (who, when). The row stays: the ledger, deliveries and reader_actions point at it.
   */
  async eraseSubscriber(subscriberId: number, action: { editorId: number | null; reason: string | null }): Promise<boolean> {
    const erased = await this.db.run(queries.eraseSubscriber, { subscriberId, editorId: action.editorId, reason: action.reason });
    return erased.rows.length > 0;
  }

  /** What editors did to this reader's record, newest first. */
  async readerActions(subscriberId: number): Promise<ReaderActionRow[]> {
    const found = await this.db.run(queries.readerActions, { subscriberId });
    return found.rows.map((row) => ({ ...row, action: row.action as ReaderActionKind }));
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
    const found = await this.db.run(queries.importReaders, { ...importInput(readers), newsletterId, status });
    const row = found.rows[0];
    return { counts: { ...emptyCounts(), ...(row.counts as Partial<ImportCounts>) }, joined: row.joined as ImportWritten['joined'] };
  }

  /** What importReaders would do with a batch, writing nothing; and which known readers it would subscribe. */
  async classifyImport(readers: ImportedReader[], newsletterId: number): Promise<{ counts: ImportCounts; known: number[] }> {
    if (readers.length === 0) return { counts: emptyCounts(), known: [] };
    const found = await this.db.run(queries.classifyImport, { ...importInput(readers), newsletterId });
    return { counts: { ...emptyCounts(), ...(found.rows[0].counts as Partial<ImportCounts>) }, known: found.rows[0].known };
  }
}
