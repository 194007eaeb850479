import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CsrfService } from '../common/csrf';
import { ConsentModule } from '../consent/consent.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { registerQueues } from '../queue/register-queues';
import { QUEUES, workerProviders } from '../queue/queues';
import { AccountMailService } from './account-mail.service';
import { ReaderMailProcessor } from './reader-mail.processor';
import { ReaderPages } from './reader-pages';
import { ReaderController } from './reader.controller';
import { ErasedAddresses } from './erased-addresses';
import { SubscriptionsService } from './subscriptions.service';
import { SubscriptionsStore } from './subscriptions.store';

@Module({
  imports: [
    registerQueues(QUEUES.readerMail),
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
