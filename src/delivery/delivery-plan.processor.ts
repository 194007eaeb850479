import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { RedisWatch } from '../queue/redis-watch';
import { Upkeeps } from '../queue/upkeeps';
import { JOBS, QUEUES } from '../queue/queues';
import { DeliveryPartitions, PartitionUpkeep } from './delivery-partitions';
import { DeliveryPlanner, PlanJob } from './delivery-planner';

const RECOVERY_EVERY_MS = 60_000;
const PARTITION_UPKEEP_EVERY_MS = 3_600_000;

@Processor(QUEUES.deliveryPlan, { concurrency: 2 })
export class DeliveryPlanProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly planner: DeliveryPlanner,
    private readonly partitions: DeliveryPartitions,
    private readonly watch: RedisWatch,
    private readonly upkeeps: Upkeeps,
    @InjectQueue(QUEUES.deliveryPlan) private readonly queue: Queue,
  ) {
    super();
  }

  process(job: Job<PlanJob>): Promise<number | (PartitionUpkeep & { others: Record<string, unknown> })> {
    if (job.name === JOBS.keepDeliveryPartitions) return this.upkeep();
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
    // The blocks ahead are made at start too, so a process started after a month's turn has them.
    await this.watch.register('partitions of deliveries and their retention', async () => {
      await this.queue.upsertJobScheduler(
        JOBS.keepDeliveryPartitions,
        { every: PARTITION_UPKEEP_EVERY_MS },
        { name: JOBS.keepDeliveryPartitions, opts: { removeOnComplete: 30, removeOnFail: 30 } },
      );
      await this.upkeep();
    });
  }

  /** Deliveries' partitions, then what other modules added (the partitions of deliverability events). */
  private async upkeep(): Promise<PartitionUpkeep & { others: Record<string, unknown> }> {
    const deliveries = await this.partitions.upkeep();
    return { ...deliveries, others: await this.upkeeps.runAll() };
  }
}
