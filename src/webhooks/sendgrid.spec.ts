import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { sendgridEvents, verifySendgridSignature } from './sendgrid';

describe('SendGrid signed Event Webhook', () => {
  it('passes SendGrid’s own test vector (sendgrid-nodejs eventwebhook.spec.js)', () => {
    const key = createPublicKey({
      key: Buffer.from('MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==', 'base64'),
      format: 'der',
      type: 'spki',
    });
    const payload = Buffer.from(JSON.stringify({ category: 'example_payload', event: 'test_event', message_id: 'message_id' }));
    const signature = 'MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=';
    expect(verifySendgridSignature(key, '1588788367', payload, signature)).toBe(true);
    expect(verifySendgridSignature(key, '1588788368', payload, signature)).toBe(false);
    expect(verifySendgridSignature(key, '1588788367', Buffer.from('payload'), signature)).toBe(false);
    expect(verifySendgridSignature(key, '1588788367', payload, signature.replace('2j/0=', '3j/0='))).toBe(false);
    expect(verifySendgridSignature(key, '1588788367', payload, 'not base64!')).toBe(false);
  });

  it('verifies a signature made with a key of our own over the timestamp and the exact bytes', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const body = Buffer.from('[{"email":"a@example.com","event":"bounce"}]');
    const signature = sign('sha256', Buffer.concat([Buffer.from('1700000000'), body]), privateKey).toString('base64');
    expect(verifySendgridSignature(publicKey, '1700000000', body, signature)).toBe(true);
    // Re-serialised JSON is other bytes: the signature no longer holds.
    expect(verifySendgridSignature(publicKey, '1700000000', Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1)), signature)).toBe(false);
  });

  /** Shaped like the examples in SendGrid's Event Webhook reference. */
  const event = (fields: Record<string, unknown>) => ({
    email: 'example@test.com',
    timestamp: 1513299569,
    'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
    category: 'cat facts',
    sg_event_id: '6g4ZI7SA-xmRDv57GoPIPw==',
    sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
    ...fields,
  });

  it('reads bounces (bounce: hard, blocked: soft), spam reports, drops of known-bad addresses, and skips the rest', () => {
    const { events, errors } = sendgridEvents([
      event({ event: 'bounce', type: 'bounce', reason: '500 unknown recipient', status: '5.0.0', sg_event_id: 'b1' }),
      event({ event: 'bounce', type: 'blocked', reason: '421 try later', status: '4.0.0', sg_event_id: 'b2' }),
      event({ event: 'spamreport', sg_event_id: 's1' }),
      event({ event: 'dropped', reason: 'Bounced Address', sg_event_id: 'd1' }),
      event({ event: 'dropped', reason: 'Unsubscribed Address', sg_event_id: 'd2' }),
      event({ event: 'delivered', response: '250 OK', sg_event_id: 'x1' }),
      event({ event: 'open', sg_event_id: 'x2' }),
    ]);
    expect(errors).toEqual([]);
    expect(events.map((e) => [e.eventId, e.type])).toEqual([
      ['b1', 'hard-bounce'],
      ['b2', 'soft-bounce'],
      ['s1', 'complaint'],
      ['d1', 'hard-bounce'],
    ]);
    expect(events[0]).toMatchObject({ provider: 'sendgrid', email: 'example@test.com', messageId: '<14c5d75ce93.dfd.64b469@ismtpd-555>', occurredAt: new Date(1513299569000) });
  });

  it('refuses the whole batch when one relevant event is malformed, naming it', () => {
    expect(sendgridEvents({ event: 'bounce' }).errors[0].field).toBe('body');
    expect(sendgridEvents([event({ event: 'bounce' }), 'x']).errors[0].field).toBe('[1]');
    expect(sendgridEvents([event({ event: 'bounce', sg_event_id: undefined })]).errors[0].field).toBe('[0].sg_event_id');
    expect(sendgridEvents([event({ event: 'spamreport', email: 'nobody' })]).errors[0].field).toBe('[0].email');
  });
});
