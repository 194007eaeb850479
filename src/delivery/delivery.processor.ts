import { Processor } from '@nestjs/bullmq';
import { DelayedError, Job } from 'bullmq';
import { deliveryConfig } from '../config/config';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { QUEUES } from '../queue/queues';
import { BatchOutcome, BatchSender } from './batch-sender';
import { BatchRange } from './deliveries.store';

function workerOptions() {
  const config = deliveryConfig();
  // A worker that stops renewing its lock for lockMs (killed, frozen) loses its batch to another.
  return { concurrency: config.concurrency, lockDuration: config.lockMs, stalledInterval: config.lockMs, maxStalledCount: 20 };
}

@Processor(QUEUES.delivery, workerOptions())
export class DeliveryProcessor extends GracefulWorkerHost {
  constructor(private readonly sender: BatchSender) {
    super();
  }

  async process(job: Job<BatchRange>, token?: string): Promise<BatchOutcome> {
    const result = await this.sender.deliver(job.data, () => this.stopping);
    if (result.outcome === 'stopped' || result.outcome === 'retry-later') {
      // Back to the queue under the same id, so the range keeps exactly one job.
      await job.moveToDelayed(result.outcome === 'retry-later' ? result.retryAt.getTime() : Date.now(), token);
      throw new DelayedError();
    }
    return result;
  }
}
