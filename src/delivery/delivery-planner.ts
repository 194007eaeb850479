import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { EditionsService } from '../editions/editions.service';
import { JOBS, QUEUES } from '../queue/queues';
import { behindDeadline } from './deadline';
import { BatchRange, DeliveriesStore } from './deliveries.store';
import { EditionMessages } from './edition-messages';

export interface PlanJob {
  editionId: number;
}

/** BullMQ's priorities: 1 goes first; a job with none would go before every one with one, so each batch has one. */
const NO_DEADLINE = 2_000_000;

/**
 * A send with a nearer deadline gets its batches first: the priority is the minutes left until
 * it when the batch is queued. Sends without a deadline come after every send with one.
 */
function batchPriority(deliverBy: Date | null, now = Date.now()): number {
  if (!deliverBy) return NO_DEADLINE;
  return Math.min(NO_DEADLINE - 1, Math.max(1, 1 + Math.floor((deliverBy.getTime() - now) / 60_000)));
}

/**
 * Turns an edition's frozen audience into delivery jobs over fixed id ranges. Ranges and job ids
 * depend only on the audience, so planning again (recovery, resume, a lost job) adds nothing
 * that is already queued: the database, not the queue, knows what is left to send.
 */
@Injectable()
export class DeliveryPlanner {
  private readonly logger = new Logger(DeliveryPlanner.name);

  constructor(
    private readonly deliveries: DeliveriesStore,
    private readonly editions: EditionsService,
    private readonly messages: EditionMessages,
    @InjectQueue(QUEUES.delivery) private readonly batches: Queue<BatchRange>,
    @InjectQueue(QUEUES.deliveryPlan) private readonly plans: Queue<PlanJob>,
  ) {}

  /** Asks a worker to plan the edition's delivery (after the send's transaction committed). */
  async requestPlan(editionId: number): Promise<void> {
    await this.plans.add(JOBS.planDelivery, { editionId }, { removeOnComplete: true, removeOnFail: 100, attempts: 10, backoff: { type: 'exponential', delay: 2000 } });
  }

  /** Queues a job for every range of the edition that still has recipients to send. */
  async plan(editionId: number): Promise<number> {
    if ((await this.editions.status(editionId)) !== 'sending') return 0;
    const counts = await this.deliveries.counts(editionId);
    if (!counts) return 0;
    const { batchSize } = counts;
    const priority = batchPriority(counts.deliverBy);
    const open = (await this.deliveries.ranges(editionId, batchSize)).filter((range) => range.open);
    for (let i = 0; i < open.length; i += 500) {
      await this.batches.addBulk(
        open.slice(i, i + 500).map((range) => ({
          name: JOBS.deliverBatch,
          data: { editionId, firstId: range.firstId, lastId: range.lastId },
          opts: {
            jobId: `deliver-${editionId}-${range.firstId}`,
            priority,
            removeOnComplete: true,
            removeOnFail: true,
            attempts: 10,
            backoff: { type: 'exponential', delay: 5000 },
          },
        })),
      );
    }
    if (open.length === 0) await this.finishIfDone(editionId);
    return open.length;
  }

  /**
   * The one place a send ends: when every recipient has an outcome, the edition becomes `sent`.
   * True when this call ended it.
   */
  async finishIfDone(editionId: number): Promise<boolean> {
    if (!(await this.deliveries.isDone(editionId))) return false;
    const ended = await this.editions.markSent(editionId);
    if (ended) this.messages.forget(editionId);
    return ended;
  }

  /** Editions that were sending when the service stopped, or whose jobs were lost, go on. */
  async recover(): Promise<number> {
    await this.deliveries.forgetOldClaims();
    const sending = await this.editions.sendingIds();
    let jobs = 0;
    for (const id of sending) jobs += await this.plan(id);
    if (jobs > 0) this.logger.log(`Re-queued ${jobs} delivery batches of ${sending.length} sending edition(s)`);
    for (const id of sending) await this.warnIfBehind(id);
    return jobs;
  }

  /** A send that, at the rate it has kept, will end after its deadline says so in the log (every minute while it is behind). */
  private async warnIfBehind(editionId: number, now = new Date()): Promise<void> {
    const counts = await this.deliveries.counts(editionId);
    if (!counts?.deliverBy) return;
    const startedAt = (await this.editions.find(editionId)).startedAt;
    if (!startedAt) return;
    const done = counts.sent + counts.failed + counts.skipped;
    const behind = behindDeadline({ open: Math.max(0, counts.total - done), done, startedAt, deadline: counts.deliverBy }, now);
    if (!behind) return;
    this.logger.warn(
      `Edition ${editionId} is behind its deadline: at ${behind.perSecond.toFixed(1)} messages/s it ends about ${behind.finishAt.toISOString()}, ` +
        `${Math.ceil(behind.lateSeconds / 60)} min after ${counts.deliverBy.toISOString()}`,
    );
  }
}
