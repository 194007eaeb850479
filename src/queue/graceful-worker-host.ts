import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger } from '@nestjs/common';

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

  private lastError = 0;

  /** A worker's connection errors (Redis away) are logged, one line every ten seconds. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    if (Date.now() - this.lastError < 10_000) return;
    this.lastError = Date.now();
    new Logger(this.constructor.name).warn(`Queue worker error: ${error.message}`);
  }
}
