import { Module } from '@nestjs/common';
import { EditorAuthGuard } from './editor-auth.guard';
import { EditorNames } from './editor-names';
import { EditorSessionsService } from './editor-sessions.service';
import { EditorSignIns } from './editor-sign-ins';
import { MailModule } from '../mail/mail.module';
import { EditorsService } from './editors.service';

@Module({
  imports: [MailModule],
  providers: [EditorsService, EditorSignIns, EditorAuthGuard, EditorSessionsService, EditorNames],
  exports: [EditorsService, EditorSignIns, EditorAuthGuard, EditorSessionsService, EditorNames],
})
export class EditorsModule {}
