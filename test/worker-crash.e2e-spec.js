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
const bullmq_1 = require("@nestjs/bullmq");
const ioredis_1 = __importDefault(require("ioredis"));
const batch_sender_1 = require("../src/delivery/batch-sender");
const queues_1 = require("../src/queue/queues");
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
const processes_1 = require("./support/processes");
describe('a worker that dies mid-send', () => {
    let t;
    let api;
    let articleId;
    let run = 0;
    const workers = [];
    const WORKER_ENV = { DELIVERY_LOCK_MS: '2000', DELIVERY_CONCURRENCY: '2', DELIVERY_RETRY_DELAY_MS: '200' };
    beforeAll(async () => {
        process.env.APP_ROLE = 'api';
        const { startApp } = await Promise.resolve().then(() => __importStar(require('./support/app')));
        t = await startApp({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN } });
        expect(await t.app.get((0, bullmq_1.getQueueToken)(queues_1.QUEUES.delivery)).getWorkersCount()).toBe(0);
        api = (0, editor_1.editorApi)(t);
        [articleId] = await (0, editor_1.insertArticles)(t, [{ url: 'https://www.newstatesman.com/world/2023/03/ammunition', title: 'Will Ukraine run out of ammunition?' }]);
    });
    beforeEach(async () => {
        await t.db.query(`UPDATE subscriptions SET status = 'unsubscribed'`);
        t.smtp.acceptDelayMs = 0;
        run += 1;
    });
    afterEach(async () => {
        for (const worker of workers.splice(0)) {
            if (worker.exitCode === null && worker.signalCode === null)
                worker.kill('SIGKILL');
            await (0, processes_1.exited)(worker);
        }
    });
    afterAll(async () => {
        await t?.close();
    });
    async function startSend() {
        const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId] });
        const started = await api.post(`/api/editions/${composed.json.id}/send`);
        expect(started.status).toBe(202);
        return composed.json.id;
    }
    function worker() {
        const child = (0, processes_1.startWorker)(WORKER_ENV);
        workers.push(child);
        return child;
    }
    const copiesOf = (emails) => new Map(emails.map((email) => [email, t.smtp.to(email).length]));
    async function waitForCopies(emails, atLeast) {
        const deadline = Date.now() + 60_000;
        while ([...copiesOf(emails).values()].filter((n) => n > 0).length < atLeast) {
            if (Date.now() > deadline)
                throw new Error(`Fewer than ${atLeast} readers were sent anything`);
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
    }
    it('is finished by a fresh worker after SIGKILL: nobody skipped, only the in-flight may get two copies', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'morning-call', { active: 1500 }, `k${run}`)).active;
        t.smtp.acceptDelayMs = 3;
        const id = await startSend();
        const first = worker();
        await waitForCopies(readers, 350);
        first.kill('SIGKILL');
        expect((await (0, processes_1.exited)(first)).signal).toBe('SIGKILL');
        const stranded = await t.rows(`SELECT r.email FROM deliveries d JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1 AND d.status = 'sending'`, [id]);
        expect(stranded.length).toBeGreaterThan(0);
        const sentBefore = [...copiesOf(readers).values()].filter((n) => n > 0).length;
        expect(sentBefore).toBeLessThan(1500);
        worker();
        const done = await api.waitForEdition(id, ['sent']);
        const rows = await t.rows(`SELECT r.email, d.status, d.ambiguous FROM deliveries d JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1`, [id]);
        expect(rows).toHaveLength(1500);
        expect(rows.every((row) => row.status === 'sent')).toBe(true);
        expect(done.counts).toMatchObject({ total: 1500, sent: 1500, failed: 0, pending: 0 });
        const copies = copiesOf(readers);
        const duplicates = [...copies.values()].filter((n) => n > 1).length;
        process.stderr.write(`worker-crash: one SIGKILL mid-send left ${done.counts.ambiguous} recipients ambiguous, ${duplicates} of them got two copies\n`);
        expect(duplicates).toBeLessThanOrEqual(Number(WORKER_ENV.DELIVERY_CONCURRENCY) * batch_sender_1.RECORD_GROUP);
        expect([...copies.values()].every((n) => n >= 1)).toBe(true);
        const ambiguous = new Set(rows.filter((row) => Boolean(row.ambiguous)).map((row) => row.email));
        expect(done.counts.ambiguous).toBe(ambiguous.size);
        for (const { email } of stranded)
            expect(ambiguous.has(email)).toBe(true);
        for (const [email, n] of copies)
            if (n > 1)
                expect(ambiguous.has(email)).toBe(true);
        expect([...copies.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1500 + done.counts.ambiguous);
        expect([...copies.values()].every((n) => n <= 2)).toBe(true);
    });
    it('lets in-flight messages finish on SIGTERM and exits cleanly, leaving nothing ambiguous', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'morning-call', { active: 800 }, `s${run}`)).active;
        t.smtp.acceptDelayMs = 3;
        const id = await startSend();
        const first = worker();
        await waitForCopies(readers, 150);
        first.kill('SIGTERM');
        expect(await (0, processes_1.exited)(first)).toEqual({ code: 0, signal: null });
        expect(await t.rows(`SELECT subscriber_id FROM deliveries WHERE edition_id = $1 AND status = 'sending'`, [id])).toEqual([]);
        const stopped = (await api.get(`/api/editions/${id}`)).json;
        expect(stopped.status).toBe('sending');
        expect(stopped.counts.sent).toBeLessThan(800);
        worker();
        const done = await api.waitForEdition(id, ['sent']);
        expect(done.counts).toMatchObject({ total: 800, sent: 800, ambiguous: 0 });
        expect([...copiesOf(readers).values()].every((n) => n === 1)).toBe(true);
    });
    it('finds an edition whose jobs were lost (Redis flushed) and finishes it when a worker starts', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'morning-call', { active: 120 }, `r${run}`)).active;
        const id = await startSend();
        const redis = new ioredis_1.default(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
        const keys = await redis.keys(`${t.prefix}:*`);
        if (keys.length > 0)
            await redis.del(...keys);
        await redis.quit();
        const recovering = worker();
        const done = await api.waitForEdition(id, ['sent']);
        expect(done.counts).toMatchObject({ total: 120, sent: 120 });
        expect([...copiesOf(readers).values()].every((n) => n === 1)).toBe(true);
        expect(recovering.output()).toMatch(/Re-queued \d+ delivery batches/);
    });
    it('holds EMAILS_PER_SECOND across all workers together', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'morning-call', { active: 60 }, `l${run}`)).active;
        const id = await startSend();
        const limit = { EMAILS_PER_SECOND: '20' };
        workers.push((0, processes_1.startWorker)({ ...WORKER_ENV, ...limit }), (0, processes_1.startWorker)({ ...WORKER_ENV, ...limit }));
        await api.waitForEdition(id, ['sent']);
        const times = readers.flatMap((email) => t.smtp.to(email).map((mail) => mail.receivedAt)).sort((a, b) => a - b);
        expect(times).toHaveLength(60);
        expect(times[59] - times[0]).toBeGreaterThanOrEqual(1500);
        for (let i = 0; i < times.length; i += 1) {
            const within = times.filter((time) => time >= times[i] && time < times[i] + 1000).length;
            expect(within).toBeLessThanOrEqual(40);
        }
    });
});
//# sourceMappingURL=worker-crash.e2e-spec.js.map