import { BullModule } from '@nestjs/bullmq';
import { RedisConfig, redisConfig } from '../config/config';
import { QUEUES } from './queues';
import { queuePrefix } from './redis-connection';

type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * Registers queues with their key prefix: QUEUE_PREFIX on one Redis, and on a cluster with the
 * queue's hash tag (queuePrefix). Their workers (@Processor) take the same prefix from here.
 */
export function registerQueues(...names: QueueName[]) {
  return BullModule.registerQueueAsync(
    ...names.map((name) => ({ name, inject: [redisConfig.KEY], useFactory: (redis: RedisConfig) => ({ prefix: queuePrefix(redis.target, redis.prefix, name) }) })),
  );
}
