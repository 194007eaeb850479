import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { EditorsModule } from '../editors/editors.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { registerQueues } from '../queue/register-queues';
import { QUEUES, workerProviders } from '../queue/queues';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { ReaderDataController } from './reader-data.controller';
import { ReaderDataPages } from './reader-data-pages';
import { ReadersController } from './readers.controller';
import { ReadersDataService } from './readers-data.service';
import { RetentionProcessor } from './retention.processor';

/**
 * Readers' data: export and erasure (for the reader, from the preference centre; for editors,
 * by the API and the newsroom) and the retention of unconfirmed sign-ups. Owns no table.
 */
@Module({
  imports: [registerQueues(QUEUES.retention), SubscriptionsModule, ConsentModule, DeliveryModule, NewslettersModule, EditorsModule, MailModule],
  controllers: [ReaderDataController, ReadersController],
  providers: [ReadersDataService, ReaderDataPages, ...workerProviders(RetentionProcessor)],
  exports: [ReadersDataService],
})
export class ReadersModule {}
