import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { QUEUES } from '../queue/queues';
import { PublishingService, TestSendJob } from './publishing.service';

@Processor(QUEUES.editions, { concurrency: 2 })
/** Test sends (queue editions): one job per editor's request, carrying the edition id and the addresses. */
export class TestSendsProcessor extends GracefulWorkerHost {
  constructor(private readonly publishing: PublishingService) {
    super();
  }

  process(job: Job<TestSendJob>): Promise<void> {
    return this.publishing.sendTest(job.data);
  }
}
