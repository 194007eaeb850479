import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';

/** The public archive of sent editions; the editor's switch that keeps one out of it is in the API and the newsroom. */
@Module({
  imports: [EditionsModule, NewslettersModule, MailModule],
  controllers: [ArchiveController],
  providers: [ArchiveService],
  exports: [ArchiveService],
})
export class ArchiveModule {}
