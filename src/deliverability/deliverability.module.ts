import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EditionsModule } from '../editions/editions.module';
import { workerProviders } from '../queue/queues';
import { ReadersModule } from '../readers/readers.module';
import { DeliverabilityPartitions } from './deliverability-partitions';
import { DeliverabilityService } from './deliverability.service';
import { DeliverabilityStore } from './deliverability.store';

/**
 * Bounces and complaints, whichever way they came: DeliverabilityService.handle, which the
 * provider webhooks and the inbound SMTP listener (DSN and ARF reports) call. Owns
 * deliverability_events (partitioned by month, kept in worker processes by the hourly upkeep),
 * deliverability_counts and complaint_rate_warnings.
 */
@Module({
  imports: [ReadersModule, DeliveryModule, EditionsModule],
  providers: [DeliverabilityService, DeliverabilityStore, ...workerProviders(DeliverabilityPartitions)],
  exports: [DeliverabilityService],
})
export class DeliverabilityModule {}
