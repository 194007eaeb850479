import { Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { PublishingService } from './publishing.service';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { QUEUES } from '../queue/queues';
import { RedisWatch } from '../queue/redis-watch';
import { ScheduledEditionJob, SchedulesService } from './schedules.service';

@Processor(QUEUES.schedules, { concurrency: 2 })
export class SchedulesProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly publishing: PublishingService,
    private readonly schedules: SchedulesService,
    private readonly watch: RedisWatch,
  ) {
    super();
  }

  async process(job: Job<ScheduledEditionJob>) {
    const outcome = await this.publishing.runSchedule(job.data.newsletterId);
    // With a deadline, the next run's start moves with the audience and the measured rate.
    await this.schedules.reschedule(job.data.newsletterId).catch(() => undefined);
    return outcome;
  }

  /** The timetables live in Redis as job schedulers: put back at start and whenever Redis comes back empty. */
  async onApplicationBootstrap(): Promise<void> {
    await this.watch.register('newsletter schedules', () => this.schedules.sync());
  }
}
