/**
 * What a bounce or complaint says, whichever way it came: a provider's webhook, a DSN or an ARF
 * report. `delayed` is an MTA's notice that it is still retrying (DSN `Action: delayed`): kept
 * and counted apart, never a bounce, since the copy may yet be delivered.
 */
export type DeliverabilityEventType = 'hard-bounce' | 'soft-bounce' | 'complaint' | 'delayed';

export interface DeliverabilityEvent {
  /** Where it came from: 'ses', 'postmark', 'mailgun', 'sendgrid', 'generic', 'dsn', 'arf'. */
  provider: string;
  /** The provider's id of the event; with `provider`, what makes a replay change nothing. */
  eventId: string;
  type: DeliverabilityEventType;
  /** The recipient as the provider names it. */
  email?: string | null;
  /** Known exactly when the event came back through the VERP address. */
  subscriberId?: number | null;
  editionId?: number | null;
  /** The original message's Message-ID, to link the event to its delivery. */
  messageId?: string | null;
  occurredAt?: Date;
  /** Diagnostic code, status, the provider's own type, for the record. */
  detail?: Record<string, unknown>;
}
