import { Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { TemplatesService } from './templates.service';

@Module({
  providers: [MailService, TemplatesService],
  exports: [MailService, TemplatesService],
})
export class MailModule {}
