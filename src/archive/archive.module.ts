import { Module } from '@nestjs/common';
import { EditionsStoreModule } from '../editions/editions-store.module';
import { EditorsModule } from '../editors/editors.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { ArchiveSettingsController } from '../api/archive-settings.controller';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';

/** The public archive of sent editions, and the editor's switch that keeps one out of it. */
@Module({
  imports: [EditionsStoreModule, NewslettersModule, MailModule, EditorsModule],
  controllers: [ArchiveController, ArchiveSettingsController],
  providers: [ArchiveService],
  exports: [ArchiveService],
})
export class ArchiveModule {}
