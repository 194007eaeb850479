import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EditionsStoreModule } from '../editions/editions-store.module';
import { SubscriptionsModule } from '../readers/readers.module';
import { DeliverabilityService } from './deliverability.service';
import { DeliverabilityStore } from './deliverability.store';
import { SnsCertificates } from '../webhooks/sns-certificates';
import { WebhookIntake } from '../webhooks/webhook-intake';
import { WebhooksController } from '../webhooks/webhooks.controller';

/**
 * Bounces and complaints: the provider webhooks, and DeliverabilityService.handle, which the
 * inbound SMTP listener (DSN and ARF reports to VERP addresses) calls too.
 */
@Module({
  imports: [SubscriptionsModule, DeliveryModule, EditionsStoreModule],
  controllers: [WebhooksController],
  providers: [DeliverabilityService, DeliverabilityStore, WebhookIntake, SnsCertificates],
  exports: [DeliverabilityService],
})
export class DeliverabilityModule {}
