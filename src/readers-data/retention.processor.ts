import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { JOBS, QUEUES } from '../queue/queues';
import { RedisWatch } from '../queue/redis-watch';
import { ReadersDataService } from './readers-data.service';

/** Every night at 03:30, London time. */
const RETENTION_SCHEDULE = { pattern: '30 3 * * *', tz: 'Europe/London' };
const RETENTION_SCHEDULER_ID = 'erase-unconfirmed';

/** Erases sign-ups never confirmed within UNCONFIRMED_RETENTION_DAYS, on a BullMQ job scheduler. */
@Processor(QUEUES.retention)
export class RetentionProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly readersData: ReadersDataService,
    private readonly watch: RedisWatch,
    @InjectQueue(QUEUES.retention) private readonly queue: Queue,
  ) {
    super();
  }

  process(): Promise<{ erased: number; requests: number }> {
    return this.readersData.eraseStaleUnconfirmed();
  }

  /** The timetable lives in Redis: put back at start and whenever Redis comes back empty. */
  async onApplicationBootstrap(): Promise<void> {
    await this.watch.register('retention of unconfirmed sign-ups', () =>
      this.queue.upsertJobScheduler(RETENTION_SCHEDULER_ID, RETENTION_SCHEDULE, {
        name: JOBS.eraseUnconfirmed,
        opts: { removeOnComplete: 30, removeOnFail: 30 },
      }),
    );
  }
}
