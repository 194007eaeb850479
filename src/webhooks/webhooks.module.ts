import { Module } from '@nestjs/common';
import { DeliverabilityModule } from '../deliverability/deliverability.module';
import { EditorsModule } from '../editors/editors.module';
import { SnsCertificates } from './sns-certificates';
import { WebhookIntake } from './webhook-intake';
import { WebhooksController } from './webhooks.controller';

/** The mail providers' bounce and complaint webhooks: each request authenticated, then DeliverabilityService.handle. */
@Module({
  imports: [DeliverabilityModule, EditorsModule],
  controllers: [WebhooksController],
  providers: [WebhookIntake, SnsCertificates],
})
export class WebhooksModule {}
