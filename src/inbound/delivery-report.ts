import type { DeliverabilityEventType } from '../deliverability/deliverability-event';
import { fieldGroups, findReport, HeaderFields, multipartParts, parseHeaderFields, parsePart } from './mime-report';

/** What a report sent to a bounce address says, before we know whose it is. */
export interface DeliveryReport {
  format: 'dsn' | 'arf';
  /** null: a report that asks nothing of us (a success notice, a "not spam" report). */
  type: DeliverabilityEventType | null;
  /** The report's own Message-ID. */
  reportId: string | null;
  occurredAt: Date | null;
  /** The Message-ID of the message it is about, from its returned message or headers. */
  originalMessageId: string | null;
  /**
   * Where the message it is about said its bounces go: its Return-Path, the MTA's record of the
   * envelope sender, ARF's Original-Mail-From. For a report that reached the bare bounce
   * mailbox; only a genuine VERP token among them counts.
   */
  envelopeSenders: string[];
  detail: Record<string, string>;
}

const ORIGINAL_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global', 'message/global-headers']);
const COMPLAINTS = new Set(['abuse', 'fraud']);

/**
 * Reads a delivery status notification (multipart/report; report-type=delivery-status) or a
 * feedback report (report-type=feedback-report). Anything else, an out-of-office reply for one,
 * is null.
 *
 * A DSN: only Action failed is a bounce, hard with a 5.x.x Status, soft with 4.x.x (an MTA gave up
 * retrying). Action delayed (Postfix's "still being retried", sent while the copy sits in its
 * queue) is a delay notice, never a bounce; delivered, relayed or expanded asks nothing. An ARF
 * report: Feedback-Type abuse (or fraud) is a complaint.
 */
export function readDeliveryReport(raw: Buffer): DeliveryReport | null {
  const message = parsePart(raw.toString('latin1'));
  const report = findReport(message);
  if (!report) return null;
  const parts = multipartParts(report);
  const original = parts.find((part) => ORIGINAL_TYPES.has(part.type));
  const originalHeaders = original ? parseHeaderFields(original.body.split(/\r?\n\r?\n/, 1)[0]) : null;
  const common = {
    reportId: angleId(message.headers.get('message-id')),
    originalMessageId: angleId(originalHeaders?.get('message-id')),
  };
  const returnPath = originalHeaders?.all('return-path') ?? [];

  const status = parts.find((part) => part.type === 'message/delivery-status' || part.type === 'message/global-delivery-status');
  if (status) {
    const groups = fieldGroups(status.body);
    const perMessage = groups.find((group) => !isRecipientGroup(group));
    const recipients = groups.filter(isRecipientGroup);
    const chosen =
      recipients.find((group) => action(group) === 'failed') ?? recipients.find((group) => action(group) === 'delayed') ?? recipients[0];
    const detail = compact({
      action: chosen && action(chosen),
      status: chosen?.get('status'),
      diagnosticCode: chosen?.get('diagnostic-code'),
      remoteMta: chosen?.get('remote-mta'),
      reportingMta: perMessage?.get('reporting-mta'),
    });
    return {
      ...common,
      format: 'dsn',
      type: chosen ? bounceType(action(chosen), chosen.get('status')) : null,
      occurredAt: dateOf(chosen?.get('last-attempt-date') ?? perMessage?.get('arrival-date')),
      envelopeSenders: [...returnPath, ...(perMessage?.all('x-postfix-sender') ?? [])].map(addressOf).filter(isPresent),
      detail,
    };
  }

  const feedback = parts.find((part) => part.type === 'message/feedback-report');
  if (feedback) {
    const fields = fieldGroups(feedback.body)[0] ?? parseHeaderFields('');
    const feedbackType = fields.get('feedback-type')?.toLowerCase() ?? '';
    return {
      ...common,
      format: 'arf',
      type: COMPLAINTS.has(feedbackType) ? 'complaint' : null,
      occurredAt: dateOf(fields.get('arrival-date') ?? fields.get('received-date')),
      envelopeSenders: [...returnPath, ...fields.all('original-mail-from')].map(addressOf).filter(isPresent),
      detail: compact({ feedbackType, userAgent: fields.get('user-agent'), reportingMta: fields.get('reporting-mta') }),
    };
  }
  return null;
}

function isRecipientGroup(group: HeaderFields): boolean {
  return group.get('final-recipient') !== undefined || group.get('action') !== undefined;
}

function action(group: HeaderFields): string {
  return (group.get('action') ?? '').split(/[\s(]/, 1)[0].toLowerCase();
}

function bounceType(action: string, status: string | undefined): DeliverabilityEventType | null {
  const statusClass = /^\s*([245])\.\d{1,3}\.\d{1,3}/.exec(status ?? '')?.[1];
  if (action === 'failed') return statusClass === '5' ? 'hard-bounce' : 'soft-bounce';
  if (action === 'delayed') return 'delayed';
  return null;
}

/** `rfc822; a@b`, `<a@b>`, `a@b`: the address, or null. */
function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const typed = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const address = typed.trim().replace(/^<|>$/g, '').trim();
  return address.includes('@') ? address.slice(0, 320) : null;
}

function angleId(value: string | undefined): string | null {
  const id = /<[^<>\s]+>/.exec(value ?? '')?.[0] ?? value?.trim();
  return id ? id.slice(0, 255) : null;
}

function dateOf(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(date.getTime()) ? null : date;
}

function compact(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '').map(([k, v]) => [k, v.slice(0, 500)]));
}

function isPresent<T>(value: T | null): value is T {
  return value !== null;
}
