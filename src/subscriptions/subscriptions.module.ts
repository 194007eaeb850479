import { BullModule } from '@nestjs/bullmq';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CsrfService } from '../common/csrf';
import { ConsentModule } from '../consent/consent.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { AccountEmail } from './account-email.entity';
import { AccountMailService } from './account-mail.service';
import { ReaderMailProcessor } from './reader-mail.processor';
import { ReaderPages } from './reader-pages';
import { ReaderController } from './reader.controller';
import { Subscriber } from './subscriber.entity';
import { Subscription } from './subscription.entity';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Subscriber, Subscription, AccountEmail]),
    BullModule.registerQueue({ name: QUEUES.readerMail }),
    ConsentModule,
    MailModule,
    NewslettersModule,
  ],
  controllers: [ReaderController],
  providers: [SubscriptionsService, AccountMailService, ReaderPages, CsrfService, ...workerProviders(ReaderMailProcessor)],
  exports: [SubscriptionsService, CsrfService],
})
export class SubscriptionsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsrfService).forRoutes({ path: '*path', method: RequestMethod.POST });
  }
}
