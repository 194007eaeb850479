import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { RedisConfig, redisConfig } from '../config/config';
import { createRedis, REDIS } from './redis-connection';
import { RedisWatch } from './redis-watch';
import { Upkeeps } from './upkeeps';

export { REDIS } from './redis-connection';

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [redisConfig.KEY],
      useFactory: (config: RedisConfig) => createRedis(config.target, { keyPrefix: `${config.prefix}:`, maxRetriesPerRequest: 3 }),
    },
    RedisWatch,
    Upkeeps,
  ],
  exports: [REDIS, RedisWatch, Upkeeps],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: IORedis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
