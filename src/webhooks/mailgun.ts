import type { DeliverabilityEventType } from '../deliverability/deliverability-event';
import { addressOf, hmacSha256Hex, invalid, isObject, messageIdOf, ParsedEvents, safeEqual, text, timeOf } from './payload';

export interface MailgunSignature {
  timestamp: string;
  token: string;
  signature: string;
}

export function mailgunSignature(body: unknown): MailgunSignature | null {
  if (!isObject(body) || !isObject(body.signature)) return null;
  const { timestamp, token, signature } = body.signature;
  if (typeof timestamp !== 'string' && typeof timestamp !== 'number') return null;
  if (typeof token !== 'string' || typeof signature !== 'string' || token === '' || token.length > 200) return null;
  return { timestamp: String(timestamp), token, signature };
}

/** HMAC-SHA256, keyed with the webhook signing key, of the timestamp and token run together. */
export function verifyMailgunSignature(signature: MailgunSignature, signingKey: string): boolean {
  return safeEqual(hmacSha256Hex(signingKey, signature.timestamp + signature.token), signature.signature.toLowerCase());
}

/**
 * A Mailgun webhook's `event-data`: `failed` is a hard bounce when its severity is permanent and
 * a soft one when temporary; `complained` is a complaint; other events report nothing.
 */
export function mailgunEvents(body: unknown): ParsedEvents {
  const data = isObject(body) ? body['event-data'] : undefined;
  if (!isObject(data)) return invalid('event-data', 'event-data must be an object');
  const event = text(data.event);
  if (event === null) return invalid('event-data.event', 'event-data.event is required');
  let type: DeliverabilityEventType;
  if (event === 'complained') type = 'complaint';
  else if (event === 'failed' && data.severity === 'permanent') type = 'hard-bounce';
  else if (event === 'failed' && data.severity === 'temporary') type = 'soft-bounce';
  else if (event === 'failed') return invalid('event-data.severity', 'A failed event’s severity must be permanent or temporary');
  else return { events: [], errors: [] };
  const id = text(data.id);
  if (id === null || id.length > 200) return invalid('event-data.id', 'event-data.id is required');
  const email = addressOf(data.recipient);
  const headers = isObject(data.message) && isObject(data.message.headers) ? data.message.headers : {};
  const messageId = messageIdOf(headers['message-id']);
  if (email === null && messageId === null) return invalid('event-data.recipient', 'event-data.recipient must be an email address');
  const status = isObject(data['delivery-status']) ? data['delivery-status'] : {};
  return {
    events: [
      {
        provider: 'mailgun',
        eventId: id,
        type,
        email,
        messageId,
        occurredAt: timeOf(data.timestamp) ?? undefined,
        detail: { event, severity: data.severity ?? null, reason: data.reason ?? null, code: status.code ?? null, message: status.message || status.description || null },
      },
    ],
    errors: [],
  };
}
