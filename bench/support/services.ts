import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { Client } from 'pg';

/** The PostgreSQL server the benches create their databases on (its user may create databases). */
export const ADMIN_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database next to the one ADMIN_DATABASE_URL names; the service migrates it. */
export async function freshDatabase(label: string): Promise<BenchDatabase> {
  const name = `nl_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: ADMIN_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function serverVersions(): Promise<{ postgres: string | null; redis: string | null }> {
  const pg = new Client({ connectionString: ADMIN_DATABASE_URL });
  const redis = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await pg.connect();
    await redis.connect();
    const postgres = (await pg.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    const info = await redis.info('server');
    return { postgres, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? null };
  } finally {
    await pg.end().catch(() => undefined);
    redis.disconnect();
  }
}

/** A Redis key prefix of the bench's own, so it never sees another run's keys. */
export const redisPrefix = (label: string): string => `bench-${label}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under `prefix:`. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
