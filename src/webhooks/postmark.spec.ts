import { basicAuthMatches, postmarkEvents } from './postmark';

/** Shaped like Postmark's documented examples (bounce-webhook, spam-complaint-webhook, subscription-change-webhook). */
const bounce = (type: string, overrides: Record<string, unknown> = {}) => ({
  RecordType: 'Bounce',
  MessageStream: 'outbound',
  ID: 4323372036,
  Type: type,
  TypeCode: 1,
  Name: 'Hard bounce',
  Tag: 'Test',
  MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
  Metadata: { a_key: 'a_value' },
  ServerID: 23,
  Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
  Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist: john@example.com',
  Email: 'john@example.com',
  From: 'sender@example.com',
  BouncedAt: '2019-11-05T16:33:54.9070259Z',
  DumpAvailable: true,
  Inactive: true,
  CanActivate: true,
  Subject: 'Test subject',
  Content: '<Full dump of bounce>',
  ...overrides,
});

const read = (body: object) => postmarkEvents(body, JSON.stringify(body));

describe('Postmark webhooks', () => {
  const header = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

  it('checks basic-auth credentials exactly', () => {
    expect(basicAuthMatches(header('hooks:a-long-password-123'), 'hooks', 'a-long-password-123')).toBe(true);
    expect(basicAuthMatches(`basic   ${Buffer.from('hooks:a-long-password-123').toString('base64')}`, 'hooks', 'a-long-password-123')).toBe(true);
    expect(basicAuthMatches(header('hooks:a-long-password-12'), 'hooks', 'a-long-password-123')).toBe(false);
    expect(basicAuthMatches(header('Hooks:a-long-password-123'), 'hooks', 'a-long-password-123')).toBe(false);
    expect(basicAuthMatches(header('hooksa-long-password-123'), 'hooks', 'a-long-password-123')).toBe(false);
    expect(basicAuthMatches('Bearer a-long-password-123', 'hooks', 'a-long-password-123')).toBe(false);
    expect(basicAuthMatches(undefined, 'hooks', 'a-long-password-123')).toBe(false);
  });

  it('reads HardBounce and BadEmailAddress as hard, SoftBounce and Transient as soft, and ignores auto-replies', () => {
    expect(read(bounce('HardBounce')).events).toEqual([
      {
        provider: 'postmark',
        eventId: '4323372036',
        type: 'hard-bounce',
        email: 'john@example.com',
        occurredAt: new Date('2019-11-05T16:33:54.907Z'),
        detail: expect.objectContaining({ recordType: 'Bounce', type: 'HardBounce', typeCode: 1, inactive: true }),
      },
    ]);
    expect(read(bounce('BadEmailAddress')).events[0].type).toBe('hard-bounce');
    expect(read(bounce('SoftBounce')).events[0].type).toBe('soft-bounce');
    expect(read(bounce('Transient')).events[0].type).toBe('soft-bounce');
    expect(read(bounce('AutoResponder')).events).toEqual([]);
    expect(read({ RecordType: 'Delivery', MessageID: 'x' }).events).toEqual([]);
  });

  it('reads a SpamComplaint record as a complaint, whatever its TypeCode', () => {
    expect(read(bounce('SpamComplaint', { RecordType: 'SpamComplaint', TypeCode: 512, ID: 42 })).events).toMatchObject([{ eventId: '42', type: 'complaint' }]);
  });

  it('keeps a 64-bit ID exact, as the body wrote it', () => {
    const raw = JSON.stringify(bounce('HardBounce')).replace('"ID":4323372036', '"ID":4323372036854775807');
    expect(postmarkEvents(JSON.parse(raw), raw).events[0].eventId).toBe('4323372036854775807');
  });

  it('reads a Broadcast stream’s SubscriptionChange that suppresses for a hard bounce or a complaint', () => {
    const change = (reason: string | null, suppress = true) => ({
      RecordType: 'SubscriptionChange',
      MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
      ServerID: 123456,
      MessageStream: 'broadcast',
      ChangedAt: '2020-02-01T10:53:34.416071Z',
      Recipient: 'bounced-address@wildbit.com',
      Origin: 'Recipient',
      SuppressSending: suppress,
      SuppressionReason: reason,
      Tag: 'my-tag',
      Metadata: {},
    });
    expect(read(change('HardBounce')).events).toMatchObject([{ type: 'hard-bounce', email: 'bounced-address@wildbit.com', eventId: 'subscription-change:883953f4-6105-42a2-a16a-77a8eac79483:2020-02-01T10:53:34.416071Z' }]);
    expect(read(change('SpamComplaint')).events[0].type).toBe('complaint');
    expect(read(change('ManualSuppression')).events).toEqual([]);
    expect(read(change(null, false)).events).toEqual([]);
  });

  it('names the field at fault', () => {
    expect(read([] as unknown as object).errors[0].field).toBe('body');
    expect(read({ ID: 1 }).errors[0].field).toBe('RecordType');
    expect(read(bounce('HardBounce', { ID: 'abc' })).errors[0].field).toBe('ID');
    expect(read(bounce('HardBounce', { Email: 'not an address' })).errors[0].field).toBe('Email');
    expect(read(bounce('HardBounce', { Type: undefined })).errors[0].field).toBe('Type');
  });
});
