"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const nodemailer_1 = require("nodemailer");
const bounce_tokens_1 = require("../src/tokens/bounce-tokens");
const link_tokens_1 = require("../src/tokens/link-tokens");
const app_1 = require("./support/app");
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
const services_1 = require("./support/services");
const DOMAIN = 'newstatesman.test';
const MAX_BYTES = 200_000;
const headerBlock = (mail) => mail.raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0];
function postfixDsn(digest, reportId, group) {
    const boundary = `${reportId}.1701424805/mx.relay.test`;
    return [
        'Date: Fri,  1 Dec 2023 10:00:05 +0000 (UTC)',
        'From: MAILER-DAEMON@mx.relay.test (Mail Delivery System)',
        `Subject: ${group.action === 'delayed' ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender'}`,
        `To: ${digest.from}`,
        'Auto-Submitted: auto-replied',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status;',
        `\tboundary="${boundary}"`,
        'Content-Transfer-Encoding: 8bit',
        `Message-Id: <${reportId}@mx.relay.test>`,
        '',
        'This is a MIME-encapsulated message.',
        '',
        `--${boundary}`,
        'Content-Description: Notification',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'This is the mail system at host mx.relay.test.',
        '',
        "I'm sorry to have to inform you that your message could not",
        'be delivered to one or more recipients.',
        '',
        `--${boundary}`,
        'Content-Description: Delivery report',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.relay.test',
        `X-Postfix-Queue-ID: ${reportId}`,
        `X-Postfix-Sender: rfc822; ${digest.from}`,
        'Arrival-Date: Fri,  1 Dec 2023 10:00:00 +0000 (UTC)',
        '',
        `Final-Recipient: rfc822; ${digest.to[0]}`,
        `Original-Recipient: rfc822;${digest.to[0]}`,
        `Action: ${group.action}`,
        `Status: ${group.status}`,
        'Remote-MTA: dns; mx.example.com',
        `Diagnostic-Code: smtp; ${group.diagnostic}`,
        '',
        `--${boundary}`,
        'Content-Description: Undelivered Message Headers',
        'Content-Type: text/rfc822-headers',
        '',
        headerBlock(digest),
        '',
        `--${boundary}--`,
        '',
    ].join('\r\n');
}
function arfReport(digest, reportId) {
    const boundary = `arf_${reportId}`;
    return [
        'From: <staff@hotmail.com>',
        'Date: Fri, 1 Dec 2023 11:00:00 +0000',
        'Subject: complaint about message from 192.0.2.1',
        'To: <fbl@newstatesman.test>',
        `Message-ID: <${reportId}@fbl.example.com>`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset="US-ASCII"',
        'Content-Transfer-Encoding: 7bit',
        '',
        'This is an email abuse report for an email message received from IP 192.0.2.1.',
        '',
        `--${boundary}`,
        'Content-Type: message/feedback-report',
        '',
        'Feedback-Type: abuse',
        'User-Agent: Hotmail FBL',
        'Version: 1',
        `Original-Mail-From: <${digest.from}>`,
        'Original-Rcpt-To: <redacted@hotmail.com>',
        'Arrival-Date: Fri, 1 Dec 2023 10:00:00 +0000',
        'Reporting-MTA: dns; mx.fbl.example.com',
        'Source-IP: 192.0.2.1',
        '',
        `--${boundary}`,
        'Content-Type: message/rfc822',
        'Content-Disposition: inline',
        '',
        `Return-Path: <${digest.from}>`,
        headerBlock(digest),
        '',
        'The digest, as the reader had it.',
        '',
        `--${boundary}--`,
        '',
    ].join('\r\n');
}
describe('inbound mail: the List-Unsubscribe mailto, VERP bounces and complaints', () => {
    let t;
    let api;
    let inbound;
    let articleId;
    let firstEdition;
    let readers;
    const ids = new Map();
    const newsletters = {};
    const links = new link_tokens_1.LinkTokens(process.env.APP_SECRET);
    const bounces = new bounce_tokens_1.BounceTokens(process.env.APP_SECRET);
    const digestOf = (email, editionId = firstEdition) => t.smtp.to(email).find((mail) => bounces.verify(/^bounces\+([^@]+)@/.exec(mail.from)?.[1])?.editionId === editionId);
    async function sendEdition() {
        const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId] });
        expect(composed.status).toBe(201);
        expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
        await api.waitForEdition(composed.json.id, ['sent']);
        return composed.json.id;
    }
    const state = async () => ({
        subscriptions: await t.rows(`SELECT subscriber_id, newsletter_id, status FROM subscriptions ORDER BY subscriber_id, newsletter_id`),
        ledger: await t.rows(`SELECT count(*)::int AS n FROM consent_events`),
        suppressed: await t.rows(`SELECT id FROM subscribers WHERE suppressed_at IS NOT NULL ORDER BY id`),
        events: await t.rows(`SELECT count(*)::int AS n FROM deliverability_events`),
    });
    const deliverabilityEvents = (subscriberId) => t.rows(`SELECT provider, type, edition_id, message_id FROM deliverability_events WHERE subscriber_id = $1 ORDER BY id`, [subscriberId]);
    beforeAll(async () => {
        const port = await (0, services_1.freePort)();
        t = await (0, app_1.startApp)({
            env: { EDITOR_TOKEN: editor_1.EDITOR_TOKEN, INBOUND_SMTP_PORT: String(port), INBOUND_SMTP_MAX_BYTES: String(MAX_BYTES), DELIVERY_RETRY_DELAY_MS: '100' },
        });
        api = (0, editor_1.editorApi)(t);
        inbound = (0, nodemailer_1.createTransport)({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
        [articleId] = await (0, editor_1.insertArticles)(t, [{ url: 'https://www.newstatesman.com/world/2023/03/ammunition', title: 'Will Ukraine run out of ammunition?' }]);
        readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: 8 }, 'in')).active;
        for (const row of await t.rows(`SELECT id, email FROM subscribers`))
            ids.set(row.email, Number(row.id));
        for (const row of await t.rows(`SELECT id, slug FROM newsletters`))
            newsletters[row.slug] = Number(row.id);
        for (const email of readers.slice(0, 2)) {
            await t.db.query(`INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at) VALUES ($1, $2, 'active', now(), now())`, [
                ids.get(email),
                newsletters['morning-call'],
            ]);
        }
        firstEdition = await sendEdition();
    });
    afterAll(async () => {
        inbound?.close();
        await t?.close();
    });
    it('sends each copy from its own VERP address, with a Message-ID that names nobody', async () => {
        const froms = new Set();
        for (const email of readers) {
            const [digest] = t.smtp.to(email);
            const [, token] = /^bounces\+([a-z2-7]{31})@newstatesman\.test$/.exec(digest.from);
            expect(`bounces+${token}`.length).toBeLessThanOrEqual(64);
            expect(bounces.verify(token)).toEqual({ editionId: firstEdition, subscriberId: ids.get(email) });
            froms.add(digest.from);
            expect(digest.header('from')).toBe('New Statesman <newsletters@newstatesman.test>');
            expect(digest.parsed.messageId).toMatch(/^<[a-z2-7]{26}@newstatesman\.test>$/);
            const [{ message_id }] = await t.rows(`SELECT message_id FROM deliveries WHERE edition_id = $1 AND subscriber_id = $2`, [
                firstEdition,
                ids.get(email),
            ]);
            expect(message_id).toBe(digest.parsed.messageId);
        }
        expect(froms.size).toBe(readers.length);
    });
    it('keeps a copy’s Message-ID on a resend, and gives another edition ids with nothing in common', async () => {
        const retried = readers[7];
        let drops = 0;
        t.smtp.dropAfterData = (to) => to.includes(retried) && drops++ === 0;
        const second = await sendEdition();
        t.smtp.dropAfterData = () => false;
        const [firstAttempt] = t.smtp.dropped.filter((mail) => mail.to.includes(retried));
        const resent = digestOf(retried, second);
        const firstId = /^Message-ID: (.+)$/im.exec(firstAttempt.raw.toString('latin1'))[1].trim();
        expect(resent.parsed.messageId).toBe(firstId);
        const [row] = await t.rows(`SELECT attempts, message_id FROM deliveries WHERE edition_id = $1 AND subscriber_id = $2`, [
            second,
            ids.get(retried),
        ]);
        expect(row).toEqual({ attempts: 2, message_id: firstId });
        const firstIds = readers.map((email) => digestOf(email).parsed.messageId);
        const secondIds = readers.map((email) => digestOf(email, second).parsed.messageId);
        expect(new Set([...firstIds, ...secondIds]).size).toBe(2 * readers.length);
        for (const [i, id] of secondIds.entries()) {
            expect(id).toMatch(/^<[a-z2-7]{26}@newstatesman\.test>$/);
            expect(id.slice(1, 5)).not.toBe(firstIds[i].slice(1, 5));
            expect(id).not.toContain(`${second}.`);
        }
    });
    it('unsubscribes exactly the reader and newsletter whose List-Unsubscribe mailto got mail', async () => {
        const [leaver, shouter] = readers;
        const mailtoOf = (email) => /<mailto:([^?>]+)\?subject=unsubscribe>/.exec(digestOf(email).header('list-unsubscribe'))[1];
        const address = mailtoOf(leaver);
        expect(address).toMatch(/^unsubscribe\+[a-z2-7]{28}@newstatesman\.test$/);
        expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
        const sent = await inbound.sendMail({ from: leaver, to: address, subject: 'unsubscribe', text: 'This message was automatically generated by Gmail.' });
        expect(sent.accepted).toEqual([address]);
        await inbound.sendMail({ from: shouter, to: mailtoOf(shouter).toUpperCase(), subject: 'unsubscribe', text: '' });
        const statuses = await t.rows(`SELECT r.email, n.slug, s.status FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id JOIN newsletters n ON n.id = s.newsletter_id
       WHERE r.email = ANY($1) ORDER BY r.email, n.slug`, [readers]);
        expect(statuses.filter((s) => s.status !== 'active').map((s) => [s.email, s.slug, s.status])).toEqual([
            [leaver, 'the-saturday-read', 'unsubscribed'],
            [shouter, 'the-saturday-read', 'unsubscribed'],
        ]);
        expect(statuses.filter((s) => s.slug === 'morning-call').map((s) => s.status)).toEqual(['active', 'active']);
        const ledger = async () => t.rows(`SELECT subscriber_id, newsletter_id, event FROM consent_events WHERE source = 'mailto' ORDER BY subscriber_id`);
        expect((await ledger()).map((e) => [Number(e.subscriber_id), Number(e.newsletter_id), e.event])).toEqual([
            [ids.get(leaver), newsletters['the-saturday-read'], 'unsubscribed'],
            [ids.get(shouter), newsletters['the-saturday-read'], 'unsubscribed'],
        ]);
        await inbound.sendMail({ from: leaver, to: address, subject: 'unsubscribe', text: '' });
        expect(await ledger()).toHaveLength(2);
    });
    it('refuses any other address with 550, and changes nothing', async () => {
        const before = await state();
        const genuine = /<mailto:([^?>]+)\?/.exec(digestOf(readers[2]).header('list-unsubscribe'))[1];
        const [local, domain] = genuine.split('@');
        const forged = `${local.slice(0, -1)}${local.endsWith('a') ? 'b' : 'a'}@${domain}`;
        const bounceToken = /^bounces\+([^@]+)@/.exec(digestOf(readers[2]).from)[1];
        for (const to of [
            forged,
            `unsubscribe@${DOMAIN}`,
            `unsubscribe+${'a'.repeat(28)}@${DOMAIN}`,
            `${local}@elsewhere.example`,
            `bounces+${bounceToken.slice(0, -1)}${bounceToken.endsWith('a') ? 'b' : 'a'}@${DOMAIN}`,
            `newsletters@${DOMAIN}`,
            'postmaster@example.com',
        ]) {
            const refused = await inbound.sendMail({ from: 'someone@example.com', to, subject: 'unsubscribe', text: '' }).then(() => null, (error) => error);
            expect(refused).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });
        }
        expect(await state()).toEqual(before);
    });
    it('suppresses a reader whose digest bounced for good (a DSN to its VERP address), once however often it comes', async () => {
        const reader = readers[2];
        const digest = digestOf(reader);
        const dsn = postfixDsn(digest, '4Zx1C0', { action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <reader>: Recipient address rejected: User unknown' });
        await inbound.sendMail({ envelope: { from: '', to: [digest.from] }, raw: dsn });
        const [suppressed] = await t.rows(`SELECT suppressed_at, suppression_reason FROM subscribers WHERE id = $1`, [
            ids.get(reader),
        ]);
        expect(suppressed.suppressed_at).not.toBeNull();
        expect(suppressed.suppression_reason).toContain('5.1.1');
        expect(await deliverabilityEvents(ids.get(reader))).toEqual([{ provider: 'dsn', type: 'hard-bounce', edition_id: firstEdition, message_id: digest.parsed.messageId }]);
        await inbound.sendMail({ envelope: { from: '', to: [digest.from] }, raw: dsn });
        expect(await deliverabilityEvents(ids.get(reader))).toHaveLength(1);
        expect(await t.rows(`SELECT id FROM subscribers WHERE suppressed_at IS NOT NULL`)).toEqual([{ id: ids.get(reader) }]);
    });
    it('counts a delayed delivery (4.x.x) as a soft bounce without suppressing the reader', async () => {
        const reader = readers[3];
        const digest = digestOf(reader);
        await inbound.sendMail({
            envelope: { from: '', to: [digest.from] },
            raw: postfixDsn(digest, '5Ab2D1', { action: 'delayed', status: '4.4.1', diagnostic: 'connect to mx.example.com[192.0.2.9]:25: Connection timed out' }),
        });
        expect(await deliverabilityEvents(ids.get(reader))).toEqual([{ provider: 'dsn', type: 'soft-bounce', edition_id: firstEdition, message_id: digest.parsed.messageId }]);
        const [row] = await t.rows(`SELECT suppressed_at FROM subscribers WHERE id = $1`, [ids.get(reader)]);
        expect(row.suppressed_at).toBeNull();
    });
    it('takes an abuse report (ARF) as a complaint, at the VERP address or at the bare bounce mailbox', async () => {
        const [complainer, viaLoop] = [readers[4], readers[5]];
        await inbound.sendMail({ envelope: { from: '', to: [digestOf(complainer).from] }, raw: arfReport(digestOf(complainer), 'arf1') });
        await inbound.sendMail({ envelope: { from: '', to: [`bounces@${DOMAIN}`] }, raw: arfReport(digestOf(viaLoop), 'arf2') });
        for (const reader of [complainer, viaLoop]) {
            expect(await deliverabilityEvents(ids.get(reader))).toEqual([
                { provider: 'arf', type: 'complaint', edition_id: firstEdition, message_id: digestOf(reader).parsed.messageId },
            ]);
            const [row] = await t.rows(`SELECT suppressed_at FROM subscribers WHERE id = $1`, [ids.get(reader)]);
            expect(row.suppressed_at).not.toBeNull();
            const subscriptions = await t.rows(`SELECT status FROM subscriptions WHERE subscriber_id = $1`, [ids.get(reader)]);
            expect(subscriptions.map((s) => s.status)).toEqual(['unsubscribed']);
            const ledger = await t.rows(`SELECT source, event FROM consent_events WHERE subscriber_id = $1`, [ids.get(reader)]);
            expect(ledger).toEqual([{ source: 'complaint', event: 'unsubscribed' }]);
        }
        const before = await state();
        const stranger = digestOf(readers[6]);
        const anonymous = arfReport({ ...stranger, from: `bounces+${'a'.repeat(31)}@${DOMAIN}` }, 'arf3');
        await inbound.sendMail({ envelope: { from: '', to: [`bounces@${DOMAIN}`] }, raw: anonymous });
        expect(await state()).toEqual(before);
    });
    it('gives account emails a VERP address of their own, so a bounced confirmation suppresses the address', async () => {
        const email = 'typo@example.com';
        expect((await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] })).status).toBe(202);
        const [confirmation] = await t.smtp.waitFor(email);
        const [{ id }] = await t.rows(`SELECT id FROM subscribers WHERE email = $1`, [email]);
        expect(bounces.verify(/^bounces\+([a-z2-7]{31})@newstatesman\.test$/.exec(confirmation.from)?.[1])).toEqual({ editionId: null, subscriberId: id });
        const mailto = /<mailto:unsubscribe\+([a-z2-7]{28})@newstatesman\.test\?subject=unsubscribe>/.exec(confirmation.header('list-unsubscribe'))[1];
        expect(links.verifyAddressToken(mailto)).toEqual({ purpose: 'unsubscribe', subscriberId: id, newsletterId: null });
        await inbound.sendMail({
            envelope: { from: '', to: [confirmation.from] },
            raw: postfixDsn(confirmation, '7Cf4F3', { action: 'failed', status: '5.1.2', diagnostic: '550 5.1.2 Host or domain name not found' }),
        });
        expect(await deliverabilityEvents(id)).toEqual([{ provider: 'dsn', type: 'hard-bounce', edition_id: null, message_id: confirmation.parsed.messageId }]);
        const [row] = await t.rows(`SELECT suppressed_at FROM subscribers WHERE id = $1`, [id]);
        expect(row.suppressed_at).not.toBeNull();
    });
    it('refuses a message over INBOUND_SMTP_MAX_BYTES with 552, changing nothing', async () => {
        const before = await state();
        const digest = digestOf(readers[6]);
        const huge = postfixDsn(digest, '6Hg3E2', { action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }).replace('This is the mail system at host mx.relay.test.', `${'x'.repeat(76)}\r\n`.repeat(Math.ceil(MAX_BYTES / 78) + 10));
        const refused = await inbound.sendMail({ envelope: { from: '', to: [digest.from] }, raw: huge }).then(() => null, (error) => error);
        expect(refused).toMatchObject({ responseCode: 552 });
        expect(await state()).toEqual(before);
    });
});
//# sourceMappingURL=inbound-smtp.e2e-spec.js.map