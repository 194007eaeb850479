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
Object.defineProperty(exports, "__esModule", { value: true });
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_events_1 = require("node:events");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const pg_1 = require("pg");
const paths_1 = require("../src/config/paths");
const erased_addresses_1 = require("../src/readers/erased-addresses");
const args_1 = require("./support/args");
const cpu_account_1 = require("./support/cpu-account");
const results_1 = require("./support/results");
const services_1 = require("./support/services");
const table_1 = require("./support/table");
const opts = (0, args_1.options)('npm run bench:import -- [options]', {
    lines: { default: 1_000_000, help: 'data lines in the generated CSV file' },
    'node-flags': { default: 'cli', help: 'V8 flags of the import process: those of `npm run cli`, or literal flags (--node-flags= for none)' },
    'keep-file': { default: false, help: 'keep the generated CSV (its path is printed)' },
});
const N = opts.lines;
const BASIS = 'Subscribed to the bench list, which asked for consent in these words: …';
const SECTORS = ['Arts and Culture', 'marketing', '"OH&S, Risk Management"', 'communications', 'public-relations-and-media', ''];
function role(i) {
    switch (i % 1000) {
        case 999:
            return 'repeat';
        case 500:
            return 'invalid';
        case 100:
            return 'unsubscribed';
        case 200:
            return 'suppressed';
        case 300:
            return 'erased';
        case 400:
            return 'active';
        default:
            return 'new';
    }
}
const address = (i) => `reader-${i}@bench.example`;
async function writeCsv(path) {
    const out = (0, node_fs_1.createWriteStream)(path);
    const write = async (text) => {
        if (!out.write(text))
            await (0, node_events_1.once)(out, 'drain');
    };
    await write('\ufeffemail,job_sector,consented_at,source\r\n');
    let chunk = '';
    for (let i = 0; i < N; i += 1) {
        const kind = role(i);
        const email = kind === 'repeat' ? address(i - 1).toUpperCase() : kind === 'invalid' ? `not-an-address-${i}` : address(i);
        chunk += `${email},${SECTORS[i % SECTORS.length]},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},"bench list, part ${i % 10}"\r\n`;
        if (chunk.length > 1 << 16) {
            await write(chunk);
            chunk = '';
        }
    }
    await write(chunk);
    out.end();
    await (0, node_events_1.once)(out, 'finish');
    return (0, node_fs_1.statSync)(path).size;
}
function count(kind) {
    let n = 0;
    for (let i = 0; i < N; i += 1)
        if (role(i) === kind)
            n += 1;
    return n;
}
function rssMb(pid) {
    try {
        const kb = /VmRSS:\s+(\d+) kB/.exec((0, node_fs_1.readFileSync)(`/proc/${pid}/status`, 'utf8'))?.[1];
        return kb ? Number(kb) / 1024 : null;
    }
    catch {
        return null;
    }
}
async function main() {
    (0, results_1.noteLoad)();
    const versions = await (0, services_1.serverVersions)();
    const database = await (0, services_1.freshDatabase)('import');
    const prefix = (0, services_1.redisPrefix)('import');
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'nl-bench-import-'));
    const file = (0, node_path_1.join)(dir, 'readers.csv');
    const secret = (0, node_crypto_1.randomBytes)(32).toString('base64url');
    const env = {
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        REDIS_URL: services_1.REDIS_URL,
        QUEUE_PREFIX: prefix,
        PUBLIC_URL: 'https://newsletters.bench.test',
        APP_SECRET: secret,
        MAIL_FROM: 'New Statesman <newsletters@bench.test>',
        LOG_LEVEL: 'warn',
        VAR_DIR: dir,
    };
    const checks = [];
    let passed = false;
    const pg = new pg_1.Client({ connectionString: database.url });
    try {
        let started = Date.now();
        const bytes = await writeCsv(file);
        const generateSeconds = (Date.now() - started) / 1000;
        console.log(`Generated ${(0, table_1.format)(N)} lines (${(0, table_1.format)(bytes / 2 ** 20)} MB) in ${(0, table_1.format)(generateSeconds)} s: ${file}`);
        Object.assign(process.env, env);
        const { databaseConfig } = await Promise.resolve().then(() => __importStar(require('../src/config/config')));
        const { createDataSource } = await Promise.resolve().then(() => __importStar(require('../src/database/database-options')));
        const { runMigrations } = await Promise.resolve().then(() => __importStar(require('../src/database/migrate')));
        const dataSource = await createDataSource(databaseConfig());
        await dataSource.initialize();
        await runMigrations(dataSource);
        await dataSource.destroy();
        await pg.connect();
        const [{ id: newsletterId }] = (await pg.query(`SELECT id FROM newsletters WHERE slug = 'morning-call'`)).rows;
        const seeded = (kind) => Array.from({ length: N }, (_, i) => i).filter((i) => role(i) === kind).map(address);
        await pg.query(`WITH readers AS (
         INSERT INTO subscribers (email, suppressed_at, suppression_reason, created_at, updated_at)
         SELECT email, CASE WHEN kind = 'suppressed' THEN now() END, CASE WHEN kind = 'suppressed' THEN 'bench: hard bounce' END, now(), now()
         FROM unnest($1::text[], $2::text[]) AS s(email, kind) RETURNING id, email
       )
       INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, unsubscribed_at, created_at, updated_at)
       SELECT r.id, $3, CASE WHEN s.kind = 'unsubscribed' THEN 'unsubscribed' ELSE 'active' END, now(), CASE WHEN s.kind = 'unsubscribed' THEN now() END, now(), now()
       FROM readers r JOIN unnest($1::text[], $2::text[]) AS s(email, kind) ON s.email = r.email`, [
            [...seeded('unsubscribed'), ...seeded('suppressed'), ...seeded('active')],
            [...seeded('unsubscribed').map(() => 'unsubscribed'), ...seeded('suppressed').map(() => 'suppressed'), ...seeded('active').map(() => 'active')],
            newsletterId,
        ]);
        const erasedAddresses = new erased_addresses_1.ErasedAddresses(null, { secret, previousSecrets: [] });
        await pg.query(`INSERT INTO erased_addresses (address_hash, erased_at) SELECT unnest($1::text[]), now()`, [seeded('erased').map((email) => erasedAddresses.hash(email))]);
        await pg.query('ANALYZE');
        const lastSeeded = (await pg.query(`SELECT max(id)::int AS last FROM subscribers`)).rows[0].last;
        const seededState = async () => (await pg.query(`SELECT md5(string_agg(s::text || r::text, ',' ORDER BY r.id, s.newsletter_id)) AS state
           FROM subscribers r JOIN subscriptions s ON s.subscriber_id = r.id WHERE r.id <= $1`, [lastSeeded])).rows[0].state;
        const seededBefore = await seededState();
        const flags = (opts['node-flags'] === 'cli'
            ? JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(paths_1.PROJECT_ROOT, 'package.json'), 'utf8')).scripts.cli
            : opts['node-flags'])
            .split(/\s+/)
            .filter((word) => word.startsWith('--'));
        const cli = (0, node_path_1.join)(paths_1.PROJECT_ROOT, 'dist', 'src', 'cli.js');
        started = Date.now();
        const child = (0, node_child_process_1.spawn)(process.execPath, [...flags, cli, 'readers:import', file, '--newsletter', 'morning-call', '--consent', BASIS, '--confirmed', '--json'], {
            env: { ...process.env, ...env },
            stdio: ['ignore', 'pipe', 'inherit'],
        });
        const parts = (pid, _ppid, cmdline) => pid === child.pid ? 'import process' : cmdline.startsWith('postgres: ') && cmdline.includes(` ${database.name} `) ? 'PostgreSQL backends' : (0, cpu_account_1.sharedServer)(cmdline) ? 'PostgreSQL, shared' : null;
        const cpu = new cpu_account_1.CpuAccount(parts);
        let stdout = '';
        let cpuUse;
        child.stdout.on('data', (chunk) => {
            cpuUse ??= cpu.stop();
            stdout += chunk.toString();
        });
        const samples = [];
        const sampler = setInterval(() => {
            const mb = rssMb(child.pid);
            if (mb !== null)
                samples.push([(Date.now() - started) / 1000, mb]);
        }, 100);
        const [code] = (await (0, node_events_1.once)(child, 'exit'));
        clearInterval(sampler);
        cpuUse ??= cpu.stop();
        const wallSeconds = (Date.now() - started) / 1000;
        checks.push({ name: 'the import exited 0', ok: code === 0, detail: `exit ${code}` });
        const start = stdout.indexOf('{\n');
        const result = code === 0 && start !== -1 ? JSON.parse(stdout.slice(start, stdout.indexOf('\n}', start) + 2)) : null;
        const expected = {
            lines: N,
            created: count('new'),
            alreadySubscribed: count('active'),
            alreadyPending: 0,
            skippedUnsubscribed: count('unsubscribed'),
            skippedSuppressed: count('suppressed'),
            skippedErased: count('erased'),
            duplicates: count('repeat'),
            invalid: count('invalid'),
            complete: true,
        };
        const got = result && Object.fromEntries(Object.keys(expected).map((key) => [key, result[key]]));
        checks.push({ name: 'the report counts every line as it should', ok: JSON.stringify(got) === JSON.stringify(expected), detail: JSON.stringify(got) });
        const row = async (sql, params = [newsletterId]) => (await pg.query(sql, params)).rows[0].n;
        const active = await row(`SELECT count(*)::int AS n FROM subscriptions WHERE newsletter_id = $1 AND status = 'active'`);
        const expectedActive = count('new') + count('active') + count('suppressed');
        checks.push({ name: 'the new readers are active, next to the seeded active and suppressed ones', ok: active === expectedActive, detail: `${(0, table_1.format)(active)} active (expected ${(0, table_1.format)(expectedActive)})` });
        const readers = await row(`SELECT count(*)::int AS n FROM subscribers`, []);
        const expectedReaders = count('new') + count('active') + count('suppressed') + count('unsubscribed');
        checks.push({ name: 'one reader per new address, none for the erased, invalid or repeated', ok: readers === expectedReaders, detail: `${(0, table_1.format)(readers)} readers (expected ${(0, table_1.format)(expectedReaders)})` });
        const ledger = await row(`SELECT count(*)::int AS n FROM consent_events c JOIN consent_evidence e ON e.event_id = c.id
       WHERE c.newsletter_id = $1 AND c.source = 'import' AND c.event = 'subscribed' AND c.details::jsonb -> 'import' ->> 'status' = 'active'`);
        checks.push({ name: 'a ledger row (subscribed, active at once) per new reader', ok: ledger === count('new'), detail: `${(0, table_1.format)(ledger)} rows` });
        const seededAfter = await seededState();
        checks.push({ name: 'every seeded reader exactly as before (status, times, suppression)', ok: seededAfter === seededBefore, detail: seededAfter === seededBefore ? 'unchanged' : 'CHANGED' });
        const importSeconds = result?.seconds ?? NaN;
        const peak = Math.max(...samples.map(([, mb]) => mb));
        const during = samples.filter(([at]) => at >= wallSeconds - importSeconds);
        const at = (share) => during.find(([seconds]) => seconds >= wallSeconds - importSeconds + share * importSeconds)?.[1] ?? NaN;
        const figures = {
            lines: N,
            fileMb: bytes / 2 ** 20,
            importSeconds,
            linesPerSecond: N / importSeconds,
            wallSeconds,
            peakRssMb: peak,
            rssMbAt: { '10%': at(0.1), '25%': at(0.25), '50%': at(0.5), '75%': at(0.75), '95%': at(0.95) },
            cpuSeconds: cpuUse?.seconds ?? null,
            cpuMicrosecondsPerLine: null,
            linesPerSecondCeiling: null,
            otherShareOfMachine: cpuUse?.otherShare ?? null,
            nodeFlags: flags,
        };
        console.log();
        console.log((0, table_1.table)(['lines', 'import s', 'lines/s', 'wall s (with start-up)', 'peak RSS MB', 'RSS at 10/25/50/75/95 % of the import, MB'], [[N, importSeconds, figures.linesPerSecond, wallSeconds, peak, Object.values(figures.rssMbAt).map((mb) => (0, table_1.format)(mb)).join(' / ')]]));
        if (cpuUse) {
            console.log(`CPU seconds: ${Object.entries(cpuUse.seconds).map(([part, s]) => `${part} ${(0, table_1.format)(s)}`).join(', ')}; other work used ${(0, table_1.format)(cpuUse.otherShare * 100)} % of the machine`);
            const perLine = Object.values(cpuUse.seconds).reduce((a, b) => a + b, 0) / N;
            figures.cpuMicrosecondsPerLine = Object.fromEntries(Object.entries(cpuUse.seconds).map(([part, s]) => [part, (s / N) * 1e6]));
            figures.linesPerSecondCeiling = (0, node_os_1.cpus)().length / perLine;
            console.log(`CPU per line: ${(0, table_1.format)(perLine * 1e6)} µs in all, so at most ${(0, table_1.format)((0, node_os_1.cpus)().length / perLine)} lines/s on ${(0, node_os_1.cpus)().length} idle cores`);
        }
        passed = (0, results_1.report)('import', checks, { versions, figures, samples: samples.filter((_, i) => i % 10 === 0) });
    }
    finally {
        await pg.end().catch(() => undefined);
        await database.drop().catch((error) => console.error(`Could not drop ${database.name}:`, error));
        await (0, services_1.dropRedisPrefix)(prefix).catch(() => undefined);
        if (opts['keep-file'])
            console.log(`Kept ${file}`);
        else
            (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    }
    process.exit(passed ? 0 : 1);
}
main().catch((error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=import.js.map