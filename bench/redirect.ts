/**
 * The click redirect under load: autocannon against `GET /r/<code>` on one API process
 * (APP_ROLE=api, the build run by `node dist/src/main.js` plus one bench route), and, in the same
 * run and the same process, against a bare route on the same Express app (a middleware that
 * answers 302, behind the same global middleware and request log): the floor the redirect's own
 * work (verifying the code, the edition's links from the process's cache, one Redis call to
 * count) adds to.
 *
 *   npm run bench:redirect                     # 20 s each
 *   npm run bench:redirect -- --duration 3     # CI size
 *
 * Clients: every request comes from a client address of its own (X-Forwarded-For, TRUST_PROXY=true),
 * following one of the edition's `--links` links with a browser's user agent, as a reader clicks
 * once: no click is a HEAD, a scanner, a burst (three links from one client within 2 s) or a repeat
 * (one link again from one client within a minute), and every redirect must be counted. Each new
 * client costs Redis a short list kept for a minute: the figures include that.
 *
 * Timings are reported, never asserted. The exit code says whether every redirect went to its
 * article, whether Redis counted exactly the requests sent, link by link, with nothing
 * discounted, whether nothing was written to PostgreSQL meanwhile and the edition's links were read
 * from it once, and whether the flush as the process stopped moved every count to PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import IORedis from 'ioredis';
import { Pool } from 'pg';
import { ClickCodes } from '../src/clicks/click-codes';
import { options } from './support/args';
import { Classify, CpuAccount, CpuUse } from './support/cpu-account';
import { BARE_PATH, BARE_TARGET } from './support/bare-route';
import { Check, noteLoad, report, RESULTS_DIR } from './support/results';
import { startService, tail } from './support/server';
import { dropRedisPrefix, freePort, freshDatabase, REDIS_URL, redisPrefix, serverVersions } from './support/services';
import { format, table } from './support/table';

const opts = options('npm run bench:redirect -- [options]', {
  duration: { default: 20, help: 'seconds of measured requests, for the redirect and for the bare route each' },
  warmup: { default: 3, help: 'seconds of each first, not measured (their redirects are counted and checked too)' },
  connections: { default: 10, help: 'concurrent HTTP connections' },
  links: { default: 12, help: 'article links in the edition' },
  'log-level': { default: 'info', help: 'LOG_LEVEL of the service (info: a log line per request, as deployed)' },
  'cpu-prof': { default: false, help: 'write a CPU profile of the service process to bench/results/' },
});

const USER_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const PUBLIC_URL = 'https://newsletters.bench.example';

interface Target {
  path: string;
  articleId: number | null;
  location: string;
}

let clients = 0;
/** A client address no request has come from yet (10.0.0.1 onwards). */
const newClient = () => {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
};

interface Tally {
  /** Requests sent per target (autocannon builds each just before writing it). */
  sent: number[];
  /** Answers per target: 302 to the expected location, and anything else. */
  right: number[];
  wrong: number[];
  firstWrong?: string;
}

interface LoadResult {
  seconds: number;
  requests: number;
  perSec: number;
  non2xx3xx: number;
  errors: number;
  timeouts: number;
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** CPU seconds of each part meanwhile, and the share of the machine other work used; null off Linux. */
  cpu: CpuUse | null;
}

async function load(url: string, seconds: number, targets: Target[], tally: Tally, parts: Classify): Promise<LoadResult> {
  const account = new CpuAccount(parts);
  const result = await autocannon({
    url,
    connections: opts.connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    // Each connection goes through the targets (the links) in turn, each request from a new client.
    requests: targets.map((target, i) => ({
      method: 'GET' as const,
      path: target.path,
      headers: { 'user-agent': USER_AGENT, accept: 'text/html' },
      setupRequest: (request: autocannon.Request) => {
        tally.sent[i] += 1;
        return { ...request, headers: { ...request.headers, 'x-forwarded-for': newClient() } };
      },
      onResponse: (status: number, _body: string, _context: object, headers?: Record<string, string | string[] | undefined>) => {
        const location = headers?.location ?? headers?.Location;
        if (status === 302 && location === target.location) tally.right[i] += 1;
        else {
          tally.wrong[i] += 1;
          tally.firstWrong ??= `${target.path} → ${status} ${String(location)}`;
        }
      },
    })),
  });
  const cpu = account.stop();
  const answered = result.requests.total;
  return {
    cpu,
    seconds: result.duration,
    requests: answered,
    perSec: answered / result.duration,
    non2xx3xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { mean: result.latency.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
}

const newTally = (n: number): Tally => ({ sent: new Array<number>(n).fill(0), right: new Array<number>(n).fill(0), wrong: new Array<number>(n).fill(0) });
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The edition's counts in Redis, per article and kind (c counted; h, s, b discounted). */
async function redisCounts(redis: IORedis, prefix: string, editionId: number): Promise<Map<string, number>> {
  const fields = await redis.hgetall(`${prefix}:clicks:edition:${editionId}`);
  return new Map(Object.entries(fields).map(([field, value]) => [field, Number(value)]));
}

/** The service process, Redis, and the bench itself (the load generator). */
function partsFor(servicePid: number): Classify {
  return (pid, _ppid, cmdline) => (pid === servicePid ? 'service' : pid === process.pid ? 'bench' : cmdline.startsWith('redis-server') ? 'redis' : null);
}

async function main(): Promise<void> {
  noteLoad();
  const versions = await serverVersions();
  const database = await freshDatabase('redirect');
  const prefix = redisPrefix('redirect');
  const varDir = mkdtempSync(join(tmpdir(), 'nl-bench-'));
  const secret = randomBytes(32).toString('base64url');
  const env = {
    NODE_ENV: 'production',
    TZ: 'UTC',
    APP_ROLE: 'api',
    PUBLIC_URL,
    APP_SECRET: secret,
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    TRUST_PROXY: 'true',
    // Flushed once, as the service stops: the run itself must write nothing to PostgreSQL.
    CLICK_FLUSH_SECONDS: '3600',
    LOG_LEVEL: opts['log-level'],
    MAIL_FROM: 'New Statesman <newsletters@newstatesman.example>',
    VAR_DIR: varDir,
  };
  const pool = new Pool({ connectionString: database.url, max: 2 });
  const redis = new IORedis(REDIS_URL);
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  let exitCode = 1;
  try {
    console.log(
      `Redirect bench: ${opts.duration} s each (after ${opts.warmup} s of warm-up each), ${opts.connections} connections, ` +
        `a new client per request over ${opts.links} links, one API process, LOG_LEVEL=${opts['log-level']}, database ${database.name}`,
    );
    service = await startService({
      env,
      port: await freePort(),
      logFile: join(varDir, 'service.log'),
      cwd: varDir,
      main: join(__dirname, 'support', 'redirect-server.js'),
      nodeFlags: opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, `redirect-cpu-profile-${new Date().toISOString().replace(/[:.]/g, '-')}`)}`] : [],
    });

    // A sent edition, its send's figures and its links, as PublishingService.send leaves them.
    const [{ id: newsletterId }] = (await pool.query<{ id: number }>(`SELECT id FROM newsletters WHERE slug = 'morning-call'`)).rows;
    const [{ id: editionId }] = (
      await pool.query<{ id: number }>(
        `WITH edition AS (
           INSERT INTO editions (newsletter_id, subject, status, origin, started_at, finished_at, created_at, updated_at)
           VALUES ($1, 'Redirect bench', 'sent', 'editor', now(), now(), now(), now()) RETURNING id
         ), counts AS (
           INSERT INTO delivery_counts (edition_id, batch_size, total, sent) SELECT id, 500, 100000, 100000 FROM edition
         )
         SELECT id FROM edition`,
        [newsletterId],
      )
    ).rows;
    const articleIds = Array.from({ length: opts.links }, (_, i) => 1000 + i);
    const urlOf = (articleId: number) => `https://www.newstatesman.com/bench/${articleId}/an-article-worth-reading`;
    await pool.query(
      `INSERT INTO edition_links (edition_id, article_id, position, url, title, section, sponsored)
       SELECT $1, a.id, a.position - 1, $3 || a.id || '/an-article-worth-reading', 'Article ' || a.id, 'Politics', false
       FROM unnest($2::int[]) WITH ORDINALITY AS a(id, position)`,
      [editionId, articleIds, 'https://www.newstatesman.com/bench/'],
    );
    const codes = new ClickCodes(secret);
    const links = new Map(articleIds.map((id) => [id, `/r/${codes.sign({ editionId, articleId: id, segment: 0 })}`]));
    const redirects: Target[] = articleIds.map((articleId) => ({ path: links.get(articleId)!, articleId, location: urlOf(articleId) }));
    const bare: Target[] = [{ path: BARE_PATH, articleId: null, location: BARE_TARGET }];

    const checks: Check[] = [];
    const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

    // A code with one character changed leads nowhere, and counts nothing.
    const code = links.get(articleIds[0])!.slice(3);
    const tampered = `${code.slice(0, 10)}${code[10] === 'A' ? 'B' : 'A'}${code.slice(11)}`;
    const refused = await fetch(`${service.url}/r/${tampered}`, { redirect: 'manual', headers: { 'user-agent': USER_AGENT, 'x-forwarded-for': '192.0.2.1' } });
    check('a tampered code answers 404, with no Location', refused.status === 404 && refused.headers.get('location') === null, `${refused.status}`);

    const parts = partsFor(service.pid);
    const redirectTally = newTally(redirects.length);
    const bareTally = newTally(bare.length);
    if (opts.warmup > 0) {
      process.stdout.write(`warm-up ${opts.warmup} s each … `);
      await load(service.url, opts.warmup, redirects, redirectTally, parts);
      await load(service.url, opts.warmup, bare, bareTally, parts);
      console.log('done');
    }
    process.stdout.write(`GET /r/<code> ${opts.duration} s … `);
    const redirect = await load(service.url, opts.duration, redirects, redirectTally, parts);
    console.log(`${format(redirect.perSec)} redirects/s`);
    process.stdout.write(`bare route ${opts.duration} s … `);
    const floor = await load(service.url, opts.duration, bare, bareTally, parts);
    console.log(`${format(floor.perSec)} redirects/s`);

    check(
      'every /r/<code> answered 302 to its article, and the bare route 302 to its target',
      sum(redirectTally.wrong) === 0 && sum(bareTally.wrong) === 0 && sum(redirectTally.right) > 0,
      `${sum(redirectTally.right)} + ${sum(bareTally.right)} right, ${sum(redirectTally.wrong) + sum(bareTally.wrong)} wrong${redirectTally.firstWrong ? ` (e.g. ${redirectTally.firstWrong})` : ''}`,
    );
    check(
      'no errors or timeouts',
      redirect.errors + floor.errors === 0,
      `${redirect.errors + floor.errors} errors (${redirect.timeouts + floor.timeouts} timeouts)`,
    );

    // Counting trails the answer by one Redis call; wait for it to settle.
    // Every request sent is counted, answered or not: the few in flight when autocannon stopped reached the service too.
    const expected = new Map<number, number>();
    redirects.forEach((target, i) => expected.set(target.articleId!, (expected.get(target.articleId!) ?? 0) + redirectTally.sent[i]));
    const sent = sum([...expected.values()]);
    const answered = sum(redirectTally.right);
    let counts = await redisCounts(redis, prefix, editionId);
    for (let last = -1, i = 0; i < 50; i += 1) {
      const counted = sum([...counts.values()]);
      if (counted === sent || counted === last) break;
      last = counted;
      await new Promise((resolve) => setTimeout(resolve, 100));
      counts = await redisCounts(redis, prefix, editionId);
    }
    const wrongLinks = articleIds.filter((id) => (counts.get(`${id}:0:c`) ?? 0) !== expected.get(id));
    const discounted = [...counts].filter(([field, n]) => !field.endsWith(':c') && n !== 0);
    check(
      'Redis counted every request sent, link by link, with nothing discounted (no HEAD, scanner, burst or repeat in this load)',
      wrongLinks.length === 0 && discounted.length === 0 && counts.size === articleIds.length && answered <= sent,
      `${sum([...counts.values()])} counted for ${sent} sent (${answered} answered before autocannon stopped) over ${counts.size} links; ${wrongLinks.length} links off` +
        (wrongLinks.length ? ` (e.g. article ${wrongLinks[0]}: ${counts.get(`${wrongLinks[0]}:0:c`)} for ${expected.get(wrongLinks[0])})` : '') +
        `; ${discounted.length} discounted fields`,
    );
    const written = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM edition_clicks`)).rows[0].n);
    check('nothing written to PostgreSQL per click (edition_clicks empty until the flush)', written === 0, `${written} rows`);

    // SIGTERM: the process flushes once more as it stops, and its connections' statistics reach PostgreSQL.
    await service.stop();
    service = undefined;
    const flushed = await pool.query<{ article_id: number; clicks: number; discounted: number }>(
      `SELECT article_id, clicks, discounted_head + discounted_scanner + discounted_burst + discounted_repeat AS discounted FROM edition_clicks WHERE edition_id = $1`,
      [editionId],
    );
    const flushedWrong = articleIds.filter((id) => Number(flushed.rows.find((r) => Number(r.article_id) === id)?.clicks ?? 0) !== expected.get(id));
    const left = await redis.exists(`${prefix}:clicks:edition:${editionId}`);
    check(
      'the flush as the process stopped moved every count to PostgreSQL and out of Redis',
      flushedWrong.length === 0 && flushed.rows.every((r) => Number(r.discounted) === 0) && left === 0,
      `${sum(flushed.rows.map((r) => Number(r.clicks)))} clicks in edition_clicks for ${sent}; ${flushedWrong.length} links off; Redis key ${left ? 'still there' : 'gone'}`,
    );
    // Rows read, not scans: the migration's foreign key check scanned the table once, empty.
    const scans = await pool.query<{ n: string }>(
      `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS n FROM pg_stat_user_tables WHERE relname = 'edition_links'`,
    );
    const reads = Number(scans.rows[0]?.n ?? -1);
    check(
      "the edition's links were read from PostgreSQL once by the process, not per click",
      reads >= 0 && reads <= articleIds.length,
      `${reads} rows of edition_links read (${articleIds.length} links) for ${sent + 1} requests to /r/`,
    );

    const ratio = redirect.perSec / floor.perSec;
    const cpuMs = (r: LoadResult, part: string): number | string => (r.cpu ? ((r.cpu.seconds[part] ?? 0) * 1000) / r.requests : '—');
    const row = (name: string, r: LoadResult): (string | number)[] => [
      name,
      r.requests,
      r.perSec,
      r.latency.mean,
      r.latency.p50,
      r.latency.p99,
      r.latency.max,
      r.errors,
      cpuMs(r, 'service'),
      cpuMs(r, 'redis'),
      r.cpu ? `${format(r.cpu.otherShare * 100)} %` : '—',
    ];
    console.log();
    console.log(
      table(
        ['', 'requests', 'per s', 'mean ms', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'service CPU ms/req', 'Redis CPU ms/req', 'other work (CPU)'],
        [row('GET /r/<code> (verify, cached links, Redis count)', redirect), row(`GET ${BARE_PATH} (bare 302, same process)`, floor)],
      ),
    );
    console.log();
    console.log(
      table(
        ['', 'measured', 'target', 'met'],
        [
          ['redirects per second', redirect.perSec, '≥ 5,000', redirect.perSec >= 5000 ? 'yes' : 'no'],
          ['p99 latency, ms', redirect.latency.p99, '< 20', redirect.latency.p99 < 20 ? 'yes' : 'no'],
          ['redirect ÷ bare route', `${format(ratio * 100)} %`, '—', '—'],
        ],
      ),
    );
    const passed = report('redirect', checks, {
      versions,
      settings: { ...opts, appRole: 'api' },
      redirect,
      bare: floor,
      ratio,
      targets: { perSec: redirect.perSec >= 5000, p99: redirect.latency.p99 < 20 },
    });
    exitCode = passed ? 0 : 1;
  } catch (error) {
    console.error(error);
    if (service) console.error(`Service log:\n${tail(service.logFile)}`);
  } finally {
    await service?.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    redis.disconnect();
    await database.drop().catch((error: unknown) => console.error(`Could not drop ${database.name}:`, error));
    await dropRedisPrefix(prefix).catch((error: unknown) => console.error(`Could not clear Redis prefix ${prefix}:`, error));
    rmSync(varDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

void main();
