import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DeliveryService } from '../delivery/delivery.service';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { JOBS, QUEUES } from '../queue/queues';
import { EditionsService, TestSendJob } from './editions.service';

const RECOVERY_EVERY_MS = 60_000;

@Processor(QUEUES.editions, { concurrency: 2 })
export class EditionsProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly editions: EditionsService,
    private readonly delivery: DeliveryService,
    @InjectQueue(QUEUES.editions) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.fanOut:
        return this.delivery.fanOut(job.data.editionId as number);
      case JOBS.testSend:
        return this.editions.sendTest(job.data as TestSendJob);
      case JOBS.resumeSending:
        return this.delivery.resumeInFlight();
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  }

  /**
   * Editions left sending by a crash, or whose jobs were lost (Redis flushed, a crash between
   * commit and enqueue), go on at start and then every minute.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.delivery.resumeInFlight();
    await this.queue.upsertJobScheduler('resume-sending', { every: RECOVERY_EVERY_MS }, { name: JOBS.resumeSending });
  }
}
