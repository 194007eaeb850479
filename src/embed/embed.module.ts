import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { EmbedBox } from './embed-box';
import { EmbedController } from './embed.controller';
import { EmbedSignups } from './embed-signups';
import { SignupChallenge } from './signup-challenge';

/** The sign-up box on other sites: script, iframe page, CORS, the no-JavaScript form's origin check, and the proof of work. */
@Module({
  imports: [ConsentModule, MailModule, NewslettersModule],
  controllers: [EmbedController],
  providers: [EmbedBox, SignupChallenge, EmbedSignups],
  exports: [EmbedSignups],
})
export class EmbedModule {}
