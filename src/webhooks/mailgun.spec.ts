import { createHmac } from 'node:crypto';
import { mailgunEvents, mailgunSignature, verifyMailgunSignature } from './mailgun';

const KEY = 'key-mailgun-signing-0123456789';

/** Shaped like Mailgun's documented webhook payloads (user manual, "Webhook payloads"). */
function payload(event: Record<string, unknown>) {
  const timestamp = '1529006854';
  const token = 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0';
  return {
    signature: { timestamp, token, signature: createHmac('sha256', KEY).update(timestamp + token).digest('hex') },
    'event-data': {
      id: 'G9Bn5sl1TC6nu79C8C0bwg',
      timestamp: 1521233195.375624,
      'log-level': 'error',
      envelope: { sender: 'bob@sandbox.mailgun.org', transport: 'smtp', targets: 'alice@example.com' },
      'recipient-domain': 'example.com',
      'delivery-status': { 'attempt-no': 1, message: '550 5.1.1 The email account that you tried to reach does not exist', code: 550, description: '', 'session-seconds': 0.1 },
      message: { headers: { to: 'Alice <alice@example.com>', 'message-id': '20130503192659.13651.20287@sandbox.mailgun.org', from: 'Bob <bob@sandbox.mailgun.org>', subject: 'Test' }, attachments: [], size: 111 },
      recipient: 'alice@example.com',
      'user-variables': {},
      tags: [],
      ...event,
    },
  };
}

describe('Mailgun webhooks', () => {
  it('verifies the HMAC of timestamp and token with the signing key', () => {
    const signature = mailgunSignature(payload({ event: 'failed' }))!;
    expect(verifyMailgunSignature(signature, KEY)).toBe(true);
    expect(verifyMailgunSignature({ ...signature, signature: signature.signature.toUpperCase() }, KEY)).toBe(true);
    expect(verifyMailgunSignature(signature, 'another-key-0123456789')).toBe(false);
    expect(verifyMailgunSignature({ ...signature, timestamp: '1529006855' }, KEY)).toBe(false);
    expect(verifyMailgunSignature({ ...signature, token: `${signature.token}0` }, KEY)).toBe(false);
    expect(mailgunSignature({ 'event-data': {} })).toBeNull();
    expect(mailgunSignature({ signature: { timestamp: '1', token: '', signature: 'x' } })).toBeNull();
  });

  it('reads failed/permanent as hard, failed/temporary as soft, complained as a complaint, and the rest as nothing', () => {
    expect(mailgunEvents(payload({ event: 'failed', severity: 'permanent', reason: 'bounce' })).events).toEqual([
      {
        provider: 'mailgun',
        eventId: 'G9Bn5sl1TC6nu79C8C0bwg',
        type: 'hard-bounce',
        email: 'alice@example.com',
        messageId: '<20130503192659.13651.20287@sandbox.mailgun.org>',
        occurredAt: new Date(1521233195375.624),
        detail: { event: 'failed', severity: 'permanent', reason: 'bounce', code: 550, message: '550 5.1.1 The email account that you tried to reach does not exist' },
      },
    ]);
    expect(mailgunEvents(payload({ event: 'failed', severity: 'temporary' })).events[0].type).toBe('soft-bounce');
    expect(mailgunEvents(payload({ event: 'complained' })).events[0].type).toBe('complaint');
    expect(mailgunEvents(payload({ event: 'delivered' })).events).toEqual([]);
  });

  it('names the field at fault', () => {
    expect(mailgunEvents({}).errors[0].field).toBe('event-data');
    expect(mailgunEvents(payload({ event: undefined })).errors[0].field).toBe('event-data.event');
    expect(mailgunEvents(payload({ event: 'failed' })).errors[0].field).toBe('event-data.severity');
    expect(mailgunEvents(payload({ event: 'complained', id: '' })).errors[0].field).toBe('event-data.id');
    expect(mailgunEvents(payload({ event: 'complained', recipient: 'x', message: {} })).errors[0].field).toBe('event-data.recipient');
  });
});
