import { Module } from '@nestjs/common';
import { AppModule } from '../app.module';
import { ArticlesModule } from '../articles/articles.module';
import { FeedImportCommand } from './feed.commands';
import { EditorCreateCommand, EditorRevokeCommand } from './editor.commands';
import { EditorsModule } from '../editors/editors.module';
import { EditionsModule } from '../editions/editions.module';
import { SendCommand } from './send.command';
import { ReadersExportCommand, ReadersImportCommand } from './readers-import.commands';
import { ReadersImportModule } from '../readers-import/readers-import.module';

/** `npm run cli -- <command>`: the whole application, plus the terminal commands. */
@Module({
  imports: [AppModule, EditorsModule, ArticlesModule, EditionsModule, ReadersImportModule],
  providers: [EditorCreateCommand, EditorRevokeCommand, FeedImportCommand, SendCommand, ReadersImportCommand, ReadersExportCommand],
})
export class CliModule {}
