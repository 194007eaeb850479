import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { QUEUES } from '../queue/queues';
import { EditionsService, TestSendJob } from '../editions/editions.service';

@Processor(QUEUES.editions, { concurrency: 2 })
export class EditionsProcessor extends GracefulWorkerHost {
  constructor(private readonly editions: EditionsService) {
    super();
  }

  process(job: Job<TestSendJob>): Promise<void> {
    return this.editions.sendTest(job.data);
  }
}
