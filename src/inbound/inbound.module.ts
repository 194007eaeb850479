import { Module } from '@nestjs/common';
import { DeliverabilityModule } from '../deliverability/deliverability.module';
import { workerProviders } from '../queue/queues';
import { ReadersModule } from '../readers/readers.module';
import { InboundMailService } from './inbound-mail.service';
import { InboundSmtpServer } from './inbound-smtp.server';

/**
 * Mail that comes back: unsubscribes by mail, bounces and complaints. The listener runs where
 * the queues do (APP_ROLE all or worker), never in an API-only process or the CLI.
 */
@Module({
  imports: [ReadersModule, DeliverabilityModule],
  providers: [InboundMailService, ...workerProviders(InboundSmtpServer)],
})
export class InboundModule {}
