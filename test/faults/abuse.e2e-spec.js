"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_zlib_1 = require("node:zlib");
const app_1 = require("../support/app");
const audience_1 = require("../support/audience");
const editor_1 = require("../support/editor");
const reader_1 = require("../support/reader");
describe('abuse and strictness', () => {
    let t;
    let ip = 0;
    const client = () => `10.77.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;
    beforeAll(async () => {
        t = await (0, app_1.startApp)({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN, EDITOR_AUTH_FAILURES_PER_10_MIN: '5' } });
    });
    afterAll(async () => {
        await t?.close();
    });
    const post = (path, body, headers) => fetch(`${t.url}${path}`, { method: 'POST', body, headers: { 'x-forwarded-for': client(), accept: 'application/json', ...headers } });
    it('sends an active reader at most three "manage your preferences" emails, however many sign-ups race', async () => {
        const [email] = (await (0, audience_1.seedAudience)(t, 'morning-call', { active: 1 }, 'racer')).active;
        const answers = await Promise.all(Array.from({ length: 50 }, () => post('/subscribe', JSON.stringify({ email, newsletters: ['morning-call'] }), { 'content-type': 'application/json' })));
        expect(answers.every((answer) => answer.status === 202)).toBe(true);
        await t.drain(60_000);
        const [{ n }] = await t.rows(`SELECT count(*)::int AS n FROM account_emails WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = $1)`, [email]);
        expect(n).toBe(3);
        expect(t.smtp.to(email)).toHaveLength(3);
    });
    describe('one limit on every way an editor credential is checked', () => {
        const board = (from, password) => fetch(`${t.url}/admin/queues/api/queues`, { headers: { 'x-forwarded-for': from, authorization: `Basic ${Buffer.from(`editor:${password}`).toString('base64')}` } });
        const api = (from, token) => fetch(`${t.url}/api/editions/1`, { headers: { 'x-forwarded-for': from, authorization: `Bearer ${token}` } });
        it('guessing on Bull Board is limited, and then the API is closed to that client too', async () => {
            const from = client();
            expect((await board(from, editor_1.EDITOR_TOKEN)).status).toBe(200);
            for (let i = 0; i < 5; i += 1)
                expect((await board(from, `wrong-${i}`)).status).toBe(401);
            const limited = await board(from, 'wrong-again');
            expect(limited.status).toBe(429);
            expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
            expect((await board(from, editor_1.EDITOR_TOKEN)).status).toBe(429);
            expect((await api(from, editor_1.EDITOR_TOKEN)).status).toBe(429);
        });
        it('guessing on the API closes Bull Board to that client', async () => {
            const from = client();
            for (let i = 0; i < 5; i += 1)
                expect((await api(from, `wrong-${i}`)).status).toBe(401);
            expect((await api(from, editor_1.EDITOR_TOKEN)).status).toBe(429);
            expect((await board(from, editor_1.EDITOR_TOKEN)).status).toBe(429);
        });
        it('takes the Bearer scheme in any case (RFC 7235)', async () => {
            for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
                const answer = await fetch(`${t.url}/api/editions/999`, { headers: { 'x-forwarded-for': client(), authorization: `${scheme} ${editor_1.EDITOR_TOKEN}` } });
                expect(answer.status).toBe(404);
            }
        });
    });
    describe('sign-up input', () => {
        const signUp = (body, headers = {}) => post('/subscribe', typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/json', ...headers });
        const requests = async (email) => (await t.rows(`SELECT id FROM signup_requests WHERE email = $1`, [email])).length + (await t.rows(`SELECT id FROM subscribers WHERE email = $1`, [email])).length;
        it.each([2147483648, 1e308, '0x1', '1e0', ' 1', '1 ', true, [1], { v: 1 }, -1, 0, 1.5, 99])('refuses noticeVersion %j with 400 naming the field', async (noticeVersion) => {
            const email = `notice.${String(JSON.stringify(noticeVersion)).replace(/\W/g, '')}@example.com`;
            const answer = await signUp({ email, newsletters: ['morning-call'], noticeVersion });
            expect(answer.status).toBe(400);
            expect(await answer.json()).toEqual({ errors: [{ field: 'noticeVersion', message: 'Unknown notice version' }] });
            await t.drain();
            expect(await requests(email)).toBe(0);
        });
        it('takes the notice version as a JSON number or a form field of digits', async () => {
            expect((await signUp({ email: 'notice.number@example.com', newsletters: ['morning-call'], noticeVersion: 1 })).status).toBe(202);
            const reader = t.reader();
            const page = await reader.submit(await reader.get('/'), { email: 'notice.form@example.com', newsletters: ['morning-call'], noticeVersion: '1' });
            expect(page.status).toBe(200);
            await t.drain();
            expect(await requests('notice.number@example.com')).toBe(1);
            expect(await requests('notice.form@example.com')).toBe(1);
        });
        it('treats only text in the honeypot as a bot: null and {} from an honest JSON client are stored', async () => {
            for (const [email, website] of [['honest.null@example.com', null], ['honest.object@example.com', {}], ['bot.text@example.com', 'http://spam.example']]) {
                expect((await signUp({ email, newsletters: ['morning-call'], website })).status).toBe(202);
            }
            await t.drain();
            expect(await requests('honest.null@example.com')).toBe(1);
            expect(await requests('honest.object@example.com')).toBe(1);
            expect(await requests('bot.text@example.com')).toBe(0);
        });
        it('answers 415 to a body in any charset but UTF-8, and decodes nothing', async () => {
            const utf7 = await signUp('{"email":"a+AEA-b.example","newsletters":["morning-call"]}', { 'content-type': 'application/json; charset=utf-7' });
            expect(utf7.status).toBe(415);
            expect(await utf7.json()).toEqual({ errors: [{ field: 'body', message: 'Send the body as UTF-8' }] });
            const form = await post('/subscribe', 'email=a%2BAEA-b.example&newsletters=morning-call', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-7' });
            expect(form.status).toBe(415);
            const latin = await signUp({ email: 'latin@example.com', newsletters: ['morning-call'] }, { 'content-type': 'application/json; charset=iso-8859-1' });
            expect(latin.status).toBe(415);
            expect((await signUp({ email: 'utf8.named@example.com', newsletters: ['morning-call'] }, { 'content-type': 'application/json; charset=UTF-8' })).status).toBe(202);
            await t.drain();
            expect(await t.rows(`SELECT email FROM subscribers WHERE email IN ('a@b.example', 'latin@example.com')`)).toEqual([]);
        });
        it("answers a body that does not decompress with 400 in the errors shape", async () => {
            const broken = await signUp('this is not gzip', { 'content-encoding': 'gzip' });
            expect(broken.status).toBe(400);
            expect(await broken.json()).toEqual({ errors: [{ field: 'body', message: 'The request body could not be decompressed' }] });
            const gzipped = await post('/subscribe', (0, node_zlib_1.gzipSync)(JSON.stringify({ email: 'gzipped@example.com', newsletters: ['morning-call'] })), {
                'content-type': 'application/json',
                'content-encoding': 'gzip',
            });
            expect(gzipped.status).toBe(202);
        });
    });
    describe('unsubscribe links', () => {
        let unsubscribeUrl;
        beforeAll(async () => {
            await t.reader().postJson('/subscribe', { email: 'leaver@example.com', newsletters: ['morning-call', 'the-saturday-read'] });
            const [mail] = await t.smtp.waitFor('leaver@example.com');
            unsubscribeUrl = (0, reader_1.linkIn)(String(mail.parsed.html), /^unsubscribe$/);
        });
        const statuses = () => t.rows(`SELECT s.status FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id WHERE r.email = 'leaver@example.com' ORDER BY s.newsletter_id`);
        it('refuses every spelling of a token but the canonical one', async () => {
            const token = new URL(unsubscribeUrl).searchParams.get('token');
            const [payload, keyId, mac] = token.split('.');
            for (const variant of [`${token}=`, `${payload}.${keyId}.${Buffer.from(mac, 'base64url').toString('base64')}`, `${payload}=.${keyId}.${mac}`]) {
                if (variant === token)
                    continue;
                const answer = await post(`/unsubscribe?token=${encodeURIComponent(variant)}`, 'List-Unsubscribe=One-Click', { 'content-type': 'application/x-www-form-urlencoded' });
                expect(answer.status).toBe(400);
            }
            expect((await statuses()).map((s) => s.status)).toEqual(['pending', 'pending']);
        });
        it('records a one-click POST sent as multipart/form-data (RFC 8058’s own example) as one-click', async () => {
            const body = new FormData();
            body.append('List-Unsubscribe', 'One-Click');
            const answer = await fetch(unsubscribeUrl, { method: 'POST', body, headers: { 'x-forwarded-for': client() } });
            expect(answer.status).toBe(200);
            expect((await statuses()).map((s) => s.status)).toEqual(['unsubscribed', 'unsubscribed']);
            const ledger = await t.rows(`SELECT source FROM consent_events WHERE event = 'unsubscribed' AND subscriber_id = (SELECT id FROM subscribers WHERE email = 'leaver@example.com')`);
            expect(ledger.map((row) => row.source)).toEqual(['one-click', 'one-click']);
        });
    });
});
//# sourceMappingURL=abuse.e2e-spec.js.map