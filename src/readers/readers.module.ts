import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { Audience } from './audience';
import { ErasedAddresses } from './erased-addresses';
import { ReadersService } from './readers.service';
import { ReadersStore } from './readers.store';
import { SuppressionService } from './suppression.service';

/**
 * Readers: subscribers, their subscriptions and what editors did to their records. Owns
 * subscribers, subscriptions, reader_actions and erased_addresses; the one SuppressionService;
 * the Audience read model.
 */
@Module({
  imports: [ConsentModule, NewslettersModule],
  providers: [ReadersStore, ReadersService, SuppressionService, Audience, ErasedAddresses],
  exports: [ReadersService, SuppressionService, Audience, ErasedAddresses],
})
export class ReadersModule {}
