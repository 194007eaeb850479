import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
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
 * the last 12 hours and who has not been revoked). Without one, a GET goes to the sign-in page;
 * anything else is refused.
 */
@Injectable()
export class NewsroomSessionGuard implements CanActivate {
  constructor(private readonly sessions: EditorSessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<NewsroomRequest>();
    const editor = await this.sessions.editorFor(sessionCookie(req));
    if (editor) {
      req.editor = editor;
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
