import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { NoFilesInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiExcludeEndpoint, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CsrfService } from '../common/csrf';
import { FieldErrorsException, validateBody } from '../common/field-errors';
import { wantsJson } from '../common/http-errors';
import { originOf } from '../common/request-origin';
import { LinksService, PREVIEW_TOKEN } from '../tokens/links.service';
import { PreferencesDto } from '../readers/dtos/preferences.dto';
import { SignupDto } from '../signup/dtos/signup.dto';
import { SignupService } from '../signup/signup.service';
import { ReaderPages } from './reader-pages';
import { ReadersService } from '../readers/readers.service';
import { Metrics } from '../metrics/metrics';
import { isOutage } from '../common/outages';
import { SignupThrottlerGuard } from './signup-throttler.guard';
import { EmbedSignups } from '../embed/embed-signups';

/** Remembers, for the page after a form sign-up, which address the message went to. */
const SIGNED_UP_COOKIE = 'nl.signed-up';

const isJson = (req: Request) => req.is('application/json') === 'application/json';

/** The reader's pages: sign up, confirm, preferences, unsubscribe. */
@ApiTags('readers')
@Controller()
export class ReaderController {
  constructor(
    private readonly signup: SignupService,
    private readonly readers: ReadersService,
    private readonly pages: ReaderPages,
    private readonly csrf: CsrfService,
    private readonly links: LinksService,
    private readonly metrics: Metrics,
    private readonly embed: EmbedSignups,
  ) {}

  @Get()
  @ApiExcludeEndpoint()
  async signupForm(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('html');
    return this.pages.signup(this.csrf.token(req, res));
  }

  @Post('subscribe')
  @UseGuards(SignupThrottlerGuard)
  @ApiOperation({ summary: 'Sign up (JSON, or the HTML form)', description: 'Always the same answer, whether or not the address was known.' })
  @ApiBody({ type: SignupDto })
  @ApiAcceptedResponse({ schema: { example: { status: 'pending_confirmation' } } })
  @ApiBadRequestResponse({ schema: { example: { errors: [{ field: 'email', message: 'Enter a valid email address, like name@example.com' }] } } })
  @ApiTooManyRequestsResponse()
  async subscribe(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const parsed = await this.signup.parseSignup(body).catch(this.countOutage);
    const { request, bot } = parsed;
    // The embed's part: the way in, the article, and the proof of work when this way needs one.
    const context = await this.embed.context(req, body, isJson(req));
    const errors = bot ? parsed.errors : [...parsed.errors, ...context.errors];
    const reused = errors.length === 0 && request && !bot ? await this.embed.take(context) : null;
    if (reused) errors.push(reused);
    if (errors.length > 0) {
      this.metrics.signup('invalid');
      if (isJson(req)) throw new FieldErrorsException(errors);
      res.status(400).type('html');
      return this.pages.signup(this.csrf.token(req, res), body as object, errors);
    }
    const origin = { ...originOf(req, isJson(req) ? 'api' : this.links.url('/')), ...(context.page ? { source: context.page.url, page: context.page } : {}) };
    if (request && !bot) await this.signup.requestSignup(request, origin).catch(this.countOutage);
    this.metrics.signup(bot ? 'honeypot' : 'accepted');
    if (isJson(req)) {
      res.status(202);
      return { status: 'pending_confirmation' };
    }
    // Post/redirect/get: reloading the "check your inbox" page must not post the form again.
    const email = request?.email ?? String((body as { email?: unknown }).email ?? '').slice(0, 254);
    res.cookie(SIGNED_UP_COOKIE, email, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/check-inbox',
      maxAge: 15 * 60_000,
      secure: this.links.url('/').startsWith('https:'),
    });
    // The no-JavaScript form on an article ends with a way back to it.
    const back = context.via === 'form' && context.page ? `?back=${encodeURIComponent(context.page.url)}` : '';
    res.status(303).location(`/check-inbox${back}`).type('html');
    return `<a href="/check-inbox${back.replace(/&/g, '&amp;')}">Check your inbox</a>`;
  }

  @Get('check-inbox')
  @ApiExcludeEndpoint()
  checkInbox(@Query('back') back: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    res.type('html');
    const email = (req.cookies as Record<string, unknown> | undefined)?.[SIGNED_UP_COOKIE];
    return this.pages.checkInbox(typeof email === 'string' ? email : null, this.embed.backLink(back));
  }

  @Get('confirm')
  @ApiExcludeEndpoint()
  async confirmPage(@Query('token') token: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.type('html');
    const confirmation = await this.signup.confirmationFor(token);
    if (confirmation === 'already-confirmed') return this.pages.alreadyConfirmed();
    if (!confirmation) return this.invalid(res);
    return this.pages.confirm(token as string, confirmation.newsletters, this.csrf.token(req, res));
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async confirm(@Body('token') token: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.type('html');
    const confirmed = await this.signup.confirm(token, originOf(req, this.links.url('/confirm')));
    if (confirmed === 'already-confirmed') return this.pages.alreadyConfirmed();
    if (!confirmed) return this.invalid(res);
    return this.pages.confirmed(confirmed.publicId, confirmed.newsletters);
  }

  @Get('preferences')
  @ApiExcludeEndpoint()
  async preferencesPage(@Query('token') token: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.type('html');
    if (token === PREVIEW_TOKEN) return this.pages.previewCopy();
    const reader = await this.readers.readerByPreferencesToken(token);
    if (!reader) return this.invalid(res);
    return this.pages.preferences(reader, token as string, this.csrf.token(req, res));
  }

  @Post('preferences')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async savePreferences(@Query('token') token: unknown, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.type('html');
    if (token === PREVIEW_TOKEN) return this.pages.previewCopy();
    const reader = await this.readers.readerByPreferencesToken(token);
    if (!reader) return this.invalid(res);
    const origin = originOf(req, this.links.url('/preferences'));
    const { value, errors } = await validateBody(PreferencesDto, body);
    if (errors.length === 0 && value.action === 'leave') {
      await this.readers.unsubscribe(reader.subscriberId, null, origin);
      return this.pages.unsubscribed(reader.email, reader.publicId, null);
    }
    const saved = errors.length > 0 ? { errors } : await this.readers.savePreferences(reader, value, origin);
    if (saved.errors.length > 0) res.status(400);
    const now = (await this.readers.readerState(reader.subscriberId)) ?? reader;
    return this.pages.preferences(now, token as string, this.csrf.token(req, res), {
      saved: saved.errors.length === 0,
      errors: saved.errors,
    });
  }

  @Get('unsubscribe')
  @ApiExcludeEndpoint()
  async unsubscribePage(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response) {
    res.type('html');
    if (token === PREVIEW_TOKEN) return this.pages.previewCopy();
    const claims = this.links.verify(token, 'unsubscribe');
    const reader = claims && (await this.readers.readerNamedBy(claims.reader));
    if (!claims || !reader) return this.invalid(res);
    return this.pages.unsubscribe(token as string, reader.email, reader.publicId, claims.newsletterId);
  }

  /**
   * RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` here with no
   * cookie. It acts at once, answers 200 without a redirect, and is harmless to repeat.
   */
  @Post('unsubscribe')
  @HttpCode(200)
  // RFC 8058's own example posts multipart/form-data; text fields only, no files.
  @UseInterceptors(NoFilesInterceptor({ limits: { fields: 20, fieldSize: 16 * 1024, parts: 20 } }))
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058)', description: 'The token comes from the List-Unsubscribe header of any newsletter.' })
  async unsubscribe(@Query('token') token: unknown, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (token === PREVIEW_TOKEN) {
      if (wantsJson(req)) return { status: 'preview', newsletters: [] };
      res.type('html');
      return this.pages.previewCopy();
    }
    const claims = this.links.verify(token, 'unsubscribe');
    const reader = claims && (await this.readers.readerNamedBy(claims.reader));
    if (!claims || !reader) {
      if (wantsJson(req)) throw new FieldErrorsException([{ field: 'token', message: 'This unsubscribe link is not valid' }]);
      res.type('html');
      return this.invalid(res);
    }
    const oneClick = (body as Record<string, unknown> | undefined)?.['List-Unsubscribe'] === 'One-Click';
    const left = await this.readers.unsubscribe(
      reader.subscriberId,
      claims.newsletterId,
      originOf(req, oneClick ? 'one-click' : this.links.url('/unsubscribe')),
    );
    if (wantsJson(req)) return { status: 'unsubscribed', newsletters: left.map((n) => n.slug) };
    res.type('html');
    return this.pages.unsubscribed(reader.email, reader.publicId, claims.newsletterId);
  }

  /** A sign-up answered 503 (PostgreSQL or Redis away) is counted, then answered as before. */
  private readonly countOutage = (error: unknown): never => {
    if (isOutage(error)) this.metrics.signup('unavailable');
    throw error;
  };

  private invalid(res: Response): string {
    res.status(400).type('html');
    return this.pages.invalidLink();
  }
}
