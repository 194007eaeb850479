/**
 * Sign-up throughput: autocannon against POST /subscribe (JSON, a new address per request) on a
 * fresh PostgreSQL database, then, in the same run, the database ceiling: the one statement the
 * service now sends per sign-up (the request row, `INSERT INTO signup_requests … RETURNING id`)
 * through bare `pg` with the same pool size and concurrency for the same time. The service runs
 * as APP_ROLE=api, so the jobs that carry the requests out wait in Redis.
 *
 *   npm run bench:signup                     # 20 s
 *   npm run bench:signup -- --duration 3     # CI size
 *
 * Timings are reported, never asserted. The exit code says whether every sign-up the service
 * answered 2xx left exactly one request row and one queued `process-signup` job, and whether a
 * sample of them, carried out in this process by SubscriptionsService.processSignup, left the
 * reader's rows and the one queued email they should.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import IORedis from 'ioredis';
import { Pool, PoolClient } from 'pg';
import { options } from './support/args';
import { dropRedisPrefix, freePort, freshDatabase, REDIS_URL, redisPrefix, serverVersions } from './support/services';
import { deploymentNodeFlags, startService, tail } from './support/server';
import { Classify, CpuAccount, CpuUse, sharedServer } from './support/cpu-account';
import { Check, noteLoad, percentiles, report, RESULTS_DIR } from './support/results';
import { format, table } from './support/table';

const opts = options('npm run bench:signup -- [options]', {
  duration: { default: 20, help: 'seconds of measured sign-ups, and of each ceiling run' },
  warmup: { default: 3, help: 'seconds of sign-ups first, not measured (their rows are checked too)' },
  connections: { default: 10, help: 'concurrent HTTP connections, and concurrent writers in the ceiling' },
  pool: { default: 10, help: "DATABASE_POOL_SIZE of the service, and the ceiling's pg pool size" },
  instances: { default: 1, help: 'service processes (more than 1: Node cluster on one port)' },
  'log-level': { default: 'info', help: 'LOG_LEVEL of the service' },
  'node-flags': { default: 'start:prod', help: "the service's node flags: those of npm run start:prod, or a space-separated list (--node-flags= for none)" },
  'cpu-prof': { default: false, help: 'write a CPU profile of the service process to bench/results/' },
  'skip-ceiling': { default: false, help: 'measure the service only (for profiling; no ratio)' },
  breakdown: { default: false, help: 'also measure the CPU cost of lighter requests (5 s each), to see where a sign-up\'s goes' },
  challenge: { default: false, help: 'SIGNUP_CHALLENGE=on: every sign-up carries a fresh proof-of-work solution, checked and taken once in Redis' },
});

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) signup-bench/1.0';
const NEWSLETTERS = ['the-saturday-read', 'morning-call'];
/** Stored requests carried out after the load, each reader's rows then checked. */
const SAMPLE = 200;
const run = randomBytes(3).toString('hex');
const APP_SECRET = randomBytes(32).toString('base64url');
/** The service's ALTCHA key, derived from APP_SECRET as src/embed/signup-challenge.ts does. */
const ALTCHA_KEY = createHmac('sha256', APP_SECRET).update('altcha').digest('hex');

/**
 * A valid, unused solution at the service's own difficulty, made the way the service makes its
 * challenges: the bench picks the number, so it costs nothing to find and the load stays the
 * service's. What the service does with it (the signature, the hash, the expiry, Redis's SET NX)
 * is the same as for a browser's.
 */
function solution(): string {
  const salt = `${randomBytes(12).toString('hex')}?expires=${Math.floor(Date.now() / 1000) + 600}&`;
  const number = randomInt(50_000);
  const challenge = createHash('sha256')
    .update(salt + number)
    .digest('hex');
  const signature = createHmac('sha256', ALTCHA_KEY).update(challenge).digest('hex');
  return Buffer.from(JSON.stringify({ algorithm: 'SHA-256', challenge, number, salt, signature })).toString('base64');
}

interface Catalogue {
  newsletterIds: number[];
  sectors: Array<{ id: number; slug: string }>;
  noticeVersion: number;
}

interface LoadResult {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  reqPerSec: number;
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** CPU seconds of each part meanwhile, and the share of the machine other work used; null off Linux. */
  cpu: CpuUse | null;
}

/** The n-th sign-up: a new address, both newsletters, the job sectors in turn. */
function signup(n: number, catalogue: Catalogue, label: string) {
  const sector = catalogue.sectors[n % catalogue.sectors.length];
  return { email: `${label}-${run}-${n}@example.com`, sector };
}

// ---------------------------------------------------------------------------------------------
// The service under load

interface InFlight {
  email: string;
}

interface Tracker {
  next: number;
  answered: Map<string, number>;
  sent: Set<string>;
}

async function load(url: string, seconds: number, catalogue: Catalogue, tracker: Tracker, parts: Classify): Promise<LoadResult> {
  const account = new CpuAccount(parts);
  const result = await autocannon({
    url,
    connections: opts.connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/subscribe',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': USER_AGENT },
        // Each connection has its own context and one request in flight: the address it holds is
        // the one the next response answers.
        setupRequest: (request, context) => {
          const { email, sector } = signup(tracker.next++, catalogue, 'signup');
          (context as InFlight).email = email;
          tracker.sent.add(email);
          const altcha = opts.challenge ? { altcha: solution() } : {};
          return { ...request, body: JSON.stringify({ email, newsletters: NEWSLETTERS, jobSector: sector.slug, ...altcha }) };
        },
        onResponse: (status, _body, context) => {
          tracker.answered.set((context as InFlight).email, status);
        },
      },
    ],
  });
  return {
    seconds: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    reqPerSec: result['2xx'] / result.duration,
    cpu: account.stop(),
    latency: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The database ceiling: the request row POST /subscribe now stores, written by bare `pg`

/**
 * One statement per sign-up: the request as it came, RETURNING its id. The statement
 * SubscriptionsService.requestSignup itself sends (SubscriptionsStore.insertRequest) before it
 * queues the job and answers; the ratio is what HTTP, validation and the two Redis round trips
 * (rate limit, job) cost on top.
 */
async function storeRequest(client: PoolClient, n: number, catalogue: Catalogue): Promise<void> {
  const { email, sector } = signup(n, catalogue, 'ceiling');
  await client.query(
    `INSERT INTO signup_requests (email, newsletter_ids, job_sector_id, notice_version, source, ip, user_agent, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
    [email, catalogue.newsletterIds, sector.id, catalogue.noticeVersion, 'api', '127.0.0.1', USER_AGENT],
  );
}

/** The bench's processes: itself, the service and its cluster workers, its database's backends, shared servers. */
function partsFor(databaseName: string, servicePid?: number): Classify {
  return (pid, ppid, cmdline) =>
    pid === process.pid
      ? 'bench'
      : servicePid !== undefined && (pid === servicePid || ppid === servicePid)
        ? 'service'
        : cmdline.includes(` ${databaseName} `)
          ? 'postgres'
          : sharedServer(cmdline)
            ? 'shared'
            : null;
}

type Writer = (client: PoolClient, n: number, catalogue: Catalogue) => Promise<void>;

async function ceiling(
  databaseUrl: string,
  seconds: number,
  catalogue: Catalogue,
  write: Writer,
  parts: Classify,
): Promise<LoadResult & { written: number }> {
  const account = new CpuAccount(parts);
  const pool = new Pool({ connectionString: databaseUrl, max: opts.pool });
  let next = 0;
  let failed = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  const writer = async () => {
    while (Date.now() < deadline) {
      const at = process.hrtime.bigint();
      const client = await pool.connect();
      try {
        await write(client, next++, catalogue);
        latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
      } catch (error) {
        failed += 1;
        if (failed === 1) console.error(error);
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, writer));
  const cpu = account.stop();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.end();
  const stats = percentiles(latencies);
  return {
    seconds: elapsed,
    ok: latencies.length,
    non2xx: 0,
    errors: failed,
    timeouts: 0,
    reqPerSec: latencies.length / elapsed,
    written: latencies.length,
    cpu,
    latency: { mean: stats.mean, p50: stats.p50, p90: latencies[Math.floor(0.9 * latencies.length)] ?? 0, p99: stats.p99, max: stats.max },
  };
}

// ---------------------------------------------------------------------------------------------
// Where a sign-up's CPU goes: lighter requests through the same service, costed the same way

interface Layer {
  request: string;
  perSec: number;
  p99: number;
  serviceMs: number | null;
  postgresMs: number | null;
}

async function breakdown(url: string, parts: Classify): Promise<Layer[]> {
  const json = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': USER_AGENT };
  const probes: Array<[string, autocannon.Request]> = [
    ['GET /api/newsletters (the framework alone)', { method: 'GET', path: '/api/newsletters' }],
    [
      'POST /subscribe, honeypot filled (+ body, rate limit, validation; no database)',
      { method: 'POST', path: '/subscribe', headers: json, body: JSON.stringify({ email: 'bot@example.com', newsletters: NEWSLETTERS, website: 'x' }) },
    ],
    [
      'POST /subscribe, invalid address (400)',
      { method: 'POST', path: '/subscribe', headers: json, body: JSON.stringify({ email: 'not an address', newsletters: NEWSLETTERS }) },
    ],
  ];
  const layers: Layer[] = [];
  for (const [request, probe] of probes) {
    await autocannon({ url, connections: opts.connections, duration: 1, requests: [probe] });
    const account = new CpuAccount(parts);
    const result = await autocannon({ url, connections: opts.connections, duration: 5, requests: [probe] });
    const cpu = account.stop();
    const total = result.requests.total;
    layers.push({
      request,
      perSec: total / result.duration,
      p99: result.latency.p99,
      serviceMs: cpu ? ((cpu.seconds.service ?? 0) * 1000) / total : null,
      postgresMs: cpu ? ((cpu.seconds.postgres ?? 0) * 1000) / total : null,
    });
  }
  return layers;
}

// ---------------------------------------------------------------------------------------------
// Correctness

async function settle(pool: Pool): Promise<void> {
  // The client hangs up at the deadline; sign-ups the server had in hand still finish.
  let last = -1;
  for (let i = 0; i < 100; i += 1) {
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM signup_requests`);
    const n = Number(rows[0].n);
    if (n === last) return;
    last = n;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

interface QueuedJob {
  id: string;
  name: string;
  data: object;
}

/**
 * Whether the queue holds exactly `expected`, each once, waiting under its name with its data,
 * and nothing in any other state: the service runs as APP_ROLE=api, so no worker takes them.
 */
async function checkQueue(prefix: string, expected: QueuedJob[]): Promise<{ ok: boolean; detail: string }> {
  const redis = new IORedis(REDIS_URL);
  try {
    const queue = `${prefix}:reader-mail`;
    const waiting = await redis.lrange(`${queue}:wait`, 0, -1);
    const otherStates = await Promise.all(
      ['active', 'failed', 'completed', 'delayed', 'prioritized'].map(async (state) => {
        const key = `${queue}:${state}`;
        const type = await redis.type(key);
        return type === 'list' ? redis.llen(key) : type === 'zset' ? redis.zcard(key) : 0;
      }),
    );
    const ids = new Set(expected.map((job) => job.id));
    const unique = new Set(waiting);
    const strays = waiting.filter((id) => !ids.has(id));
    const absent = [...ids].filter((id) => !unique.has(id));
    const stored = expected.reduce((p, job) => p.hmget(`${queue}:${job.id}`, 'name', 'data'), redis.pipeline());
    const found = (await stored.exec()) ?? [];
    const wrong = expected.filter((job, i) => {
      const [error, value] = found[i] ?? [null, null];
      const [name, data] = (value as Array<string | null> | null) ?? [null, null];
      return error !== null || name !== job.name || data === null || !isDeepStrictEqual(JSON.parse(data), job.data);
    });
    return {
      ok: unique.size === waiting.length && strays.length === 0 && absent.length === 0 && wrong.length === 0 && otherStates.every((c) => c === 0),
      detail:
        `${waiting.length} waiting (${unique.size} distinct), ${absent.length} missing, ${strays.length} stray, ` +
        `${wrong.length} with another name or data${wrong.length ? ` (e.g. ${wrong[0].id})` : ''}, other states ${otherStates.join('/')}`,
    };
  } finally {
    await redis.quit();
  }
}

interface RequestRow {
  id: number;
  email: string;
  newsletter_ids: number[];
  job_sector_id: number | null;
  notice_version: number;
  source: string;
  ip: string | null;
  user_agent: string | null;
}

const sameIds = (a: number[], b: number[]) => isDeepStrictEqual([...a].sort((x, y) => x - y), [...b].sort((x, y) => x - y));
/** The job sector the n-th sign-up chose, from the number its address ends with. */
const sectorOf = (catalogue: Catalogue, email: string) => catalogue.sectors[Number(email.split('@')[0].split('-').pop()) % catalogue.sectors.length]?.id;
const signupJob = (id: number): QueuedJob => ({ id: `signup-${id}`, name: 'process-signup', data: { signupRequestId: id } });

/** What POST /subscribe left: one request row and one queued job per sign-up it answered 2xx. */
async function checkService(
  pool: Pool,
  prefix: string,
  catalogue: Catalogue,
  tracker: Tracker,
  inFlightBound: number,
): Promise<{ checks: Check[]; requestIds: number[]; lateCompletions: number }> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const ok2xx = [...tracker.answered].filter(([, status]) => status >= 200 && status < 300).map(([email]) => email);
  const refused = [...tracker.answered].filter(([, status]) => status < 200 || status >= 300);
  const unanswered = [...tracker.sent].filter((email) => !tracker.answered.has(email));

  const { rows } = await pool.query<RequestRow>(
    `SELECT id, email, newsletter_ids, job_sector_id, notice_version, source, ip, user_agent FROM signup_requests ORDER BY id`,
  );
  const byEmail = new Map<string, RequestRow[]>();
  for (const row of rows) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row]);

  const missing = ok2xx.filter((email) => !byEmail.has(email));
  const repeated = [...byEmail].filter(([, stored]) => stored.length > 1);
  check(
    'every 2xx sign-up is stored as exactly one request',
    missing.length === 0 && repeated.length === 0,
    `${ok2xx.length - missing.length} of ${ok2xx.length}${missing.length ? `; missing e.g. ${missing[0]}` : ''}; ${repeated.length} addresses stored more than once`,
  );
  const strangers = rows.filter((row) => !tracker.sent.has(row.email));
  check('every stored request was sent by this bench', strangers.length === 0, `${strangers.length} unknown`);
  const refusedStored = refused.filter(([email]) => byEmail.has(email));
  check('no sign-up answered non-2xx is stored', refusedStored.length === 0, `${refused.length} non-2xx answers, ${refusedStored.length} stored`);
  // Requests in flight when autocannon stopped have no answer; the server may still finish them.
  const late = unanswered.filter((email) => byEmail.has(email)).length;
  check(
    'requests = 2xx answers (+ sign-ups completed after the client hung up at the deadline)',
    rows.length === ok2xx.length + late && late <= inFlightBound,
    `${rows.length} = ${ok2xx.length} + ${late} (at most ${inFlightBound} were in flight: ${opts.connections} per run of the load)`,
  );
  const wrong = rows.filter(
    (row) =>
      !sameIds(row.newsletter_ids, catalogue.newsletterIds) ||
      row.job_sector_id !== sectorOf(catalogue, row.email) ||
      row.notice_version !== catalogue.noticeVersion ||
      row.source !== 'api' ||
      !row.ip ||
      row.user_agent !== USER_AGENT,
  );
  check(
    `each holds both newsletters, its job sector, notice version ${catalogue.noticeVersion}, source 'api', an IP and the bench's user agent`,
    wrong.length === 0,
    wrong.length === 0 ? `${rows.length} requests` : `${wrong.length} wrong, e.g. ${JSON.stringify(wrong[0])}`,
  );

  const queued = await checkQueue(prefix, rows.map((row) => signupJob(row.id)));
  check('one queued process-signup job per request, named signup-<id>, and nothing else', queued.ok, queued.detail);
  return { checks, requestIds: rows.map((row) => row.id), lateCompletions: late };
}

/** Up to `size` of `ids`: the first, the last and others evenly spread between. */
function spread(ids: number[], size: number): number[] {
  if (ids.length <= size) return ids;
  return Array.from({ length: size }, (_, i) => ids[Math.round((i * (ids.length - 1)) / (size - 1))]);
}

/**
 * Carries a sample of the stored requests out as a worker would, through the service's own
 * SubscriptionsService.processSignup in this process, and checks what each left: the reader's
 * rows, the request row gone, and the one email job.
 */
async function carryOutSample(
  pool: Pool,
  prefix: string,
  catalogue: Catalogue,
  env: Record<string, string>,
  requestIds: number[],
): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const sample = spread(requestIds, SAMPLE);
  // The request's time as text, to the microsecond: the ledger rows must hold exactly that.
  const { rows: taken } = await pool.query<{ id: number; email: string; ip: string | null; at: string }>(
    `SELECT id, email, ip, created_at::text AS at FROM signup_requests WHERE id = ANY($1::int[]) ORDER BY id`,
    [sample],
  );

  // The service's modules load only now that APP_ROLE says this process is the API: a module
  // registers its queue consumers, or not, as it loads. Its info lines would bury the tables.
  Object.assign(process.env, env, { APP_ROLE: 'api', LOG_LEVEL: 'warn' });
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { SignupService } = await import('../src/signup/signup.service');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const failures: string[] = [];
  try {
    const signup = app.get(SignupService);
    for (const id of sample) {
      await signup.processSignup(id).catch((error: Error) => failures.push(`${id}: ${error.message}`));
    }
  } finally {
    await app.close();
  }

  const { rows: left } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM signup_requests WHERE id = ANY($1::int[])`, [sample]);
  check(
    `a sample of ${sample.length} requests (first, last, evenly spread) carried out by processSignup, their rows taken`,
    sample.length > 0 && taken.length === sample.length && failures.length === 0 && Number(left[0].n) === 0,
    `${taken.length} found, ${failures.length} failed${failures.length ? ` (e.g. ${failures[0]})` : ''}, ${left[0].n} still stored`,
  );

  const { rows } = await pool.query<{
    email: string;
    id: number | null;
    job_sector_id: number | null;
    subscribers: string;
    subscriptions: string;
    pending: string;
    ledger: string;
    subscribed: string;
    emails: string;
    confirmations: string;
    account_email_id: number | null;
  }>(
    `SELECT r.email, s.id, s.job_sector_id,
       (SELECT count(*) FROM subscribers x WHERE x.email = r.email) AS subscribers,
       (SELECT count(*) FROM subscriptions x WHERE x.subscriber_id = s.id) AS subscriptions,
       (SELECT count(*) FROM subscriptions x WHERE x.subscriber_id = s.id AND x.status = 'pending' AND x.newsletter_id = ANY($1::int[])) AS pending,
       (SELECT count(*) FROM consent_events c WHERE c.subscriber_id = s.id) AS ledger,
       (SELECT count(*) FROM consent_events c JOIN consent_evidence e ON e.event_id = c.id
        WHERE c.subscriber_id = s.id AND c.event = 'subscribed' AND c.notice_version = $2
          AND c.source = 'api' AND e.user_agent = $3 AND c.newsletter_id = ANY($1::int[])
          AND e.ip IS NOT DISTINCT FROM r.ip AND c.created_at = r.at) AS subscribed,
       (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = s.id) AS emails,
       (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = s.id AND a.kind = 'confirmation' AND a.sent_at IS NULL) AS confirmations,
       (SELECT min(a.id) FROM account_emails a WHERE a.subscriber_id = s.id) AS account_email_id
     FROM unnest($4::text[], $5::text[], $6::timestamptz[]) AS r(email, ip, at)
     LEFT JOIN subscribers s ON s.email = r.email`,
    [catalogue.newsletterIds, catalogue.noticeVersion, USER_AGENT, taken.map((t) => t.email), taken.map((t) => t.ip), taken.map((t) => t.at)],
  );
  const n = catalogue.newsletterIds.length;
  const wrong = rows.filter(
    (row) =>
      Number(row.subscribers) !== 1 ||
      Number(row.subscriptions) !== n ||
      Number(row.pending) !== n ||
      Number(row.ledger) !== n ||
      Number(row.subscribed) !== n ||
      Number(row.emails) !== 1 ||
      Number(row.confirmations) !== 1 ||
      row.job_sector_id !== sectorOf(catalogue, row.email),
  );
  check(
    `each: 1 subscriber, ${n} pending subscriptions, ${n} 'subscribed' ledger rows with the request's notice version, source, IP, user agent and time, its job sector, 1 confirmation email`,
    rows.length === taken.length && wrong.length === 0,
    wrong.length === 0 ? `${rows.length} readers` : `${wrong.length} wrong, e.g. ${JSON.stringify(wrong[0])}`,
  );

  // Their process-signup jobs still wait (no worker took them); each reader's email job joins them.
  const emailJobs = rows
    .filter((row) => row.account_email_id !== null)
    .map((row): QueuedJob => ({ id: `account-email-${row.account_email_id}`, name: 'send-account-email', data: { accountEmailId: row.account_email_id } }));
  const queued = await checkQueue(prefix, [...requestIds.map(signupJob), ...emailJobs]);
  check(
    'then also one queued account-email job per sampled reader, named after its account_emails row',
    emailJobs.length === taken.length && queued.ok,
    `${emailJobs.length} email jobs expected; ${queued.detail}`,
  );
  return checks;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  noteLoad();
  const versions = await serverVersions();
  const database = await freshDatabase('signup');
  const prefix = redisPrefix('signup');
  const varDir = mkdtempSync(join(tmpdir(), 'nl-bench-'));
  const profileDir = join(RESULTS_DIR, `signup-cpu-profile-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const env = {
    NODE_ENV: 'production',
    TZ: 'UTC',
    APP_ROLE: 'api',
    PUBLIC_URL: 'https://newsletters.bench.example',
    APP_SECRET,
    SIGNUP_CHALLENGE: opts.challenge ? 'on' : 'off',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: String(opts.pool),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SIGNUP_RATE_LIMIT: '100000000',
    LOG_LEVEL: opts['log-level'],
    MAIL_FROM: 'New Statesman <newsletters@newstatesman.example>',
    VAR_DIR: varDir,
  };
  const chosenFlags = opts['node-flags'] === 'start:prod' ? deploymentNodeFlags() : opts['node-flags'].split(/\s+/).filter(Boolean);
  const nodeFlags = [...chosenFlags, ...(opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  let exitCode = 1;
  const pool = new Pool({ connectionString: database.url, max: 2 });
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    console.log(
      `Sign-up bench: ${opts.duration} s (after ${opts.warmup} s of warm-up), ${opts.connections} connections, pool ${opts.pool}, ` +
        `${opts.instances} service process${opts.instances > 1 ? 'es' : ''} (node ${[...nodeFlags, 'dist/src/main.js'].join(' ')}), ` +
        `LOG_LEVEL=${opts['log-level']}, ${opts.challenge ? 'with' : 'without'} the proof-of-work check, database ${database.name}`,
    );
    service = await startService({
      env,
      port: await freePort(),
      logFile: join(varDir, 'service.log'),
      cwd: varDir,
      instances: opts.instances,
      nodeFlags,
    });

    const newsletters = await pool.query<{ id: number; slug: string }>(`SELECT id, slug FROM newsletters WHERE slug = ANY($1)`, [NEWSLETTERS]);
    const sectors = await pool.query<{ id: number; slug: string }>(`SELECT id, slug FROM job_sectors ORDER BY position`);
    const notice = await pool.query<{ version: number }>(`SELECT max(version) AS version FROM notice_versions`);
    const catalogue: Catalogue = {
      newsletterIds: NEWSLETTERS.map((slug) => Number(newsletters.rows.find((r) => r.slug === slug)!.id)),
      sectors: sectors.rows.map((r) => ({ id: Number(r.id), slug: r.slug })),
      noticeVersion: Number(notice.rows[0].version),
    };

    const tracker: Tracker = { next: 0, answered: new Map(), sent: new Set() };
    let warm: LoadResult | undefined;
    if (opts.warmup > 0) {
      process.stdout.write(`warm-up ${opts.warmup} s … `);
      warm = await load(service.url, opts.warmup, catalogue, tracker, partsFor(database.name, service.pid));
      console.log(`${format(warm.reqPerSec)} req/s`);
    }
    process.stdout.write(`service ${opts.duration} s … `);
    const measured = await load(service.url, opts.duration, catalogue, tracker, partsFor(database.name, service.pid));
    console.log(`${format(measured.reqPerSec)} req/s`);

    await settle(pool);
    const verdict = await checkService(pool, prefix, catalogue, tracker, opts.connections * (opts.warmup > 0 ? 2 : 1));
    const layers = opts.breakdown ? await breakdown(service.url, partsFor(database.name, service.pid)) : undefined;
    await service.stop();
    service = undefined;

    // After the service has stopped and before the ceiling, so neither run shares the CPU with it.
    process.stdout.write(`carrying out a sample of the requests … `);
    verdict.checks.push(...(await carryOutSample(pool, prefix, catalogue, env, verdict.requestIds)));
    console.log('done');

    let single: (LoadResult & { written: number }) | undefined;
    if (!opts['skip-ceiling']) {
      process.stdout.write(`ceiling, the request row per sign-up ${opts.duration} s … `);
      single = await ceiling(database.url, opts.duration, catalogue, storeRequest, partsFor(database.name));
      console.log(`${format(single.reqPerSec)}/s`);
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM signup_requests WHERE email LIKE 'ceiling-%'`);
      verdict.checks.push({
        name: 'the ceiling wrote what it counted',
        ok: Number(rows[0].n) === single.written && single.errors === 0,
        detail: `${rows[0].n} requests for ${single.written} writes, ${single.errors} errors`,
      });
    }
    const refused = [...tracker.answered.values()].filter((status) => status < 200 || status >= 300).length;
    verdict.checks.push({
      name: 'no non-2xx answers, errors or timeouts under load',
      ok: refused === 0 && measured.errors === 0 && (warm?.errors ?? 0) === 0,
      detail: `${refused} non-2xx, ${measured.errors + (warm?.errors ?? 0)} errors (${measured.timeouts + (warm?.timeouts ?? 0)} timeouts)`,
    });

    const ratio = single ? measured.reqPerSec / single.reqPerSec : null;
    const percent = (r: number | null) => (r === null ? '—' : `${format(r * 100)} %`);
    const row = (name: string, r: LoadResult): (string | number)[] => [
      name,
      r.ok,
      r.reqPerSec,
      r.latency.mean,
      r.latency.p50,
      r.latency.p99,
      r.latency.max,
      r.non2xx + r.errors,
      r.cpu ? `${format(r.cpu.otherShare * 100)} %` : '—',
    ];
    const runs: Array<[string, LoadResult | undefined]> = [
      ['POST /subscribe (service)', measured],
      ['ceiling: INSERT INTO signup_requests (pg)', single],
    ];
    console.log();
    console.log(
      table(
        ['', 'sign-ups', 'per s', 'mean ms', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx/errors', 'other work (CPU)'],
        runs.filter((r): r is [string, LoadResult] => r[1] !== undefined).map(([name, r]) => row(name, r)),
      ),
    );
    const busy = runs.filter(([, r]) => (r?.cpu?.otherShare ?? 0) > 0.1);
    if (busy.length > 0) {
      console.log(`Note: other processes used more than 10 % of the machine during ${busy.map(([name]) => name).join(', ')}: those figures are low.`);
    }
    console.log();
    const cpuMs = (r: LoadResult, part: string): number | null => (r.cpu ? ((r.cpu.seconds[part] ?? 0) * 1000) / r.ok : null);
    const cell = (value: number | null) => value ?? '—';
    console.log('CPU time per sign-up, ms (from /proc)');
    console.log(
      table(
        ['', 'service', 'PostgreSQL backends', 'Redis + PostgreSQL background', 'load generator / pg client'],
        runs
          .filter((r): r is [string, LoadResult] => r[1] !== undefined)
          .map(([name, r]) => [
            name,
            r === measured ? cell(cpuMs(r, 'service')) : '—',
            cell(cpuMs(r, 'postgres')),
            cell(cpuMs(r, 'shared')),
            cell(cpuMs(r, 'bench')),
          ]),
      ),
    );
    if (layers) {
      console.log();
      console.log("Where a sign-up's CPU goes: lighter requests through the same service (5 s each), CPU ms per request");
      const full: Layer = {
        request: 'POST /subscribe, new address: stored and queued (the measured run above)',
        perSec: measured.reqPerSec,
        p99: measured.latency.p99,
        serviceMs: cpuMs(measured, 'service'),
        postgresMs: cpuMs(measured, 'postgres'),
      };
      console.log(
        table(
          ['request', 'per s', 'p99 ms', 'service CPU ms', 'PostgreSQL CPU ms'],
          [...layers, full].map((l) => [l.request, l.perSec, l.p99, cell(l.serviceMs), cell(l.postgresMs)]),
        ),
      );
    }
    console.log();
    console.log(
      table(
        ['', 'measured', 'target', 'met'],
        [
          ['sign-ups per second', measured.reqPerSec, '≥ 1,000', measured.reqPerSec >= 1000 ? 'yes' : 'no'],
          ['p99 latency, ms', measured.latency.p99, '< 50', measured.latency.p99 < 50 ? 'yes' : 'no'],
          ['service ÷ ceiling', percent(ratio), '≥ 40 %', ratio === null ? '—' : ratio >= 0.4 ? 'yes' : 'no'],
        ],
      ),
    );
    const passed = report(
      'signup',
      verdict.checks,
      {
        versions,
        settings: { ...opts, appRole: 'api', nodeFlags, newsletters: NEWSLETTERS, carriedOut: SAMPLE },
        service: measured,
        ceiling: single ?? null,
        ratio,
        targets: { reqPerSec: measured.reqPerSec >= 1000, p99: measured.latency.p99 < 50, ratio: ratio === null ? null : ratio >= 0.4 },
        breakdown: layers,
        cpuProfile: opts['cpu-prof'] ? profileDir : undefined,
      },
      opts['cpu-prof'] ? `\nCPU profile: ${profileDir}` : '',
    );
    exitCode = passed ? 0 : 1;
  } catch (error) {
    console.error(error);
    if (service) console.error(`Service log:\n${tail(service.logFile)}`);
  } finally {
    await service?.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await database.drop().catch((error: unknown) => console.error(`Could not drop ${database.name}:`, error));
    await dropRedisPrefix(prefix).catch((error: unknown) => console.error(`Could not clear Redis prefix ${prefix}:`, error));
    rmSync(varDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

void main();
