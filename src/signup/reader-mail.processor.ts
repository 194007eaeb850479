import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { JOBS, QUEUES } from '../queue/queues';
import { RedisWatch } from '../queue/redis-watch';
import { AccountMailService } from './account-mail.service';
import { AccountEmailJob, SignupJob, SignupService } from './signup.service';

const SWEEP_EVERY_MS = 60_000;

@Processor(QUEUES.readerMail, { concurrency: 4 })
export class ReaderMailProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReaderMailProcessor.name);

  constructor(
    private readonly signup: SignupService,
    private readonly accountMail: AccountMailService,
    private readonly watch: RedisWatch,
    @InjectQueue(QUEUES.readerMail) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.processSignup:
        return this.signup.processSignup((job.data as SignupJob).signupRequestId);
      case JOBS.sendAccountEmail:
        return this.accountMail.send((job.data as AccountEmailJob).accountEmailId);
      default:
        return this.sweep();
    }
  }

  /** Unfinished sign-ups and unsent account emails are queued at start, every minute, and when Redis comes back empty. */
  async onApplicationBootstrap(): Promise<void> {
    await this.watch.register('sign-ups and account emails', async () => {
      await this.queue.upsertJobScheduler('requeue-reader-mail', { every: SWEEP_EVERY_MS }, { name: JOBS.requeueReaderMail });
      await this.sweep();
    });
  }

  private async sweep(): Promise<{ signups: number; emails: number }> {
    const queued = await this.signup.requeueUnfinished();
    if (queued.signups + queued.emails > 0) this.logger.log(`Queued ${queued.signups} sign-ups and ${queued.emails} account emails not yet done`);
    return queued;
  }
}
