"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_crypto_1 = require("node:crypto");
const node_util_1 = require("node:util");
const autocannon_1 = __importDefault(require("autocannon"));
const ioredis_1 = __importDefault(require("ioredis"));
const pg_1 = require("pg");
const args_1 = require("./support/args");
const services_1 = require("./support/services");
const server_1 = require("./support/server");
const cpu_account_1 = require("./support/cpu-account");
const results_1 = require("./support/results");
const table_1 = require("./support/table");
const opts = (0, args_1.options)('npm run bench:signup -- [options]', {
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
const SAMPLE = 200;
const run = (0, node_crypto_1.randomBytes)(3).toString('hex');
function signup(n, catalogue, label) {
    const sector = catalogue.sectors[n % catalogue.sectors.length];
    return { email: `${label}-${run}-${n}@example.com`, sector };
}
async function load(url, seconds, catalogue, tracker, parts) {
    const account = new cpu_account_1.CpuAccount(parts);
    const result = await (0, autocannon_1.default)({
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
                setupRequest: (request, context) => {
                    const { email, sector } = signup(tracker.next++, catalogue, 'signup');
                    context.email = email;
                    tracker.sent.add(email);
                    return { ...request, body: JSON.stringify({ email, newsletters: NEWSLETTERS, jobSector: sector.slug }) };
                },
                onResponse: (status, _body, context) => {
                    tracker.answered.set(context.email, status);
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
async function storeRequest(client, n, catalogue) {
    const { email, sector } = signup(n, catalogue, 'ceiling');
    await client.query(`INSERT INTO signup_requests (email, newsletter_ids, job_sector_id, notice_version, source, ip, user_agent, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`, [email, catalogue.newsletterIds, sector.id, catalogue.noticeVersion, 'api', '127.0.0.1', USER_AGENT]);
}
function partsFor(databaseName, servicePid) {
    return (pid, ppid, cmdline) => pid === process.pid
        ? 'bench'
        : servicePid !== undefined && (pid === servicePid || ppid === servicePid)
            ? 'service'
            : cmdline.includes(` ${databaseName} `)
                ? 'postgres'
                : (0, cpu_account_1.sharedServer)(cmdline)
                    ? 'shared'
                    : null;
}
async function ceiling(databaseUrl, seconds, catalogue, write, parts) {
    const account = new cpu_account_1.CpuAccount(parts);
    const pool = new pg_1.Pool({ connectionString: databaseUrl, max: opts.pool });
    let next = 0;
    let failed = 0;
    const latencies = [];
    const started = process.hrtime.bigint();
    const deadline = Date.now() + seconds * 1000;
    const writer = async () => {
        while (Date.now() < deadline) {
            const at = process.hrtime.bigint();
            const client = await pool.connect();
            try {
                await write(client, next++, catalogue);
                latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
            }
            catch (error) {
                failed += 1;
                if (failed === 1)
                    console.error(error);
            }
            finally {
                client.release();
            }
        }
    };
    await Promise.all(Array.from({ length: opts.connections }, writer));
    const cpu = account.stop();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    await pool.end();
    const stats = (0, results_1.percentiles)(latencies);
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
async function breakdown(url, parts) {
    const json = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': USER_AGENT };
    const probes = [
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
    const layers = [];
    for (const [request, probe] of probes) {
        await (0, autocannon_1.default)({ url, connections: opts.connections, duration: 1, requests: [probe] });
        const account = new cpu_account_1.CpuAccount(parts);
        const result = await (0, autocannon_1.default)({ url, connections: opts.connections, duration: 5, requests: [probe] });
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
async function settle(pool) {
    let last = -1;
    for (let i = 0; i < 100; i += 1) {
        const { rows } = await pool.query(`SELECT count(*) AS n FROM signup_requests`);
        const n = Number(rows[0].n);
        if (n === last)
            return;
        last = n;
        await new Promise((resolve) => setTimeout(resolve, 300));
    }
}
async function checkQueue(prefix, expected) {
    const redis = new ioredis_1.default(services_1.REDIS_URL);
    try {
        const queue = `${prefix}:reader-mail`;
        const waiting = await redis.lrange(`${queue}:wait`, 0, -1);
        const otherStates = await Promise.all(['active', 'failed', 'completed', 'delayed', 'prioritized'].map(async (state) => {
            const key = `${queue}:${state}`;
            const type = await redis.type(key);
            return type === 'list' ? redis.llen(key) : type === 'zset' ? redis.zcard(key) : 0;
        }));
        const ids = new Set(expected.map((job) => job.id));
        const unique = new Set(waiting);
        const strays = waiting.filter((id) => !ids.has(id));
        const absent = [...ids].filter((id) => !unique.has(id));
        const stored = expected.reduce((p, job) => p.hmget(`${queue}:${job.id}`, 'name', 'data'), redis.pipeline());
        const found = (await stored.exec()) ?? [];
        const wrong = expected.filter((job, i) => {
            const [error, value] = found[i] ?? [null, null];
            const [name, data] = value ?? [null, null];
            return error !== null || name !== job.name || data === null || !(0, node_util_1.isDeepStrictEqual)(JSON.parse(data), job.data);
        });
        return {
            ok: unique.size === waiting.length && strays.length === 0 && absent.length === 0 && wrong.length === 0 && otherStates.every((c) => c === 0),
            detail: `${waiting.length} waiting (${unique.size} distinct), ${absent.length} missing, ${strays.length} stray, ` +
                `${wrong.length} with another name or data${wrong.length ? ` (e.g. ${wrong[0].id})` : ''}, other states ${otherStates.join('/')}`,
        };
    }
    finally {
        await redis.quit();
    }
}
const sameIds = (a, b) => (0, node_util_1.isDeepStrictEqual)([...a].sort((x, y) => x - y), [...b].sort((x, y) => x - y));
const sectorOf = (catalogue, email) => catalogue.sectors[Number(email.split('@')[0].split('-').pop()) % catalogue.sectors.length]?.id;
const signupJob = (id) => ({ id: `signup-${id}`, name: 'process-signup', data: { signupRequestId: id } });
async function checkService(pool, prefix, catalogue, tracker, inFlightBound) {
    const checks = [];
    const check = (name, ok, detail) => checks.push({ name, ok, detail });
    const ok2xx = [...tracker.answered].filter(([, status]) => status >= 200 && status < 300).map(([email]) => email);
    const refused = [...tracker.answered].filter(([, status]) => status < 200 || status >= 300);
    const unanswered = [...tracker.sent].filter((email) => !tracker.answered.has(email));
    const { rows } = await pool.query(`SELECT id, email, newsletter_ids, job_sector_id, notice_version, source, ip, user_agent FROM signup_requests ORDER BY id`);
    const byEmail = new Map();
    for (const row of rows)
        byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row]);
    const missing = ok2xx.filter((email) => !byEmail.has(email));
    const repeated = [...byEmail].filter(([, stored]) => stored.length > 1);
    check('every 2xx sign-up is stored as exactly one request', missing.length === 0 && repeated.length === 0, `${ok2xx.length - missing.length} of ${ok2xx.length}${missing.length ? `; missing e.g. ${missing[0]}` : ''}; ${repeated.length} addresses stored more than once`);
    const strangers = rows.filter((row) => !tracker.sent.has(row.email));
    check('every stored request was sent by this bench', strangers.length === 0, `${strangers.length} unknown`);
    const refusedStored = refused.filter(([email]) => byEmail.has(email));
    check('no sign-up answered non-2xx is stored', refusedStored.length === 0, `${refused.length} non-2xx answers, ${refusedStored.length} stored`);
    const late = unanswered.filter((email) => byEmail.has(email)).length;
    check('requests = 2xx answers (+ sign-ups completed after the client hung up at the deadline)', rows.length === ok2xx.length + late && late <= inFlightBound, `${rows.length} = ${ok2xx.length} + ${late} (at most ${inFlightBound} were in flight: ${opts.connections} per run of the load)`);
    const wrong = rows.filter((row) => !sameIds(row.newsletter_ids, catalogue.newsletterIds) ||
        row.job_sector_id !== sectorOf(catalogue, row.email) ||
        row.notice_version !== catalogue.noticeVersion ||
        row.source !== 'api' ||
        !row.ip ||
        row.user_agent !== USER_AGENT);
    check(`each holds both newsletters, its job sector, notice version ${catalogue.noticeVersion}, source 'api', an IP and the bench's user agent`, wrong.length === 0, wrong.length === 0 ? `${rows.length} requests` : `${wrong.length} wrong, e.g. ${JSON.stringify(wrong[0])}`);
    const queued = await checkQueue(prefix, rows.map((row) => signupJob(row.id)));
    check('one queued process-signup job per request, named signup-<id>, and nothing else', queued.ok, queued.detail);
    return { checks, requestIds: rows.map((row) => row.id), lateCompletions: late };
}
function spread(ids, size) {
    if (ids.length <= size)
        return ids;
    return Array.from({ length: size }, (_, i) => ids[Math.round((i * (ids.length - 1)) / (size - 1))]);
}
async function carryOutSample(pool, prefix, catalogue, env, requestIds) {
    const checks = [];
    const check = (name, ok, detail) => checks.push({ name, ok, detail });
    const sample = spread(requestIds, SAMPLE);
    const { rows: taken } = await pool.query(`SELECT id, email, ip, created_at::text AS at FROM signup_requests WHERE id = ANY($1::int[]) ORDER BY id`, [sample]);
    Object.assign(process.env, env, { APP_ROLE: 'api', LOG_LEVEL: 'warn' });
    const { NestFactory } = await Promise.resolve().then(() => __importStar(require('@nestjs/core')));
    const { AppModule } = await Promise.resolve().then(() => __importStar(require('../src/app.module')));
    const { SignupService } = await Promise.resolve().then(() => __importStar(require('../src/signup/signup.service')));
    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    const failures = [];
    try {
        const signup = app.get(SignupService);
        for (const id of sample) {
            await signup.processSignup(id).catch((error) => failures.push(`${id}: ${error.message}`));
        }
    }
    finally {
        await app.close();
    }
    const { rows: left } = await pool.query(`SELECT count(*) AS n FROM signup_requests WHERE id = ANY($1::int[])`, [sample]);
    check(`a sample of ${sample.length} requests (first, last, evenly spread) carried out by processSignup, their rows taken`, sample.length > 0 && taken.length === sample.length && failures.length === 0 && Number(left[0].n) === 0, `${taken.length} found, ${failures.length} failed${failures.length ? ` (e.g. ${failures[0]})` : ''}, ${left[0].n} still stored`);
    const { rows } = await pool.query(`SELECT r.email, s.id, s.job_sector_id,
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
     LEFT JOIN subscribers s ON s.email = r.email`, [catalogue.newsletterIds, catalogue.noticeVersion, USER_AGENT, taken.map((t) => t.email), taken.map((t) => t.ip), taken.map((t) => t.at)]);
    const n = catalogue.newsletterIds.length;
    const wrong = rows.filter((row) => Number(row.subscribers) !== 1 ||
        Number(row.subscriptions) !== n ||
        Number(row.pending) !== n ||
        Number(row.ledger) !== n ||
        Number(row.subscribed) !== n ||
        Number(row.emails) !== 1 ||
        Number(row.confirmations) !== 1 ||
        row.job_sector_id !== sectorOf(catalogue, row.email));
    check(`each: 1 subscriber, ${n} pending subscriptions, ${n} 'subscribed' ledger rows with the request's notice version, source, IP, user agent and time, its job sector, 1 confirmation email`, rows.length === taken.length && wrong.length === 0, wrong.length === 0 ? `${rows.length} readers` : `${wrong.length} wrong, e.g. ${JSON.stringify(wrong[0])}`);
    const emailJobs = rows
        .filter((row) => row.account_email_id !== null)
        .map((row) => ({ id: `account-email-${row.account_email_id}`, name: 'send-account-email', data: { accountEmailId: row.account_email_id } }));
    const queued = await checkQueue(prefix, [...requestIds.map(signupJob), ...emailJobs]);
    check('then also one queued account-email job per sampled reader, named after its account_emails row', emailJobs.length === taken.length && queued.ok, `${emailJobs.length} email jobs expected; ${queued.detail}`);
    return checks;
}
async function main() {
    (0, results_1.noteLoad)();
    const versions = await (0, services_1.serverVersions)();
    const database = await (0, services_1.freshDatabase)('signup');
    const prefix = (0, services_1.redisPrefix)('signup');
    const varDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'nl-bench-'));
    const profileDir = (0, node_path_1.join)(results_1.RESULTS_DIR, `signup-cpu-profile-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const env = {
        NODE_ENV: 'production',
        TZ: 'UTC',
        APP_ROLE: 'api',
        PUBLIC_URL: 'https://newsletters.bench.example',
        APP_SECRET: (0, node_crypto_1.randomBytes)(32).toString('base64url'),
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: String(opts.pool),
        REDIS_URL: services_1.REDIS_URL,
        QUEUE_PREFIX: prefix,
        SIGNUP_RATE_LIMIT: '100000000',
        LOG_LEVEL: opts['log-level'],
        MAIL_FROM: 'New Statesman <newsletters@newstatesman.example>',
        VAR_DIR: varDir,
    };
    const chosenFlags = opts['node-flags'] === 'start:prod' ? (0, server_1.deploymentNodeFlags)() : opts['node-flags'].split(/\s+/).filter(Boolean);
    const nodeFlags = [...chosenFlags, ...(opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
    let exitCode = 1;
    const pool = new pg_1.Pool({ connectionString: database.url, max: 2 });
    let service;
    try {
        console.log(`Sign-up bench: ${opts.duration} s (after ${opts.warmup} s of warm-up), ${opts.connections} connections, pool ${opts.pool}, ` +
            `${opts.instances} service process${opts.instances > 1 ? 'es' : ''} (node ${[...nodeFlags, 'dist/src/main.js'].join(' ')}), ` +
            `LOG_LEVEL=${opts['log-level']}, database ${database.name}`);
        service = await (0, server_1.startService)({
            env,
            port: await (0, services_1.freePort)(),
            logFile: (0, node_path_1.join)(varDir, 'service.log'),
            cwd: varDir,
            instances: opts.instances,
            nodeFlags,
        });
        const newsletters = await pool.query(`SELECT id, slug FROM newsletters WHERE slug = ANY($1)`, [NEWSLETTERS]);
        const sectors = await pool.query(`SELECT id, slug FROM job_sectors ORDER BY position`);
        const notice = await pool.query(`SELECT max(version) AS version FROM notice_versions`);
        const catalogue = {
            newsletterIds: NEWSLETTERS.map((slug) => Number(newsletters.rows.find((r) => r.slug === slug).id)),
            sectors: sectors.rows.map((r) => ({ id: Number(r.id), slug: r.slug })),
            noticeVersion: Number(notice.rows[0].version),
        };
        const tracker = { next: 0, answered: new Map(), sent: new Set() };
        let warm;
        if (opts.warmup > 0) {
            process.stdout.write(`warm-up ${opts.warmup} s … `);
            warm = await load(service.url, opts.warmup, catalogue, tracker, partsFor(database.name, service.pid));
            console.log(`${(0, table_1.format)(warm.reqPerSec)} req/s`);
        }
        process.stdout.write(`service ${opts.duration} s … `);
        const measured = await load(service.url, opts.duration, catalogue, tracker, partsFor(database.name, service.pid));
        console.log(`${(0, table_1.format)(measured.reqPerSec)} req/s`);
        await settle(pool);
        const verdict = await checkService(pool, prefix, catalogue, tracker, opts.connections * (opts.warmup > 0 ? 2 : 1));
        const layers = opts.breakdown ? await breakdown(service.url, partsFor(database.name, service.pid)) : undefined;
        await service.stop();
        service = undefined;
        process.stdout.write(`carrying out a sample of the requests … `);
        verdict.checks.push(...(await carryOutSample(pool, prefix, catalogue, env, verdict.requestIds)));
        console.log('done');
        let single;
        if (!opts['skip-ceiling']) {
            process.stdout.write(`ceiling, the request row per sign-up ${opts.duration} s … `);
            single = await ceiling(database.url, opts.duration, catalogue, storeRequest, partsFor(database.name));
            console.log(`${(0, table_1.format)(single.reqPerSec)}/s`);
            const { rows } = await pool.query(`SELECT count(*) AS n FROM signup_requests WHERE email LIKE 'ceiling-%'`);
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
        const percent = (r) => (r === null ? '—' : `${(0, table_1.format)(r * 100)} %`);
        const row = (name, r) => [
            name,
            r.ok,
            r.reqPerSec,
            r.latency.mean,
            r.latency.p50,
            r.latency.p99,
            r.latency.max,
            r.non2xx + r.errors,
            r.cpu ? `${(0, table_1.format)(r.cpu.otherShare * 100)} %` : '—',
        ];
        const runs = [
            ['POST /subscribe (service)', measured],
            ['ceiling: INSERT INTO signup_requests (pg)', single],
        ];
        console.log();
        console.log((0, table_1.table)(['', 'sign-ups', 'per s', 'mean ms', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx/errors', 'other work (CPU)'], runs.filter((r) => r[1] !== undefined).map(([name, r]) => row(name, r))));
        const busy = runs.filter(([, r]) => (r?.cpu?.otherShare ?? 0) > 0.1);
        if (busy.length > 0) {
            console.log(`Note: other processes used more than 10 % of the machine during ${busy.map(([name]) => name).join(', ')}: those figures are low.`);
        }
        console.log();
        const cpuMs = (r, part) => (r.cpu ? ((r.cpu.seconds[part] ?? 0) * 1000) / r.ok : null);
        const cell = (value) => value ?? '—';
        console.log('CPU time per sign-up, ms (from /proc)');
        console.log((0, table_1.table)(['', 'service', 'PostgreSQL backends', 'Redis + PostgreSQL background', 'load generator / pg client'], runs
            .filter((r) => r[1] !== undefined)
            .map(([name, r]) => [
            name,
            r === measured ? cell(cpuMs(r, 'service')) : '—',
            cell(cpuMs(r, 'postgres')),
            cell(cpuMs(r, 'shared')),
            cell(cpuMs(r, 'bench')),
        ])));
        if (layers) {
            console.log();
            console.log("Where a sign-up's CPU goes: lighter requests through the same service (5 s each), CPU ms per request");
            const full = {
                request: 'POST /subscribe, new address: stored and queued (the measured run above)',
                perSec: measured.reqPerSec,
                p99: measured.latency.p99,
                serviceMs: cpuMs(measured, 'service'),
                postgresMs: cpuMs(measured, 'postgres'),
            };
            console.log((0, table_1.table)(['request', 'per s', 'p99 ms', 'service CPU ms', 'PostgreSQL CPU ms'], [...layers, full].map((l) => [l.request, l.perSec, l.p99, cell(l.serviceMs), cell(l.postgresMs)])));
        }
        console.log();
        console.log((0, table_1.table)(['', 'measured', 'target', 'met'], [
            ['sign-ups per second', measured.reqPerSec, '≥ 1,000', measured.reqPerSec >= 1000 ? 'yes' : 'no'],
            ['p99 latency, ms', measured.latency.p99, '< 50', measured.latency.p99 < 50 ? 'yes' : 'no'],
            ['service ÷ ceiling', percent(ratio), '≥ 40 %', ratio === null ? '—' : ratio >= 0.4 ? 'yes' : 'no'],
        ]));
        const passed = (0, results_1.report)('signup', verdict.checks, {
            versions,
            settings: { ...opts, appRole: 'api', nodeFlags, newsletters: NEWSLETTERS, carriedOut: SAMPLE },
            service: measured,
            ceiling: single ?? null,
            ratio,
            targets: { reqPerSec: measured.reqPerSec >= 1000, p99: measured.latency.p99 < 50, ratio: ratio === null ? null : ratio >= 0.4 },
            breakdown: layers,
            cpuProfile: opts['cpu-prof'] ? profileDir : undefined,
        }, opts['cpu-prof'] ? `\nCPU profile: ${profileDir}` : '');
        exitCode = passed ? 0 : 1;
    }
    catch (error) {
        console.error(error);
        if (service)
            console.error(`Service log:\n${(0, server_1.tail)(service.logFile)}`);
    }
    finally {
        await service?.stop().catch(() => undefined);
        await pool.end().catch(() => undefined);
        await database.drop().catch((error) => console.error(`Could not drop ${database.name}:`, error));
        await (0, services_1.dropRedisPrefix)(prefix).catch((error) => console.error(`Could not clear Redis prefix ${prefix}:`, error));
        (0, node_fs_1.rmSync)(varDir, { recursive: true, force: true });
    }
    process.exit(exitCode);
}
void main();
//# sourceMappingURL=signup.js.map