import { BullModule } from '@nestjs/bullmq';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CsrfService } from '../common/csrf';
import { ConsentModule } from '../consent/consent.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { AccountMailService } from '../signup/account-mail.service';
import { ReaderMailProcessor } from '../signup/reader-mail.processor';
import { ReaderPages } from '../reader-pages/reader-pages';
import { ReaderController } from '../reader-pages/reader.controller';
import { ErasedAddresses } from './erased-addresses';
import { SubscriptionsService } from './readers.service';
import { SubscriptionsStore } from './readers.store';

@Module({
  imports: [
    BullModule.registerQueue({ name: QUEUES.readerMail }),
    ConsentModule,
    MailModule,
    NewslettersModule,
  ],
  controllers: [ReaderController],
  providers: [SubscriptionsService, SubscriptionsStore, ErasedAddresses, AccountMailService, ReaderPages, CsrfService, ...workerProviders(ReaderMailProcessor)],
  exports: [SubscriptionsService, CsrfService, ErasedAddresses, ReaderPages],
})
export class SubscriptionsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsrfService).forRoutes({ path: '*path', method: RequestMethod.POST });
  }
}
