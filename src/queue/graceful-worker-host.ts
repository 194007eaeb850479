import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown } from '@nestjs/common';

/**
 * On shutdown (SIGTERM), stop taking jobs and let the ones in hand finish before the database
 * and Redis connections close: Nest closes workers only after other modules' shutdown hooks
 * would already have run.
 */
export abstract class GracefulWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  get stopping(): boolean {
    return this.worker.closing !== undefined;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
