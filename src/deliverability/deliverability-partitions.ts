import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DeliveryConfig, deliveryConfig } from '../config/config';
import { Upkeeps } from '../queue/upkeeps';
import { DeliverabilityStore } from './deliverability.store';

export interface EventPartitionUpkeep {
  /** Partitions made for this month or the next. */
  made: number;
  /** Months of events dropped, past DELIVERY_RETENTION_DAYS. */
  dropped: string[];
  /** Events the default partition held past the retention, removed. */
  strays: number;
}

/**
 * `deliverability_events` is partitioned by the month an event occurred: this month's and the
 * next month's partitions are made ahead, and a month leaves whole (DROP, never DELETE across the
 * table) once it ended DELIVERY_RETENTION_DAYS ago, in the hourly upkeep with deliveries'. The
 * editions' figures stay in `deliverability_counts`; the consent ledger is another module's and
 * is never touched.
 */
@Injectable()
export class DeliverabilityPartitions implements OnModuleInit {
  private readonly logger = new Logger(DeliverabilityPartitions.name);

  constructor(
    private readonly store: DeliverabilityStore,
    private readonly upkeeps: Upkeeps,
    @Inject(deliveryConfig.KEY) private readonly config: DeliveryConfig,
  ) {}

  onModuleInit(): void {
    this.upkeeps.add('deliverabilityEvents', () => this.upkeep());
  }

  async upkeep(): Promise<EventPartitionUpkeep> {
    const made = await this.store.ensurePartitions();
    const dropped: string[] = [];
    for (const { name, month } of await this.store.expiredPartitions(this.config.retentionDays)) {
      if (!(await this.store.dropPartition(name))) continue;
      dropped.push(name);
      this.logger.log(`Deliverability events of ${month.slice(0, 7)} dropped (${name}): past DELIVERY_RETENTION_DAYS (${this.config.retentionDays})`);
    }
    const strays = await this.store.dropExpiredStrays(this.config.retentionDays);
    return { made, dropped, strays };
  }
}
