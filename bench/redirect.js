"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_crypto_1 = require("node:crypto");
const autocannon_1 = __importDefault(require("autocannon"));
const ioredis_1 = __importDefault(require("ioredis"));
const pg_1 = require("pg");
const click_codes_1 = require("../src/clicks/click-codes");
const args_1 = require("./support/args");
const cpu_account_1 = require("./support/cpu-account");
const bare_route_1 = require("./support/bare-route");
const results_1 = require("./support/results");
const server_1 = require("./support/server");
const services_1 = require("./support/services");
const table_1 = require("./support/table");
const opts = (0, args_1.options)('npm run bench:redirect -- [options]', {
    duration: { default: 20, help: 'seconds of measured requests, for the redirect and for the bare route each' },
    warmup: { default: 3, help: 'seconds of each first, not measured (their redirects are counted and checked too)' },
    connections: { default: 10, help: 'concurrent HTTP connections' },
    clients: { default: 200, help: 'client addresses the requests come from, each following one link' },
    links: { default: 12, help: 'article links in the edition' },
    'log-level': { default: 'info', help: 'LOG_LEVEL of the service (info: a log line per request, as deployed)' },
    'cpu-prof': { default: false, help: 'write a CPU profile of the service process to bench/results/' },
});
const USER_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const PUBLIC_URL = 'https://newsletters.bench.example';
async function load(url, seconds, targets, tally, parts) {
    const account = new cpu_account_1.CpuAccount(parts);
    const result = await (0, autocannon_1.default)({
        url,
        connections: opts.connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
        requests: targets.map((target, i) => ({
            method: 'GET',
            path: target.path,
            headers: { 'user-agent': USER_AGENT, 'x-forwarded-for': target.ip, accept: 'text/html' },
            setupRequest: (request) => {
                tally.sent[i] += 1;
                return request;
            },
            onResponse: (status, _body, _context, headers) => {
                const location = headers?.location ?? headers?.Location;
                if (status === 302 && location === target.location)
                    tally.right[i] += 1;
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
const newTally = (n) => ({ sent: new Array(n).fill(0), right: new Array(n).fill(0), wrong: new Array(n).fill(0) });
const sum = (values) => values.reduce((a, b) => a + b, 0);
async function redisCounts(redis, prefix, editionId) {
    const fields = await redis.hgetall(`${prefix}:clicks:edition:${editionId}`);
    return new Map(Object.entries(fields).map(([field, value]) => [field, Number(value)]));
}
function partsFor(servicePid) {
    return (pid, _ppid, cmdline) => (pid === servicePid ? 'service' : pid === process.pid ? 'bench' : cmdline.startsWith('redis-server') ? 'redis' : null);
}
async function main() {
    (0, results_1.noteLoad)();
    const versions = await (0, services_1.serverVersions)();
    const database = await (0, services_1.freshDatabase)('redirect');
    const prefix = (0, services_1.redisPrefix)('redirect');
    const varDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'nl-bench-'));
    const secret = (0, node_crypto_1.randomBytes)(32).toString('base64url');
    const env = {
        NODE_ENV: 'production',
        TZ: 'UTC',
        APP_ROLE: 'api',
        PUBLIC_URL,
        APP_SECRET: secret,
        DATABASE_URL: database.url,
        REDIS_URL: services_1.REDIS_URL,
        QUEUE_PREFIX: prefix,
        TRUST_PROXY: 'true',
        CLICK_FLUSH_SECONDS: '3600',
        LOG_LEVEL: opts['log-level'],
        MAIL_FROM: 'New Statesman <newsletters@newstatesman.example>',
        VAR_DIR: varDir,
    };
    const pool = new pg_1.Pool({ connectionString: database.url, max: 2 });
    const redis = new ioredis_1.default(services_1.REDIS_URL);
    let service;
    let exitCode = 1;
    try {
        console.log(`Redirect bench: ${opts.duration} s each (after ${opts.warmup} s of warm-up each), ${opts.connections} connections, ` +
            `${opts.clients} clients over ${opts.links} links, one API process, LOG_LEVEL=${opts['log-level']}, database ${database.name}`);
        service = await (0, server_1.startService)({
            env,
            port: await (0, services_1.freePort)(),
            logFile: (0, node_path_1.join)(varDir, 'service.log'),
            cwd: varDir,
            main: (0, node_path_1.join)(__dirname, 'support', 'redirect-server.js'),
            nodeFlags: opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${(0, node_path_1.join)(results_1.RESULTS_DIR, `redirect-cpu-profile-${new Date().toISOString().replace(/[:.]/g, '-')}`)}`] : [],
        });
        const [{ id: newsletterId }] = (await pool.query(`SELECT id FROM newsletters WHERE slug = 'morning-call'`)).rows;
        const [{ id: editionId }] = (await pool.query(`WITH edition AS (
           INSERT INTO editions (newsletter_id, subject, status, origin, started_at, finished_at, created_at, updated_at)
           VALUES ($1, 'Redirect bench', 'sent', 'editor', now(), now(), now(), now()) RETURNING id
         ), counts AS (
           INSERT INTO delivery_counts (edition_id, batch_size, total, sent) SELECT id, 500, 100000, 100000 FROM edition
         )
         SELECT id FROM edition`, [newsletterId])).rows;
        const articleIds = Array.from({ length: opts.links }, (_, i) => 1000 + i);
        const urlOf = (articleId) => `https://www.newstatesman.com/bench/${articleId}/an-article-worth-reading`;
        await pool.query(`INSERT INTO edition_links (edition_id, article_id, position, url, title, section, sponsored)
       SELECT $1, a.id, a.position - 1, $3 || a.id || '/an-article-worth-reading', 'Article ' || a.id, 'Politics', false
       FROM unnest($2::int[]) WITH ORDINALITY AS a(id, position)`, [editionId, articleIds, 'https://www.newstatesman.com/bench/']);
        const codes = new click_codes_1.ClickCodes(secret);
        const links = new Map(articleIds.map((id) => [id, `/r/${codes.sign({ editionId, articleId: id, segment: 0 })}`]));
        const ip = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        const redirects = Array.from({ length: opts.clients }, (_, i) => {
            const articleId = articleIds[i % articleIds.length];
            return { path: links.get(articleId), ip: ip(i + 1), articleId, location: urlOf(articleId) };
        });
        const bare = Array.from({ length: opts.clients }, (_, i) => ({ path: bare_route_1.BARE_PATH, ip: ip(i + 1), articleId: null, location: bare_route_1.BARE_TARGET }));
        const checks = [];
        const check = (name, ok, detail) => checks.push({ name, ok, detail });
        const code = links.get(articleIds[0]).slice(3);
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
        console.log(`${(0, table_1.format)(redirect.perSec)} redirects/s`);
        process.stdout.write(`bare route ${opts.duration} s … `);
        const floor = await load(service.url, opts.duration, bare, bareTally, parts);
        console.log(`${(0, table_1.format)(floor.perSec)} redirects/s`);
        check('every /r/<code> answered 302 to its article, and the bare route 302 to its target', sum(redirectTally.wrong) === 0 && sum(bareTally.wrong) === 0 && sum(redirectTally.right) > 0, `${sum(redirectTally.right)} + ${sum(bareTally.right)} right, ${sum(redirectTally.wrong) + sum(bareTally.wrong)} wrong${redirectTally.firstWrong ? ` (e.g. ${redirectTally.firstWrong})` : ''}`);
        check('no errors or timeouts', redirect.errors + floor.errors === 0, `${redirect.errors + floor.errors} errors (${redirect.timeouts + floor.timeouts} timeouts)`);
        const expected = new Map();
        redirects.forEach((target, i) => expected.set(target.articleId, (expected.get(target.articleId) ?? 0) + redirectTally.sent[i]));
        const sent = sum([...expected.values()]);
        const answered = sum(redirectTally.right);
        let counts = await redisCounts(redis, prefix, editionId);
        for (let last = -1, i = 0; i < 50; i += 1) {
            const counted = sum([...counts.values()]);
            if (counted === sent || counted === last)
                break;
            last = counted;
            await new Promise((resolve) => setTimeout(resolve, 100));
            counts = await redisCounts(redis, prefix, editionId);
        }
        const wrongLinks = articleIds.filter((id) => (counts.get(`${id}:0:c`) ?? 0) !== expected.get(id));
        const discounted = [...counts].filter(([field, n]) => !field.endsWith(':c') && n !== 0);
        check('Redis counted every request sent, link by link, with nothing discounted (no HEAD, scanner or burst in this load)', wrongLinks.length === 0 && discounted.length === 0 && counts.size === articleIds.length && answered <= sent, `${sum([...counts.values()])} counted for ${sent} sent (${answered} answered before autocannon stopped) over ${counts.size} links; ${wrongLinks.length} links off` +
            (wrongLinks.length ? ` (e.g. article ${wrongLinks[0]}: ${counts.get(`${wrongLinks[0]}:0:c`)} for ${expected.get(wrongLinks[0])})` : '') +
            `; ${discounted.length} discounted fields`);
        const written = Number((await pool.query(`SELECT count(*) AS n FROM edition_clicks`)).rows[0].n);
        check('nothing written to PostgreSQL per click (edition_clicks empty until the flush)', written === 0, `${written} rows`);
        await service.stop();
        service = undefined;
        const flushed = await pool.query(`SELECT article_id, clicks, discounted_head + discounted_scanner + discounted_burst AS discounted FROM edition_clicks WHERE edition_id = $1`, [editionId]);
        const flushedWrong = articleIds.filter((id) => Number(flushed.rows.find((r) => Number(r.article_id) === id)?.clicks ?? 0) !== expected.get(id));
        const left = await redis.exists(`${prefix}:clicks:edition:${editionId}`);
        check('the flush as the process stopped moved every count to PostgreSQL and out of Redis', flushedWrong.length === 0 && flushed.rows.every((r) => Number(r.discounted) === 0) && left === 0, `${sum(flushed.rows.map((r) => Number(r.clicks)))} clicks in edition_clicks for ${sent}; ${flushedWrong.length} links off; Redis key ${left ? 'still there' : 'gone'}`);
        const scans = await pool.query(`SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS n FROM pg_stat_user_tables WHERE relname = 'edition_links'`);
        const reads = Number(scans.rows[0]?.n ?? -1);
        check("the edition's links were read from PostgreSQL once by the process, not per click", reads >= 0 && reads <= articleIds.length, `${reads} rows of edition_links read (${articleIds.length} links) for ${sent + 1} requests to /r/`);
        const ratio = redirect.perSec / floor.perSec;
        const cpuMs = (r, part) => (r.cpu ? ((r.cpu.seconds[part] ?? 0) * 1000) / r.requests : '—');
        const row = (name, r) => [
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
            r.cpu ? `${(0, table_1.format)(r.cpu.otherShare * 100)} %` : '—',
        ];
        console.log();
        console.log((0, table_1.table)(['', 'requests', 'per s', 'mean ms', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'service CPU ms/req', 'Redis CPU ms/req', 'other work (CPU)'], [row('GET /r/<code> (verify, cached links, Redis count)', redirect), row(`GET ${bare_route_1.BARE_PATH} (bare 302, same process)`, floor)]));
        console.log();
        console.log((0, table_1.table)(['', 'measured', 'target', 'met'], [
            ['redirects per second', redirect.perSec, '≥ 5,000', redirect.perSec >= 5000 ? 'yes' : 'no'],
            ['p99 latency, ms', redirect.latency.p99, '< 20', redirect.latency.p99 < 20 ? 'yes' : 'no'],
            ['redirect ÷ bare route', `${(0, table_1.format)(ratio * 100)} %`, '—', '—'],
        ]));
        const passed = (0, results_1.report)('redirect', checks, {
            versions,
            settings: { ...opts, appRole: 'api' },
            redirect,
            bare: floor,
            ratio,
            targets: { perSec: redirect.perSec >= 5000, p99: redirect.latency.p99 < 20 },
        });
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
        redis.disconnect();
        await database.drop().catch((error) => console.error(`Could not drop ${database.name}:`, error));
        await (0, services_1.dropRedisPrefix)(prefix).catch((error) => console.error(`Could not clear Redis prefix ${prefix}:`, error));
        (0, node_fs_1.rmSync)(varDir, { recursive: true, force: true });
    }
    process.exit(exitCode);
}
void main();
//# sourceMappingURL=redirect.js.map