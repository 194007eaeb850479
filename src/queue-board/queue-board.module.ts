import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { EditorsModule } from '../editors/editors.module';
import { sessionCookie } from '../common/session-cookie';
import { EditorSessionsService } from '../editors/editor-sessions.service';
import { EditorSignIns, tokenFrom } from '../editors/editor-sign-ins';
import { QUEUES } from '../queue/queues';
import { registerQueues } from '../queue/register-queues';

const BOARD_ROUTE = '/admin/queues';

/**
 * Bull Board for editors: a newsroom session will do; otherwise a browser asks for a login, where
 * any user name and an editor token as the password will do (or send `Authorization: Bearer
 * <token>`). It counts failures with the editor API, so guessing here is no cheaper than there.
 */
function editorsOnly(signIns: EditorSignIns, sessions: EditorSessionsService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.get('authorization');
    // A newsroom session will do, as long as no credential was given: a wrong one still counts.
    const session = authorization ? Promise.resolve(null) : sessions.editorFor(sessionCookie(req));
    session.then(async (editor) => {
      if (editor) return next();
      const outcome = await signIns.check(req.ip ?? 'unknown', tokenFrom(authorization));
      if (outcome.ok) return next();
      if (outcome.status === 429) return res.status(429).set('Retry-After', String(outcome.retryAfterSeconds)).json({ message: outcome.message });
      res.status(outcome.status).set('WWW-Authenticate', 'Basic realm="Newsletter queues", charset="UTF-8"').json({ message: 'An editor token is required' });
    }).catch(next);
  };
}

@Module({
  imports: [
    registerQueues(...Object.values(QUEUES)),
    BullBoardModule.forRootAsync({
      imports: [EditorsModule],
      inject: [EditorSignIns, EditorSessionsService],
      useFactory: (signIns: EditorSignIns, sessions: EditorSessionsService) => ({
        route: BOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: editorsOnly(signIns, sessions),
        boardOptions: { uiConfig: { boardTitle: 'Newsletter queues' } },
      }),
    }),
    BullBoardModule.forFeature(...Object.values(QUEUES).map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueBoardModule {}
