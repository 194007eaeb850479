/**
 * bench:send — how fast an edition reaches N readers through the real pipeline (PostgreSQL,
 * Redis, worker processes, SMTP), against the ceiling of bare pooled nodemailer transports
 * sending the same number of pre-built messages of the same size to the same sink.
 *
 *   npm run bench:send -- --recipients 1000000
 *   npm run bench:send -- --recipients 2000        # CI size
 *   npm run bench:send -- --recipients 100000 --dkim   # every message DKIM-signed, both runs
 *   npm run bench:send -- --recipients 100000 --segments 35   # then the same audience over 35 sectors,
 *                                                             # each with its own partner piece
 *   npm run bench:send -- --recipients 100000 --redis-cluster # Redis as a three-master cluster of its own
 *   npm run bench:send -- --recipients 100000 --failover  # two relays (SMTP_URLS); the first dies halfway
 *   (bench:history runs it with --database: the send goes on top of a year of deliveries)
 *
 * Timings are reported, never asserted. The exit code says whether every message reached the
 * sink exactly once (pipeline and ceiling) and sampled messages parse back to their reader.
 */
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/paths';
import type { SinkStats } from './send/sink-stats';
import { options } from './support/args';
import { benchDkim } from './support/check-dkim';
import { messageProblems } from './support/check-message';
import { Classify, CpuAccount, CpuUse, sharedServer } from './support/cpu-account';
import { Check, noteLoad, report, RESULTS_DIR } from './support/results';
import { SAMPLE_ARTICLES } from './support/sample-edition';
import { dropRedisPrefix, freshDatabase, redisPrefix, REDIS_URL, serverVersions } from './support/services';
import { format, table } from './support/table';
import { RedisCluster } from '../test/support/redis-cluster';

const opts = options('npm run bench:send -- [options]', {
  recipients: { default: 100_000, help: 'active subscribers of Morning Call, all sent the edition' },
  workers: { default: 2, help: 'worker processes (APP_ROLE=worker); the ceiling runs as many senders' },
  concurrency: { default: 4, help: 'DELIVERY_CONCURRENCY: batch jobs each worker runs at once' },
  pool: { default: 5, help: 'SMTP_POOL_SIZE: connections per worker, and per ceiling sender' },
  batch: { default: 500, help: 'DELIVERY_BATCH_SIZE: recipients per batch job' },
  samples: { default: 100, help: 'messages kept by the sink and parsed back (about; plus the first and last)' },
  'node-flags': { default: 'start:worker', help: 'V8 flags of workers and senders: those of `npm run start:worker`, or literal flags' },
  'skip-ceiling': { default: false, help: 'send through the pipeline only' },
  'cpu-prof': { default: false, help: 'a V8 CPU profile of each worker and sender into bench/results/profiles/' },
  segments: {
    default: 0,
    help: 'after the pipeline and ceiling, send a second edition whose partner pieces differ by sector: the audience spread over this many sectors, each with its own piece (0: off)',
  },
  dkim: { default: false, help: 'DKIM-sign every message (a 2048-bit RSA key made for the run), in the pipeline and the ceiling alike' },
  'metrics-port': {
    default: 0,
    help: 'serve /metrics: this process (the API) on this port, worker w on port + 1 + w (0: off); for a Prometheus watching the run (npm run dashboard:render)',
  },
  failover: {
    default: false,
    help: 'two relays (SMTP_URLS), each a sink with --pool connections; the first dies when half the readers are sent: reports the time from its death to the first message through the second (no ceiling run)',
  },
  'redis-cluster': { default: false, help: "Redis as a three-master Redis Cluster of the run's own on free ports (REDIS_CLUSTER_NODES), not REDIS_URL" },
  database: { default: '', help: "send in this existing database (bench:history's, holding its history), and keep it; default: a fresh one, dropped after" },
});

const N = opts.recipients;
const DIST = join(PROJECT_ROOT, 'dist');
const NODE_FLAGS = (
  opts['node-flags'] === 'start:worker'
    ? (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start:worker']
    : opts['node-flags']
)
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));
const EXEC_ARGV = [...NODE_FLAGS, ...(opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`] : [])];

/** The SMTP sink, a child process: counts and discards, keeps a sample. */
class Sink {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(capacity: number, sampleEvery: number): Promise<Sink> {
    const child = fork(join(DIST, 'bench', 'send', 'smtp-sink.js'), [String(capacity), String(sampleEvery)]);
    const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
    return new Sink(child, port);
  }

  private ask<T>(type: string, send = type): Promise<T> {
    return new Promise((resolve) => {
      const listener = (message: { type: string; stats?: T }) => {
        if (message.type !== type) return;
        this.child.off('message', listener);
        resolve(message.stats as T);
      };
      this.child.on('message', listener);
      this.child.send({ type: send });
    });
  }

  stats = () => this.ask<SinkStats>('stats');
  /** Closes the relay and drops its connections; what it had accepted, and when it died. */
  die = () => this.ask<SinkStats & { diedAt: number }>('died', 'die');
  samples = () => this.ask<Array<{ recipient: string; raw: string }>>('samples');
  reset = () => this.ask<void>('reset');
  stop = () => this.child.send({ type: 'stop' });
}

/** Peak resident set of a process, from the kernel (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));

async function main(): Promise<void> {
  noteLoad();
  const versions = await serverVersions();
  const database = opts.database
    ? { name: new URL(opts.database).pathname.slice(1), url: opts.database, drop: async () => undefined }
    : await freshDatabase('send');
  const prefix = redisPrefix('send');
  const varDir = join(tmpdir(), `nl-${prefix}`);
  const sink = await Sink.start(N, Math.max(1, Math.floor(N / opts.samples)));
  const backup = opts.failover ? await Sink.start(N, Math.max(1, Math.floor(N / opts.samples))) : null;
  const cluster = opts['redis-cluster'] ? await new RedisCluster().start() : null;

  let passed = false;
  try {
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL,
      ...(cluster ? { REDIS_CLUSTER_NODES: cluster.nodes } : {}),
      QUEUE_PREFIX: prefix,
      ...(backup
        ? { SMTP_URLS: `smtp://127.0.0.1:${sink.port}?pool=${opts.pool},smtp://127.0.0.1:${backup.port}?pool=${opts.pool}` }
        : { SMTP_URL: `smtp://127.0.0.1:${sink.port}` }),
      SMTP_POOL_SIZE: String(opts.pool),
      MAIL_FROM: 'New Statesman <newsletters@bench.test>',
      PUBLIC_URL: 'https://newsletters.bench.test',
      APP_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      DELIVERY_CONCURRENCY: String(opts.concurrency),
      DELIVERY_BATCH_SIZE: String(opts.batch),
      VAR_DIR: varDir,
    };
    // With --dkim the workers and the ceiling's senders read the same key through the service's settings.
    mkdirSync(varDir, { recursive: true });
    const dkim = opts.dkim ? benchDkim('bench.test', 'bench', join(varDir, 'dkim.pem')) : null;
    if (dkim) Object.assign(env, { DKIM_DOMAIN: dkim.domain, DKIM_SELECTOR: dkim.selector, DKIM_PRIVATE_KEY_FILE: dkim.keyFile });
    /** Each kept message's signature checked as a receiver holding the public key would. */
    async function dkimCheck(run: string, kept: Array<{ recipient: string; raw: string }>): Promise<Check> {
      const wrong: string[] = [];
      for (const { recipient, raw } of kept) for (const problem of await dkim!.problems(Buffer.from(raw, 'latin1'))) wrong.push(`${recipient}: ${problem}`);
      return {
        name: `${run}: sampled messages' DKIM signatures verify and oversign the one-click unsubscribe headers`,
        ok: kept.length >= Math.min(N, opts.samples) && wrong.length === 0,
        detail: wrong.length > 0 ? wrong.slice(0, 3).join('; ') : `${kept.length} signatures verified`,
      };
    }
    // The bench itself plays the API: it composes and sends the edition, as POST /send would.
    // The service's modules load only now that APP_ROLE says this process is the API: a module
    // registers its queue consumers, or not, as it loads.
    Object.assign(process.env, env, { APP_ROLE: 'api' });
    const { NestFactory } = await import('@nestjs/core');
    const { QueueEvents } = await import('bullmq');
    const IORedis = (await import('ioredis')).default;
    const { AppModule } = await import('../src/app.module');
    const { ArticlesService } = await import('../src/articles/articles.service');
    const { EditionsService } = await import('../src/editions/editions.service');
    const { PublishingService } = await import('../src/publishing/publishing.service');
    const { Db } = await import('../src/database/db.service');
    const { DeliveryService } = await import('../src/delivery/delivery.service');
    const { RECORD_GROUP: DELIVERY_CHUNK } = await import('../src/delivery/batch-sender');
    const { LinksService } = await import('../src/tokens/links.service');
    const { QUEUES } = await import('../src/queue/queues');
    const { bullConnection, queuePrefix, redisOptions, redisTarget } = await import('../src/queue/redis-connection');
    const target = redisTarget(REDIS_URL, cluster?.nodes);

    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    if (opts['metrics-port'] > 0) {
      const { MetricsServer } = await import('../src/metrics/metrics-server');
      await new MetricsServer(app.get((await import('../src/metrics/metrics')).Metrics), { port: opts['metrics-port'], host: '127.0.0.1' }).listen();
    }
    const db = app.get(Db);
    const editions = app.get(EditionsService);
    const publishing = app.get(PublishingService);
    // Redis's memory: the server's, or every master's added up.
    const redisServers = cluster ? cluster.masters.map((m) => new IORedis({ port: m.port })) : [new IORedis(redisOptions(REDIS_URL))];
    const usedMemory = async () =>
      (await Promise.all(redisServers.map(async (r) => Number(/used_memory:(\d+)/.exec(await r.info('memory'))![1])))).reduce((a, b) => a + b, 0);
    const workers: ChildProcess[] = [];
    const timeline: Array<[seconds: number, sent: number]> = [];
    const checks: Check[] = [];
    const figures: Record<string, number | null> = {};
    let pipelineCpu: CpuUse | null = null;
    let ceilingCpu: CpuUse | null = null;
    let pipeline: SinkStats | undefined;
    let ceiling: SinkStats | undefined;
    let subject = '';

    const parts =
      (roles: Map<number, string>): Classify =>
      (pid, _ppid, cmdline) =>
        roles.get(pid) ??
        (cluster?.masters.some((m) => m.child?.pid === pid) ? 'Redis Cluster (3 masters)' : undefined) ??
        (cmdline.startsWith(`postgres: `) && cmdline.includes(` ${database.name} `)
          ? 'PostgreSQL backends'
          : sharedServer(cmdline)
            ? 'PostgreSQL and Redis, shared'
            : null);

    try {
      // Readers, set-based: one INSERT … SELECT per table.
      let t = Date.now();
      await db.query(`INSERT INTO subscribers (email, created_at, updated_at) SELECT 'r' || g || '@bench.test', now(), now() FROM generate_series(1, $1) g`, [
        N,
      ]);
      const newsletter = (await editions.newsletter('morning-call'))!;
      await db.query(
        `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
         SELECT id, $1, 'active', now(), now(), now() FROM subscribers WHERE email LIKE '%@bench.test'`,
        [newsletter.id],
      );
      await db.query('ANALYZE');
      figures.seedSeconds = (Date.now() - t) / 1000;

      const articles = app.get(ArticlesService);
      const articleIds: number[] = [];
      for (const article of SAMPLE_ARTICLES) articleIds.push((await articles.upsert(article)).article.id);
      const editionId = (await editions.compose(newsletter, { articleIds }, 'editor'))!;
      subject = (await publishing.view(editionId)).subject;

      const startWorkers = async (): Promise<ChildProcess[]> => {
        const started: ChildProcess[] = [];
        for (let w = 0; w < opts.workers; w += 1) {
          const child = fork(join(DIST, 'src', 'main.js'), [], {
            env: {
              ...process.env,
              ...env,
              APP_ROLE: 'worker',
              LOG_LEVEL: 'info',
              ...(opts['metrics-port'] > 0 ? { METRICS_PORT: String(opts['metrics-port'] + 1 + w) } : {}),
            },
            stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
            execArgv: EXEC_ARGV,
          });
          await new Promise<void>((resolve, reject) => {
            child.once('exit', (code) => reject(new Error(`Worker ${w} exited with ${code} while starting`)));
            child.stdout!.on('data', (chunk: Buffer) => {
              if (chunk.toString().includes('Worker started')) resolve();
            });
          });
          child.stdout!.resume();
          started.push(child);
        }
        return started;
      };
      workers.push(...(await startWorkers()));

      const baseline = await usedMemory();
      let redisPeak = baseline;
      const sampler = setInterval(() => {
        void usedMemory().then((used) => {
          redisPeak = Math.max(redisPeak, used);
        });
      }, 100);

      const expectedJobs = Math.ceil(N / opts.batch);
      const deliveryEvents = new QueueEvents(QUEUES.delivery, { connection: bullConnection(target), prefix: queuePrefix(target, prefix, QUEUES.delivery) });
      await deliveryEvents.waitUntilReady();
      let added = 0;
      let fanOutDone = 0;
      deliveryEvents.on('added', () => {
        added += 1;
        if (added === expectedJobs) fanOutDone = Date.now();
      });

      const account = new CpuAccount(
        parts(new Map([...workers.map((w) => [w.pid!, 'workers'] as const), [sink.child.pid!, 'SMTP sink'], [process.pid, 'bench (API)']])),
      );
      const started = Date.now();
      await publishing.send(editionId);
      const sendReturned = Date.now();
      // --failover: the first relay dies once half the readers are sent (watched closely, not once a second).
      let died: (SinkStats & { diedAt: number }) | null = null;
      const watching = backup
        ? (async () => {
            const delivery = app.get(DeliveryService);
            for (;;) {
              const counts = await delivery.counts(editionId);
              if ((counts?.sent ?? 0) >= N / 2) break;
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
            died = await sink.die();
          })()
        : Promise.resolve();
      figures.sendCallSeconds = (sendReturned - started) / 1000;

      let view = await publishing.view(editionId);
      while (view.status === 'sending') {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        view = await publishing.view(editionId);
        timeline.push([(Date.now() - started) / 1000, view.counts.sent]);
        const [, before] = timeline[timeline.length - 2] ?? [0, 0];
        process.stderr.write(`\r  ${view.counts.sent.toLocaleString('en-GB')}/${N.toLocaleString('en-GB')} sent, ${view.counts.sent - before}/s now   `);
      }
      process.stderr.write('\n');
      pipelineCpu = account.stop();
      clearInterval(sampler);
      await watching;
      if (backup && died) {
        const first = died as SinkStats & { diedAt: number };
        const second = await backup.stats();
        figures.failoverSeconds = second.firstAt === null ? null : (second.firstAt - first.diedAt) / 1000;
        figures.onFirstRelay = first.accepted;
        figures.onSecondRelay = second.accepted;
        // Both relays as one far end: the first's opening to the second's close.
        pipeline = {
          accepted: first.accepted + second.accepted,
          distinct: N,
          duplicates: first.accepted + second.accepted - N,
          unknown: first.unknown + second.unknown,
          bytes: first.bytes + second.bytes,
          firstAt: first.firstAt,
          lastAt: second.lastAt ?? first.lastAt,
          tenthsAt: [],
        };
      } else pipeline = await sink.stats();
      figures.fanOutSeconds = fanOutDone ? (fanOutDone - sendReturned) / 1000 : null;
      figures.pipelinePerSecond = N / ((pipeline.lastAt! - pipeline.firstAt!) / 1000);
      figures.secondsToLastAccepted = (pipeline.lastAt! - started) / 1000;
      // Whether the rate holds as the send goes on (issue 16): emails/s over each tenth of the audience.
      pipeline.tenthsAt.forEach(
        (at, k) => (figures[`tenth${k + 1}PerSecond`] = N / 10 / (Math.max(1, at - (k === 0 ? pipeline!.firstAt! : pipeline!.tenthsAt[k - 1])) / 1000)),
      );
      figures.workerPeakRssMb = Math.max(...workers.map((w) => peakRssMb(w.pid!)));
      figures.redisPeakMb = redisPeak / 2 ** 20;
      figures.redisAboveBaselineMb = (redisPeak - baseline) / 2 ** 20;
      figures.messageBytes = pipeline.bytes / Math.max(1, pipeline.accepted);
      figures.ambiguous = view.counts.ambiguous ?? 0;
      checks.push({ name: 'the edition finished as sent', ok: view.status === 'sent', detail: view.status });
      if (backup) {
        const extra = pipeline.duplicates;
        checks.push({
          name: 'failover: the first relay died mid-send and the second took over',
          ok: figures.failoverSeconds != null && (figures.onSecondRelay ?? 0) > 0,
          detail: `${figures.onFirstRelay} on the first relay, ${figures.onSecondRelay} on the second`,
        });
        checks.push({
          name: 'failover: every reader sent, none lost; copies beyond one per reader at most the ambiguous count',
          ok: view.counts.sent === N && extra >= 0 && extra <= (view.counts.ambiguous ?? 0) && pipeline.unknown === 0,
          detail: `${pipeline.accepted} accepted by the two relays for ${N} readers (${extra} extra), ${view.counts.ambiguous} ambiguous`,
        });
      } else
        checks.push({
          name: 'pipeline: every reader got exactly one message',
          ok: pipeline.distinct === N && pipeline.duplicates === 0 && pipeline.unknown === 0 && view.counts.sent === N,
          detail: `${pipeline.distinct} of ${N} readers, ${pipeline.duplicates} duplicates, ${pipeline.unknown} unknown; ${view.counts.sent} rows sent`,
        });
      // With --failover each relay keeps the samples it accepted: together about the whole sample.
      const samples = [...(await sink.samples()), ...(backup ? await backup.samples() : [])];
      const links = app.get(LinksService);
      const edition = await app.get(DeliveryService).messageFor(editionId);
      const problems: string[] = [];
      // Read back, not assumed from the address: with --database the history's readers came first.
      const readerOf = new Map(
        (
          await db.query<{ id: number; email: string; public_id: string }>(`SELECT id, email, public_id FROM subscribers WHERE email = ANY($1::text[])`, [
            samples.map((s) => s.recipient),
          ])
        ).rows.map((r) => [r.email, { id: Number(r.id), publicId: r.public_id }]),
      );
      for (const { recipient, raw } of samples) {
        const id = readerOf.get(recipient)?.id ?? 0;
        const expected = {
          publicId: readerOf.get(recipient)?.publicId ?? '(none)',
          email: recipient,
          newsletterId: newsletter.id,
          subject,
          messageId: edition.messageIdFor(id),
          titles: SAMPLE_ARTICLES.map((a) => a.title),
        };
        for (const problem of await messageProblems(Buffer.from(raw, 'latin1'), expected, links)) problems.push(`${recipient}: ${problem}`);
      }
      checks.push({
        name: 'sampled messages parse back to their reader, headers and links',
        ok: samples.length >= Math.min(N, opts.samples) && problems.length === 0,
        detail: problems.length > 0 ? problems.slice(0, 3).join('; ') : `${samples.length} messages parsed`,
      });
      if (dkim) checks.push(await dkimCheck('pipeline', samples));
      await deliveryEvents.close();
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map(exited));

      if (!opts['skip-ceiling'] && !backup) {
        // The same number of messages of the same size, built once, through bare pooled transports,
        // each sender with as many messages in flight as a worker has (jobs × chunk).
        const message = await app.get(DeliveryService).messageFor(editionId);
        const messagePath = join(varDir, 'message.eml');
        mkdirSync(varDir, { recursive: true });
        const [first] = (await db.query<{ public_id: string }>(`SELECT public_id FROM subscribers WHERE id = 1`)).rows;
        writeFileSync(messagePath, message.forRecipient(1, first.public_id, 'r1@bench.test').raw);
        await sink.reset();
        const share = Math.ceil(N / opts.workers);
        const senders = Array.from({ length: opts.workers }, (_, w) =>
          fork(
            join(DIST, 'bench', 'send', 'ceiling-sender.js'),
            [
              env.SMTP_URL,
              messagePath,
              String(w * share + 1),
              String(Math.min(N, (w + 1) * share)),
              String(opts.pool),
              String(opts.concurrency * DELIVERY_CHUNK),
            ],
            { execArgv: EXEC_ARGV },
          ),
        );
        const ceilingAccount = new CpuAccount(
          parts(new Map([...senders.map((s) => [s.pid!, 'ceiling senders'] as const), [sink.child.pid!, 'SMTP sink'], [process.pid, 'bench (API)']])),
        );
        const failed = await Promise.all(senders.map((s) => new Promise<number>((resolve) => s.once('message', (m: { failed: number }) => resolve(m.failed)))));
        ceilingCpu = ceilingAccount.stop();
        for (const sender of senders) sender.send('exit');
        await Promise.all(senders.map(exited));
        ceiling = await sink.stats();
        figures.ceilingPerSecond = N / ((ceiling.lastAt! - ceiling.firstAt!) / 1000);
        figures.shareOfCeiling = figures.pipelinePerSecond / figures.ceilingPerSecond;
        checks.push({
          name: 'ceiling: every message reached the sink exactly once',
          ok: ceiling.distinct === N && ceiling.duplicates === 0 && failed.every((f) => f === 0),
          detail: `${ceiling.distinct} of ${N}, ${ceiling.duplicates} duplicates, ${failed.reduce((a, b) => a + b, 0)} failed`,
        });
        if (dkim) checks.push(await dkimCheck('ceiling', await sink.samples()));
      }

      if (opts.segments > 0) {
        // The same audience spread over K sectors, each sector's readers with a partner piece of
        // their own: K + 1 versions (the untargeted one for nobody here), rendered once each.
        const K = opts.segments;
        const sectors = (await db.query<{ id: number }>(`SELECT id FROM job_sectors ORDER BY position LIMIT $1`, [K])).rows.map((r) => r.id);
        await db.query(`UPDATE subscribers SET job_sector_id = ($1::int[])[1 + id % $2]`, [sectors, sectors.length]);
        const partnerIds: number[] = [];
        for (const [i, sector] of sectors.entries()) {
          const piece = await articles.upsert({
            url: `https://www.newstatesman.com/spotlight/bench/partner-${i}`,
            title: `Partner piece for sector ${sector}: ${'a considered headline '.repeat(2).trim()}`,
            standfirst: 'A partner’s piece aimed at one job sector, as long as a real standfirst runs in the digest.',
            section: 'Spotlight',
            publishedAt: new Date(),
            sponsored: true,
            targetSectorIds: [sector],
          });
          partnerIds.push(piece.article.id);
        }
        const segmented = (await editions.compose(newsletter, { articleIds: [...articleIds, ...partnerIds] }, 'editor'))!;
        await sink.reset();
        const segmentWorkers = await startWorkers();
        workers.push(...segmentWorkers);
        const renderer = app.get((await import('../src/publishing/digest-renderer')).DigestRenderer);
        let renders = 0;
        const render = renderer.render.bind(renderer);
        renderer.render = (...args: Parameters<typeof render>) => {
          renders += 1;
          return render(...args);
        };
        const t0 = Date.now();
        await publishing.send(segmented);
        figures.segmentedSendCallSeconds = (Date.now() - t0) / 1000;
        let segView = await publishing.view(segmented);
        while (segView.status === 'sending') {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          segView = await publishing.view(segmented);
          process.stderr.write(`\r  segmented: ${segView.counts.sent.toLocaleString('en-GB')}/${N.toLocaleString('en-GB')} sent   `);
        }
        process.stderr.write('\n');
        const stats = await sink.stats();
        figures.segments = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM edition_segments WHERE edition_id = $1`, [segmented])).rows[0].n;
        figures.segmentRenders = renders;
        figures.segmentedPerSecond = N / ((stats.lastAt! - stats.firstAt!) / 1000);
        figures.segmentedShareOfUnsegmented = figures.segmentedPerSecond / figures.pipelinePerSecond!;
        figures.segmentedWorkerPeakRssMb = Math.max(...segmentWorkers.map((w) => peakRssMb(w.pid!)));
        checks.push({ name: 'segmented: the edition finished as sent', ok: segView.status === 'sent', detail: segView.status });
        checks.push({
          name: 'segmented: every reader got exactly one message',
          ok: stats.distinct === N && stats.duplicates === 0 && stats.unknown === 0 && segView.counts.sent === N,
          detail: `${stats.distinct} of ${N} readers, ${stats.duplicates} duplicates`,
        });
        checks.push({
          name: 'segmented: one render per distinct version',
          ok: renders === figures.segments && figures.segments === Math.min(K, sectors.length) + 1,
          detail: `${renders} renders, ${figures.segments} segments for ${sectors.length} sectors`,
        });
        for (const worker of segmentWorkers) worker.kill('SIGTERM');
        await Promise.all(segmentWorkers.map(exited));
      }
    } finally {
      for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
      await app.close();
      for (const r of redisServers) await r.quit();
    }

    const n = (value: number | null | undefined) => (value == null ? '—' : value);
    const ms = N / 1000;
    const cpuRows = (label: string, cpu: CpuUse | null) =>
      Object.entries(cpu?.seconds ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([part, seconds]) => [label, part, (seconds * 1000) / ms]);
    console.log();
    console.log(`Redis: ${cluster ? 'a Redis Cluster of three masters (REDIS_CLUSTER_NODES)' : 'one server (REDIS_URL)'}`);
    console.log(
      `${N.toLocaleString('en-GB')} recipients, ${opts.workers} workers × ${opts.concurrency} jobs × ${DELIVERY_CHUNK} in flight, ${opts.pool} SMTP connections each; V8 flags: ${NODE_FLAGS.join(' ') || 'none'}; DKIM: ${dkim ? 'every message signed, rsa-sha256, 2048-bit key' : 'off'}`,
    );
    console.log(
      table(
        ['', 'messages', 'per s', 'seconds, first to last accepted', 'other work (CPU)'],
        [
          [
            'pipeline (send → workers → SMTP)',
            pipeline?.distinct ?? 0,
            n(figures.pipelinePerSecond),
            pipeline ? (pipeline.lastAt! - pipeline.firstAt!) / 1000 : '—',
            pipelineCpu ? `${format(pipelineCpu.otherShare * 100)} %` : '—',
          ],
          [
            'ceiling (pre-built, bare nodemailer)',
            ceiling?.distinct ?? 0,
            n(figures.ceilingPerSecond),
            ceiling ? (ceiling.lastAt! - ceiling.firstAt!) / 1000 : '—',
            ceilingCpu ? `${format(ceilingCpu.otherShare * 100)} %` : '—',
          ],
        ],
      ),
    );
    console.log();
    console.log(
      table(
        ['phase', 'seconds'],
        [
          ['seed readers (INSERT … SELECT)', n(figures.seedSeconds)],
          ['send call: render, draft → sending, audience snapshot', n(figures.sendCallSeconds)],
          ['fan-out: batch jobs queued', n(figures.fanOutSeconds)],
          ['send call until the last message was accepted', n(figures.secondsToLastAccepted)],
        ],
      ),
    );
    console.log();
    console.log('CPU time per 1,000 messages, ms (from /proc)');
    console.log(table(['run', 'part', 'CPU ms'], [...cpuRows('pipeline', pipelineCpu), ...cpuRows('ceiling', ceilingCpu)]));
    console.log();
    const tenths = Array.from({ length: 10 }, (_, k) => figures[`tenth${k + 1}PerSecond`]).filter((rate): rate is number => typeof rate === 'number');
    if (tenths.length === 10) {
      figures.tenthsSpread = Math.max(...tenths) / Math.min(...tenths) - 1;
      console.log(
        `Pipeline emails/s per tenth of the audience: ${tenths.map((rate) => Math.round(rate).toLocaleString('en-GB')).join(' · ')} (highest ÷ lowest − 1: ${format(figures.tenthsSpread * 100)} %)`,
      );
    }
    const workerCpu = pipelineCpu?.seconds.workers;
    const senderCpu = ceilingCpu?.seconds['ceiling senders'];
    if (workerCpu && senderCpu) {
      figures.workersPerSenders = workerCpu / senderCpu;
      console.log(`Workers' CPU ÷ the ceiling senders' CPU for the same messages: ${format(figures.workersPerSenders)}`);
    }
    console.log();
    const share = figures.shareOfCeiling ?? null;
    console.log(
      table(
        ['target', 'measured', 'target', 'met'],
        [
          ['pipeline ÷ ceiling', share === null ? '—' : `${format(share * 100)} %`, '≥ 70 %', share === null ? '—' : share >= 0.7 ? 'yes' : 'no'],
          ['worker peak RSS, MB', n(figures.workerPeakRssMb), '≤ 256 (at 1M)', figures.workerPeakRssMb! <= 256 ? 'yes' : 'no'],
          [
            'Redis peak, MB (above baseline)',
            `${format(figures.redisPeakMb!)} (${format(figures.redisAboveBaselineMb!)})`,
            '≤ 100 (at 1M)',
            figures.redisPeakMb! <= 100 ? 'yes' : 'no',
          ],
          ['audience snapshot (send call), s', n(figures.sendCallSeconds), '≤ 15 (at 1M)', figures.sendCallSeconds! <= 15 ? 'yes' : 'no'],
        ],
      ),
    );
    console.log(`Message size ${format(figures.messageBytes! / 1024)} kB; recipients left ambiguous: ${figures.ambiguous}.`);
    if (backup) {
      console.log(
        `Failover: the first relay died after accepting ${figures.onFirstRelay}; the second took ${figures.onSecondRelay}; ` +
          `${figures.failoverSeconds === null || figures.failoverSeconds === undefined ? 'nothing went through the second' : `${format(figures.failoverSeconds)} s from the first relay's death to the first message through the second`}.`,
      );
    }
    if (opts.segments > 0) {
      const segShare = figures.segmentedShareOfUnsegmented ?? null;
      const rssRatio = figures.segmentedWorkerPeakRssMb && figures.workerPeakRssMb ? figures.segmentedWorkerPeakRssMb / figures.workerPeakRssMb : null;
      console.log();
      console.log(`Segmented edition: the same ${N.toLocaleString('en-GB')} readers over ${opts.segments} sectors, a partner piece each`);
      console.log(
        table(
          ['target', 'measured', 'target', 'met'],
          [
            [
              'segmented ÷ unsegmented pipeline, emails/s',
              segShare === null ? '—' : `${format(segShare * 100)} % (${format(figures.segmentedPerSecond!)} / ${format(figures.pipelinePerSecond!)})`,
              '≥ 90 %',
              segShare === null ? '—' : segShare >= 0.9 ? 'yes' : 'no',
            ],
            [
              'renders per edition',
              `${figures.segmentRenders} for ${figures.segments} segments`,
              '= segments',
              figures.segmentRenders === figures.segments ? 'yes' : 'no',
            ],
            [
              'worker peak RSS, MB, segmented ÷ unsegmented',
              rssRatio === null ? '—' : `${format(rssRatio * 100)} % (${format(figures.segmentedWorkerPeakRssMb!)} / ${format(figures.workerPeakRssMb!)})`,
              '≤ 110 %',
              rssRatio === null ? '—' : rssRatio <= 1.1 ? 'yes' : 'no',
            ],
            ['send call (render per segment + snapshot), s', n(figures.segmentedSendCallSeconds), '', ''],
          ],
        ),
      );
    }
    passed = report(`send-${N}${cluster ? '-cluster' : ''}${backup ? '-failover' : ''}`, checks, {
      settings: { ...opts, nodeFlags: NODE_FLAGS },
      servers: versions,
      figures,
      cpuSeconds: { pipeline: pipelineCpu, ceiling: ceilingCpu },
      timeline,
    });
  } finally {
    // Whatever failed above, the run leaves no sink, keys, database or files behind.
    sink.stop();
    backup?.stop();
    if (cluster) await cluster.stop().catch(() => undefined);
    else await dropRedisPrefix(prefix).catch(() => undefined);
    await database.drop().catch(() => undefined);
    rmSync(varDir, { recursive: true, force: true });
  }
  process.exit(passed ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
