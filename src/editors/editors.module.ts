import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EditorAuditInterceptor } from './audit.interceptor';
import { EditorAudit } from './editor-audit.service';
import { EditorAuthGuard } from './editor-auth.guard';
import { EditorNames } from './editor-names';
import { EditorSessionsService } from './editor-sessions.service';
import { EditorSignIns } from './editor-sign-ins';
import { EditorsProcessor } from './editors.processor';
import { MailModule } from '../mail/mail.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { registerQueues } from '../queue/register-queues';
import { EditorsService } from './editors.service';
import { TeamService } from './team.service';

@Module({
  imports: [MailModule, registerQueues(QUEUES.editors)],
  providers: [
    EditorsService,
    EditorSignIns,
    EditorAuthGuard,
    EditorSessionsService,
    EditorAudit,
    TeamService,
    EditorNames,
    // Audits every route marked @Audited, in the newsroom and the API alike.
    { provide: APP_INTERCEPTOR, useClass: EditorAuditInterceptor },
    ...workerProviders(EditorsProcessor),
  ],
  exports: [EditorsService, EditorSignIns, EditorAuthGuard, EditorSessionsService, EditorAudit, TeamService, EditorNames],
})
export class EditorsModule {}
