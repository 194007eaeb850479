"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const app_1 = require("./support/app");
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
const newsroom_1 = require("./support/newsroom");
const provider_webhooks_1 = require("./support/provider-webhooks");
const PROVIDERS = ['ses', 'postmark', 'mailgun', 'sendgrid', 'generic'];
const EDITOR = 'deliverability.desk@newstatesman.co.uk';
const WEBHOOK_SETTINGS = ['SES_TOPIC_ARNS', 'SNS_TEST_CERT_ORIGIN', 'POSTMARK_WEBHOOK_USER', 'POSTMARK_WEBHOOK_PASSWORD', 'MAILGUN_SIGNING_KEY', 'SENDGRID_WEBHOOK_PUBLIC_KEY', 'BOUNCE_WEBHOOK_SECRET'];
describe('bounce and complaint webhooks', () => {
    let t;
    let api;
    let sns;
    const sendgrid = new provider_webhooks_1.SendgridKeys();
    let articleId;
    let editions = 0;
    let postmarkIds = 1_000_000;
    beforeAll(async () => {
        sns = await new provider_webhooks_1.SnsEndpoint().start();
        t = await (0, app_1.startApp)({
            env: {
                EDITOR_TOKEN: editor_1.EDITOR_TOKEN,
                SES_TOPIC_ARNS: provider_webhooks_1.TOPIC,
                SNS_TEST_CERT_ORIGIN: sns.origin,
                POSTMARK_WEBHOOK_USER: provider_webhooks_1.POSTMARK.user,
                POSTMARK_WEBHOOK_PASSWORD: provider_webhooks_1.POSTMARK.password,
                MAILGUN_SIGNING_KEY: provider_webhooks_1.MAILGUN_KEY,
                SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKeyBase64,
                BOUNCE_WEBHOOK_SECRET: provider_webhooks_1.BOUNCE_SECRET,
            },
        });
        api = (0, editor_1.editorApi)(t);
        [articleId] = await (0, editor_1.insertArticles)(t, [{ url: 'https://www.newstatesman.com/politics/2025/11/the-budget', title: 'What the Budget means for you' }]);
        await (0, newsroom_1.createEditor)(t, EDITOR);
    });
    afterAll(async () => {
        await t?.close();
        await sns?.stop();
    });
    async function sendEdition() {
        editions += 1;
        const subject = `The Saturday Read no. ${editions}`;
        const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId], subject });
        expect(composed.status).toBe(201);
        expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
        await api.waitForEdition(composed.json.id, ['sent']);
        return { id: composed.json.id, subject };
    }
    function messageIdIn(email, subject) {
        const mail = t.smtp.to(email).find((m) => m.parsed.subject === subject);
        expect(mail).toBeDefined();
        return mail.header('message-id');
    }
    async function report(provider, kind, email, messageId, id) {
        switch (provider) {
            case 'ses': {
                const message = sns.message({ Message: (0, provider_webhooks_1.sesNotification)(kind === 'hard' ? 'Permanent' : kind === 'soft' ? 'Transient' : 'Complaint', email, messageId, id) });
                return (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/ses`, JSON.stringify(message), {}, 'text/plain; charset=UTF-8');
            }
            case 'postmark': {
                const record = (0, provider_webhooks_1.postmarkRecord)(kind === 'hard' ? 'HardBounce' : kind === 'soft' ? 'SoftBounce' : 'SpamComplaint', email, id ? Number(id) : (postmarkIds += 1));
                return (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/postmark`, JSON.stringify(record), (0, provider_webhooks_1.basicAuth)(provider_webhooks_1.POSTMARK.user, provider_webhooks_1.POSTMARK.password));
            }
            case 'mailgun':
                return (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/mailgun`, JSON.stringify((0, provider_webhooks_1.mailgunSigned)((0, provider_webhooks_1.mailgunEvent)(kind === 'hard' ? 'permanent' : kind === 'soft' ? 'temporary' : 'complained', email, messageId, id))));
            case 'sendgrid': {
                const body = JSON.stringify([(0, provider_webhooks_1.sendgridEvent)(kind === 'hard' ? 'bounce' : kind === 'soft' ? 'blocked' : 'spamreport', email, messageId, id)]);
                return (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/sendgrid`, body, sendgrid.headers(body));
            }
            case 'generic': {
                const body = JSON.stringify({ id: id ?? (0, node_crypto_1.randomUUID)(), type: kind === 'hard' ? 'hard-bounce' : kind === 'soft' ? 'soft-bounce' : 'complaint', email, messageId, occurredAt: new Date().toISOString() });
                return (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/bounce`, body, (0, provider_webhooks_1.genericHeaders)(body));
            }
        }
    }
    const reader = async (email) => (await t.rows(`SELECT id, suppressed_at, suppression_reason FROM subscribers WHERE email = $1`, [email]))[0];
    const eventsOf = (subscriberId) => t.rows(`SELECT provider, type, edition_id, message_id, detail->>'linkedBy' AS linked_by FROM deliverability_events WHERE subscriber_id = $1 ORDER BY id`, [subscriberId]);
    const snapshot = async () => (await t.rows(`SELECT (SELECT json_agg(d ORDER BY d.id) FROM deliverability_events d) AS events,
                (SELECT json_agg(json_build_array(id, suppressed_at, suppression_reason) ORDER BY id) FROM subscribers) AS subscribers,
                (SELECT json_agg(json_build_array(subscriber_id, newsletter_id, status) ORDER BY subscriber_id, newsletter_id) FROM subscriptions) AS subscriptions,
                (SELECT count(*) FROM consent_events) AS ledger,
                (SELECT json_agg(c) FROM complaint_rate_warnings c) AS warnings`))[0];
    it('suppresses an address after SOFT_BOUNCE_LIMIT (3) soft bounces of different messages, from every provider, not before', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: PROVIDERS.length }, 'soft')).active;
        const sent = [];
        for (let round = 1; round <= 3; round += 1) {
            const edition = await sendEdition();
            sent.push(edition.id);
            for (const [index, provider] of PROVIDERS.entries()) {
                const answer = await report(provider, 'soft', readers[index], messageIdIn(readers[index], edition.subject));
                expect({ provider, ...answer }).toEqual({ provider, status: 200, json: { received: 1, recorded: 1 } });
            }
            if (round === 1) {
                expect(await report('mailgun', 'soft', readers[2], messageIdIn(readers[2], edition.subject))).toEqual({ status: 200, json: { received: 1, recorded: 1 } });
            }
            for (const email of readers) {
                const { suppressed_at, suppression_reason } = await reader(email);
                if (round < 3)
                    expect({ email, suppressed_at }).toEqual({ email, suppressed_at: null });
                else
                    expect({ email, suppression_reason }).toEqual({ email, suppression_reason: expect.stringMatching(/^3 soft bounces within 30 days \(the last reported by /) });
            }
        }
        for (const [index, provider] of PROVIDERS.entries()) {
            const events = await eventsOf((await reader(readers[index])).id);
            expect(events.filter((e) => e.type === 'soft-bounce').map((e) => [e.provider, e.edition_id])).toEqual(sent.flatMap((id, round) => (provider === 'mailgun' && round === 0 ? [[provider, id], [provider, id]] : [[provider, id]])));
        }
    });
    it('suppresses a hard-bounced address at once, links the event to the delivery by its Message-ID, and the next edition skips the reader', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: PROVIDERS.length + 1 }, 'hard')).active;
        const edition = await sendEdition();
        for (const [index, provider] of PROVIDERS.entries()) {
            const messageId = messageIdIn(readers[index], edition.subject);
            expect(await report(provider, 'hard', readers[index], messageId)).toEqual({ status: 200, json: { received: 1, recorded: 1 } });
            const { id, suppressed_at, suppression_reason } = await reader(readers[index]);
            expect(suppressed_at).not.toBeNull();
            expect(suppression_reason).toContain(`hard bounce reported by ${provider}`);
            expect(await eventsOf(id)).toEqual([
                {
                    provider,
                    type: 'hard-bounce',
                    edition_id: edition.id,
                    message_id: provider === 'postmark' ? null : messageId,
                    linked_by: provider === 'postmark' ? 'last-edition' : 'message-id',
                },
            ]);
        }
        const stored = await t.rows(`SELECT d::text AS row FROM deliverability_events d`);
        for (const email of readers)
            expect(stored.filter((r) => r.row.includes(email))).toEqual([]);
        const next = await sendEdition();
        const audience = await t.rows(`SELECT r.email FROM deliveries d JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1`, [next.id]);
        const kept = readers[PROVIDERS.length];
        expect(audience.map((r) => r.email)).toContain(kept);
        for (const email of readers.slice(0, PROVIDERS.length)) {
            expect(audience.map((r) => r.email)).not.toContain(email);
            expect(t.smtp.to(email).map((m) => m.parsed.subject)).toEqual([edition.subject]);
        }
        expect(t.smtp.to(kept).map((m) => m.parsed.subject)).toEqual([edition.subject, next.subject]);
    });
    it('unsubscribes a complaining reader from every newsletter (ledger source "complaint"), suppresses them, and warns once when complaints pass 0.1 %', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: PROVIDERS.length }, 'complaint')).active;
        await t.db.query(`INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
       SELECT r.id, n.id, 'active', now(), now() FROM subscribers r, newsletters n WHERE r.email = ANY($1) AND n.slug = 'morning-call'`, [readers]);
        const warn = jest.spyOn(common_1.Logger.prototype, 'warn');
        const edition = await sendEdition();
        for (const [index, provider] of PROVIDERS.entries()) {
            expect(await report(provider, 'complaint', readers[index], messageIdIn(readers[index], edition.subject))).toEqual({ status: 200, json: { received: 1, recorded: 1 } });
            const email = readers[index];
            const subscriptions = await t.rows(`SELECT n.slug, s.status FROM subscriptions s JOIN newsletters n ON n.id = s.newsletter_id JOIN subscribers r ON r.id = s.subscriber_id WHERE r.email = $1 ORDER BY n.slug`, [email]);
            expect(subscriptions).toEqual([
                { slug: 'morning-call', status: 'unsubscribed' },
                { slug: 'the-saturday-read', status: 'unsubscribed' },
            ]);
            const ledger = await t.rows(`SELECT n.slug, c.source FROM consent_events c JOIN newsletters n ON n.id = c.newsletter_id JOIN subscribers r ON r.id = c.subscriber_id
         WHERE r.email = $1 AND c.event = 'unsubscribed' ORDER BY n.slug`, [email]);
            expect(ledger).toEqual([
                { slug: 'morning-call', source: 'complaint' },
                { slug: 'the-saturday-read', source: 'complaint' },
            ]);
            expect((await reader(email)).suppression_reason).toBe(`complaint reported by ${provider}`);
        }
        const view = (await api.get(`/api/editions/${edition.id}`)).json;
        expect(view.rates).toMatchObject({ sent: view.counts.sent, complained: PROVIDERS.length, complaintRateWarning: true });
        expect(view.rates.complaintRate).toBeCloseTo(PROVIDERS.length / view.counts.sent, 5);
        const warnings = warn.mock.calls.filter(([message]) => typeof message === 'string' && message.includes('complaint rate'));
        warn.mockRestore();
        expect(warnings).toHaveLength(1);
        expect(warnings[0][0]).toContain(`Edition ${edition.id}`);
        expect(await t.rows(`SELECT edition_id FROM complaint_rate_warnings`)).toEqual([{ edition_id: edition.id }]);
        const { editor } = await (0, newsroom_1.signIn)(t, EDITOR);
        const page = await editor.get(`/newsroom/editions/${edition.id}/report`);
        expect(page.dom.querySelector('[role=alert]')?.text).toContain('Complaint rate above 0.10 %');
        expect(page.text).toContain(`${PROVIDERS.length} of the ${view.counts.sent} readers sent this edition reported it as spam`);
    });
    it('shows bounce, complaint and unsubscribe rates in the API, on the edition’s report and on the dashboard', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: 4 }, 'rates')).active;
        const edition = await sendEdition();
        const mail = t.smtp.to(readers[0]).find((m) => m.parsed.subject === edition.subject);
        const [, oneClick] = /<(http[^>]+)>/.exec(mail.header('list-unsubscribe'));
        expect((await fetch(oneClick, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
        expect((await report('generic', 'hard', readers[1], messageIdIn(readers[1], edition.subject))).status).toBe(200);
        const view = (await api.get(`/api/editions/${edition.id}`)).json;
        const sent = view.counts.sent;
        expect(view.rates).toEqual({
            sent,
            bounced: 1,
            hardBounced: 1,
            softBounced: 0,
            complained: 0,
            unsubscribed: 1,
            bounceRate: Math.round((1 / sent) * 1e6) / 1e6,
            complaintRate: 0,
            unsubscribeRate: Math.round((1 / sent) * 1e6) / 1e6,
            complaintRateWarning: false,
        });
        const draft = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId] });
        expect((await api.get(`/api/editions/${draft.json.id}`)).json.rates).toBeNull();
        const { editor } = await (0, newsroom_1.signIn)(t, EDITOR);
        const report_ = await editor.get(`/newsroom/editions/${edition.id}/report`);
        const figures = Object.fromEntries(report_.dom.querySelectorAll('dl.figures div').map((d) => [d.querySelector('dt').text, d.querySelector('dd').text]));
        const pct = (n) => `${((n / sent) * 100).toFixed(2)} %`;
        expect(figures).toMatchObject({ 'Bounce rate': pct(1), 'Complaint rate': '0.00 %', 'Unsubscribe rate': pct(1) });
        expect(report_.dom.querySelector('[role=alert]')).toBeNull();
        const dashboard = await editor.get('/newsroom');
        const card = dashboard.dom.querySelectorAll('section.card').find((c) => c.querySelector('h2')?.text === 'The Saturday Read');
        const line = card.text.replace(/\s+/g, ' ');
        expect(line).toMatch(/Last 30 days \(\d+ editions, \d+ sent\): bounce rate \d+\.\d+ % · complaint rate \d+\.\d+ % · unsubscribe rate \d+\.\d+ %/);
        expect(line).toContain('complaints above 0.10 %');
    });
    it('refuses anything unsigned, badly signed, stale or malformed, and changes nothing', async () => {
        const [email] = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: 1 }, 'refused')).active;
        const edition = await sendEdition();
        const messageId = messageIdIn(email, edition.subject);
        const before = await snapshot();
        const now = Math.floor(Date.now() / 1000);
        const stale = now - 301;
        const expectAnswer = async (label, answer, status, field) => {
            const { status: got, json } = await answer;
            expect({ label, status: got }).toEqual({ label, status });
            if (field)
                expect({ label, fields: json.errors.map((e) => e.field) }).toEqual({ label, fields: [field] });
        };
        const ses = (message) => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/ses`, JSON.stringify(message), {}, 'text/plain; charset=UTF-8');
        const bounce = (0, provider_webhooks_1.sesNotification)('Permanent', email, messageId);
        const { Signature: _signature, ...unsigned } = sns.message({ Message: bounce });
        await expectAnswer('ses unsigned', ses(unsigned), 401);
        await expectAnswer('ses altered', ses({ ...sns.message({ Message: bounce }), Message: (0, provider_webhooks_1.sesNotification)('Permanent', `${email}.attacker.example`, null) }), 401);
        await expectAnswer('ses stale', ses(sns.message({ Message: bounce, Timestamp: new Date(stale * 1000).toISOString() })), 401);
        await expectAnswer('ses certificate off SNS', ses(sns.message({ Message: bounce, SigningCertURL: 'https://s3.amazonaws.com/attacker/SimpleNotificationService.pem' })), 401);
        await expectAnswer('ses unknown topic', ses(sns.message({ Message: bounce, TopicArn: 'arn:aws:sns:eu-west-1:210987654321:someone-else' })), 403);
        await expectAnswer('ses version 3', ses({ ...sns.message({ Message: bounce }), SignatureVersion: '3' }), 401);
        await expectAnswer('ses not json', (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/ses`, '{"Type": "Notification",', {}, 'text/plain; charset=UTF-8'), 400, 'body');
        await expectAnswer('ses message not SES', ses(sns.message({ Message: 'hello' })), 400, 'Message');
        const record = JSON.stringify((0, provider_webhooks_1.postmarkRecord)('HardBounce', email, 77));
        await expectAnswer('postmark no credentials', (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/postmark`, record), 401);
        await expectAnswer('postmark wrong password', (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/postmark`, record, (0, provider_webhooks_1.basicAuth)(provider_webhooks_1.POSTMARK.user, `${provider_webhooks_1.POSTMARK.password}x`)), 401);
        await expectAnswer('postmark not json', (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/postmark`, '{"RecordType":', (0, provider_webhooks_1.basicAuth)(provider_webhooks_1.POSTMARK.user, provider_webhooks_1.POSTMARK.password)), 400, 'body');
        await expectAnswer('postmark no Email', (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/postmark`, JSON.stringify({ ...JSON.parse(record), Email: undefined }), (0, provider_webhooks_1.basicAuth)(provider_webhooks_1.POSTMARK.user, provider_webhooks_1.POSTMARK.password)), 400, 'Email');
        const failed = (0, provider_webhooks_1.mailgunEvent)('permanent', email, messageId);
        const mailgun = (body) => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/mailgun`, typeof body === 'string' ? body : JSON.stringify(body));
        await expectAnswer('mailgun unsigned', mailgun({ 'event-data': failed }), 401);
        await expectAnswer('mailgun wrong key', mailgun((0, provider_webhooks_1.mailgunSigned)(failed, { key: 'another-signing-key-0123456789' })), 401);
        await expectAnswer('mailgun stale', mailgun((0, provider_webhooks_1.mailgunSigned)(failed, { timestamp: stale })), 401);
        await expectAnswer('mailgun not json', mailgun('{"signature":'), 400, 'body');
        await expectAnswer('mailgun no severity', mailgun((0, provider_webhooks_1.mailgunSigned)({ ...failed, severity: undefined })), 400, 'event-data.severity');
        const events = JSON.stringify([(0, provider_webhooks_1.sendgridEvent)('bounce', email, messageId)]);
        const sendgridPost = (body, headers) => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/sendgrid`, body, headers);
        await expectAnswer('sendgrid unsigned', sendgridPost(events, {}), 401);
        await expectAnswer('sendgrid another key', sendgridPost(events, new provider_webhooks_1.SendgridKeys().headers(events)), 401);
        await expectAnswer('sendgrid altered body', sendgridPost(events.replace('"bounce"', '"spamreport"'), sendgrid.headers(events)), 401);
        await expectAnswer('sendgrid stale', sendgridPost(events, sendgrid.headers(events, String(stale))), 401);
        await expectAnswer('sendgrid not json', sendgridPost('[{"email":', sendgrid.headers('[{"email":')), 400, 'body');
        const noId = JSON.stringify([{ ...(0, provider_webhooks_1.sendgridEvent)('bounce', email, messageId), sg_event_id: undefined }]);
        await expectAnswer('sendgrid no event id', sendgridPost(noId, sendgrid.headers(noId)), 400, '[0].sg_event_id');
        const generic = JSON.stringify({ id: 'relay-1', type: 'hard-bounce', email, messageId });
        const genericPost = (body, headers) => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/bounce`, body, headers);
        await expectAnswer('generic unsigned', genericPost(generic, {}), 401);
        await expectAnswer('generic wrong secret', genericPost(generic, (0, provider_webhooks_1.genericHeaders)(generic, { secret: 'not-the-secret-0123456789abcdef' })), 401);
        await expectAnswer('generic stale', genericPost(generic, (0, provider_webhooks_1.genericHeaders)(generic, { timestamp: String(stale) })), 401);
        await expectAnswer('generic timestamp not covered', genericPost(generic, { ...(0, provider_webhooks_1.genericHeaders)(generic), 'X-Timestamp': String(now) }), 401);
        await expectAnswer('generic not json', genericPost('{"id":', (0, provider_webhooks_1.genericHeaders)('{"id":')), 400, 'body');
        const noType = JSON.stringify({ id: 'relay-2', email });
        await expectAnswer('generic no type', genericPost(noType, (0, provider_webhooks_1.genericHeaders)(noType)), 400, 'type');
        expect(await snapshot()).toEqual(before);
        expect((await reader(email)).suppressed_at).toBeNull();
    });
    it('answers a replayed event 200 and changes nothing; a Mailgun token is good for its own event only', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: PROVIDERS.length }, 'replay')).active;
        const edition = await sendEdition();
        const requests = {};
        const messageId = (index) => messageIdIn(readers[index], edition.subject);
        const sesMessage = JSON.stringify(sns.message({ Message: (0, provider_webhooks_1.sesNotification)('Transient', readers[0], messageId(0)) }, '2'));
        requests.ses = () => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/ses`, sesMessage, {}, 'text/plain; charset=UTF-8');
        const record = JSON.stringify((0, provider_webhooks_1.postmarkRecord)('SoftBounce', readers[1], 424242));
        requests.postmark = () => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/postmark`, record, (0, provider_webhooks_1.basicAuth)(provider_webhooks_1.POSTMARK.user, provider_webhooks_1.POSTMARK.password));
        const mailgunBody = (0, provider_webhooks_1.mailgunSigned)((0, provider_webhooks_1.mailgunEvent)('temporary', readers[2], messageId(2)));
        requests.mailgun = () => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/mailgun`, JSON.stringify(mailgunBody));
        const sendgridBody = JSON.stringify([(0, provider_webhooks_1.sendgridEvent)('blocked', readers[3], messageId(3))]);
        const sendgridSigned = sendgrid.headers(sendgridBody);
        requests.sendgrid = () => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/sendgrid`, sendgridBody, sendgridSigned);
        const genericBody = JSON.stringify({ id: 'relay-replayed', type: 'soft-bounce', email: readers[4], messageId: messageId(4) });
        const genericSigned = (0, provider_webhooks_1.genericHeaders)(genericBody, { timestamp: String(Math.floor(Date.now() / 1000)) });
        requests.generic = () => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/bounce`, genericBody, genericSigned);
        for (const provider of PROVIDERS) {
            expect({ provider, ...(await requests[provider]()) }).toEqual({ provider, status: 200, json: { received: 1, recorded: 1 } });
            const after = await snapshot();
            expect({ provider, ...(await requests[provider]()) }).toEqual({ provider, status: 200, json: { received: 1, recorded: 0 } });
            expect(await snapshot()).toEqual(after);
        }
        const before = await snapshot();
        const reused = { ...(0, provider_webhooks_1.mailgunSigned)((0, provider_webhooks_1.mailgunEvent)('permanent', readers[2], messageId(2))), signature: mailgunBody.signature };
        expect((await (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/mailgun`, JSON.stringify(reused))).status).toBe(401);
        expect(await snapshot()).toEqual(before);
        expect((await reader(readers[2])).suppressed_at).toBeNull();
    });
    it('confirms an SNS subscription by visiting its SubscribeURL, only when signed, from a topic it knows', async () => {
        const confirmation = (fields) => sns.message({ Type: 'SubscriptionConfirmation', Message: `You have chosen to subscribe to the topic ${provider_webhooks_1.TOPIC}.`, Token: 'token-1', SubscribeURL: `${sns.origin}/confirm?Token=token-1`, ...fields });
        const post = (message) => (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/ses`, JSON.stringify(message), {}, 'text/plain; charset=UTF-8');
        expect(await post(confirmation({ TopicArn: 'arn:aws:sns:eu-west-1:210987654321:someone-else', SubscribeURL: `${sns.origin}/confirm?Token=other` }))).toMatchObject({ status: 403 });
        expect(await post({ ...confirmation({}), SubscribeURL: `${sns.origin}/confirm?Token=forged` })).toMatchObject({ status: 401 });
        expect(await post(confirmation({ SubscribeURL: 'https://attacker.example/confirm?Token=token-1' }))).toMatchObject({ status: 400, json: { errors: [{ field: 'SubscribeURL' }] } });
        expect(sns.visits.filter((v) => v.startsWith('/confirm'))).toEqual([]);
        expect(await post(confirmation({}))).toEqual({ status: 200, json: { confirmed: true } });
        expect(sns.visits.filter((v) => v.startsWith('/confirm'))).toEqual(['/confirm?Token=token-1']);
    });
});
describe('bounce and complaint webhooks, not configured', () => {
    let t;
    beforeAll(async () => {
        t = await (0, app_1.startApp)({ env: Object.fromEntries(WEBHOOK_SETTINGS.map((name) => [name, ''])) });
    });
    afterAll(async () => {
        await t?.close();
    });
    it('are off: each answers 404, whatever is sent', async () => {
        for (const path of ['ses', 'postmark', 'mailgun', 'sendgrid', 'bounce']) {
            const answer = await (0, provider_webhooks_1.postWebhook)(`${t.url}/webhooks/${path}`, JSON.stringify({ id: 'x', type: 'hard-bounce', email: 'a@example.com' }), (0, provider_webhooks_1.genericHeaders)('{}'));
            expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        }
        expect(await t.rows(`SELECT 1 FROM deliverability_events`)).toEqual([]);
    });
});
//# sourceMappingURL=webhooks.e2e-spec.js.map