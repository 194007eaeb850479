/**
 * bench:send — how fast an edition reaches N readers through the real pipeline (PostgreSQL,
 * Redis, worker processes, SMTP), against the ceiling of bare pooled nodemailer transports
 * sending the same number of pre-built messages of the same size to the same sink.
 *
 *   npm run bench:send -- --recipients 1000000 [--workers 2] [--concurrency 4] [--pool 5]
 */
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import type { SinkStats } from './send/sink-stats';

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    workers: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '4' },
    pool: { type: 'string', default: '5' },
    batch: { type: 'string', default: '500' },
    'skip-ceiling': { type: 'boolean', default: false },
    /** V8 flags for the workers instead of those of `npm run start:worker`, e.g. --node-flags="--max-old-space-size=192". */
    'node-flags': { type: 'string' },
    /** Write a CPU profile of each worker to bench/results/profiles/. */
    profile: { type: 'boolean', default: false },
  },
});
const N = Number(args.recipients);
const WORKERS = Number(args.workers);
const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Workers, and the ceiling's senders, run with the V8 flags of `npm run start:worker`. */
const NODE_FLAGS = (args['node-flags'] ?? (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start:worker'])
  .split(' ')
  .filter((word) => word.startsWith('--'));


class Sink {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(capacity: number): Promise<Sink> {
    const child = fork(join(DIST, 'bench', 'send', 'smtp-sink.js'), [String(capacity)]);
    const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
    return new Sink(child, port);
  }

  private ask<T>(type: string): Promise<T> {
    return new Promise((resolve) => {
      const listener = (message: { type: string; stats?: T }) => {
        if (message.type !== type) return;
        this.child.off('message', listener);
        resolve(message.stats as T);
      };
      this.child.on('message', listener);
      this.child.send({ type });
    });
  }

  stats = () => this.ask<SinkStats>('stats');
  reset = () => this.ask<void>('reset');
  stop = () => this.child.send({ type: 'stop' });
}

/** Peak resident set of a process, from the kernel (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const database = `nl_bench_${id}`;
  const prefix = `bench${id}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const sink = await Sink.start(N);

  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: url.toString(),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    SMTP_POOL_SIZE: String(args.pool),
    MAIL_FROM: 'New Statesman <newsletters@bench.test>',
    PUBLIC_URL: 'https://newsletters.bench.test',
    APP_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    DELIVERY_CONCURRENCY: String(args.concurrency),
    DELIVERY_BATCH_SIZE: String(args.batch),
    VAR_DIR: join(tmpdir(), `nl-bench-${id}`),
  };
  Object.assign(process.env, env, { APP_ROLE: 'api' });

  // The service's own modules, loaded only now that the environment names this run's database.
  const { NestFactory } = await import('@nestjs/core');
  const { QueueEvents } = await import('bullmq');
  const IORedis = (await import('ioredis')).default;
  const { AppModule } = await import('../src/app.module');
  const { EditionsService } = await import('../src/editions/editions.service');
  const { Db } = await import('../src/database/db.service');
  const { DeliveryService } = await import('../src/delivery/delivery.service');
  const { QUEUES } = await import('../src/queue/queues');
  const { redisOptions } = await import('../src/queue/redis-connection');

  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const db = app.get(Db);
  const editions = app.get(EditionsService);
  const redis = new IORedis(redisOptions(REDIS_URL));
  const results: Record<string, number | string | boolean> = { recipients: N, workers: WORKERS, concurrency: Number(args.concurrency), pool: Number(args.pool), batch: Number(args.batch) };
  const workers: ChildProcess[] = [];
  const timeline: Array<[seconds: number, sent: number]> = [];

  try {
    // Readers, set-based: one INSERT … SELECT per table.
    let t = Date.now();
    await db.query(
      `INSERT INTO subscribers (email, created_at, updated_at) SELECT 'r' || g || '@bench.test', now(), now() FROM generate_series(1, $1) g`,
      [N],
    );
    const newsletter = (await editions.newsletter('morning-call'))!;
    await db.query(
      `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
       SELECT id, $1, 'active', now(), now(), now() FROM subscribers`,
      [newsletter.id],
    );
    await db.query('ANALYZE');
    results.seedSeconds = seconds(Date.now() - t);

    const articleIds: number[] = [];
    for (let i = 1; i <= 10; i += 1) {
      const row = await db.query<{ id: number }>(
        `INSERT INTO articles (url, title, standfirst, author, section, topics, sponsored, published_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, '[]', false, now(), now(), now()) RETURNING id`,
        [
          `https://www.newstatesman.com/world/2023/03/article-${i}`,
          `Why Alexander Lukashenko’s trip to China matters (${i})`,
          'The Belarusian autocrat is a close ally of Vladimir Putin, and a useful friend in Beijing’s contest with the West. '.repeat(2),
          'Katie Stallard',
          i % 2 ? 'The Staggers' : 'World',
        ],
      );
      articleIds.push(Number(row.rows[0].id));
    }
    const editionId = (await editions.compose(newsletter, { articleIds }, 'editor'))!;

    for (let w = 0; w < WORKERS; w += 1) {
      const execArgv = [...NODE_FLAGS, ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'profiles')}`] : [])];
      const child = fork(join(DIST, 'src', 'main.js'), [], {
        env: { ...process.env, ...env, APP_ROLE: 'worker', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
        execArgv,
      });
      await new Promise<void>((resolve) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('Worker started')) resolve();
        });
      });
      workers.push(child);
    }

    const baseline = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
    let redisPeak = baseline;
    const sampler = setInterval(() => {
      void redis.info('memory').then((info) => {
        redisPeak = Math.max(redisPeak, Number(/used_memory:(\d+)/.exec(info)![1]));
      });
    }, 100);

    const expectedJobs = Math.ceil(N / Number(args.batch));
    const deliveryEvents = new QueueEvents(QUEUES.delivery, { connection: redisOptions(REDIS_URL), prefix });
    await deliveryEvents.waitUntilReady();
    let added = 0;
    let fanOutDone = 0;
    deliveryEvents.on('added', () => {
      added += 1;
      if (added === expectedJobs) fanOutDone = Date.now();
    });

    const started = Date.now();
    await editions.send(editionId);
    const sendReturned = Date.now();
    results.snapshotSeconds = seconds(sendReturned - started);

    let view = await editions.view(editionId);
    while (view.status === 'sending') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      view = await editions.view(editionId);
      timeline.push([seconds(Date.now() - started), view.counts.sent]);
      const [, before] = timeline[timeline.length - 2] ?? [0, 0];
      process.stderr.write(`\r  ${view.counts.sent}/${N} sent, ${view.counts.sent - before}/s now   `);
    }
    process.stderr.write('\n');
    clearInterval(sampler);
    const pipeline = await sink.stats();
    results.fanOutSeconds = fanOutDone ? seconds(fanOutDone - sendReturned) : 'n/a';
    results.pipelineEmailsPerSecond = Math.round(N / ((pipeline.lastAt! - pipeline.firstAt!) / 1000));
    results.secondsToLastAccepted = seconds(pipeline.lastAt! - started);
    results.workerPeakRssMb = Math.max(...workers.map((w) => peakRssMb(w.pid!)));
    results.redisPeakMb = Math.round((redisPeak / 1024 / 1024) * 10) / 10;
    results.redisPeakAboveBaselineMb = Math.round(((redisPeak - baseline) / 1024 / 1024) * 10) / 10;
    results.editionStatus = view.status;
    results.pipelineExactlyOnce = pipeline.distinct === N && pipeline.duplicates === 0 && pipeline.unknown === 0 && view.counts.sent === N;
    results.messageBytes = Math.round(pipeline.bytes / Math.max(1, pipeline.accepted));
    await deliveryEvents.close();
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once('exit', resolve)))));

    if (!args['skip-ceiling']) {
      // The same number of messages of the same size, built once, through bare pooled transports.
      const message = await app.get(DeliveryService).messageFor(editionId);
      const messagePath = join(env.VAR_DIR, 'message.eml');
      mkdirSync(env.VAR_DIR, { recursive: true });
      writeFileSync(messagePath, message.forRecipient(1, 'r1@bench.test').raw);
      await sink.reset();
      const share = Math.ceil(N / WORKERS);
      const execArgv = [...NODE_FLAGS, ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'profiles')}`] : [])];
      const senders = Array.from({ length: WORKERS }, (_, w) =>
        fork(join(DIST, 'bench', 'send', 'ceiling-sender.js'), [
          env.SMTP_URL,
          messagePath,
          String(w * share + 1),
          String(Math.min(N, (w + 1) * share)),
          String(args.pool),
          String(Number(args.concurrency) * 50),
        ], { execArgv }),
      );
      await Promise.all(senders.map((s) => new Promise((resolve) => s.once('message', resolve))));
      const ceiling = await sink.stats();
      results.ceilingEmailsPerSecond = Math.round(N / ((ceiling.lastAt! - ceiling.firstAt!) / 1000));
      results.ceilingExactlyOnce = ceiling.distinct === N && ceiling.duplicates === 0;
      results.pipelineShareOfCeiling = Math.round((Number(results.pipelineEmailsPerSecond) / Number(results.ceilingEmailsPerSecond)) * 1000) / 10;
    }
  } finally {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await app.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    sink.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }

  console.table(results);
  results.timeline = JSON.stringify(timeline);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `send-${N}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`Results written to ${file}`);
  const correct = results.pipelineExactlyOnce === true && (args['skip-ceiling'] || results.ceilingExactlyOnce === true);
  if (!correct) {
    console.error('Not every message reached the sink exactly once');
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
