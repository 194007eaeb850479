"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const mailauth_1 = require("mailauth");
const app_1 = require("./support/app");
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
const processes_1 = require("./support/processes");
const DOMAIN = 'newstatesman.test';
const SELECTOR = 'nl2026';
function resolverFor(publicKeyDer) {
    return async (name, type) => {
        if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) {
            return [[`v=DKIM1; k=rsa; p=${publicKeyDer.toString('base64')}`]];
        }
        throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    };
}
function signedHeaders(mail) {
    const signature = mail.header('dkim-signature') ?? '';
    const tag = /(?:^|;)\s*h=([^;]+)/.exec(signature)?.[1] ?? '';
    return tag
        .replace(/\s+/g, '')
        .toLowerCase()
        .split(':')
        .filter(Boolean);
}
describe('DKIM signing and the EHLO name', () => {
    let t;
    let api;
    let keyDir;
    let verify;
    beforeAll(async () => {
        const { privateKey, publicKey } = (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 });
        keyDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'nl-dkim-'));
        const keyFile = (0, node_path_1.join)(keyDir, 'dkim.pem');
        (0, node_fs_1.writeFileSync)(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
        const resolver = resolverFor(publicKey.export({ type: 'spki', format: 'der' }));
        verify = async (raw) => {
            const { results } = await (0, mailauth_1.dkimVerify)(raw, { resolver, curTime: new Date() });
            expect(results).toHaveLength(1);
            const [result] = results;
            return { result: result.status.result, domain: result.signingDomain, selector: result.selector, comment: result.status.comment };
        };
        t = await (0, app_1.startApp)({ env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN, DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_FILE: keyFile } });
        api = (0, editor_1.editorApi)(t);
    });
    afterAll(async () => {
        await t?.close();
        if (keyDir)
            (0, node_fs_1.rmSync)(keyDir, { recursive: true, force: true });
    });
    it('signs every copy of an edition, covering the one-click unsubscribe headers, and greets with the MAIL_FROM domain', async () => {
        const audience = await (0, audience_1.seedAudience)(t, 'morning-call', { active: 4 }, 'dkim');
        await (0, editor_1.insertArticles)(t, [
            { url: 'https://www.newstatesman.com/politics/2026/12/signed', title: 'What a signature proves', section: 'Politics' },
            { url: 'https://www.newstatesman.com/culture/2026/12/sealed', title: 'Sealed with a key', section: 'Culture' },
        ]);
        const composed = await api.post('/api/newsletters/morning-call/editions', {});
        expect(composed.status).toBe(201);
        expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
        await api.waitForEdition(composed.json.id, ['sent']);
        for (const reader of audience.active) {
            const [mail] = await t.smtp.waitFor(reader);
            expect(await verify(mail.raw)).toMatchObject({ result: 'pass', domain: DOMAIN, selector: SELECTOR });
            expect(signedHeaders(mail)).toEqual(expect.arrayContaining(['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']));
            expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
            expect(mail.header('list-unsubscribe')).toMatch(/^<https?:\/\/[^>]+>, <mailto:[^>]+>$/);
            expect(mail.helo).toBe(DOMAIN);
        }
    });
    it('signs account emails too (a sign-up confirmation)', async () => {
        const email = 'dkim-signup@example.com';
        const response = await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read'] });
        expect(response.status).toBe(202);
        const [mail] = await t.smtp.waitFor(email);
        expect(mail.parsed.subject).toBe('Confirm your New Statesman newsletter subscription');
        expect(await verify(mail.raw)).toMatchObject({ result: 'pass', domain: DOMAIN, selector: SELECTOR });
        expect(signedHeaders(mail)).toEqual(expect.arrayContaining(['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']));
        expect(mail.helo).toBe(DOMAIN);
    });
    it('fails verification once a signed header or the body is changed on the way', async () => {
        const [mail] = t.smtp.to('dkim-active-0@example.com');
        const raw = mail.raw.toString('latin1');
        expect(await verify(raw)).toMatchObject({ result: 'pass' });
        const subject = raw.replace(/^Subject: .*$/m, 'Subject: Your account is suspended, sign in here');
        expect(subject).not.toBe(raw);
        expect(await verify(subject)).toMatchObject({ result: 'fail', comment: 'bad signature' });
        const unsubscribe = raw.replace(/^List-Unsubscribe: <https?:\/\/[^/>]+/m, 'List-Unsubscribe: <https://attacker.example');
        expect(unsubscribe).not.toBe(raw);
        expect(await verify(unsubscribe)).toMatchObject({ result: 'fail', comment: 'bad signature' });
        const body = raw.replace('What a signature proves', 'What a forgery proves');
        expect(body).not.toBe(raw);
        expect(await verify(body)).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });
    });
    it('refuses to start with only some of the DKIM settings, naming the missing ones', async () => {
        const worker = (0, processes_1.startWorker)({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: '', DKIM_PRIVATE_KEY_FILE: '' });
        const { code } = await (0, processes_1.exited)(worker);
        expect(code).toBe(1);
        expect(worker.output().trim()).toBe('Invalid configuration: DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together: DKIM_DOMAIN is set but DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE are not (set all three to sign mail, or none)');
    });
});
//# sourceMappingURL=dkim.e2e-spec.js.map