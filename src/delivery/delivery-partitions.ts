import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliveryConfig, deliveryConfig } from '../config/config';
import { DeliveriesStore } from './deliveries.store';

/**
 * Edition ids a month's block of `deliveries` holds (the PartitionedDeliveries migration uses the
 * same): far more editions than a newsroom makes in a month, and 21,000 months of blocks fit an integer.
 */
export const EDITION_IDS_PER_MONTH = 100_000;

export interface PartitionUpkeep {
  /** Partitions made for this month or the next. */
  made: number;
  /** Partitions dropped, each a month of deliveries past DELIVERY_RETENTION_DAYS. */
  dropped: string[];
}

/**
 * `deliveries` is partitioned by blocks of edition ids, one or more per month: the blocks ahead
 * are made before they are needed, and a month leaves whole (DROP, never DELETE) once it ended
 * DELIVERY_RETENTION_DAYS ago and none of its editions is still sending. What an old edition's
 * report shows stays: its figures are in `delivery_counts`, which is never dropped.
 */
@Injectable()
export class DeliveryPartitions {
  private readonly logger = new Logger(DeliveryPartitions.name);

  constructor(
    private readonly deliveries: DeliveriesStore,
    @Inject(deliveryConfig.KEY) private readonly config: DeliveryConfig,
  ) {}

  async upkeep(): Promise<PartitionUpkeep> {
    const made = await this.deliveries.ensurePartitions(EDITION_IDS_PER_MONTH);
    const dropped: string[] = [];
    for (const { name, month } of await this.deliveries.expiredPartitions(this.config.retentionDays)) {
      if (!(await this.deliveries.dropPartition(name))) continue;
      dropped.push(name);
      this.logger.log(`Deliveries of editions made in ${month.slice(0, 7)} dropped (${name}): past DELIVERY_RETENTION_DAYS (${this.config.retentionDays})`);
    }
    return { made, dropped };
  }
}
