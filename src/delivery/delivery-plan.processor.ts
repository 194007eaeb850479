import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { RedisWatch } from '../queue/redis-watch';
import { JOBS, QUEUES } from '../queue/queues';
import { DeliveryPlanner, PlanJob } from './delivery-planner';

const RECOVERY_EVERY_MS = 60_000;

@Processor(QUEUES.deliveryPlan, { concurrency: 2 })
export class DeliveryPlanProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly planner: DeliveryPlanner,
    private readonly watch: RedisWatch,
    @InjectQueue(QUEUES.deliveryPlan) private readonly queue: Queue,
  ) {
    super();
  }

  process(job: Job<PlanJob>): Promise<number> {
    return job.name === JOBS.recoverDeliveries ? this.planner.recover() : this.planner.plan(job.data.editionId);
  }

  /**
   * Editions left sending by a crash, or whose jobs were lost (Redis flushed, a crash between
   * commit and enqueue), go on at start, every minute, and as soon as Redis is found empty.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.watch.register('delivery jobs', async () => {
      await this.queue.upsertJobScheduler('recover-deliveries', { every: RECOVERY_EVERY_MS }, { name: JOBS.recoverDeliveries });
      await this.planner.recover();
    });
  }
}
