import { EditionsModule } from '../editions/editions.module';
import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { registerQueues } from '../queue/register-queues';
import { ReadersModule } from '../readers/readers.module';
import { AccountMailService } from './account-mail.service';
import { ReaderMailProcessor } from './reader-mail.processor';
import { SignupService } from './signup.service';
import { SignupStore } from './signup.store';

/** Signing up and confirming, and the account emails (queue reader-mail). Owns signup_requests and account_emails. */
@Module({
  imports: [registerQueues(QUEUES.readerMail), ConsentModule, EditionsModule, MailModule, NewslettersModule, ReadersModule],
  providers: [SignupService, SignupStore, AccountMailService, ...workerProviders(ReaderMailProcessor)],
  exports: [SignupService],
})
export class SignupModule {}
