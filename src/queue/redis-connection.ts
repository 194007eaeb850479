import { RedisConnection, createIORedisClient } from 'bullmq';
import IORedis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';
import { CLUSTER_URL, ClusterNode, RedisTarget } from '../config/redis-target';

export { redisTarget } from '../config/redis-target';
export type { RedisTarget } from '../config/redis-target';

/**
 * A shared client for the service's own keys (rate limits, the Redis watch, click counts), all
 * under QUEUE_PREFIX: an ioredis Redis, or on a Redis Cluster an ioredis Cluster, which takes the
 * same commands (both are typed IORedis where they are injected).
 */
export const REDIS = Symbol('REDIS');

/** ioredis options from a redis:// or rediss:// URL (for a cluster: each node's credentials and TLS). */
export function redisOptions(url: string): RedisOptions {
  const cluster = CLUSTER_URL.exec(url);
  if (cluster) {
    const [, scheme, user, password] = cluster;
    return {
      username: user ? decodeURIComponent(user) : undefined,
      password: password ? decodeURIComponent(password) : undefined,
      tls: scheme === 'rediss' ? {} : undefined,
      maxRetriesPerRequest: null,
    };
  }
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

/** A Cluster's options: per-node settings go under redisOptions, where ioredis reads them. */
function clusterOptions(node: RedisOptions, extra: Omit<ClusterOptions, 'redisOptions'> = {}): ClusterOptions {
  const { host: _host, port: _port, db: _db, retryStrategy: _retry, enableOfflineQueue, keyPrefix, ...perNode } = node;
  // Unset stays unset: an explicit undefined would override ioredis' own defaults.
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    ...defined({ keyPrefix, enableOfflineQueue }),
    ...extra,
    redisOptions: defined(perNode),
    // A master restarting: look up the slots again soon, and keep trying.
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 200,
    slotsRefreshTimeout: 2000,
  };
}

/** A client for the target: `new IORedis(...)` on one server, as before, or an ioredis Cluster. */
export function createRedis(target: RedisTarget, extra: RedisOptions = {}): IORedis | Cluster {
  const options = { ...redisOptions(target.url), ...extra };
  if (!target.cluster) return new IORedis(options);
  return new Cluster(target.cluster, clusterOptions(options));
}

/**
 * BullMQ's key prefix for one queue. On a cluster it ends in a hash tag, `{<queue>}`, so every key
 * of one queue (and its Lua scripts' keys) is in one slot, while different queues spread over the
 * masters; on one server it is QUEUE_PREFIX, as it always was.
 */
export function queuePrefix(target: RedisTarget, prefix: string, queue: string): string {
  return target.cluster ? `${prefix}:{${queue}}` : prefix;
}

/** Hash tags of the slots the service's data lives in on a cluster (each queue's, and the click counts'). */
export function clusterTags(queues: string[]): string[] {
  return [...queues.map((queue) => `{${queue}}`), '{clicks}'];
}

/**
 * The `connection` BullMQ's queues and workers are given. On one server, ioredis options, as
 * before. On a cluster, the same options with the seed nodes, and BullMQ is told to make a Cluster
 * from them: each queue and worker then opens and closes its own connection, as it does on one
 * server (a shared Cluster instance would outlive or die before the workers using it).
 */
export function bullConnection(target: RedisTarget): RedisOptions {
  if (!target.cluster) return redisOptions(target.url);
  RedisConnection.clientFactory = bullClient;
  return { ...redisOptions(target.url), clusterNodes: target.cluster } as RedisOptions;
}

function bullClient(options: RedisOptions & { clusterNodes?: ClusterNode[] }) {
  const { clusterNodes: nodes, ...rest } = options;
  const client = nodes ? new Cluster(nodes, clusterOptions(rest)) : new IORedis(rest);
  return createIORedisClient(client);
}

/** Fails fast, with the reason, when Redis cannot be reached (on a cluster: every master). */
export async function pingRedis(target: RedisTarget, timeoutMs = 3000): Promise<void> {
  const quick: RedisOptions = { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false };
  const client = target.cluster
    ? new Cluster(target.cluster, { ...clusterOptions({ ...redisOptions(target.url), ...quick }), lazyConnect: true, clusterRetryStrategy: () => null })
    : new IORedis({ ...redisOptions(target.url), ...quick });
  let cause: Error | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    if (client instanceof Cluster) {
      const masters = client.nodes('master');
      if (masters.length === 0) throw new Error('the cluster has no master');
      await Promise.all(masters.map((node) => node.ping()));
    } else {
      await client.ping();
    }
  } catch (error) {
    throw cause ?? error;
  } finally {
    client.disconnect();
  }
}
