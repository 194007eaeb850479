import type { DeliverabilityEventType } from '../deliverability/deliverability-event';
import { addressOf, hmacSha256Hex, invalid, isObject, messageIdOf, ParsedEvents, safeEqual, text, timeOf } from './payload';

const TYPES: DeliverabilityEventType[] = ['hard-bounce', 'soft-bounce', 'complaint'];

/**
 * `X-Signature: sha256=<hex>`: HMAC-SHA256 with BOUNCE_WEBHOOK_SECRET of the raw body, or, when
 * the relay sends `X-Timestamp` (Unix seconds), of the timestamp, a dot and the raw body.
 */
export function verifyGenericSignature(secret: string, raw: Buffer, header: string | undefined, timestamp: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec((header ?? '').trim());
  if (!match) return false;
  const signed = timestamp === undefined ? raw : Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), raw]);
  return safeEqual(hmacSha256Hex(secret, signed), match[1].toLowerCase());
}

/** `{ "id", "type": "hard-bounce" | "soft-bounce" | "complaint", "email"?, "messageId"?, "occurredAt"?, "detail"? }` */
export function genericEvent(body: unknown): ParsedEvents {
  if (!isObject(body)) return invalid('body', 'The body must be a JSON object');
  const id = text(body.id);
  if (id === null || id.length > 200) return invalid('id', 'id is required: the event’s own id, at most 200 characters');
  if (!TYPES.includes(body.type as DeliverabilityEventType)) return invalid('type', `type must be one of ${TYPES.join(', ')}`);
  const email = body.email === undefined || body.email === null ? null : addressOf(body.email);
  if (email === null && body.email !== undefined && body.email !== null) return invalid('email', 'email must be an email address');
  const messageId = body.messageId === undefined || body.messageId === null ? null : messageIdOf(body.messageId);
  if (messageId === null && body.messageId !== undefined && body.messageId !== null) return invalid('messageId', 'messageId must be a Message-ID, e.g. <abc@example.com>');
  if (email === null && messageId === null) return invalid('email', 'Give email or messageId, so the event names its reader');
  const occurredAt = body.occurredAt === undefined ? null : timeOf(body.occurredAt);
  if (body.occurredAt !== undefined && occurredAt === null) return invalid('occurredAt', 'occurredAt must be an ISO 8601 time');
  if (body.detail !== undefined && (!isObject(body.detail) || JSON.stringify(body.detail).length > 4000)) return invalid('detail', 'detail must be an object of at most 4,000 characters as JSON');
  return {
    events: [{ provider: 'generic', eventId: id, type: body.type as DeliverabilityEventType, email, messageId, occurredAt: occurredAt ?? undefined, detail: (body.detail as Record<string, unknown>) ?? {} }],
    errors: [],
  };
}
