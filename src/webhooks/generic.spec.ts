import { createHmac } from 'node:crypto';
import { genericEvent, verifyGenericSignature } from './generic';

const SECRET = 'generic-bounce-secret-0123456789';

describe('the generic bounce webhook', () => {
  const body = Buffer.from(JSON.stringify({ id: 'evt-1', type: 'hard-bounce', email: 'reader@example.com' }));
  const hmac = (data: Buffer | string) => `sha256=${createHmac('sha256', SECRET).update(data).digest('hex')}`;

  it('verifies sha256=<HMAC of the raw body>, or of "<timestamp>.<body>" when X-Timestamp is sent', () => {
    expect(verifyGenericSignature(SECRET, body, hmac(body), undefined)).toBe(true);
    expect(verifyGenericSignature(SECRET, body, hmac(body).toUpperCase().replace('SHA256=', 'sha256='), undefined)).toBe(true);
    expect(verifyGenericSignature(SECRET, body, hmac(`1700000000.${body.toString()}`), '1700000000')).toBe(true);
    expect(verifyGenericSignature(SECRET, body, hmac(body), '1700000000')).toBe(false);
    expect(verifyGenericSignature(SECRET, Buffer.from(`${body.toString()} `), hmac(body), undefined)).toBe(false);
    expect(verifyGenericSignature('another-secret-0123456789', body, hmac(body), undefined)).toBe(false);
    expect(verifyGenericSignature(SECRET, body, hmac(body).replace('sha256=', ''), undefined)).toBe(false);
    expect(verifyGenericSignature(SECRET, body, undefined, undefined)).toBe(false);
  });

  it('reads the documented shape', () => {
    expect(genericEvent({ id: 'evt-1', type: 'complaint', email: 'Reader@Example.com', messageId: 'abc@example.com', occurredAt: '2025-11-30T10:00:00Z', detail: { feedbackType: 'abuse' } })).toEqual({
      events: [{ provider: 'generic', eventId: 'evt-1', type: 'complaint', email: 'reader@example.com', messageId: '<abc@example.com>', occurredAt: new Date('2025-11-30T10:00:00Z'), detail: { feedbackType: 'abuse' } }],
      errors: [],
    });
  });

  it('names the field at fault', () => {
    const field = (value: unknown) => genericEvent(value).errors[0]?.field;
    expect(field('x')).toBe('body');
    expect(field({ type: 'hard-bounce', email: 'a@b.c' })).toBe('id');
    expect(field({ id: 'x', type: 'bounce', email: 'a@b.c' })).toBe('type');
    expect(field({ id: 'x', type: 'hard-bounce' })).toBe('email');
    expect(field({ id: 'x', type: 'hard-bounce', email: 'nobody' })).toBe('email');
    expect(field({ id: 'x', type: 'hard-bounce', email: 'a@b.c', messageId: 'has space' })).toBe('messageId');
    expect(field({ id: 'x', type: 'hard-bounce', email: 'a@b.c', occurredAt: 'yesterday' })).toBe('occurredAt');
    expect(field({ id: 'x', type: 'hard-bounce', email: 'a@b.c', detail: 'text' })).toBe('detail');
  });
});
