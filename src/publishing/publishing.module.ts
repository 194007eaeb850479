import { Module } from '@nestjs/common';
import { ClicksModule } from '../clicks/clicks.module';
import { ConsentModule } from '../consent/consent.module';
import { DeliverabilityModule } from '../deliverability/deliverability.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { EditionsModule } from '../editions/editions.module';
import { EditorsModule } from '../editors/editors.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { ReadersModule } from '../readers/readers.module';
import { registerQueues } from '../queue/register-queues';
import { DigestRenderer } from './digest-renderer';
import { EditionRenderer } from './edition-renderer';
import { PublishingService } from './publishing.service';
import { SchedulesProcessor } from './schedules.processor';
import { SchedulesService } from './schedules.service';
import { SendEstimates } from './send-estimates';
import { TestSendsProcessor } from './test-sends.processor';

/**
 * An edition going out: sends, test sends, pause, resume, cancel and the newsletters' schedules
 * (queues editions and schedules). Owns no table; it moves editions through EditionsService and
 * their audiences through DeliveryService.
 */
@Module({
  imports: [
    registerQueues(QUEUES.editions, QUEUES.schedules),
    ClicksModule,
    ConsentModule,
    DeliverabilityModule,
    DeliveryModule,
    EditionsModule,
    EditorsModule,
    MailModule,
    NewslettersModule,
    ReadersModule,
  ],
  providers: [PublishingService, SchedulesService, SendEstimates, DigestRenderer, EditionRenderer, ...workerProviders(SchedulesProcessor, TestSendsProcessor)],
  exports: [PublishingService, SchedulesService, SendEstimates, DigestRenderer],
})
export class PublishingModule {}
