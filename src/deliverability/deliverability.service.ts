import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverabilityConfig, deliverabilityConfig } from '../config/config';
import { Db } from '../database/db.service';
import { DeliveryService } from '../delivery/delivery.service';
import { EditionsService } from '../editions/editions.service';
import { ReadersService } from '../readers/readers.service';
import { SuppressionService } from '../readers/suppression.service';
import { Metrics } from '../metrics/metrics';
import type { DeliverabilityEvent } from './deliverability-event';
import { DeliverabilityStore } from './deliverability.store';
import { withoutAddresses } from './detail';
import { COMPLAINT_RATE_WARNING, DeliverabilityRates, percent, ratesOf, sumOf } from './rates';

const TYPES = new Set(['hard-bounce', 'soft-bounce', 'complaint', 'delayed']);
const SOFT_BOUNCE_DAYS = 30;
/** The window of a newsletter's rates on the dashboard. */
const NEWSLETTER_DAYS = 30;

/** Where an event was linked to its reader and edition. */
type LinkedBy = 'verp' | 'message-id' | 'last-edition' | 'address' | 'none';

interface Link {
  subscriberId: number | null;
  editionId: number | null;
  linkedBy: LinkedBy;
}

/**
 * Bounces and complaints, whichever way they came (a provider's webhook, a DSN or an ARF report
 * to the inbound listener), and what they do: a hard bounce suppresses the address; soft bounces
 * suppress it at SOFT_BOUNCE_LIMIT within 30 days; a complaint unsubscribes the reader from
 * every newsletter (ledger source `complaint`) and suppresses them. A delay notice is kept and
 * counted apart, and does nothing else: the copy is still queued and may yet arrive.
 */
@Injectable()
export class DeliverabilityService {
  private readonly logger = new Logger(DeliverabilityService.name);

  constructor(
    private readonly db: Db,
    private readonly store: DeliverabilityStore,
    private readonly readers: ReadersService,
    private readonly suppression: SuppressionService,
    private readonly delivery: DeliveryService,
    private readonly editions: EditionsService,
    @Inject(deliverabilityConfig.KEY) private readonly config: DeliverabilityConfig,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Records the event once per (provider, eventId), with its effects, in one transaction: a
   * replay returns `recorded: false` and changes nothing. An event whose reader cannot be found
   * is still kept (for the record), and does nothing else.
   */
  async handle(event: DeliverabilityEvent): Promise<{ recorded: boolean }> {
    if (!TYPES.has(event.type)) throw new Error(`Unknown deliverability event type: ${String(event.type)}`);
    if (!event.provider || !event.eventId) throw new Error('A deliverability event needs its provider and event id');
    const occurredAt = event.occurredAt && !Number.isNaN(event.occurredAt.getTime()) ? event.occurredAt : new Date();
    const link = await this.link(event, occurredAt);
    const recorded = await this.db.transaction(async () => {
      if (link.subscriberId !== null) await this.store.lockSubscriber(link.subscriberId);
      const inserted = await this.store.insert({
        provider: event.provider.slice(0, 32),
        eventId: event.eventId.slice(0, 255),
        type: event.type,
        subscriberId: link.subscriberId,
        editionId: link.editionId,
        messageId: event.messageId?.slice(0, 255) ?? null,
        detail: { ...withoutAddresses(event.detail), linkedBy: link.linkedBy },
        occurredAt,
      });
      if (inserted && link.subscriberId !== null) await this.apply(event, link.subscriberId);
      return inserted;
    });
    this.metrics.deliverabilityEvent(event.provider, event.type, recorded);
    if (recorded && event.type === 'complaint' && link.editionId !== null) await this.checkComplaintRate(link.editionId);
    return { recorded };
  }

  /** An edition's rates, from its own counters (`sent`) and the events and unsubscribes attributed to it. */
  async editionRates(editionId: number): Promise<DeliverabilityRates> {
    const [figures] = await this.store.editionFigures({ editionIds: [editionId] });
    return ratesOf(figures ?? { sent: 0, bounced: 0, hardBounced: 0, softBounced: 0, delayed: 0, complained: 0, unsubscribed: 0 });
  }

  /** Each newsletter's rates over the editions it started sending in the last 30 days. */
  async newsletterRates(): Promise<Map<number, DeliverabilityRates & { editions: number; days: number }>> {
    const figures = await this.store.editionFigures({ startedWithinDays: NEWSLETTER_DAYS });
    const byNewsletter = new Map<number, typeof figures>();
    for (const f of figures) byNewsletter.set(f.newsletterId, [...(byNewsletter.get(f.newsletterId) ?? []), f]);
    return new Map([...byNewsletter].map(([id, list]) => [id, { ...ratesOf(sumOf(list)), editions: list.length, days: NEWSLETTER_DAYS }]));
  }

  /**
   * The reader: the one a VERP address named, else the one with the event's address. The
   * edition: the one whose copy to that reader carried the event's Message-ID; when the event
   * names no Message-ID (Postmark's), the last edition the reader was sent in the 30 days before.
   */
  private async link(event: DeliverabilityEvent, occurredAt: Date): Promise<Link> {
    if (event.subscriberId != null && (await this.readers.readerRecord(event.subscriberId))) {
      const editionId = event.editionId != null && (await this.delivery.hasDelivery(event.editionId, event.subscriberId)) ? event.editionId : null;
      return { subscriberId: event.subscriberId, editionId, linkedBy: 'verp' };
    }
    const subscriberId = event.email ? await this.readers.findSubscriberId(event.email) : null;
    if (subscriberId === null) return { subscriberId: null, editionId: null, linkedBy: 'none' };
    if (event.messageId) {
      const editionId = await this.delivery.editionOfMessage(subscriberId, event.messageId);
      return { subscriberId, editionId, linkedBy: editionId === null ? 'address' : 'message-id' };
    }
    const editionId = await this.delivery.lastEditionSentTo(subscriberId, occurredAt);
    return { subscriberId, editionId, linkedBy: editionId === null ? 'address' : 'last-edition' };
  }

  /** What the event does to its reader, in the transaction that recorded it. */
  private async apply(event: DeliverabilityEvent, subscriberId: number): Promise<void> {
    const status = event.detail?.status ?? event.detail?.bounceSubType ?? event.detail?.type;
    const why = typeof status === 'string' && status !== '' ? `: ${status}` : '';
    switch (event.type) {
      case 'hard-bounce':
        await this.suppression.suppress([subscriberId], `hard bounce reported by ${event.provider}${why}`);
        return;
      case 'soft-bounce': {
        const count = await this.store.softBounces(subscriberId, SOFT_BOUNCE_DAYS);
        if (count >= this.config.softBounceLimit) {
          await this.suppression.suppress(
            [subscriberId],
            `${count} soft bounces within ${SOFT_BOUNCE_DAYS} days (the last reported by ${event.provider}${why})`,
          );
        }
        return;
      }
      case 'complaint':
        await this.readers.unsubscribe(subscriberId, null, { source: 'complaint', ip: null, userAgent: null });
        await this.suppression.suppress([subscriberId], `complaint reported by ${event.provider}`);
        return;
      case 'delayed':
        return;
    }
  }

  /** Past 0.1 %, the log says so, once per edition (complaint_rate_warnings remembers). */
  private async checkComplaintRate(editionId: number): Promise<void> {
    const sent = (await this.delivery.counts(editionId))?.sent ?? 0;
    if (sent === 0) return;
    const complaints = await this.store.complaints(editionId);
    if (complaints / sent <= COMPLAINT_RATE_WARNING) return;
    if (await this.store.noteComplaintWarning(editionId, complaints, sent)) {
      const { subject } = await this.editions.find(editionId);
      this.logger.warn(
        `Edition ${editionId} ("${subject}"): complaint rate ${percent(complaints / sent)} (${complaints} of ${sent} sent) is above ${percent(COMPLAINT_RATE_WARNING)}; Gmail starts filtering at 0.3 %`,
      );
    }
  }
}
