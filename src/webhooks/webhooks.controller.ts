import { Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TooManyFailures, WebhookIntake } from './webhook-intake';

/** The raw bytes (configure-app keeps them for /webhooks/*): signatures are over them, not over re-serialised JSON. */
const raw = (req: Request): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

/** Bounce and complaint webhooks from the mail providers; each authenticates the request itself. */
@ApiExcludeController()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly intake: WebhookIntake) {}

  @Post('ses')
  @HttpCode(200)
  ses(@Req() req: Request) {
    return this.intake.ses(raw(req));
  }

  @Post('postmark')
  @HttpCode(200)
  async postmark(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Headers('authorization') authorization?: string) {
    try {
      return await this.intake.postmark(raw(req), authorization, req.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof TooManyFailures) res.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Post('mailgun')
  @HttpCode(200)
  mailgun(@Req() req: Request) {
    return this.intake.mailgun(raw(req));
  }

  @Post('sendgrid')
  @HttpCode(200)
  sendgrid(
    @Req() req: Request,
    @Headers('x-twilio-email-event-webhook-signature') signature?: string,
    @Headers('x-twilio-email-event-webhook-timestamp') timestamp?: string,
  ) {
    return this.intake.sendgrid(raw(req), signature, timestamp);
  }

  @Post('bounce')
  @HttpCode(200)
  bounce(@Req() req: Request, @Headers('x-signature') signature?: string, @Headers('x-timestamp') timestamp?: string) {
    return this.intake.generic(raw(req), signature, timestamp);
  }
}
