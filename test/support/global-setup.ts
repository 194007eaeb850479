import { Client } from 'pg';

/** Fails early, and clearly, when the services the tests need are not there. */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw new Error(`PostgreSQL at DATABASE_URL is not reachable: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const { pingRedis } = await import('../../src/queue/redis-connection');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await pingRedis(redisUrl).catch((error: Error) => {
    throw new Error(`Redis at ${redisUrl} is not reachable: ${error.message}`);
  });
}
