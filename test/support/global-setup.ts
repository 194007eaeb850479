import { Client } from 'pg';
import { pingRedis, redisTarget } from '../../src/queue/redis-connection';
import { ADMIN_DATABASE_URL } from './database';

/** Fails early, and clearly, when the services the tests need are not there. */
export default async function globalSetup(): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL at ${ADMIN_DATABASE_URL} is not reachable (set DATABASE_URL to a server whose user may create databases): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await pingRedis(redisTarget(redisUrl)).catch((error: Error) => {
    throw new Error(`Redis at ${redisUrl} is not reachable: ${error.message}`);
  });
}
