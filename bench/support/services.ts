import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { createDatabase, CreatedDatabase, REDIS_URL } from '../../test/support/services';

export { dropRedisPrefix, freePort, REDIS_URL } from '../../test/support/services';

/** The PostgreSQL server the benches create their databases on (its user may create databases). */
const ADMIN_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = CreatedDatabase;

/** A new, empty PostgreSQL database next to the one ADMIN_DATABASE_URL names; the service migrates it. */
export function freshDatabase(label: string): Promise<BenchDatabase> {
  return createDatabase(ADMIN_DATABASE_URL, `bench_${label}`);
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
