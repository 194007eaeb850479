import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CsrfService } from '../common/csrf';
import { AppConfig, appConfig } from '../config/config';
import { EditorSessionsService, SESSION_IDLE_HOURS } from '../editors/editor-sessions.service';
import { NewsroomPages } from './newsroom-pages';
import { safeNext, sessionCookie, sessionCookieName } from './newsroom-session';

/** Signing in to the newsroom by an emailed link, and out again. */
@ApiExcludeController()
@Controller('newsroom')
export class SignInController {
  private readonly https: boolean;

  constructor(
    private readonly sessions: EditorSessionsService,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
    @Inject(appConfig.KEY) app: AppConfig,
  ) {
    this.https = app.publicUrl.startsWith('https://');
  }

  @Get('sign-in')
  form(@Query('next') next: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    res.type('html');
    return this.pages.render('sign-in', { title: 'Sign in', next: safeNext(next), csrfToken: this.csrf.token(req, res) });
  }

  /** The same answer whether or not the address is an editor's. */
  @Post('sign-in')
  @HttpCode(200)
  async request(@Body() body: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('html');
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    if (!(await this.sessions.requestLink(email, req.ip ?? 'unknown', safeNext(body.next)))) {
      res.status(429);
      return this.pages.message('Too many sign-in requests', 'Please wait a few minutes before asking for another link.', { href: '/newsroom/sign-in', text: 'Back to sign-in' });
    }
    return this.pages.render('sign-in-sent', { title: 'Check your inbox', email });
  }

  /** The link's page: a button, so that a link scanner following it signs nobody in. */
  @Get('sign-in/confirm')
  async confirmPage(@Query('token') token: unknown, @Query('next') next: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('html');
    const link = await this.sessions.linkState(token);
    if (!link.usable) return this.unusable(res);
    return this.pages.render('sign-in-confirm', { title: 'Sign in', email: link.email, token, next: safeNext(next), csrfToken: this.csrf.token(req, res) });
  }

  @Post('sign-in/confirm')
  @HttpCode(200)
  async confirm(@Body() body: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('html');
    const session = await this.sessions.signIn(body.token, req.ip ?? null);
    if (!session) return this.unusable(res);
    res.cookie(sessionCookieName(this.https), session, { httpOnly: true, secure: this.https, sameSite: 'lax', path: '/', maxAge: SESSION_IDLE_HOURS * 3600_000 });
    res.status(303).location(safeNext(body.next));
    return '';
  }

  @Post('sign-out')
  @HttpCode(303)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    await this.sessions.signOut(sessionCookie(req, this.https));
    res.clearCookie(sessionCookieName(this.https), {
      path: '/',
      secure: this.https,
      httpOnly: true,
      sameSite: 'lax',
    });
    res.location('/newsroom/sign-in');
    return '';
  }

  private unusable(res: Response): string {
    res.status(400);
    return this.pages.message(
      'This sign-in link does not work',
      'Sign-in links work once, for 15 minutes. Ask for a new one.',
      { href: '/newsroom/sign-in', text: 'Ask for a new sign-in link' },
    );
  }
}
