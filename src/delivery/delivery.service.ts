import { Injectable } from '@nestjs/common';
import { DeliveriesStore } from './deliveries.store';
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
  ) {}

  /** Freezes the edition's audience, in the caller's transaction; how many readers it holds. */
  snapshotAudience(editionId: number, newsletterId: number): Promise<number> {
    return this.deliveries.snapshotAudience(editionId, newsletterId);
  }

  /** Starts (or resumes) delivery once the caller's transaction has committed. */
  startDelivery(editionId: number): Promise<void> {
    return this.planner.requestPlan(editionId);
  }

  cancelPending(editionId: number): Promise<number> {
    return this.deliveries.cancelPending(editionId);
  }

  failuresByCode(editionId: number): ReturnType<DeliveriesStore['failuresByCode']> {
    return this.deliveries.failuresByCode(editionId);
  }

  /** The edition's message as workers build it. */
  messageFor(editionId: number): Promise<EditionMessage> {
    return this.messages.get(editionId);
  }
}
