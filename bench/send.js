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
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const paths_1 = require("../src/config/paths");
const args_1 = require("./support/args");
const check_dkim_1 = require("./support/check-dkim");
const check_message_1 = require("./support/check-message");
const cpu_account_1 = require("./support/cpu-account");
const results_1 = require("./support/results");
const sample_edition_1 = require("./support/sample-edition");
const services_1 = require("./support/services");
const table_1 = require("./support/table");
const opts = (0, args_1.options)('npm run bench:send -- [options]', {
    recipients: { default: 100_000, help: 'active subscribers of Morning Call, all sent the edition' },
    workers: { default: 2, help: 'worker processes (APP_ROLE=worker); the ceiling runs as many senders' },
    concurrency: { default: 4, help: 'DELIVERY_CONCURRENCY: batch jobs each worker runs at once' },
    pool: { default: 5, help: 'SMTP_POOL_SIZE: connections per worker, and per ceiling sender' },
    batch: { default: 500, help: 'DELIVERY_BATCH_SIZE: recipients per batch job' },
    samples: { default: 100, help: 'messages kept by the sink and parsed back (about; plus the first and last)' },
    'node-flags': { default: 'start:worker', help: 'V8 flags of workers and senders: those of `npm run start:worker`, or literal flags' },
    'skip-ceiling': { default: false, help: 'send through the pipeline only' },
    'cpu-prof': { default: false, help: 'a V8 CPU profile of each worker and sender into bench/results/profiles/' },
    segments: { default: 0, help: 'after the pipeline and ceiling, send a second edition whose partner pieces differ by sector: the audience spread over this many sectors, each with its own piece (0: off)' },
    dkim: { default: false, help: 'DKIM-sign every message (a 2048-bit RSA key made for the run), in the pipeline and the ceiling alike' },
});
const N = opts.recipients;
const DIST = (0, node_path_1.join)(paths_1.PROJECT_ROOT, 'dist');
const NODE_FLAGS = (opts['node-flags'] === 'start:worker'
    ? JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(paths_1.PROJECT_ROOT, 'package.json'), 'utf8')).scripts['start:worker']
    : opts['node-flags'])
    .split(/\s+/)
    .filter((word) => word.startsWith('--'));
const EXEC_ARGV = [...NODE_FLAGS, ...(opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${(0, node_path_1.join)(results_1.RESULTS_DIR, 'profiles')}`] : [])];
class Sink {
    child;
    port;
    constructor(child, port) {
        this.child = child;
        this.port = port;
    }
    static async start(capacity, sampleEvery) {
        const child = (0, node_child_process_1.fork)((0, node_path_1.join)(DIST, 'bench', 'send', 'smtp-sink.js'), [String(capacity), String(sampleEvery)]);
        const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
        return new Sink(child, port);
    }
    ask(type) {
        return new Promise((resolve) => {
            const listener = (message) => {
                if (message.type !== type)
                    return;
                this.child.off('message', listener);
                resolve(message.stats);
            };
            this.child.on('message', listener);
            this.child.send({ type });
        });
    }
    stats = () => this.ask('stats');
    samples = () => this.ask('samples');
    reset = () => this.ask('reset');
    stop = () => this.child.send({ type: 'stop' });
}
function peakRssMb(pid) {
    const status = (0, node_fs_1.readFileSync)(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
const exited = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
async function main() {
    (0, results_1.noteLoad)();
    const versions = await (0, services_1.serverVersions)();
    const database = await (0, services_1.freshDatabase)('send');
    const prefix = (0, services_1.redisPrefix)('send');
    const varDir = (0, node_path_1.join)((0, node_os_1.tmpdir)(), `nl-${prefix}`);
    const sink = await Sink.start(N, Math.max(1, Math.floor(N / opts.samples)));
    let passed = false;
    try {
        const env = {
            NODE_ENV: 'production',
            DATABASE_URL: database.url,
            REDIS_URL: services_1.REDIS_URL,
            QUEUE_PREFIX: prefix,
            SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
            SMTP_POOL_SIZE: String(opts.pool),
            MAIL_FROM: 'New Statesman <newsletters@bench.test>',
            PUBLIC_URL: 'https://newsletters.bench.test',
            APP_SECRET: (0, node_crypto_1.randomBytes)(32).toString('base64url'),
            LOG_LEVEL: 'warn',
            DELIVERY_CONCURRENCY: String(opts.concurrency),
            DELIVERY_BATCH_SIZE: String(opts.batch),
            VAR_DIR: varDir,
        };
        (0, node_fs_1.mkdirSync)(varDir, { recursive: true });
        const dkim = opts.dkim ? (0, check_dkim_1.benchDkim)('bench.test', 'bench', (0, node_path_1.join)(varDir, 'dkim.pem')) : null;
        if (dkim)
            Object.assign(env, { DKIM_DOMAIN: dkim.domain, DKIM_SELECTOR: dkim.selector, DKIM_PRIVATE_KEY_FILE: dkim.keyFile });
        async function dkimCheck(run, kept) {
            const wrong = [];
            for (const { recipient, raw } of kept)
                for (const problem of await dkim.problems(Buffer.from(raw, 'latin1')))
                    wrong.push(`${recipient}: ${problem}`);
            return {
                name: `${run}: sampled messages' DKIM signatures verify and cover the one-click unsubscribe headers`,
                ok: kept.length >= Math.min(N, opts.samples) && wrong.length === 0,
                detail: wrong.length > 0 ? wrong.slice(0, 3).join('; ') : `${kept.length} signatures verified`,
            };
        }
        Object.assign(process.env, env, { APP_ROLE: 'api' });
        const { NestFactory } = await Promise.resolve().then(() => __importStar(require('@nestjs/core')));
        const { QueueEvents } = await Promise.resolve().then(() => __importStar(require('bullmq')));
        const IORedis = (await Promise.resolve().then(() => __importStar(require('ioredis')))).default;
        const { AppModule } = await Promise.resolve().then(() => __importStar(require('../src/app.module')));
        const { ArticlesService } = await Promise.resolve().then(() => __importStar(require('../src/articles/articles.service')));
        const { EditionsService } = await Promise.resolve().then(() => __importStar(require('../src/editions/editions.service')));
        const { PublishingService } = await Promise.resolve().then(() => __importStar(require('../src/publishing/publishing.service')));
        const { Db } = await Promise.resolve().then(() => __importStar(require('../src/database/db.service')));
        const { DeliveryService } = await Promise.resolve().then(() => __importStar(require('../src/delivery/delivery.service')));
        const { DELIVERY_CHUNK } = await Promise.resolve().then(() => __importStar(require('../src/delivery/batch-sender')));
        const { LinksService } = await Promise.resolve().then(() => __importStar(require('../src/tokens/links.service')));
        const { QUEUES } = await Promise.resolve().then(() => __importStar(require('../src/queue/queues')));
        const { redisOptions } = await Promise.resolve().then(() => __importStar(require('../src/queue/redis-connection')));
        const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
        const db = app.get(Db);
        const editions = app.get(EditionsService);
        const publishing = app.get(PublishingService);
        const redis = new IORedis(redisOptions(services_1.REDIS_URL));
        const workers = [];
        const timeline = [];
        const checks = [];
        const figures = {};
        let pipelineCpu = null;
        let ceilingCpu = null;
        let pipeline;
        let ceiling;
        let subject = '';
        const parts = (roles) => (pid, _ppid, cmdline) => roles.get(pid) ??
            (cmdline.startsWith(`postgres: `) && cmdline.includes(` ${database.name} `) ? 'PostgreSQL backends' : (0, cpu_account_1.sharedServer)(cmdline) ? 'PostgreSQL and Redis, shared' : null);
        try {
            let t = Date.now();
            await db.query(`INSERT INTO subscribers (email, created_at, updated_at) SELECT 'r' || g || '@bench.test', now(), now() FROM generate_series(1, $1) g`, [N]);
            const newsletter = (await editions.newsletter('morning-call'));
            await db.query(`INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
         SELECT id, $1, 'active', now(), now(), now() FROM subscribers`, [newsletter.id]);
            await db.query('ANALYZE');
            figures.seedSeconds = (Date.now() - t) / 1000;
            const articles = app.get(ArticlesService);
            const articleIds = [];
            for (const article of sample_edition_1.SAMPLE_ARTICLES)
                articleIds.push((await articles.upsert(article)).article.id);
            const editionId = (await editions.compose(newsletter, { articleIds }, 'editor'));
            subject = (await publishing.view(editionId)).subject;
            const startWorkers = async () => {
                const started = [];
                for (let w = 0; w < opts.workers; w += 1) {
                    const child = (0, node_child_process_1.fork)((0, node_path_1.join)(DIST, 'src', 'main.js'), [], {
                        env: { ...process.env, ...env, APP_ROLE: 'worker', LOG_LEVEL: 'info' },
                        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
                        execArgv: EXEC_ARGV,
                    });
                    await new Promise((resolve, reject) => {
                        child.once('exit', (code) => reject(new Error(`Worker ${w} exited with ${code} while starting`)));
                        child.stdout.on('data', (chunk) => {
                            if (chunk.toString().includes('Worker started'))
                                resolve();
                        });
                    });
                    child.stdout.resume();
                    started.push(child);
                }
                return started;
            };
            workers.push(...(await startWorkers()));
            const baseline = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);
            let redisPeak = baseline;
            const sampler = setInterval(() => {
                void redis.info('memory').then((info) => {
                    redisPeak = Math.max(redisPeak, Number(/used_memory:(\d+)/.exec(info)[1]));
                });
            }, 100);
            const expectedJobs = Math.ceil(N / opts.batch);
            const deliveryEvents = new QueueEvents(QUEUES.delivery, { connection: redisOptions(services_1.REDIS_URL), prefix });
            await deliveryEvents.waitUntilReady();
            let added = 0;
            let fanOutDone = 0;
            deliveryEvents.on('added', () => {
                added += 1;
                if (added === expectedJobs)
                    fanOutDone = Date.now();
            });
            const account = new cpu_account_1.CpuAccount(parts(new Map([...workers.map((w) => [w.pid, 'workers']), [sink.child.pid, 'SMTP sink'], [process.pid, 'bench (API)']])));
            const started = Date.now();
            await publishing.send(editionId);
            const sendReturned = Date.now();
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
            pipeline = await sink.stats();
            figures.fanOutSeconds = fanOutDone ? (fanOutDone - sendReturned) / 1000 : null;
            figures.pipelinePerSecond = N / ((pipeline.lastAt - pipeline.firstAt) / 1000);
            figures.secondsToLastAccepted = (pipeline.lastAt - started) / 1000;
            figures.workerPeakRssMb = Math.max(...workers.map((w) => peakRssMb(w.pid)));
            figures.redisPeakMb = redisPeak / 2 ** 20;
            figures.redisAboveBaselineMb = (redisPeak - baseline) / 2 ** 20;
            figures.messageBytes = pipeline.bytes / Math.max(1, pipeline.accepted);
            figures.ambiguous = view.counts.ambiguous ?? 0;
            checks.push({ name: 'the edition finished as sent', ok: view.status === 'sent', detail: view.status });
            checks.push({
                name: 'pipeline: every reader got exactly one message',
                ok: pipeline.distinct === N && pipeline.duplicates === 0 && pipeline.unknown === 0 && view.counts.sent === N,
                detail: `${pipeline.distinct} of ${N} readers, ${pipeline.duplicates} duplicates, ${pipeline.unknown} unknown; ${view.counts.sent} rows sent`,
            });
            const samples = await sink.samples();
            const links = app.get(LinksService);
            const edition = await app.get(DeliveryService).messageFor(editionId);
            const problems = [];
            for (const { recipient, raw } of samples) {
                const id = Number(/^r(\d+)@/.exec(recipient)?.[1]);
                const expected = {
                    subscriberId: id,
                    email: recipient,
                    newsletterId: newsletter.id,
                    subject,
                    messageId: edition.messageIdFor(id),
                    titles: sample_edition_1.SAMPLE_ARTICLES.map((a) => a.title),
                };
                for (const problem of await (0, check_message_1.messageProblems)(Buffer.from(raw, 'latin1'), expected, links))
                    problems.push(`${recipient}: ${problem}`);
            }
            checks.push({
                name: 'sampled messages parse back to their reader, headers and links',
                ok: samples.length >= Math.min(N, opts.samples) && problems.length === 0,
                detail: problems.length > 0 ? problems.slice(0, 3).join('; ') : `${samples.length} messages parsed`,
            });
            if (dkim)
                checks.push(await dkimCheck('pipeline', samples));
            await deliveryEvents.close();
            for (const worker of workers)
                worker.kill('SIGTERM');
            await Promise.all(workers.map(exited));
            if (!opts['skip-ceiling']) {
                const message = await app.get(DeliveryService).messageFor(editionId);
                const messagePath = (0, node_path_1.join)(varDir, 'message.eml');
                (0, node_fs_1.mkdirSync)(varDir, { recursive: true });
                (0, node_fs_1.writeFileSync)(messagePath, message.forRecipient(1, 'r1@bench.test').raw);
                await sink.reset();
                const share = Math.ceil(N / opts.workers);
                const senders = Array.from({ length: opts.workers }, (_, w) => (0, node_child_process_1.fork)((0, node_path_1.join)(DIST, 'bench', 'send', 'ceiling-sender.js'), [env.SMTP_URL, messagePath, String(w * share + 1), String(Math.min(N, (w + 1) * share)), String(opts.pool), String(opts.concurrency * DELIVERY_CHUNK)], { execArgv: EXEC_ARGV }));
                const ceilingAccount = new cpu_account_1.CpuAccount(parts(new Map([...senders.map((s) => [s.pid, 'ceiling senders']), [sink.child.pid, 'SMTP sink'], [process.pid, 'bench (API)']])));
                const failed = await Promise.all(senders.map((s) => new Promise((resolve) => s.once('message', (m) => resolve(m.failed)))));
                ceilingCpu = ceilingAccount.stop();
                for (const sender of senders)
                    sender.send('exit');
                await Promise.all(senders.map(exited));
                ceiling = await sink.stats();
                figures.ceilingPerSecond = N / ((ceiling.lastAt - ceiling.firstAt) / 1000);
                figures.shareOfCeiling = figures.pipelinePerSecond / figures.ceilingPerSecond;
                checks.push({
                    name: 'ceiling: every message reached the sink exactly once',
                    ok: ceiling.distinct === N && ceiling.duplicates === 0 && failed.every((f) => f === 0),
                    detail: `${ceiling.distinct} of ${N}, ${ceiling.duplicates} duplicates, ${failed.reduce((a, b) => a + b, 0)} failed`,
                });
                if (dkim)
                    checks.push(await dkimCheck('ceiling', await sink.samples()));
            }
            if (opts.segments > 0) {
                const K = opts.segments;
                const sectors = (await db.query(`SELECT id FROM job_sectors ORDER BY position LIMIT $1`, [K])).rows.map((r) => r.id);
                await db.query(`UPDATE subscribers SET job_sector_id = ($1::int[])[1 + id % $2]`, [sectors, sectors.length]);
                const partnerIds = [];
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
                const segmented = (await editions.compose(newsletter, { articleIds: [...articleIds, ...partnerIds] }, 'editor'));
                await sink.reset();
                const segmentWorkers = await startWorkers();
                workers.push(...segmentWorkers);
                const renderer = app.get((await Promise.resolve().then(() => __importStar(require('../src/publishing/digest-renderer')))).DigestRenderer);
                let renders = 0;
                const render = renderer.render.bind(renderer);
                renderer.render = (...args) => {
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
                figures.segments = (await db.query(`SELECT count(*)::int AS n FROM edition_segments WHERE edition_id = $1`, [segmented])).rows[0].n;
                figures.segmentRenders = renders;
                figures.segmentedPerSecond = N / ((stats.lastAt - stats.firstAt) / 1000);
                figures.segmentedShareOfUnsegmented = figures.segmentedPerSecond / figures.pipelinePerSecond;
                figures.segmentedWorkerPeakRssMb = Math.max(...segmentWorkers.map((w) => peakRssMb(w.pid)));
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
                for (const worker of segmentWorkers)
                    worker.kill('SIGTERM');
                await Promise.all(segmentWorkers.map(exited));
            }
        }
        finally {
            for (const worker of workers)
                if (worker.exitCode === null)
                    worker.kill('SIGKILL');
            await app.close();
            await redis.quit();
        }
        const n = (value) => (value == null ? '—' : value);
        const ms = N / 1000;
        const cpuRows = (label, cpu) => Object.entries(cpu?.seconds ?? {})
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([part, seconds]) => [label, part, (seconds * 1000) / ms]);
        console.log();
        console.log(`${N.toLocaleString('en-GB')} recipients, ${opts.workers} workers × ${opts.concurrency} jobs × ${DELIVERY_CHUNK} in flight, ${opts.pool} SMTP connections each; V8 flags: ${NODE_FLAGS.join(' ') || 'none'}; DKIM: ${dkim ? 'every message signed, rsa-sha256, 2048-bit key' : 'off'}`);
        console.log((0, table_1.table)(['', 'messages', 'per s', 'seconds, first to last accepted', 'other work (CPU)'], [
            ['pipeline (send → workers → SMTP)', pipeline?.distinct ?? 0, n(figures.pipelinePerSecond), pipeline ? (pipeline.lastAt - pipeline.firstAt) / 1000 : '—', pipelineCpu ? `${(0, table_1.format)(pipelineCpu.otherShare * 100)} %` : '—'],
            ['ceiling (pre-built, bare nodemailer)', ceiling?.distinct ?? 0, n(figures.ceilingPerSecond), ceiling ? (ceiling.lastAt - ceiling.firstAt) / 1000 : '—', ceilingCpu ? `${(0, table_1.format)(ceilingCpu.otherShare * 100)} %` : '—'],
        ]));
        console.log();
        console.log((0, table_1.table)(['phase', 'seconds'], [
            ['seed readers (INSERT … SELECT)', n(figures.seedSeconds)],
            ['send call: render, draft → sending, audience snapshot', n(figures.sendCallSeconds)],
            ['fan-out: batch jobs queued', n(figures.fanOutSeconds)],
            ['send call until the last message was accepted', n(figures.secondsToLastAccepted)],
        ]));
        console.log();
        console.log('CPU time per 1,000 messages, ms (from /proc)');
        console.log((0, table_1.table)(['run', 'part', 'CPU ms'], [...cpuRows('pipeline', pipelineCpu), ...cpuRows('ceiling', ceilingCpu)]));
        console.log();
        const share = figures.shareOfCeiling ?? null;
        console.log((0, table_1.table)(['target', 'measured', 'target', 'met'], [
            ['pipeline ÷ ceiling', share === null ? '—' : `${(0, table_1.format)(share * 100)} %`, '≥ 70 %', share === null ? '—' : share >= 0.7 ? 'yes' : 'no'],
            ['worker peak RSS, MB', n(figures.workerPeakRssMb), '≤ 256 (at 1M)', figures.workerPeakRssMb <= 256 ? 'yes' : 'no'],
            ['Redis peak, MB (above baseline)', `${(0, table_1.format)(figures.redisPeakMb)} (${(0, table_1.format)(figures.redisAboveBaselineMb)})`, '≤ 100 (at 1M)', figures.redisPeakMb <= 100 ? 'yes' : 'no'],
            ['audience snapshot (send call), s', n(figures.sendCallSeconds), '≤ 15 (at 1M)', figures.sendCallSeconds <= 15 ? 'yes' : 'no'],
        ]));
        console.log(`Message size ${(0, table_1.format)(figures.messageBytes / 1024)} kB; recipients left ambiguous: ${figures.ambiguous}.`);
        if (opts.segments > 0) {
            const segShare = figures.segmentedShareOfUnsegmented ?? null;
            const rssRatio = figures.segmentedWorkerPeakRssMb && figures.workerPeakRssMb ? figures.segmentedWorkerPeakRssMb / figures.workerPeakRssMb : null;
            console.log();
            console.log(`Segmented edition: the same ${N.toLocaleString('en-GB')} readers over ${opts.segments} sectors, a partner piece each`);
            console.log((0, table_1.table)(['target', 'measured', 'target', 'met'], [
                ['segmented ÷ unsegmented pipeline, emails/s', segShare === null ? '—' : `${(0, table_1.format)(segShare * 100)} % (${(0, table_1.format)(figures.segmentedPerSecond)} / ${(0, table_1.format)(figures.pipelinePerSecond)})`, '≥ 90 %', segShare === null ? '—' : segShare >= 0.9 ? 'yes' : 'no'],
                ['renders per edition', `${figures.segmentRenders} for ${figures.segments} segments`, '= segments', figures.segmentRenders === figures.segments ? 'yes' : 'no'],
                ['worker peak RSS, MB, segmented ÷ unsegmented', rssRatio === null ? '—' : `${(0, table_1.format)(rssRatio * 100)} % (${(0, table_1.format)(figures.segmentedWorkerPeakRssMb)} / ${(0, table_1.format)(figures.workerPeakRssMb)})`, '≤ 110 %', rssRatio === null ? '—' : rssRatio <= 1.1 ? 'yes' : 'no'],
                ['send call (render per segment + snapshot), s', n(figures.segmentedSendCallSeconds), '', ''],
            ]));
        }
        passed = (0, results_1.report)(`send-${N}`, checks, {
            settings: { ...opts, nodeFlags: NODE_FLAGS },
            servers: versions,
            figures,
            cpuSeconds: { pipeline: pipelineCpu, ceiling: ceilingCpu },
            timeline,
        });
    }
    finally {
        sink.stop();
        await (0, services_1.dropRedisPrefix)(prefix).catch(() => undefined);
        await database.drop().catch(() => undefined);
        (0, node_fs_1.rmSync)(varDir, { recursive: true, force: true });
    }
    process.exit(passed ? 0 : 1);
}
main().catch((error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=send.js.map