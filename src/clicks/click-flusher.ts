import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ClicksConfig, clicksConfig } from '../config/config';
import { Metrics } from '../metrics/metrics';
import { currentRole } from '../queue/queues';
import { ClicksService } from './clicks.service';

/**
 * Flushes click counts to PostgreSQL every CLICK_FLUSH_SECONDS, in the processes that serve the
 * redirect, and once more as such a process stops. Several API processes flushing at once is
 * safe: each edition's counts are taken atomically, by one of them.
 */
@Injectable()
export class ClickFlusher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ClickFlusher.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clicks: ClicksService,
    @Inject(clicksConfig.KEY) private readonly config: ClicksConfig,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    if (currentRole() === 'worker') return;
    this.timer = setInterval(() => void this.flush(), this.config.flushSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async flush(): Promise<void> {
    try {
      await this.clicks.flush();
      this.metrics.clickFlush(true);
    } catch (error) {
      this.metrics.clickFlush(false);
      this.logger.warn(`Click counts not flushed this time; they wait in Redis for the next flush (${(error as Error).message})`);
    }
  }
}
