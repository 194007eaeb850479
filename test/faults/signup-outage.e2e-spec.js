"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const app_1 = require("../support/app");
const database_1 = require("../support/database");
const fault_proxy_1 = require("../support/fault-proxy");
const services_1 = require("../support/services");
describe('signing up while PostgreSQL or Redis is away', () => {
    let t;
    let postgres;
    let redis;
    beforeAll(async () => {
        postgres = await fault_proxy_1.FaultProxy.forUrl(database_1.ADMIN_DATABASE_URL).start();
        redis = await fault_proxy_1.FaultProxy.forUrl(services_1.REDIS_URL).start();
        t = await (0, app_1.startApp)({ env: { REDIS_URL: redis.url(services_1.REDIS_URL) }, databaseUrl: (url) => postgres.url(url) });
    });
    afterAll(async () => {
        await t?.close();
        await postgres?.stop();
        await redis?.stop();
    });
    const stored = async (email) => ({
        requests: (await t.rows(`SELECT id FROM signup_requests WHERE email = $1`, [email])).length,
        readers: (await t.rows(`SELECT id FROM subscribers WHERE email = $1`, [email])).length,
    });
    it.each([
        ['PostgreSQL', () => postgres.outage(60_000), () => postgres.restore()],
        ['Redis', () => redis.outage(60_000), () => redis.restore()],
    ])('%s away: 503 with Retry-After, for JSON and the form, and nothing stored', async (name, breakIt, mendIt) => {
        const json = `outage.json.${name.toLowerCase()}@example.com`;
        const formEmail = `outage.form.${name.toLowerCase()}@example.com`;
        const reader = t.reader();
        const form = await reader.get('/');
        breakIt();
        try {
            const answer = await reader.postJson('/subscribe', { email: json, newsletters: ['morning-call'] });
            expect(answer.status).toBe(503);
            expect(answer.headers.get('retry-after')).toBe('30');
            expect(answer.json).toEqual({ statusCode: 503, message: expect.stringContaining('try again in a minute') });
            const page = await reader.submit(form, { email: formEmail, newsletters: ['morning-call'] });
            expect(page.status).toBe(503);
            expect(page.headers.get('retry-after')).toBe('30');
            expect(page.text).toContain('nothing was saved');
            expect(page.body).not.toMatch(/at \w+ \(|node_modules|ECONNREFUSED/);
        }
        finally {
            await mendIt();
        }
        expect(await stored(json)).toEqual({ requests: 0, readers: 0 });
        expect(await stored(formEmail)).toEqual({ requests: 0, readers: 0 });
        const again = await t.reader().postJson('/subscribe', { email: json, newsletters: ['morning-call'] });
        expect(again.status).toBe(202);
        await t.smtp.waitFor(json, 1, 30_000);
    });
});
//# sourceMappingURL=signup-outage.e2e-spec.js.map