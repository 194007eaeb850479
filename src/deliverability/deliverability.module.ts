import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EditionsModule } from '../editions/editions.module';
import { ReadersModule } from '../readers/readers.module';
import { DeliverabilityService } from './deliverability.service';
import { DeliverabilityStore } from './deliverability.store';

/**
 * Bounces and complaints, whichever way they came: DeliverabilityService.handle, which the
 * provider webhooks and the inbound SMTP listener (DSN and ARF reports) call. Owns
 * deliverability_events and complaint_rate_warnings.
 */
@Module({
  imports: [ReadersModule, DeliveryModule, EditionsModule],
  providers: [DeliverabilityService, DeliverabilityStore],
  exports: [DeliverabilityService],
})
export class DeliverabilityModule {}
