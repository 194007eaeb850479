"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.basicAuth = exports.SendgridKeys = exports.SnsEndpoint = exports.TOPIC = exports.BOUNCE_SECRET = exports.MAILGUN_KEY = exports.POSTMARK = void 0;
exports.sesNotification = sesNotification;
exports.postmarkRecord = postmarkRecord;
exports.mailgunSigned = mailgunSigned;
exports.mailgunEvent = mailgunEvent;
exports.sendgridEvent = sendgridEvent;
exports.genericHeaders = genericHeaders;
exports.postWebhook = postWebhook;
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const selfsigned_1 = require("selfsigned");
exports.POSTMARK = { user: 'postmark-hooks', password: 'postmark-password-0123456789' };
exports.MAILGUN_KEY = 'mailgun-signing-key-0123456789abcdef';
exports.BOUNCE_SECRET = 'generic-bounce-secret-0123456789abcdef';
exports.TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ses-feedback';
class SnsEndpoint {
    visits = [];
    privateKey = '';
    origin = '';
    server;
    async start() {
        const pems = await (0, selfsigned_1.generate)([{ name: 'commonName', value: 'sns.amazonaws.com' }], { keySize: 2048, algorithm: 'sha256' });
        this.privateKey = pems.private;
        this.server = (0, node_http_1.createServer)((req, res) => {
            this.visits.push(req.url ?? '');
            if (req.url === '/SimpleNotificationService-test.pem')
                res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(pems.cert);
            else if (req.url?.startsWith('/confirm'))
                res.writeHead(200, { 'content-type': 'text/xml' }).end('<ConfirmSubscriptionResponse/>');
            else
                res.writeHead(404).end();
        });
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.origin = `http://127.0.0.1:${this.server.address().port}`;
        return this;
    }
    get certUrl() {
        return `${this.origin}/SimpleNotificationService-test.pem`;
    }
    message(fields, version = '1') {
        const message = {
            Type: 'Notification',
            MessageId: (0, node_crypto_1.randomUUID)(),
            TopicArn: exports.TOPIC,
            Timestamp: new Date().toISOString(),
            SignatureVersion: version,
            SigningCertURL: this.certUrl,
            ...fields,
        };
        const keys = message.Type === 'Notification'
            ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
            : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
        const canonical = keys
            .filter((key) => message[key] !== undefined)
            .map((key) => `${key}\n${message[key]}\n`)
            .join('');
        message.Signature = (0, node_crypto_1.createSign)(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256').update(canonical).sign(this.privateKey, 'base64');
        return message;
    }
    async stop() {
        await new Promise((resolve) => this.server.close(() => resolve()));
    }
}
exports.SnsEndpoint = SnsEndpoint;
function sesNotification(kind, email, messageId, feedbackId = (0, node_crypto_1.randomUUID)()) {
    const mail = {
        timestamp: new Date().toISOString(),
        source: 'newsletters@newstatesman.test',
        sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/newstatesman.test',
        sendingAccountId: '123456789012',
        messageId: `0102018f${(0, node_crypto_1.randomUUID)()}-000000`,
        destination: [email],
        headersTruncated: false,
        headers: messageId ? [{ name: 'From', value: 'New Statesman <newsletters@newstatesman.test>' }, { name: 'To', value: email }, { name: 'Message-ID', value: messageId }] : [],
        commonHeaders: { from: ['New Statesman <newsletters@newstatesman.test>'], to: [email], ...(messageId ? { messageId } : {}), subject: 'The Saturday Read' },
    };
    if (kind === 'Complaint') {
        return JSON.stringify({
            notificationType: 'Complaint',
            complaint: { userAgent: 'Yahoo!-Mail-Feedback/2.0', complainedRecipients: [{ emailAddress: email }], complaintFeedbackType: 'abuse', arrivalDate: new Date().toISOString(), timestamp: new Date().toISOString(), feedbackId },
            mail,
        });
    }
    return JSON.stringify({
        notificationType: 'Bounce',
        bounce: {
            bounceType: kind,
            bounceSubType: kind === 'Permanent' ? 'General' : 'MailboxFull',
            bouncedRecipients: [
                kind === 'Permanent'
                    ? { emailAddress: email, action: 'failed', status: '5.1.1', diagnosticCode: `smtp; 550 5.1.1 <${email}>: Recipient address rejected: User unknown` }
                    : { emailAddress: email, action: 'failed', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 Mailbox full' },
            ],
            timestamp: new Date().toISOString(),
            feedbackId,
            reportingMTA: 'dsn; a8-30.smtp-out.amazonses.com',
            remoteMtaIp: '192.0.2.10',
        },
        mail,
    });
}
function postmarkRecord(type, email, id) {
    return {
        RecordType: type === 'SpamComplaint' ? 'SpamComplaint' : 'Bounce',
        MessageStream: 'broadcast',
        ID: id,
        Type: type,
        TypeCode: type === 'HardBounce' ? 1 : type === 'SoftBounce' ? 4096 : 512,
        Name: type === 'HardBounce' ? 'Hard bounce' : type === 'SoftBounce' ? 'Soft bounce' : 'Spam complaint',
        Tag: 'newsletter',
        MessageID: (0, node_crypto_1.randomUUID)(),
        Metadata: {},
        ServerID: 23,
        Description: type === 'SoftBounce' ? 'The server could not temporarily deliver your message (ex: Unable to resolve domain, mailbox full).' : 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
        Details: type === 'SoftBounce' ? 'smtp;452 4.2.2 mailbox full' : `smtp;550 5.1.1 The email account that you tried to reach does not exist: ${email}`,
        Email: email,
        From: 'newsletters@newstatesman.test',
        BouncedAt: new Date().toISOString(),
        DumpAvailable: false,
        Inactive: type !== 'SoftBounce',
        CanActivate: true,
        Subject: 'The Saturday Read',
    };
}
function mailgunSigned(eventData, options = {}) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const token = options.token ?? (0, node_crypto_1.randomUUID)().replace(/-/g, '') + (0, node_crypto_1.randomUUID)().replace(/-/g, '').slice(0, 18);
    return {
        signature: { timestamp, token, signature: (0, node_crypto_1.createHmac)('sha256', options.key ?? exports.MAILGUN_KEY).update(timestamp + token).digest('hex') },
        'event-data': eventData,
    };
}
function mailgunEvent(kind, email, messageId, id = (0, node_crypto_1.randomUUID)().slice(0, 22)) {
    return {
        event: kind === 'complained' ? 'complained' : 'failed',
        ...(kind === 'complained' ? {} : { severity: kind, reason: kind === 'permanent' ? 'bounce' : 'generic' }),
        id,
        timestamp: Date.now() / 1000,
        'log-level': kind === 'complained' ? 'warn' : 'error',
        recipient: email,
        'recipient-domain': email.split('@')[1],
        envelope: { sender: 'bounces@newstatesman.test', transport: 'smtp', targets: email },
        'delivery-status': kind === 'complained' ? undefined : { 'attempt-no': 1, code: kind === 'permanent' ? 550 : 452, message: kind === 'permanent' ? `550 5.1.1 <${email}> User unknown` : '452 4.2.2 Mailbox full', description: '' },
        message: { headers: { to: email, 'message-id': messageId?.replace(/^<|>$/g, ''), from: 'New Statesman <newsletters@newstatesman.test>', subject: 'The Saturday Read' }, attachments: [], size: 4096 },
        'user-variables': {},
        tags: [],
    };
}
class SendgridKeys {
    privateKey;
    publicKeyBase64;
    constructor() {
        const pair = (0, node_crypto_1.generateKeyPairSync)('ec', { namedCurve: 'prime256v1' });
        this.privateKey = pair.privateKey;
        this.publicKeyBase64 = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    }
    headers(body, timestamp = String(Math.floor(Date.now() / 1000))) {
        return {
            'X-Twilio-Email-Event-Webhook-Signature': (0, node_crypto_1.sign)('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), this.privateKey).toString('base64'),
            'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
        };
    }
}
exports.SendgridKeys = SendgridKeys;
function sendgridEvent(kind, email, messageId, id = (0, node_crypto_1.randomUUID)()) {
    return {
        email,
        timestamp: Math.floor(Date.now() / 1000),
        'smtp-id': messageId ?? undefined,
        event: kind === 'spamreport' ? 'spamreport' : 'bounce',
        ...(kind === 'spamreport' ? {} : { type: kind, reason: kind === 'bounce' ? '550 5.1.1 unknown recipient' : '421 4.7.0 try again later', status: kind === 'bounce' ? '5.1.1' : '4.7.0' }),
        category: ['newsletter'],
        sg_event_id: id,
        sg_message_id: `${(0, node_crypto_1.randomUUID)()}.filter0001.16648.5515E0B88.0`,
    };
}
function genericHeaders(body, options = {}) {
    const signed = options.timestamp === undefined ? body : `${options.timestamp}.${body}`;
    return {
        'X-Signature': `sha256=${(0, node_crypto_1.createHmac)('sha256', options.secret ?? exports.BOUNCE_SECRET).update(signed).digest('hex')}`,
        ...(options.timestamp === undefined ? {} : { 'X-Timestamp': options.timestamp }),
    };
}
async function postWebhook(url, body, headers = {}, contentType = 'application/json') {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
    const text = await response.text();
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        json = text;
    }
    return { status: response.status, json };
}
const basicAuth = (user, password) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
exports.basicAuth = basicAuth;
//# sourceMappingURL=provider-webhooks.js.map