import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * EMAILS_PER_SECOND across every worker: the count lives in Redis, so adding workers never
 * raises the rate. With no limit set it costs nothing.
 */
export class SendRate {
  private readonly limiter?: RateLimiterRedis;

  constructor(
    redis: IORedis,
    perSecond: number,
    private readonly onOutage: (error: unknown) => void = () => undefined,
    keyPrefix = 'emails-per-second',
  ) {
    if (perSecond > 0) {
      this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points: perSecond, duration: 1 });
    }
  }

  /**
   * Waits for a slot. While Redis cannot count, it waits too: sending holds rather than going
   * over the rate, and the claimed recipients stay claimed.
   */
  async acquire(): Promise<void> {
    if (!this.limiter) return;
    for (;;) {
      try {
        await this.limiter.consume('all');
        return;
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          await new Promise((resolve) => setTimeout(resolve, Math.max(5, error.msBeforeNext)));
        } else {
          this.onOutage(error);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    }
  }
}
