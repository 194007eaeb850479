import { Module } from '@nestjs/common';
import { EditorAuthGuard } from './editor-auth.guard';
import { EditorSessionsService } from './editor-sessions.service';
import { EditorSignIns } from './editor-sign-ins';
import { MailModule } from '../mail/mail.module';
import { EditorsService } from './editors.service';

@Module({
  imports: [MailModule],
  providers: [EditorsService, EditorSignIns, EditorAuthGuard, EditorSessionsService],
  exports: [EditorsService, EditorSignIns, EditorAuthGuard, EditorSessionsService],
})
export class EditorsModule {}
