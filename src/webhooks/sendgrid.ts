import { KeyObject, verify } from 'node:crypto';
import type { DeliverabilityEvent, DeliverabilityEventType } from '../deliverability/deliverability-event';
import { addressOf, invalid, isObject, messageIdOf, ParsedEvents, text, timeOf } from './payload';

/**
 * SendGrid's signed Event Webhook: an ECDSA P-256 signature (base64 DER) over the timestamp
 * header immediately followed by the body's raw bytes, hashed with SHA-256.
 */
export function verifySendgridSignature(publicKey: KeyObject, timestamp: string, raw: Buffer, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), raw]), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** What an event says of the address: `bounce` (type bounce, or blocked), `spamreport`, and drops for an address already known bad. */
function typeOf(event: Record<string, unknown>): DeliverabilityEventType | null {
  switch (event.event) {
    case 'bounce':
      return event.type === 'blocked' ? 'soft-bounce' : 'hard-bounce';
    case 'spamreport':
      return 'complaint';
    case 'dropped':
      return event.reason === 'Bounced Address' || event.reason === 'Invalid' ? 'hard-bounce' : event.reason === 'Spam Reporting Address' ? 'complaint' : null;
    default:
      return null;
  }
}

/** The batch, all checked before any of it counts: one bad event makes the whole body a 400. */
export function sendgridEvents(body: unknown): ParsedEvents {
  if (!Array.isArray(body)) return invalid('body', 'The body must be a JSON array of events');
  const events: DeliverabilityEvent[] = [];
  for (const [index, event] of body.entries()) {
    if (!isObject(event)) return invalid(`[${index}]`, 'Each event must be an object');
    const type = typeOf(event);
    if (type === null) continue;
    const id = text(event.sg_event_id);
    if (id === null || id.length > 200) return invalid(`[${index}].sg_event_id`, 'sg_event_id is required');
    const email = addressOf(event.email);
    if (email === null) return invalid(`[${index}].email`, 'email must be an email address');
    events.push({
      provider: 'sendgrid',
      eventId: id,
      type,
      email,
      messageId: messageIdOf(event['smtp-id']),
      occurredAt: timeOf(event.timestamp) ?? undefined,
      detail: { event: event.event, type: event.type ?? null, reason: event.reason ?? null, status: event.status ?? null },
    });
  }
  return { events, errors: [] };
}
