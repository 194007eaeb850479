import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { EditorsModule } from '../editors/editors.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { SubscriptionsModule } from '../readers/readers.module';
import { ReaderDataController } from '../reader-pages/reader-data.controller';
import { ReaderDataPages } from '../reader-pages/reader-data-pages';
import { ReadersController } from '../api/readers.controller';
import { ReadersDataService } from './readers-data.service';
import { RetentionProcessor } from './retention.processor';

/**
 * Readers' data: export and erasure (for the reader, from the preference centre; for editors,
 * by the API and the newsroom) and the retention of unconfirmed sign-ups. Owns no table.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.retention }), SubscriptionsModule, ConsentModule, DeliveryModule, NewslettersModule, EditorsModule, MailModule],
  controllers: [ReaderDataController, ReadersController],
  providers: [ReadersDataService, ReaderDataPages, ...workerProviders(RetentionProcessor)],
  exports: [ReadersDataService],
})
export class ReadersModule {}
