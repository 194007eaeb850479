/**
 * Sign-up throughput: autocannon against POST /subscribe (JSON, a new address per request) on a
 * fresh PostgreSQL database, then, in the same run, the database ceiling: the same rows written
 * straight through `pg` with the same pool size and concurrency for the same time.
 *
 *   npm run bench:signup                     # 20 s
 *   npm run bench:signup -- --duration 3     # CI size
 *
 * Timings are reported, never asserted. The exit code says whether every sign-up the service
 * answered 2xx left exactly the rows and the one queued email it should.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
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
});

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) signup-bench/1.0';
const NEWSLETTERS = ['the-saturday-read', 'morning-call'];
const run = randomBytes(3).toString('hex');

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
          return { ...request, body: JSON.stringify({ email, newsletters: NEWSLETTERS, jobSector: sector.slug }) };
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
// The database ceiling: the rows signUp writes for a new reader, written by bare `pg`

const DETAILS = (slug: string) => JSON.stringify({ jobSector: slug });

/**
 * One statement per sign-up (atomic on its own): the subscriber, a pending subscription and a
 * `subscribed` ledger row per newsletter, the confirmation email row. The fewest round trips,
 * and the statement SubscriptionsService.signUp itself sends for a new reader on PostgreSQL.
 */
async function oneStatement(client: PoolClient, n: number, catalogue: Catalogue): Promise<void> {
  const { email, sector } = signup(n, catalogue, 'ceiling1');
  await client.query(
    `WITH s AS (
       INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES ($1, $2, now(), now()) RETURNING id
     ), subs AS (
       INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
       SELECT s.id, n, 'pending', now(), now() FROM s, unnest($3::int[]) AS n
     ), ledger AS (
       INSERT INTO consent_events (subscriber_id, newsletter_id, event, notice_version, source, ip, user_agent, details, created_at)
       SELECT s.id, n, 'subscribed', $4, 'api', $5, $6, $7, now() FROM s, unnest($3::int[]) AS n
     )
     INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
     SELECT s.id, 'confirmation', now() + interval '259200 seconds', now() FROM s RETURNING id`,
    [email, sector.id, catalogue.newsletterIds, catalogue.noticeVersion, '127.0.0.1', USER_AGENT, DETAILS(sector.slug)],
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
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM subscribers`);
    const n = Number(rows[0].n);
    if (n === last) return;
    last = n;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function checkService(
  pool: Pool,
  prefix: string,
  catalogue: Catalogue,
  tracker: Tracker,
  inFlightBound: number,
): Promise<{ checks: Check[]; subscribers: number; lateCompletions: number }> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const ok2xx = [...tracker.answered].filter(([, status]) => status >= 200 && status < 300).map(([email]) => email);
  const refused = [...tracker.answered].filter(([, status]) => status < 200 || status >= 300);
  const unanswered = [...tracker.sent].filter((email) => !tracker.answered.has(email));

  const { rows } = await pool.query<{
    id: number;
    email: string;
    job_sector_id: number | null;
    subscriptions: string;
    pending: string;
    ledger: string;
    subscribed: string;
    emails: string;
    confirmations: string;
    account_email_id: number | null;
  }>(
    `SELECT s.id, s.email, s.job_sector_id,
       (SELECT count(*) FROM subscriptions x WHERE x.subscriber_id = s.id) AS subscriptions,
       (SELECT count(*) FROM subscriptions x WHERE x.subscriber_id = s.id AND x.status = 'pending' AND x.newsletter_id = ANY($1::int[])) AS pending,
       (SELECT count(*) FROM consent_events c WHERE c.subscriber_id = s.id) AS ledger,
       (SELECT count(*) FROM consent_events c WHERE c.subscriber_id = s.id AND c.event = 'subscribed' AND c.notice_version = $2
          AND c.source = 'api' AND c.user_agent = $3 AND c.newsletter_id = ANY($1::int[])) AS subscribed,
       (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = s.id) AS emails,
       (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = s.id AND a.kind = 'confirmation' AND a.sent_at IS NULL) AS confirmations,
       (SELECT min(a.id) FROM account_emails a WHERE a.subscriber_id = s.id) AS account_email_id
     FROM subscribers s`,
    [catalogue.newsletterIds, catalogue.noticeVersion, USER_AGENT],
  );
  const byEmail = new Map(rows.map((row) => [row.email, row]));
  const n = catalogue.newsletterIds.length;

  const missing = ok2xx.filter((email) => !byEmail.has(email));
  check('every 2xx sign-up is stored', missing.length === 0, `${ok2xx.length - missing.length} of ${ok2xx.length}${missing.length ? `; missing e.g. ${missing[0]}` : ''}`);
  const strangers = rows.filter((row) => !tracker.sent.has(row.email));
  check('every stored subscriber was sent by this bench', strangers.length === 0, `${strangers.length} unknown`);
  const refusedStored = refused.filter(([email]) => byEmail.has(email));
  check('no sign-up answered non-2xx is stored', refusedStored.length === 0, `${refused.length} non-2xx answers, ${refusedStored.length} stored`);
  // Requests in flight when autocannon stopped have no answer; the server may still finish them.
  const late = unanswered.filter((email) => byEmail.has(email)).length;
  check(
    'subscribers = 2xx answers (+ sign-ups completed after the client hung up at the deadline)',
    rows.length === ok2xx.length + late && late <= inFlightBound,
    `${rows.length} = ${ok2xx.length} + ${late} (at most ${inFlightBound} were in flight: ${opts.connections} per run of the load)`,
  );
  const sectorOf = (email: string) => catalogue.sectors[Number(email.split('@')[0].split('-').pop()) % catalogue.sectors.length].id;
  const wrong = rows.filter(
    (row) =>
      Number(row.subscriptions) !== n ||
      Number(row.pending) !== n ||
      Number(row.ledger) !== n ||
      Number(row.subscribed) !== n ||
      Number(row.emails) !== 1 ||
      Number(row.confirmations) !== 1 ||
      Number(row.job_sector_id) !== sectorOf(row.email),
  );
  check(
    `each has ${n} pending subscriptions, ${n} 'subscribed' ledger rows, its job sector, 1 confirmation email`,
    wrong.length === 0,
    wrong.length === 0 ? `${rows.length} subscribers` : `${wrong.length} wrong, e.g. ${JSON.stringify(wrong[0])}`,
  );

  // One BullMQ job per account email; the service runs as APP_ROLE=api, so they wait to be sent.
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
    const expected = new Set(rows.map((row) => `account-email-${row.account_email_id}`));
    const unique = new Set(waiting);
    const strays = waiting.filter((id) => !expected.has(id));
    const absent = [...expected].filter((id) => !unique.has(id));
    check(
      'one queued account-email job per subscriber, named after its account_emails row',
      unique.size === waiting.length && strays.length === 0 && absent.length === 0 && otherStates.every((c) => c === 0),
      `${waiting.length} waiting (${unique.size} distinct), ${absent.length} missing, ${strays.length} stray, other states ${otherStates.join('/')}`,
    );
  } finally {
    await redis.quit();
  }
  return { checks, subscribers: rows.length, lateCompletions: late };
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
    APP_SECRET: randomBytes(32).toString('base64url'),
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
        `LOG_LEVEL=${opts['log-level']}, database ${database.name}`,
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

    let single: (LoadResult & { written: number }) | undefined;
    if (!opts['skip-ceiling']) {
      process.stdout.write(`ceiling, one statement per sign-up ${opts.duration} s … `);
      single = await ceiling(database.url, opts.duration, catalogue, oneStatement, partsFor(database.name));
      console.log(`${format(single.reqPerSec)}/s`);
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM subscribers WHERE email LIKE 'ceiling1-%'`);
      verdict.checks.push({
        name: 'the ceiling wrote what it counted',
        ok: Number(rows[0].n) === single.written && single.errors === 0,
        detail: `${rows[0].n} subscribers for ${single.written} writes, ${single.errors} errors`,
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
      ['ceiling: one statement (pg)', single],
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
        request: 'POST /subscribe, new reader (the measured run above)',
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
        settings: { ...opts, appRole: 'api', nodeFlags, newsletters: NEWSLETTERS },
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
