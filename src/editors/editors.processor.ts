import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { GracefulWorkerHost } from '../queue/graceful-worker-host';
import { JOBS, QUEUES } from '../queue/queues';
import { RedisWatch } from '../queue/redis-watch';
import { EditorAudit } from './editor-audit.service';
import { EditorSessionsService, SignInLinkJob } from './editor-sessions.service';

/** Every night at 03:45, London time. */
const PRUNE_SCHEDULE = { pattern: '45 3 * * *', tz: 'Europe/London' };

/** Queue editors: sign-in links and invitations to email, and the audit log's nightly retention. */
@Processor(QUEUES.editors)
export class EditorsProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sessions: EditorSessionsService,
    private readonly audit: EditorAudit,
    private readonly watch: RedisWatch,
    @InjectQueue(QUEUES.editors) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job<SignInLinkJob>): Promise<unknown> {
    if (job.name === JOBS.pruneAudit) return { deleted: await this.audit.prune() };
    return { sent: await this.sessions.sendLink(job.data) };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.watch.register('retention of the audit log', () =>
      this.queue.upsertJobScheduler('prune-audit', PRUNE_SCHEDULE, {
        name: JOBS.pruneAudit,
        opts: { removeOnComplete: 30, removeOnFail: 30 },
      }),
    );
  }
}
