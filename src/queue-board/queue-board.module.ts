import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig, appConfig } from '../config/config';
import { mayAct } from '../editors/editor-roles';
import { EditorsModule } from '../editors/editors.module';
import { sessionCookie } from '../common/session-cookie';
import { EditorSessionsService } from '../editors/editor-sessions.service';
import { EditorSignIns, tokenFrom } from '../editors/editor-sign-ins';
import { QUEUES } from '../queue/queues';
import { registerQueues } from '../queue/register-queues';

const BOARD_ROUTE = '/admin/queues';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Bull Board for the team: a newsroom session will do; otherwise a browser asks for a login, where
 * any user name and an editor token as the password will do (or send `Authorization: Bearer
 * <token>`). It counts failures with the editor API, so guessing here is no cheaper than there.
 * Admins may change queues (retry, clean, add), from this site only: a same-origin `Origin` is
 * required, so a cross-site form riding on the cookie changes nothing. Editors may look; writers
 * get no board.
 */
function teamOnly(signIns: EditorSignIns, sessions: EditorSessionsService, app: AppConfig) {
  const https = app.publicUrl.startsWith('https://');
  const origin = new URL(app.publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.get('authorization');
    // A newsroom session will do, as long as no credential was given: a wrong one still counts.
    const session = authorization ? Promise.resolve(null) : sessions.editorFor(sessionCookie(req, https));
    session
      .then(async (fromSession) => {
        let editor = fromSession;
        if (!editor) {
          const outcome = await signIns.check(req.ip ?? 'unknown', tokenFrom(authorization));
          if (!outcome.ok && outcome.status === 429)
            return res.status(429).set('Retry-After', String(outcome.retryAfterSeconds)).json({ message: outcome.message });
          if (!outcome.ok)
            return res
              .status(outcome.status)
              .set('WWW-Authenticate', 'Basic realm="Newsletter queues", charset="UTF-8"')
              .json({ message: 'An editor token is required' });
          editor = outcome.editor;
        }
        if (!mayAct(editor.role, 'editor')) return res.status(403).json({ message: 'The queues are for editors and admins' });
        if (READS.has(req.method)) return next();
        if (!mayAct(editor.role, 'admin')) return res.status(403).json({ message: 'Only admins may change the queues' });
        if (req.get('origin') !== origin)
          return res.status(403).json({ message: 'Changes to the queues must come from this site (a same-origin Origin header)' });
        next();
      })
      .catch(next);
  };
}

@Module({
  imports: [
    registerQueues(...Object.values(QUEUES)),
    BullBoardModule.forRootAsync({
      imports: [EditorsModule],
      inject: [EditorSignIns, EditorSessionsService, appConfig.KEY],
      useFactory: (signIns: EditorSignIns, sessions: EditorSessionsService, app: AppConfig) => ({
        route: BOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: teamOnly(signIns, sessions, app),
        boardOptions: { uiConfig: { boardTitle: 'Newsletter queues' } },
      }),
    }),
    BullBoardModule.forFeature(...Object.values(QUEUES).map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueBoardModule {}
