import type { DeliverabilityEventType } from '../deliverability/deliverability-event';
import { addressOf, invalid, isObject, ParsedEvents, safeEqual, text, timeOf } from './payload';

/** Postmark signs nothing: its webhook URL carries basic-auth credentials, checked here in constant time. */
export function basicAuthMatches(header: string | undefined, user: string, password: string): boolean {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const given = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  // Both compared, always, so the time taken does not say which was wrong.
  const separator = given.indexOf(':');
  const userOk = safeEqual(separator < 0 ? '' : given.slice(0, separator), user);
  const passwordOk = safeEqual(separator < 0 ? '' : given.slice(separator + 1), password);
  return match !== null && separator >= 0 && userOk && passwordOk;
}

/** Bounce types that say the address will never take mail; the rest of the bounces are soft, or not bounces at all. */
const HARD = new Set(['HardBounce', 'BadEmailAddress']);
const SOFT = new Set(['SoftBounce', 'Transient', 'DnsError', 'Blocked', 'DMARCPolicy']);

/**
 * Postmark's IDs are 64-bit integers, beyond what a JavaScript number holds exactly: read the
 * digits from the body itself when the parsed number is not exact.
 */
function exactId(value: unknown, raw: string): string | null {
  if (typeof value === 'string' && /^\d{1,30}$/.test(value)) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return null;
  if (Number.isSafeInteger(value)) return String(value);
  const candidates = [...raw.matchAll(/"ID"\s*:\s*(\d{16,30})\b/g)].map((m) => m[1]).filter((digits) => Number(digits) === value);
  return new Set(candidates).size === 1 ? candidates[0] : null;
}

/**
 * One Postmark webhook record: a Bounce (switching on `Type`, never `TypeCode`), a SpamComplaint,
 * or a SubscriptionChange that suppresses for a hard bounce or a complaint (what a Broadcast
 * stream sends). Other records and bounce types (auto-replies, challenges) report nothing.
 */
export function postmarkEvents(body: unknown, raw: string): ParsedEvents {
  if (!isObject(body)) return invalid('body', 'The body must be a Postmark webhook record: a JSON object');
  const record = text(body.RecordType);
  if (record === null) return invalid('RecordType', 'RecordType is required');

  if (record === 'SubscriptionChange') {
    if (body.SuppressSending !== true) return { events: [], errors: [] };
    const type: DeliverabilityEventType | null = body.SuppressionReason === 'HardBounce' ? 'hard-bounce' : body.SuppressionReason === 'SpamComplaint' ? 'complaint' : null;
    if (type === null) return { events: [], errors: [] };
    const email = addressOf(body.Recipient);
    if (email === null) return invalid('Recipient', 'Recipient must be an email address');
    const messageId = text(body.MessageID);
    const changedAt = text(body.ChangedAt);
    if (messageId === null || changedAt === null) return invalid(messageId === null ? 'MessageID' : 'ChangedAt', `${messageId === null ? 'MessageID' : 'ChangedAt'} is required`);
    return {
      events: [{ provider: 'postmark', eventId: `subscription-change:${messageId}:${changedAt}`.slice(0, 255), type, email, occurredAt: timeOf(changedAt) ?? undefined, detail: { recordType: record, suppressionReason: body.SuppressionReason, origin: body.Origin ?? null } }],
      errors: [],
    };
  }

  if (record !== 'Bounce' && record !== 'SpamComplaint') return { events: [], errors: [] };
  const kind = text(body.Type);
  const type: DeliverabilityEventType | null =
    record === 'SpamComplaint' || kind === 'SpamComplaint' ? 'complaint' : kind && HARD.has(kind) ? 'hard-bounce' : kind && SOFT.has(kind) ? 'soft-bounce' : null;
  if (kind === null && record === 'Bounce') return invalid('Type', 'Type is required on a Bounce');
  if (type === null) return { events: [], errors: [] };
  const id = exactId(body.ID, raw);
  if (id === null) return invalid('ID', 'ID must be the record’s whole-number id');
  const email = addressOf(body.Email);
  if (email === null) return invalid('Email', 'Email must be an email address');
  return {
    events: [
      {
        provider: 'postmark',
        eventId: id,
        type,
        email,
        // Postmark's MessageID is its own, not our Message-ID header: it links nothing.
        occurredAt: timeOf(body.BouncedAt) ?? undefined,
        detail: { recordType: record, type: kind, typeCode: body.TypeCode ?? null, description: body.Description ?? null, details: body.Details ?? null, inactive: body.Inactive ?? null },
      },
    ],
    errors: [],
  };
}
