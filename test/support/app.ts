import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import { createHttpApp } from '../../src/app';
import { Db } from '../../src/database/db.service';
import { QUEUES } from '../../src/queue/queues';
import { freshDatabase, TestDatabase } from './database';
import { Reader } from './reader';
import { dropRedisPrefix, freePort } from './services';
import { SmtpSink } from './smtp';

export interface TestApp {
  url: string;
  app: NestExpressApplication;
  db: Db;
  smtp: SmtpSink;
  prefix: string;
  /** A new reader at a client address of its own, so per-IP limits never cross between tests. */
  reader(): Reader;
  /** Resolves once every queue is empty and idle. */
  drain(timeoutMs?: number): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

let readers = 0;

/**
 * Boots the real application: its own fresh database (PostgreSQL, or PGlite in the embedded
 * project; migrated at start),
 * its own queue prefix on the real Redis, and a real SMTP server on loopback.
 */
export async function startApp(
  options: { env?: Record<string, string>; smtp?: SmtpSink; /** How the app reaches its database, e.g. through a fault proxy. */ databaseUrl?: (url: string) => string } = {},
): Promise<TestApp> {
  const database: TestDatabase = await freshDatabase();
  if (options.databaseUrl && database.env.DATABASE_URL) database.env.DATABASE_URL = options.databaseUrl(database.env.DATABASE_URL);
  const smtp = options.smtp ?? (await new SmtpSink().start());
  const port = await freePort();
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const varDir = mkdtempSync(join(tmpdir(), 'nl-var-'));
  const env: Record<string, string | undefined> = {
    ...database.env,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    QUEUE_PREFIX: prefix,
    SMTP_URL: smtp.url,
    VAR_DIR: varDir,
    ...options.env,
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  const app = await createHttpApp();
  await app.listen(port, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const db = app.get(Db);
  const queueNames = Object.values(QUEUES);
  const queues = queueNames.flatMap((name) => {
    try {
      return [app.get<Queue>(getQueueToken(name), { strict: false })];
    } catch {
      return [];
    }
  });

  return {
    url,
    app,
    db,
    smtp,
    prefix,
    reader: () => {
      readers += 1;
      return new Reader(url, `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${readers}`);
    },
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      // Jobs made by a job scheduler (a timetable) wait for ever by design; they do not count.
      const busy = async (queue: Queue) => {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        const delayed = (await queue.getDelayed()).filter((job) => !job.repeatJobKey);
        return Object.values(counts).reduce((a, b) => a + b, 0) + delayed.length;
      };
      for (;;) {
        const counts = await Promise.all(queues.map(busy));
        if (counts.every((n) => n === 0)) return;
        if (Date.now() > deadline) throw new Error(`Queues did not drain: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async rows<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async close() {
      await app.close();
      if (!options.smtp) await smtp.stop();
      // A test's own Redis Cluster goes away with its keys; the shared Redis is never asked.
      if (!env.REDIS_CLUSTER_NODES) await dropRedisPrefix(prefix);
      await database.drop();
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}
