import type { DeliverabilityEvent, DeliverabilityEventType } from '../deliverability/deliverability-event';
import { addressOf, invalid, isObject, messageIdOf, ParsedEvents, text, timeOf } from './payload';

/** Our Message-ID: SES gives its own in `mail.messageId`; ours is in the original headers. */
function originalMessageId(mail: Record<string, unknown>): string | null {
  const headers = Array.isArray(mail.headers) ? mail.headers : [];
  const header = headers.find((h): h is { name: string; value: unknown } => isObject(h) && typeof h.name === 'string' && h.name.toLowerCase() === 'message-id');
  const common = isObject(mail.commonHeaders) ? mail.commonHeaders.messageId : undefined;
  return messageIdOf(header?.value) ?? messageIdOf(common);
}

/**
 * The events in an SES notification (SNS's `Message`, JSON again): one per bounced or
 * complained recipient. Permanent bounces are hard; Transient (sent only once SES stopped
 * retrying) and Undetermined are soft. Other notifications (Delivery, Send, Open…) report nothing.
 * The event id is SES's feedbackId (with the recipient's place when one notification names
 * several), else SNS's MessageId: both stay the same when SNS retries.
 */
export function sesEvents(snsMessageId: string, messageText: string): ParsedEvents {
  let notification: unknown;
  try {
    notification = JSON.parse(messageText);
  } catch {
    return invalid('Message', 'Message must be an SES notification (JSON)');
  }
  if (!isObject(notification)) return invalid('Message', 'Message must be an SES notification (JSON)');
  const kind = text(notification.notificationType) ?? text(notification.eventType);
  const mail = isObject(notification.mail) ? notification.mail : {};
  const messageId = originalMessageId(mail);

  let type: DeliverabilityEventType;
  let report: Record<string, unknown>;
  let recipients: unknown;
  let detail: Record<string, unknown>;
  if (kind === 'Bounce') {
    if (!isObject(notification.bounce)) return invalid('Message.bounce', 'A Bounce notification must have a bounce object');
    report = notification.bounce;
    type = report.bounceType === 'Permanent' ? 'hard-bounce' : 'soft-bounce';
    recipients = report.bouncedRecipients;
    detail = { bounceType: report.bounceType, bounceSubType: report.bounceSubType };
  } else if (kind === 'Complaint') {
    if (!isObject(notification.complaint)) return invalid('Message.complaint', 'A Complaint notification must have a complaint object');
    report = notification.complaint;
    // A feedback report saying "not spam" is no complaint.
    if (report.complaintFeedbackType === 'not-spam') return { events: [], errors: [] };
    type = 'complaint';
    recipients = report.complainedRecipients;
    detail = { complaintFeedbackType: report.complaintFeedbackType ?? null, complaintSubType: report.complaintSubType ?? null, userAgent: report.userAgent ?? null };
  } else {
    return { events: [], errors: [] };
  }
  if (!Array.isArray(recipients) || recipients.length === 0) return invalid(`Message.${kind === 'Bounce' ? 'bounce.bouncedRecipients' : 'complaint.complainedRecipients'}`, 'At least one recipient is required');
  const feedbackId = text(report.feedbackId) ?? snsMessageId;
  const occurredAt = timeOf(report.timestamp) ?? timeOf(mail.timestamp) ?? undefined;
  const events: DeliverabilityEvent[] = [];
  for (const [index, recipient] of recipients.entries()) {
    const email = isObject(recipient) ? addressOf(recipient.emailAddress) : null;
    if (email === null && messageId === null) return invalid(`Message.recipients[${index}].emailAddress`, 'Each recipient needs an emailAddress');
    const own = isObject(recipient) ? { action: recipient.action ?? null, status: recipient.status ?? null, diagnosticCode: recipient.diagnosticCode ?? null } : {};
    events.push({
      provider: 'ses',
      eventId: recipients.length === 1 ? feedbackId : `${feedbackId}#${index + 1}`,
      type,
      email,
      messageId,
      occurredAt,
      detail: { ...detail, ...(kind === 'Bounce' ? own : {}) },
    });
  }
  return { events, errors: [] };
}
