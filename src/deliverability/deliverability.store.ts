import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './deliverability.queries';
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

/** The SQL of the tables the deliverability module owns: deliverability_events (partitioned), deliverability_counts, complaint_rate_warnings. */
@Injectable()
export class DeliverabilityStore {
  constructor(private readonly db: Db) {}

  /** Events about one reader take turns until the caller's transaction ends, so soft bounces are counted one at a time. */
  async lockSubscriber(subscriberId: number): Promise<void> {
    await this.db.run(queries.lockSubscriber, { subscriberId });
  }

  /**
   * Keeps the event, in the caller's transaction; false, writing nothing, when (provider, event id)
   * was already kept, in any month. A first event of its kind for its reader and edition moves the
   * edition's figures (deliverability_counts).
   */
  async insert(event: NewDeliverabilityEvent): Promise<boolean> {
    await this.db.run(queries.lockEvent, { provider: event.provider, eventId: event.eventId });
    const inserted = await this.db.run(queries.insert, {
      provider: event.provider,
      eventId: event.eventId,
      type: event.type,
      subscriberId: event.subscriberId,
      editionId: event.editionId,
      messageId: event.messageId,
      detail: JSON.stringify(event.detail),
      occurredAt: event.occurredAt,
    });
    if (inserted.rows.length === 0) return false;
    if (event.editionId !== null) {
      await this.db.run(queries.countEvent, { id: inserted.rows[0].id, editionId: event.editionId, subscriberId: event.subscriberId, type: event.type });
    }
    return true;
  }

  /** This month's partition of events and the next month's, made when missing; how many were made. */
  async ensurePartitions(): Promise<number> {
    const found = await this.db.run(queries.ensurePartitions, undefined);
    return found.rows[0].made;
  }

  /** The months of events that ended more than `days` days ago. */
  async expiredPartitions(days: number): Promise<Array<{ name: string; month: string }>> {
    const found = await this.db.run(queries.expiredPartitions, { days });
    return found.rows;
  }

  /** Drops one month of events; false when it was already gone. */
  async dropPartition(name: string): Promise<boolean> {
    const found = await this.db.run(queries.dropPartition, { name });
    return found.rows[0].dropped;
  }

  /** Events the default partition caught, dated before every month's partition, past `days` days: how many left. */
  async dropExpiredStrays(days: number): Promise<number> {
    const found = await this.db.run(queries.dropExpiredStrays, { days });
    return found.affected;
  }

  /**
   * Soft bounces of this reader in the last `days` days, one per message: a provider that reports
   * each temporary failure of the same copy (Mailgun does, while it retries) counts once.
   */
  async softBounces(subscriberId: number, days: number): Promise<number> {
    const found = await this.db.run(queries.softBounces, { subscriberId, days });
    return found.rows[0].n;
  }

  /** Readers who complained about this edition (its counters). */
  async complaints(editionId: number): Promise<number> {
    const found = await this.db.run(queries.complaints, { editionId });
    return found.rows[0].n;
  }

  /** Notes that the edition's complaint rate was warned about; false when it already was. */
  async noteComplaintWarning(editionId: number, complaints: number, sent: number): Promise<boolean> {
    const noted = await this.db.run(queries.noteComplaintWarning, { editionId, complaints, sent });
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
    const found = await this.db.run(queries.editionFigures, { ids, days });
    return found.rows;
  }
}
