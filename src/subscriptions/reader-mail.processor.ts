import { Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { QUEUES } from '../queue/queues';
import { AccountEmailOutcome, AccountMailService } from './account-mail.service';
import { AccountEmailJob } from './subscriptions.service';

@Processor(QUEUES.readerMail, { concurrency: 4 })
export class ReaderMailProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(private readonly accountMail: AccountMailService) {
    super();
  }

  process(job: Job<AccountEmailJob>): Promise<AccountEmailOutcome> {
    return this.accountMail.send(job.data.accountEmailId);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.accountMail.requeueUnsent();
  }
}
