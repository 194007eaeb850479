import { Module } from '@nestjs/common';
import { AppModule } from '../app.module';
import { ArticlesModule } from '../articles/articles.module';
import { EditionsModule } from '../editions/editions.module';
import { EditorsModule } from '../editors/editors.module';
import { PublishingModule } from '../publishing/publishing.module';
import { ReadersImportModule } from '../readers-import/readers-import.module';
import { EditorCreateCommand, EditorRevokeCommand } from './editor.commands';
import { FeedImportCommand } from './feed.commands';
import { ReadersExportCommand, ReadersImportCommand } from './readers-import.commands';
import { SendCommand } from './send.command';

/** `npm run cli -- <command>`: the whole application, plus the terminal commands. */
@Module({
  imports: [AppModule, EditorsModule, ArticlesModule, EditionsModule, PublishingModule, ReadersImportModule],
  providers: [EditorCreateCommand, EditorRevokeCommand, FeedImportCommand, SendCommand, ReadersImportCommand, ReadersExportCommand],
})
export class CliModule {}
