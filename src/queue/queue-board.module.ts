import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { EditorsModule } from '../editors/editors.module';
import { EditorsService } from '../editors/editors.service';
import { QUEUES } from './queues';

const BOARD_ROUTE = '/admin/queues';

/**
 * Bull Board for editors: a browser asks for a login, where any user name and an editor token
 * as the password will do (or send `Authorization: Bearer <token>`).
 */
function editorsOnly(editors: EditorsService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const [scheme, value] = (req.get('authorization') ?? '').split(' ');
    const token =
      scheme === 'Bearer' ? value : scheme === 'Basic' && value ? Buffer.from(value, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
    const refuse = () => res.status(401).set('WWW-Authenticate', 'Basic realm="Newsletter queues", charset="UTF-8"').json({ message: 'An editor token is required' });
    if (!token) return refuse();
    editors.authenticate(token).then((result) => (result.ok ? next() : refuse()), next);
  };
}

@Module({
  imports: [
    ...Object.values(QUEUES).map((name) => BullModule.registerQueue({ name })),
    BullBoardModule.forRootAsync({
      imports: [EditorsModule],
      inject: [EditorsService],
      useFactory: (editors: EditorsService) => ({
        route: BOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: editorsOnly(editors),
        boardOptions: { uiConfig: { boardTitle: 'Newsletter queues' } },
      }),
    }),
    BullBoardModule.forFeature(...Object.values(QUEUES).map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueBoardModule {}
