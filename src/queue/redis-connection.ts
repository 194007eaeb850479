import IORedis, { RedisOptions } from 'ioredis';

/** A shared client for the service's own keys (rate limits, the Redis watch), all under QUEUE_PREFIX. */
export const REDIS = Symbol('REDIS');

/** ioredis options from a redis:// or rediss:// URL. */
export function redisOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; they must not give up on a command.
    maxRetriesPerRequest: null,
  };
}

/** Fails fast, with the reason, when Redis cannot be reached. */
export async function pingRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new IORedis({
    ...redisOptions(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let cause: Error | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    client.disconnect();
  }
}
