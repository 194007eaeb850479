import { sesEvents } from './ses';

/** Shaped like AWS's own examples (SES developer guide, "Amazon SNS notification examples"). */
const mail = {
  timestamp: '2016-01-27T14:59:38.237Z',
  source: 'john@example.com',
  sourceArn: 'arn:aws:ses:us-east-1:888888888888:identity/example.com',
  sourceIp: '127.0.3.0',
  sendingAccountId: '123456789012',
  messageId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000',
  destination: ['jane@example.com', 'mary@example.com', 'richard@example.com'],
  headersTruncated: false,
  headers: [
    { name: 'From', value: '"John Doe" <john@example.com>' },
    { name: 'To', value: '"Jane Doe" <jane@example.com>' },
    { name: 'Message-ID', value: '<KB7QFZ5LMXPFSXHGDYMQ2SA24M@newstatesman.test>' },
    { name: 'Subject', value: 'Hello' },
  ],
  commonHeaders: { from: ['John Doe <john@example.com>'], date: 'Wed, 27 Jan 2016 14:05:45 +0000', to: ['Jane Doe <jane@example.com>'], messageId: 'custom-message-ID', subject: 'Hello' },
};

const bounce = (bounceType: string, recipients: object[]) =>
  JSON.stringify({
    notificationType: 'Bounce',
    bounce: {
      bounceType,
      reportingMTA: 'dsn; a7-42.smtp-out.amazonses.com',
      bouncedRecipients: recipients,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      timestamp: '2016-01-27T14:59:38.237Z',
      feedbackId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000',
      remoteMtaIp: '127.0.2.0',
    },
    mail,
  });

describe('SES notifications', () => {
  it('reads a permanent bounce as hard, with our Message-ID from the original headers and the DSN’s words', () => {
    const { events, errors } = sesEvents('sns-1', bounce('Permanent', [{ emailAddress: 'Jane@Example.com', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }]));
    expect(errors).toEqual([]);
    expect(events).toEqual([
      {
        provider: 'ses',
        eventId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000',
        type: 'hard-bounce',
        email: 'jane@example.com',
        messageId: '<KB7QFZ5LMXPFSXHGDYMQ2SA24M@newstatesman.test>',
        occurredAt: new Date('2016-01-27T14:59:38.237Z'),
        detail: { bounceType: 'Permanent', bounceSubType: 'General', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
      },
    ]);
  });

  it('reads transient and undetermined bounces as soft, one event per recipient', () => {
    const { events } = sesEvents('sns-1', bounce('Transient', [{ emailAddress: 'jane@example.com' }, { emailAddress: 'mary@example.com' }]));
    expect(events.map((e) => [e.type, e.email, e.eventId.slice(-2)])).toEqual([
      ['soft-bounce', 'jane@example.com', '#1'],
      ['soft-bounce', 'mary@example.com', '#2'],
    ]);
    expect(sesEvents('sns-1', bounce('Undetermined', [{ emailAddress: 'jane@example.com' }])).events[0].type).toBe('soft-bounce');
  });

  it('falls back on commonHeaders for the Message-ID when the original headers are not included', () => {
    const withoutHeaders = JSON.parse(bounce('Permanent', [{ emailAddress: 'jane@example.com' }]));
    delete withoutHeaders.mail.headers;
    expect(sesEvents('sns-1', JSON.stringify(withoutHeaders)).events[0].messageId).toBe('<custom-message-ID>');
  });

  it('reads a complaint, and ignores a "not-spam" report and notifications that are neither (Delivery, event publishing’s Open)', () => {
    const complaint = (complaintFeedbackType: string) =>
      JSON.stringify({
        notificationType: 'Complaint',
        complaint: {
          userAgent: 'AnyCompany Feedback Loop (V0.01)',
          complainedRecipients: [{ emailAddress: 'richard@example.com' }],
          complaintFeedbackType,
          arrivalDate: '2016-01-27T14:59:38.237Z',
          timestamp: '2016-01-27T14:59:38.237Z',
          feedbackId: '000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000',
        },
        mail,
      });
    expect(sesEvents('sns-2', complaint('abuse')).events).toMatchObject([
      { type: 'complaint', email: 'richard@example.com', eventId: '000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000', detail: { complaintFeedbackType: 'abuse' } },
    ]);
    expect(sesEvents('sns-2', complaint('not-spam')).events).toEqual([]);
    expect(sesEvents('sns-3', JSON.stringify({ notificationType: 'Delivery', delivery: {}, mail })).events).toEqual([]);
    expect(sesEvents('sns-4', JSON.stringify({ eventType: 'Open', open: {}, mail })).events).toEqual([]);
  });

  it('uses the SNS MessageId when SES gives no feedbackId, and reads event publishing’s eventType', () => {
    const published = JSON.stringify({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'jane@example.com' }] }, mail });
    expect(sesEvents('sns-5', published).events[0]).toMatchObject({ eventId: 'sns-5', type: 'hard-bounce' });
  });

  it('names what is wrong with a notification that cannot be read', () => {
    expect(sesEvents('x', 'not json').errors).toEqual([{ field: 'Message', message: 'Message must be an SES notification (JSON)' }]);
    expect(sesEvents('x', JSON.stringify({ notificationType: 'Bounce' })).errors[0].field).toBe('Message.bounce');
    expect(sesEvents('x', JSON.stringify({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [] } })).errors[0].field).toBe('Message.bounce.bouncedRecipients');
    expect(sesEvents('x', JSON.stringify({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'nope' }] } })).errors[0].field).toBe(
      'Message.recipients[0].emailAddress',
    );
  });
});
