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
const audience_1 = require("../support/audience");
const database_1 = require("../support/database");
const deployment_1 = require("../support/deployment");
const editor_1 = require("../support/editor");
const fault_proxy_1 = require("../support/fault-proxy");
const services_1 = require("../support/services");
describe('a send through a PostgreSQL or Redis outage, no worker killed', () => {
    let t;
    let deployment;
    let postgres;
    let redis;
    let run = 0;
    beforeAll(async () => {
        postgres = await fault_proxy_1.FaultProxy.forUrl(database_1.ADMIN_DATABASE_URL).start();
        redis = await fault_proxy_1.FaultProxy.forUrl(services_1.REDIS_URL).start();
        process.env.APP_ROLE = 'api';
        const { startApp } = await Promise.resolve().then(() => __importStar(require('../support/app')));
        t = await startApp({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN, DELIVERY_LOCK_MS: '2000', DELIVERY_BATCH_SIZE: '250' } });
        deployment = new deployment_1.Deployment(t);
    });
    beforeEach(async () => {
        run += 1;
        await t.db.query(`UPDATE subscriptions SET status = 'unsubscribed'`);
        t.smtp.acceptDelayMs = 3;
        await deployment.startWorkers(2, {
            DATABASE_URL: postgres.url(process.env.DATABASE_URL),
            REDIS_URL: redis.url(services_1.REDIS_URL),
            DELIVERY_CONCURRENCY: '2',
            EMAILS_PER_SECOND: '100000',
        });
    });
    afterEach(async () => {
        await postgres.restore();
        await redis.restore();
        await deployment.stopWorkers();
    });
    afterAll(async () => {
        await t?.close();
        await postgres?.stop();
        await redis?.stop();
    });
    async function sendThrough(outage, name) {
        const readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: 1000 }, `outage${run}`)).active;
        const id = await deployment.send('the-saturday-read', `https://www.newstatesman.com/culture/2023/03/outage-${run}`);
        await deployment.waitForReaders(readers, 300);
        outage();
        const done = await deployment.api.waitForEdition(id, ['sent'], 120_000);
        const copies = [...deployment.copies(readers).values()];
        const duplicates = copies.filter((n) => n > 1).length;
        process.stderr.write(`outages: ${name} mid-send: 1000 readers, ${duplicates} duplicates, ${done.counts.ambiguous} ambiguous\n`);
        expect(copies.filter((n) => n === 0)).toHaveLength(0);
        expect(duplicates).toBe(0);
        expect(done.counts).toMatchObject({ total: 1000, sent: 1000, failed: 0, ambiguous: 0 });
        expect(await t.rows(`SELECT 1 FROM deliveries WHERE edition_id = $1 AND (status <> 'sent' OR ambiguous)`, [id])).toEqual([]);
    }
    it('PostgreSQL away for 8 s: the workers wait, keep their outcomes, and finish', async () => {
        await sendThrough(() => postgres.outage(8000), 'PostgreSQL away 8 s');
        expect(deployment.output()).toMatch(/PostgreSQL is unavailable/);
    });
    it('Redis away for 8 s (longer than a job lock): the workers hold, and a second run of a job re-sends nothing', async () => {
        await sendThrough(() => redis.outage(8000), 'Redis away 8 s');
    });
});
//# sourceMappingURL=outages.e2e-spec.js.map