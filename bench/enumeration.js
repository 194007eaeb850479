"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mannWhitney = mannWhitney;
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_crypto_1 = require("node:crypto");
const pg_1 = require("pg");
const args_1 = require("./support/args");
const results_1 = require("./support/results");
const server_1 = require("./support/server");
const services_1 = require("./support/services");
const table_1 = require("./support/table");
const opts = (0, args_1.options)('npm run bench:enumeration -- [options]', {
    samples: { default: 300, help: 'sign-ups of each kind, measured' },
    warmup: { default: 100, help: 'sign-ups first, not measured' },
    known: { default: 50, help: 'active readers whose addresses are signed up again' },
});
function mannWhitney(a, b) {
    const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
    const ranks = new Array(all.length);
    let ties = 0;
    for (let i = 0; i < all.length;) {
        let j = i;
        while (j + 1 < all.length && all[j + 1].v === all[i].v)
            j += 1;
        const t = j - i + 1;
        ties += t ** 3 - t;
        for (let k = i; k <= j; k += 1)
            ranks[k] = (i + j) / 2 + 1;
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
function normalCdf(x) {
    const t = 1 / (1 + 0.3275911 * (x / Math.SQRT2));
    const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
    return 0.5 * (1 + erf);
}
const median = (values) => {
    const sorted = [...values].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
function fingerprint(status, headers, body) {
    const kept = [...headers].filter(([name]) => !['date', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-remaining-signup', 'x-ratelimit-reset-signup', 'etag'].includes(name));
    return JSON.stringify([status, kept.sort(), body]);
}
async function main() {
    (0, results_1.noteLoad)();
    const versions = await (0, services_1.serverVersions)();
    const database = await (0, services_1.freshDatabase)('enumeration');
    const prefix = (0, services_1.redisPrefix)('enumeration');
    const varDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'nl-bench-'));
    const port = await (0, services_1.freePort)();
    const run = (0, node_crypto_1.randomBytes)(3).toString('hex');
    const checks = [];
    let passed = false;
    let service;
    const pool = new pg_1.Pool({ connectionString: database.url, max: 2 });
    try {
        service = await (0, server_1.startService)({
            env: {
                NODE_ENV: 'production',
                APP_ROLE: 'api',
                PUBLIC_URL: 'https://newsletters.bench.example',
                APP_SECRET: (0, node_crypto_1.randomBytes)(32).toString('base64url'),
                DATABASE_URL: database.url,
                REDIS_URL: services_1.REDIS_URL,
                QUEUE_PREFIX: prefix,
                SIGNUP_RATE_LIMIT: '100000000',
                LOG_LEVEL: 'warn',
                VAR_DIR: varDir,
            },
            port,
            logFile: (0, node_path_1.join)(varDir, 'service.log'),
            cwd: varDir,
            nodeFlags: (0, server_1.deploymentNodeFlags)(),
        });
        const [{ id: newsletterId }] = (await pool.query(`SELECT id FROM newsletters WHERE slug = 'morning-call'`)).rows;
        await pool.query(`WITH readers AS (
         INSERT INTO subscribers (email, created_at, updated_at) SELECT 'known' || g || '.${run}@bench.example', now(), now() FROM generate_series(1, $1) g RETURNING id)
       INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
       SELECT id, $2, 'active', now(), now(), now() FROM readers`, [opts.known, newsletterId]);
        let unknown = 0;
        const signUp = async (kind, i) => {
            const email = kind === 'known' ? `known${(i % opts.known) + 1}.${run}@bench.example` : `unknown${(unknown += 1)}.${run}@bench.example`;
            const started = process.hrtime.bigint();
            const response = await fetch(`${service.url}/subscribe`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', accept: 'application/json' },
                body: JSON.stringify({ email, newsletters: ['morning-call'] }),
            });
            const body = await response.text();
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            return { ms, print: fingerprint(response.status, response.headers, body), status: response.status };
        };
        const order = [];
        for (let i = 0; i < opts.samples; i += 1)
            order.push(...(Math.random() < 0.5 ? ['known', 'unknown'] : ['unknown', 'known']));
        for (let i = 0; i < opts.warmup; i += 1)
            await signUp(i % 2 ? 'known' : 'unknown', i);
        const times = { known: [], unknown: [] };
        const prints = new Set();
        const statuses = new Set();
        for (const [i, kind] of order.entries()) {
            const answer = await signUp(kind, i);
            times[kind].push(answer.ms);
            prints.add(answer.print);
            statuses.add(answer.status);
        }
        const known = median(times.known);
        const fresh = median(times.unknown);
        const test = mannWhitney(times.known, times.unknown);
        console.log(`\n${opts.samples} sign-ups of each kind, interleaved, one at a time (${opts.known} known active addresses, each unknown one new)\n` +
            (0, table_1.table)(['kind', 'median ms', 'p10 ms', 'p90 ms'], ['known', 'unknown'].map((kind) => {
                const sorted = [...times[kind]].sort((x, y) => x - y);
                return [kind === 'known' ? 'known, active' : 'unknown', (0, table_1.format)(median(sorted)), (0, table_1.format)(sorted[Math.floor(sorted.length / 10)]), (0, table_1.format)(sorted[Math.floor((sorted.length * 9) / 10)])];
            })) +
            `\nmedian difference ${(0, table_1.format)(Math.abs(known - fresh))} ms (target < 0.5); Mann–Whitney U = ${(0, table_1.format)(test.u)}, z = ${(0, table_1.format)(test.z)}, p = ${(0, table_1.format)(test.p)} (target > 0.01)`);
        checks.push({ name: 'every answer was 202', ok: statuses.size === 1 && statuses.has(202), detail: [...statuses].join(', ') });
        checks.push({
            name: 'every answer was the same (status, headers, body)',
            ok: prints.size === 1,
            detail: prints.size === 1 ? [...prints][0].slice(0, 120) : `${prints.size} different answers`,
        });
        const [{ requests }] = (await pool.query(`SELECT count(*)::int AS requests FROM signup_requests`)).rows;
        const expected = opts.warmup + 2 * opts.samples;
        checks.push({ name: 'every sign-up was stored before it was answered', ok: requests === expected, detail: `${requests} of ${expected} stored` });
        passed = (0, results_1.report)('enumeration', checks, {
            settings: opts,
            servers: versions,
            figures: { medianKnownMs: known, medianUnknownMs: fresh, medianDifferenceMs: Math.abs(known - fresh), mannWhitney: test },
            times,
        });
    }
    finally {
        await service?.stop();
        await pool.end();
        await (0, services_1.dropRedisPrefix)(prefix).catch(() => undefined);
        await database.drop().catch(() => undefined);
        (0, node_fs_1.rmSync)(varDir, { recursive: true, force: true });
    }
    process.exit(passed ? 0 : 1);
}
if (require.main === module) {
    main().catch((error) => {
        console.error(error);
        process.exit(1);
    });
}
//# sourceMappingURL=enumeration.js.map