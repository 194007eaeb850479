import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { registerQueues } from '../queue/register-queues';
import { ReadersModule } from '../readers/readers.module';
import { SignupModule } from '../signup/signup.module';
import { ReadersDataService } from './readers-data.service';
import { RetentionProcessor } from './retention.processor';

/**
 * Readers' data: export and erasure (for the reader, from the preference centre; for editors,
 * by the API and the newsroom) and the retention of unconfirmed sign-ups (queue retention).
 * Owns no table: each owner erases its own part.
 */
@Module({
  imports: [registerQueues(QUEUES.retention), ReadersModule, SignupModule, ConsentModule, DeliveryModule, NewslettersModule],
  providers: [ReadersDataService, ...workerProviders(RetentionProcessor)],
  exports: [ReadersDataService],
})
export class ReadersDataModule {}
