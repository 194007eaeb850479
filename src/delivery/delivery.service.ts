import { Inject, Injectable } from '@nestjs/common';
import { DeliveryConfig, deliveryConfig } from '../config/config';
import { DeliveriesStore, SendCounts } from './deliveries.store';

export type { SendCounts } from './deliveries.store';
import { DeliveryPlanner } from './delivery-planner';
import { EditionMessage } from './edition-message';
import { EditionMessages } from './edition-messages';

/** What the rest of the service asks of delivery. */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly deliveries: DeliveriesStore,
    private readonly planner: DeliveryPlanner,
    private readonly messages: EditionMessages,
    @Inject(deliveryConfig.KEY) private readonly config: DeliveryConfig,
  ) {}

  /**
   * Freezes the edition's audience, in the caller's transaction, with DELIVERY_BATCH_SIZE
   * recipients per job for the whole send; how many readers it holds.
   */
  snapshotAudience(editionId: number, newsletterId: number, sectors: number[] | null = null, deliverBy: Date | null = null): Promise<number> {
    return this.deliveries.snapshotAudience(editionId, newsletterId, sectors, this.config.batchSize, deliverBy);
  }

  /** The newsletter's last sent editions of at least `minSent` copies, newest first: copies and seconds taken. */
  recentRates(newsletterId: number, minSent: number, limit: number): Promise<Array<{ sent: number; seconds: number }>> {
    return this.deliveries.recentRates(newsletterId, minSent, limit);
  }

  /** The send in figures; null before it started. */
  counts(editionId: number): Promise<SendCounts | null> {
    return this.deliveries.counts(editionId);
  }

  /** Several editions' figures, by edition id. */
  countsOf(editionIds: number[]): Promise<Map<number, SendCounts>> {
    return this.deliveries.countsOf(editionIds);
  }


  /** Starts (or resumes) delivery once the caller's transaction has committed. */
  startDelivery(editionId: number): Promise<void> {
    return this.planner.requestPlan(editionId);
  }

  cancelPending(editionId: number): Promise<number> {
    return this.deliveries.cancelPending(editionId);
  }

  /** The editions a reader was sent: subject, newsletter and time. */
  receivedBy(subscriberId: number): ReturnType<DeliveriesStore['receivedBy']> {
    return this.deliveries.receivedBy(subscriberId);
  }

  /** Erasure: the reader's SMTP errors (which may quote their address) go; the deliveries stay. */
  eraseErrors(subscriberId: number): Promise<void> {
    return this.deliveries.eraseErrors(subscriberId);
  }

  failuresByCode(editionId: number): ReturnType<DeliveriesStore['failuresByCode']> {
    return this.deliveries.failuresByCode(editionId);
  }

  sentByRelay(editionId: number): ReturnType<DeliveriesStore['sentByRelay']> {
    return this.deliveries.sentByRelay(editionId);
  }

  /** The edition's message as workers build it. */
  messageFor(editionId: number): Promise<EditionMessage> {
    return this.messages.get(editionId);
  }

  /** For bounces and complaints: which edition a Message-ID sent to this reader belongs to. */
  editionOfMessage(subscriberId: number, messageId: string): Promise<number | null> {
    return this.deliveries.editionOfMessage(subscriberId, messageId);
  }

  /** For bounces and complaints that name no message: the last edition this reader was sent before `at`. */
  lastEditionSentTo(subscriberId: number, at: Date): Promise<number | null> {
    return this.deliveries.lastEditionSentTo(subscriberId, at);
  }

  hasDelivery(editionId: number, subscriberId: number): Promise<boolean> {
    return this.deliveries.hasDelivery(editionId, subscriberId);
  }
}
