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
const bullmq_1 = require("bullmq");
const audience_1 = require("../support/audience");
const deployment_1 = require("../support/deployment");
const editor_1 = require("../support/editor");
const own_redis_1 = require("../support/own-redis");
const reader_1 = require("../support/reader");
describe('Redis restarting empty', () => {
    let redis;
    let t;
    let deployment;
    beforeAll(async () => {
        redis = await new own_redis_1.OwnRedis().start();
        process.env.APP_ROLE = 'api';
        const { startApp } = await Promise.resolve().then(() => __importStar(require('../support/app')));
        t = await startApp({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN, REDIS_URL: redis.url, DELIVERY_LOCK_MS: '2000' } });
        deployment = new deployment_1.Deployment(t);
    });
    afterEach(async () => {
        await deployment.stopWorkers();
        t.smtp.rule = () => undefined;
    });
    afterAll(async () => {
        await t?.close();
        await redis?.stop();
    });
    const schedulers = async () => {
        const names = [];
        for (const queue of ['schedules', 'delivery-plan', 'reader-mail']) {
            const q = new bullmq_1.Queue(queue, { connection: { port: redis.port }, prefix: t.prefix });
            names.push(...(await q.getJobSchedulers()).map((s) => s.key));
            await q.close();
        }
        return names.sort();
    };
    it('mid-send: sending resumes within 60 s with no process restarted, and the schedules exist again', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'morning-call', { active: 600 }, 'restart')).active;
        await deployment.startWorkers(2, { EMAILS_PER_SECOND: '60' });
        const before = await schedulers();
        expect(before).toEqual(expect.arrayContaining(['newsletter-morning-call', 'newsletter-the-saturday-read', 'recover-deliveries']));
        const id = await deployment.send('morning-call', 'https://www.newstatesman.com/politics/2023/03/restart');
        await deployment.waitForReaders(readers, 150);
        await redis.restartEmpty(1000);
        const back = Date.now();
        const receivedBefore = t.smtp.received.length;
        expect(await schedulers()).toEqual([]);
        const resumed = await (0, deployment_1.eventually)('a message after Redis came back', async () => (t.smtp.received.length > receivedBefore + 20 ? Date.now() : null), 60_000);
        const done = await deployment.api.waitForEdition(id, ['sent'], 120_000);
        const finished = Date.now();
        const copies = [...deployment.copies(readers).values()];
        expect(copies.every((n) => n === 1)).toBe(true);
        expect(done.counts).toMatchObject({ total: 600, sent: 600, failed: 0, ambiguous: 0 });
        expect(await schedulers()).toEqual(before);
        expect(deployment.output()).toMatch(/Redis came back empty: rebuilding what it held from the database/);
        expect(resumed - back).toBeLessThan(60_000);
        process.stderr.write(`redis-restart: sending resumed ${((resumed - back) / 1000).toFixed(1)} s after Redis came back empty; the edition was sent ${((finished - back) / 1000).toFixed(1)} s after; ` +
            `600 readers, ${copies.filter((n) => n > 1).length} duplicates, ${done.counts.ambiguous} ambiguous\n`);
    });
    it('sends every queued confirmation once Redis and SMTP are back, an old one with a fresh token', async () => {
        t.smtp.rule = () => ({ code: 421, message: '4.3.2 Service not available, try again later' });
        await deployment.startWorkers(2);
        const emails = Array.from({ length: 5 }, (_, i) => `restart.signup.${i}@example.com`);
        for (const email of emails) {
            const answer = await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read'] });
            expect(answer.status).toBe(202);
        }
        await (0, deployment_1.eventually)('five unsent confirmations', async () => (await t.rows(`SELECT id FROM account_emails WHERE sent_at IS NULL`)).length === 5, 30_000);
        await t.db.query(`UPDATE account_emails SET created_at = now() - interval '80 hours', expires_at = now() - interval '8 hours'
       WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = $1)`, [emails[0]]);
        await redis.restartEmpty(1000);
        const back = Date.now();
        t.smtp.rule = () => undefined;
        for (const email of emails)
            await t.smtp.waitFor(email, 1, 60_000);
        const arrived = Date.now();
        expect(emails.map((email) => t.smtp.to(email).length)).toEqual([1, 1, 1, 1, 1]);
        expect(arrived - back).toBeLessThan(60_000);
        process.stderr.write(`redis-restart: 5 confirmations queued while SMTP answered 421 arrived ${((arrived - back) / 1000).toFixed(1)} s after Redis came back empty\n`);
        const old = t.smtp.to(emails[0])[0];
        const page = await t.reader().get((0, reader_1.linkIn)(String(old.parsed.html), /Confirm my subscription/));
        expect(page.status).toBe(200);
        expect(page.text).toContain('Confirm');
        const [{ hours }] = await t.rows(`SELECT extract(epoch FROM expires_at - now()) / 3600 AS hours FROM account_emails WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = $1)`, [emails[0]]);
        expect(Number(hours)).toBeGreaterThan(71);
    });
});
//# sourceMappingURL=redis-restart.e2e-spec.js.map