import { Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { EditionsService } from '../editions/editions.service';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { QUEUES } from '../queue/queues';
import { ScheduledEditionJob, SchedulesService } from './schedules.service';

@Processor(QUEUES.schedules, { concurrency: 2 })
export class SchedulesProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly editions: EditionsService,
    private readonly schedules: SchedulesService,
  ) {
    super();
  }

  process(job: Job<ScheduledEditionJob>) {
    return this.editions.runSchedule(job.data.newsletterId);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.sync();
  }
}
