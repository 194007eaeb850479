import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig, appConfig } from '../config/config';
import { mayAct, roleNeeded } from '../editors/editor-roles';
import { EditorSessionsService } from '../editors/editor-sessions.service';
import { EditorIdentity } from '../editors/editors.service';
import { sessionCookie } from '../common/session-cookie';

export { sessionCookie, sessionCookieName } from '../common/session-cookie';

export interface NewsroomRequest extends Request {
  editor?: EditorIdentity;
}

/** A page that needs a session had none: the browser has been sent to sign in (the answer is sent). */
class SignInRequired extends HttpException {
  constructor() {
    super('Sign in to the newsroom', HttpStatus.SEE_OTHER);
  }
}

/**
 * Every newsroom page needs a live session (a signed-in editor whose session has been used in
 * the last 12 hours, is younger than NEWSROOM_SESSION_MAX_HOURS, and who has not been removed),
 * and the role the route names with @MinRole: a route that names none refuses everyone. Without a
 * session, a GET goes to the sign-in page; anything else is refused.
 */
@Injectable()
export class NewsroomSessionGuard implements CanActivate {
  private readonly https: boolean;

  constructor(
    private readonly sessions: EditorSessionsService,
    private readonly reflector: Reflector,
    @Inject(appConfig.KEY) app: AppConfig,
  ) {
    this.https = app.publicUrl.startsWith('https://');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<NewsroomRequest>();
    const editor = await this.sessions.editorFor(sessionCookie(req, this.https));
    if (editor) {
      req.editor = editor;
      const needed = roleNeeded(this.reflector, context);
      if (!needed || !mayAct(editor.role, needed))
        throw new ForbiddenException(`This page is for ${needed === 'admin' ? 'admins' : 'editors'}: ask an admin if you need it`);
      return true;
    }
    if (req.method !== 'GET') throw new HttpException('Your newsroom session has ended: sign in again', HttpStatus.UNAUTHORIZED);
    // Where it was going, so signing in leads back there.
    const next = req.originalUrl === '/newsroom' ? '' : `?next=${encodeURIComponent(req.originalUrl)}`;
    context.switchToHttp().getResponse<Response>().redirect(303, `/newsroom/sign-in${next}`);
    throw new SignInRequired();
  }
}

/** A `next` page to go to after signing in: only a newsroom path, never another site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/newsroom(\/[\w\-/?=&%.]*)?$/.test(next) ? next : '/newsroom';
}
