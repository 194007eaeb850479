import { Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { GracefulWorkerHost } from '../../queue/graceful-worker-host';
import { QUEUES } from '../../queue/queues';
import { RedisWatch } from '../../queue/redis-watch';
import { FeedImportSummary, FeedsService, ImportFeedsJob } from './feeds.service';

/** Feed imports, on the FEED_POLL_CRON schedule and on request. A failing feed does not fail the job. */
@Processor(QUEUES.feeds)
export class FeedsProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly feeds: FeedsService,
    private readonly watch: RedisWatch,
  ) {
    super();
  }

  process(job: Job<ImportFeedsJob>): Promise<FeedImportSummary[]> {
    return this.feeds.importAll(job.data.urls);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.watch.register('feed polling', () => this.feeds.syncSchedule());
    await this.feeds.importAtStart();
  }
}
