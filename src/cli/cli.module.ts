import { Module } from '@nestjs/common';
import { AppModule } from '../app.module';
import { EditorCreateCommand, EditorRevokeCommand } from '../editors/editor.commands';
import { EditorsModule } from '../editors/editors.module';

/** `npm run cli -- <command>`: the whole application, plus the terminal commands. */
@Module({
  imports: [AppModule, EditorsModule],
  providers: [EditorCreateCommand, EditorRevokeCommand],
})
export class CliModule {}
