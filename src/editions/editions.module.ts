import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { ClicksModule } from '../clicks/clicks.module';
import { ConsentModule } from '../consent/consent.module';
import { DeliverabilityModule } from '../deliverability/deliverability.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { EditorsModule } from '../editors/editors.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { registerQueues } from '../queue/register-queues';
import { QUEUES, workerProviders } from '../queue/queues';
import { DigestRenderer } from './digest-renderer';
import { EditionsStoreModule } from './editions-store.module';
import { EditionsController } from './editions.controller';
import { EditionsProcessor } from './editions.processor';
import { EditionsService } from './editions.service';

@Module({
  imports: [
    EditionsStoreModule,
    registerQueues(QUEUES.editions),
    ArticlesModule,
    ClicksModule,
    ConsentModule,
    DeliveryModule,
    DeliverabilityModule,
    EditorsModule,
    MailModule,
    NewslettersModule,
  ],
  controllers: [EditionsController],
  providers: [EditionsService, DigestRenderer, ...workerProviders(EditionsProcessor)],
  exports: [EditionsService],
})
export class EditionsModule {}
