import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { EmbedModule } from '../embed/embed.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { ReadersDataModule } from '../readers-data/readers-data.module';
import { ReadersModule } from '../readers/readers.module';
import { SignupModule } from '../signup/signup.module';
import { ReaderDataController } from './reader-data.controller';
import { ReaderDataPages } from './reader-data-pages';
import { ReaderPages } from './reader-pages';
import { ReaderController } from './reader.controller';

/** The reader's pages: sign up, confirm, preferences, unsubscribe (one-click too), and their data. */
@Module({
  imports: [ConsentModule, EmbedModule, MailModule, NewslettersModule, ReadersModule, ReadersDataModule, SignupModule],
  controllers: [ReaderController, ReaderDataController],
  providers: [ReaderPages, ReaderDataPages],
})
export class ReaderPagesModule {}
