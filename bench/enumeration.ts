/**
 * bench:enumeration — can anyone tell, from the outside, whether an address is subscribed, or
 * an editor's? It signs up known, active addresses and unknown ones, then asks the newsroom's
 * sign-in form for links for editors' addresses and strangers', each interleaved in a random
 * order, one request at a time against the built service, and compares the answers' content and
 * their timing: medians, and a Mann–Whitney U test of the two sets of times.
 *
 *   npm run bench:enumeration                    # 300 samples of each kind
 *   npm run bench:enumeration -- --samples 40    # CI size
 *
 * Timings are reported, never asserted. The exit code says whether every answer was the same:
 * status, body and headers (but for Date and the rate-limit counters).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { options } from './support/args';
import { Check, noteLoad, report } from './support/results';
import { deploymentNodeFlags, startService } from './support/server';
import { dropRedisPrefix, freePort, freshDatabase, REDIS_URL, redisPrefix, serverVersions } from './support/services';
import { format, table } from './support/table';

const opts = options('npm run bench:enumeration -- [options]', {
  samples: { default: 300, help: 'sign-ups of each kind, measured' },
  warmup: { default: 100, help: 'sign-ups first, not measured' },
  known: { default: 50, help: 'active readers whose addresses are signed up again' },
});

/** The two-sided p-value of a Mann–Whitney U test (normal approximation, ties corrected). */
export function mannWhitney(a: number[], b: number[]): { u: number; z: number; p: number } {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(all.length);
  let ties = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].v === all[i].v) j += 1;
    const t = j - i + 1;
    ties += t ** 3 - t;
    for (let k = i; k <= j; k += 1) ranks[k] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const n1 = a.length;
  const n2 = b.length;
  const r1 = all.reduce((sum, x, i) => sum + (x.g === 0 ? ranks[i] : 0), 0);
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const n = n1 + n2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  const z = sd === 0 ? 0 : (u - mean) / sd;
  return { u, z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

function normalCdf(x: number): number {
  // Abramowitz and Stegun 7.1.26, ample for a p-value.
  const t = 1 / (1 + 0.3275911 * (x / Math.SQRT2));
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return 0.5 * (1 + erf);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** An answer as an observer compares it: everything but what differs by the clock or by count. */
function fingerprint(status: number, headers: Headers, body: string): string {
  const kept = [...headers].filter(([name]) => !['date', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-remaining-signup', 'x-ratelimit-reset-signup', 'etag'].includes(name));
  return JSON.stringify([status, kept.sort(), body]);
}

async function main(): Promise<void> {
  noteLoad();
  const versions = await serverVersions();
  const database = await freshDatabase('enumeration');
  const prefix = redisPrefix('enumeration');
  const varDir = mkdtempSync(join(tmpdir(), 'nl-bench-'));
  const port = await freePort();
  const run = randomBytes(3).toString('hex');
  const checks: Check[] = [];
  let passed = false;
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  const pool = new Pool({ connectionString: database.url, max: 2 });
  try {
    // The API only, as deployed: the jobs that carry sign-ups out wait in Redis, so nothing else
    // runs in the process while it answers.
    service = await startService({
      env: {
        NODE_ENV: 'production',
        APP_ROLE: 'api',
        PUBLIC_URL: 'https://newsletters.bench.example',
        APP_SECRET: randomBytes(32).toString('base64url'),
        DATABASE_URL: database.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        SIGNUP_RATE_LIMIT: '100000000',
        // Each sign-in request comes from an address of its own (X-Forwarded-For): the form allows 10 a client.
        TRUST_PROXY: 'loopback',
        LOG_LEVEL: 'warn',
        VAR_DIR: varDir,
      },
      port,
      logFile: join(varDir, 'service.log'),
      cwd: varDir,
      nodeFlags: deploymentNodeFlags(),
    });
    const [{ id: newsletterId }] = (await pool.query<{ id: number }>(`SELECT id FROM newsletters WHERE slug = 'morning-call'`)).rows;
    await pool.query(
      `WITH readers AS (
         INSERT INTO subscribers (email, created_at, updated_at) SELECT 'known' || g || '.${run}@bench.example', now(), now() FROM generate_series(1, $1) g RETURNING id)
       INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
       SELECT id, $2, 'active', now(), now(), now() FROM readers`,
      [opts.known, newsletterId],
    );

    let unknown = 0;
    const signUp = async (kind: 'known' | 'unknown', i: number) => {
      const email = kind === 'known' ? `known${(i % opts.known) + 1}.${run}@bench.example` : `unknown${(unknown += 1)}.${run}@bench.example`;
      const started = process.hrtime.bigint();
      const response = await fetch(`${service!.url}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email, newsletters: ['morning-call'] }),
      });
      const body = await response.text();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return { ms, print: fingerprint(response.status, response.headers, body), status: response.status };
    };

    // Pairs in a random order, so a drift in the machine's speed falls on both kinds alike.
    const order: Array<'known' | 'unknown'> = [];
    for (let i = 0; i < opts.samples; i += 1) order.push(...(Math.random() < 0.5 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)));
    for (let i = 0; i < opts.warmup; i += 1) await signUp(i % 2 ? 'known' : 'unknown', i);
    const times = { known: [] as number[], unknown: [] as number[] };
    const prints = new Set<string>();
    const statuses = new Set<number>();
    for (const [i, kind] of order.entries()) {
      const answer = await signUp(kind, i);
      times[kind].push(answer.ms);
      prints.add(answer.print);
      statuses.add(answer.status);
    }

    const known = median(times.known);
    const fresh = median(times.unknown);
    const test = mannWhitney(times.known, times.unknown);
    console.log(
      `\n${opts.samples} sign-ups of each kind, interleaved, one at a time (${opts.known} known active addresses, each unknown one new)\n` +
        table(
          ['kind', 'median ms', 'p10 ms', 'p90 ms'],
          (['known', 'unknown'] as const).map((kind) => {
            const sorted = [...times[kind]].sort((x, y) => x - y);
            return [kind === 'known' ? 'known, active' : 'unknown', format(median(sorted)), format(sorted[Math.floor(sorted.length / 10)]), format(sorted[Math.floor((sorted.length * 9) / 10)])];
          }),
        ) +
        `\nmedian difference ${format(Math.abs(known - fresh))} ms (target < 0.5); Mann–Whitney U = ${format(test.u)}, z = ${format(test.z)}, p = ${format(test.p)} (target > 0.01)`,
    );
    checks.push({ name: 'every answer was 202', ok: statuses.size === 1 && statuses.has(202), detail: [...statuses].join(', ') });
    checks.push({
      name: 'every answer was the same (status, headers, body)',
      ok: prints.size === 1,
      detail: prints.size === 1 ? [...prints][0].slice(0, 120) : `${prints.size} different answers`,
    });
    const [{ requests }] = (await pool.query<{ requests: number }>(`SELECT count(*)::int AS requests FROM signup_requests`)).rows;
    const expected = opts.warmup + 2 * opts.samples;
    checks.push({ name: 'every sign-up was stored before it was answered', ok: requests === expected, detail: `${requests} of ${expected} stored` });
    const signIn = await newsroomSignIn(service.url, pool, run, checks);
    passed = report('enumeration', checks, {
      settings: opts,
      servers: versions,
      figures: {
        medianKnownMs: known,
        medianUnknownMs: fresh,
        medianDifferenceMs: Math.abs(known - fresh),
        mannWhitney: test,
        newsroomSignIn: signIn.figures,
      },
      times: { ...times, newsroomSignIn: signIn.times },
    });
  } finally {
    await service?.stop();
    await pool.end();
    await dropRedisPrefix(prefix).catch(() => undefined);
    await database.drop().catch(() => undefined);
    rmSync(varDir, { recursive: true, force: true });
  }
  process.exit(passed ? 0 : 1);
}

/**
 * The newsroom's sign-in form, asked for links for editors' addresses and strangers'. Each editor
 * is asked for once (the form allows three a address), each request from a client address of its
 * own; one form's CSRF cookie and token serve every request.
 */
async function newsroomSignIn(url: string, pool: Pool, run: string, checks: Check[]) {
  const total = opts.samples + opts.warmup;
  await pool.query(
    `INSERT INTO editors (email, token_hash, role, created_at) SELECT 'editor' || lpad(g::text, 5, '0') || '.${run}@bench.example', md5('${run}' || g) || md5(g || '${run}'), 'writer', now() FROM generate_series(1, $1) g`,
    [total],
  );
  const form = await fetch(`${url}/newsroom/sign-in`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  let editors = 0;
  let strangers = 0;
  let client = 0;
  const ask = async (kind: 'editor' | 'stranger') => {
    // Addresses of one length, so the answers' lengths say nothing either.
    const email = kind === 'editor' ? `editor${String((editors += 1)).padStart(5, '0')}.${run}@bench.example` : `strngr${String((strangers += 1)).padStart(5, '0')}.${run}@bench.example`;
    client += 1;
    const started = process.hrtime.bigint();
    const response = await fetch(`${url}/newsroom/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}` },
      body: new URLSearchParams({ email, _csrf: csrf }).toString(),
    });
    const body = (await response.text()).replaceAll(email, 'ADDRESS');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { ms, print: fingerprint(response.status, response.headers, body), status: response.status };
  };
  for (let i = 0; i < opts.warmup; i += 1) await ask(i % 2 ? 'editor' : 'stranger');
  const order: Array<'editor' | 'stranger'> = [];
  for (let i = 0; i < opts.samples; i += 1) order.push(...(Math.random() < 0.5 ? (['editor', 'stranger'] as const) : (['stranger', 'editor'] as const)));
  const times = { editor: [] as number[], stranger: [] as number[] };
  const prints = new Set<string>();
  const statuses = new Set<number>();
  for (const kind of order) {
    const answer = await ask(kind);
    times[kind].push(answer.ms);
    prints.add(answer.print);
    statuses.add(answer.status);
  }
  const editor = median(times.editor);
  const stranger = median(times.stranger);
  const test = mannWhitney(times.editor, times.stranger);
  console.log(
    `\n${opts.samples} newsroom sign-in requests of each kind, interleaved, one at a time (each editor's address asked once)\n` +
      table(
        ['kind', 'median ms', 'p10 ms', 'p90 ms'],
        (['editor', 'stranger'] as const).map((kind) => {
          const sorted = [...times[kind]].sort((x, y) => x - y);
          return [kind === 'editor' ? "an editor's address" : "a stranger's", format(median(sorted)), format(sorted[Math.floor(sorted.length / 10)]), format(sorted[Math.floor((sorted.length * 9) / 10)])];
        }),
      ) +
      `\nmedian difference ${format(Math.abs(editor - stranger))} ms (target < 0.5); Mann–Whitney U = ${format(test.u)}, z = ${format(test.z)}, p = ${format(test.p)} (target > 0.01)`,
  );
  checks.push({ name: 'newsroom sign-in: every answer was 200', ok: statuses.size === 1 && statuses.has(200), detail: [...statuses].join(', ') });
  checks.push({
    name: 'newsroom sign-in: every answer was the same (status, headers, body but the address)',
    ok: prints.size === 1,
    detail: prints.size === 1 ? [...prints][0].slice(0, 120) : `${prints.size} different answers`,
  });
  // The link is made by a queued job (no workers run here): the request itself looked nobody up.
  const [{ links }] = (await pool.query<{ links: number }>(`SELECT count(*)::int AS links FROM editor_sign_in_links`)).rows;
  checks.push({ name: 'newsroom sign-in: no link was made while answering', ok: links === 0, detail: `${links} links` });
  return { figures: { medianEditorMs: editor, medianStrangerMs: stranger, medianDifferenceMs: Math.abs(editor - stranger), mannWhitney: test }, times };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
