import { createHmac, createSign, generateKeyPairSync, KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/**
 * The mail providers, as far as our webhooks can tell: each one's documented payload shapes,
 * signed the way it signs them, with keys the test makes. SNS's signing certificate is served
 * from a loopback HTTP server (SNS_TEST_CERT_ORIGIN), which also records SubscribeURL visits.
 */
export const POSTMARK = { user: 'postmark-hooks', password: 'postmark-password-0123456789' };
export const MAILGUN_KEY = 'mailgun-signing-key-0123456789abcdef';
export const BOUNCE_SECRET = 'generic-bounce-secret-0123456789abcdef';
export const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ses-feedback';

export interface Answer {
  status: number;
  json: any;
}

export class SnsEndpoint {
  readonly visits: string[] = [];
  privateKey = '';
  origin = '';
  private server!: Server;

  async start(): Promise<this> {
    const pems = await generate([{ name: 'commonName', value: 'sns.amazonaws.com' }], { keySize: 2048, algorithm: 'sha256' });
    this.privateKey = pems.private;
    this.server = createServer((req: IncomingMessage, res) => {
      this.visits.push(req.url ?? '');
      if (req.url === '/SimpleNotificationService-test.pem') res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(pems.cert);
      else if (req.url?.startsWith('/confirm')) res.writeHead(200, { 'content-type': 'text/xml' }).end('<ConfirmSubscriptionResponse/>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get certUrl(): string {
    return `${this.origin}/SimpleNotificationService-test.pem`;
  }

  /** An SNS message, signed as SNS signs it (SignatureVersion 1: SHA1withRSA; 2: SHA256withRSA). */
  message(fields: Record<string, string>, version: '1' | '2' = '1'): Record<string, string> {
    const message: Record<string, string> = {
      Type: 'Notification',
      MessageId: randomUUID(),
      TopicArn: TOPIC,
      Timestamp: new Date().toISOString(),
      SignatureVersion: version,
      SigningCertURL: this.certUrl,
      ...fields,
    };
    const keys =
      message.Type === 'Notification'
        ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
        : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
    const canonical = keys
      .filter((key) => message[key] !== undefined)
      .map((key) => `${key}\n${message[key]}\n`)
      .join('');
    message.Signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256').update(canonical).sign(this.privateKey, 'base64');
    return message;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An SES notification as SNS's `Message`: shaped like the SES developer guide's examples. */
export function sesNotification(kind: 'Permanent' | 'Transient' | 'Complaint', email: string, messageId: string | null, feedbackId: string = randomUUID()): string {
  const mail = {
    timestamp: new Date().toISOString(),
    source: 'newsletters@newstatesman.test',
    sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/newstatesman.test',
    sendingAccountId: '123456789012',
    messageId: `0102018f${randomUUID()}-000000`,
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

/** A Postmark Bounce or SpamComplaint record (bounce-webhook, spam-complaint-webhook). */
export function postmarkRecord(type: 'HardBounce' | 'SoftBounce' | 'SpamComplaint', email: string, id: number): Record<string, unknown> {
  return {
    RecordType: type === 'SpamComplaint' ? 'SpamComplaint' : 'Bounce',
    MessageStream: 'broadcast',
    ID: id,
    Type: type,
    TypeCode: type === 'HardBounce' ? 1 : type === 'SoftBounce' ? 4096 : 512,
    Name: type === 'HardBounce' ? 'Hard bounce' : type === 'SoftBounce' ? 'Soft bounce' : 'Spam complaint',
    Tag: 'newsletter',
    MessageID: randomUUID(),
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

export function mailgunSigned(eventData: Record<string, unknown>, options: { key?: string; timestamp?: number; token?: string } = {}): Record<string, unknown> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const token = options.token ?? randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '').slice(0, 18);
  return {
    signature: { timestamp, token, signature: createHmac('sha256', options.key ?? MAILGUN_KEY).update(timestamp + token).digest('hex') },
    'event-data': eventData,
  };
}

/** A Mailgun `failed` or `complained` event (webhook-payloads). */
export function mailgunEvent(kind: 'permanent' | 'temporary' | 'complained', email: string, messageId: string | null, id: string = randomUUID().slice(0, 22)): Record<string, unknown> {
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

export class SendgridKeys {
  readonly privateKey: KeyObject;
  readonly publicKeyBase64: string;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.privateKey = pair.privateKey;
    this.publicKeyBase64 = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  }

  headers(body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
    return {
      'X-Twilio-Email-Event-Webhook-Signature': sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), this.privateKey).toString('base64'),
      'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
    };
  }
}

/** A SendGrid event (Event Webhook reference): bounce (type bounce or blocked) or spamreport. */
export function sendgridEvent(kind: 'bounce' | 'blocked' | 'spamreport', email: string, messageId: string | null, id: string = randomUUID()): Record<string, unknown> {
  return {
    email,
    timestamp: Math.floor(Date.now() / 1000),
    'smtp-id': messageId ?? undefined,
    event: kind === 'spamreport' ? 'spamreport' : 'bounce',
    ...(kind === 'spamreport' ? {} : { type: kind, reason: kind === 'bounce' ? '550 5.1.1 unknown recipient' : '421 4.7.0 try again later', status: kind === 'bounce' ? '5.1.1' : '4.7.0' }),
    category: ['newsletter'],
    sg_event_id: id,
    sg_message_id: `${randomUUID()}.filter0001.16648.5515E0B88.0`,
  };
}

export function genericHeaders(body: string, options: { secret?: string; timestamp?: string } = {}): Record<string, string> {
  const signed = options.timestamp === undefined ? body : `${options.timestamp}.${body}`;
  return {
    'X-Signature': `sha256=${createHmac('sha256', options.secret ?? BOUNCE_SECRET).update(signed).digest('hex')}`,
    ...(options.timestamp === undefined ? {} : { 'X-Timestamp': options.timestamp }),
  };
}

/** POSTs a body exactly as given (the signatures are over these bytes). */
export async function postWebhook(url: string, body: string, headers: Record<string, string> = {}, contentType = 'application/json'): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

export const basicAuth = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
