import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DeliverabilityService } from '../deliverability/deliverability.service';
import { ReadersService } from '../readers/readers.service';
import { BounceClaims } from '../tokens/bounce-tokens';
import { LinksService } from '../tokens/links.service';
import type { TokenReader } from '../tokens/public-id';
import { readDeliveryReport } from './delivery-report';

/** What an address we take mail for means. Every other address is refused at RCPT TO. */
export type InboundRecipient =
  /** A reader's List-Unsubscribe mailto: `unsubscribe+<token>@…`. */
  | { kind: 'unsubscribe'; reader: TokenReader; newsletterId: number | null }
  /** A copy's VERP envelope sender, `bounces+<token>@BOUNCE_DOMAIN`; claims null: the bare `bounces@` (feedback loops). */
  | { kind: 'bounce'; claims: BounceClaims | null };

/** Nothing about the person who wrote: the mail came through a relay, and the address is the token. */
const MAILTO_ORIGIN = { source: 'mailto', ip: null, userAgent: null };

/**
 * Mail to the addresses the service hands out: an unsubscribe request by mail (RFC 2369), and
 * bounces (RFC 3464 DSNs) and complaints (RFC 5965 ARF reports) that come back to a copy's VERP
 * address. Only a genuine signed token names anyone, so a forged address changes nothing.
 */
@Injectable()
export class InboundMailService {
  private readonly logger = new Logger(InboundMailService.name);

  constructor(
    private readonly links: LinksService,
    private readonly readers: ReadersService,
    private readonly deliverability: DeliverabilityService,
  ) {}

  /** What an envelope recipient is to us; null: refuse it (550). */
  recipient(address: string): InboundRecipient | null {
    const unsubscribe = this.links.readUnsubscribeAddress(address);
    if (unsubscribe) return { kind: 'unsubscribe', reader: unsubscribe.reader, newsletterId: unsubscribe.newsletterId };
    const bounce = this.links.readBounceAddress(address);
    if (bounce) return { kind: 'bounce', claims: bounce };
    if (this.links.isBounceMailbox(address)) return { kind: 'bounce', claims: null };
    return null;
  }

  /**
   * Acts on one message for its accepted recipients. Throws only when it could not be carried
   * out (the database is away): the SMTP answer is then a 4xx and the sender tries again, and
   * what was done already is not done twice (an unsubscribe repeats as nothing, an event by its id).
   */
  async receive(recipients: InboundRecipient[], raw: Buffer): Promise<void> {
    let reportRead = false;
    for (const recipient of recipients) {
      if (recipient.kind === 'unsubscribe') {
        const subscriberId = await this.readers.subscriberIdNamedBy(recipient.reader);
        if (subscriberId === null) continue;
        const left = await this.readers.unsubscribe(subscriberId, recipient.newsletterId, MAILTO_ORIGIN);
        if (left.length > 0) this.logger.log(`Reader ${subscriberId} unsubscribed by mail from ${left.map((n) => n.slug).join(', ')}`);
      } else if (!reportRead) {
        // A report sent to several of our addresses is still one report.
        reportRead = true;
        await this.report(recipient.claims, raw);
      }
    }
  }

  private async report(claims: BounceClaims | null, raw: Buffer): Promise<void> {
    const report = readDeliveryReport(raw);
    if (!report?.type) {
      this.logger.debug(`Mail to a bounce address that asks nothing (${report ? `a ${report.format} report` : 'not a report'}): ignored`);
      return;
    }
    // To the bare mailbox (a feedback loop), the reader is named by the VERP address the
    // reported message went out with, if the report kept it and its token is genuine.
    const named = claims ?? report.envelopeSenders.map((address) => this.links.readBounceAddress(address)).find((found) => found !== null) ?? null;
    if (!named) {
      this.logger.warn(`A ${report.format} report (${report.type}) reached the bounce mailbox with no genuine VERP address in it: ignored`);
      return;
    }
    const subscriberId = await this.readers.subscriberIdNamedBy(named.reader);
    const { recorded } = await this.deliverability.handle({
      provider: report.format,
      eventId: report.reportId ?? createHash('sha256').update(raw).digest('hex'),
      type: report.type,
      // Only the signed token names the reader: an address in the report is whatever its sender wrote.
      email: null,
      subscriberId,
      editionId: named.editionId,
      messageId: report.originalMessageId,
      occurredAt: report.occurredAt ?? undefined,
      detail: report.detail,
    });
    if (recorded)
      this.logger.log(`A ${report.format === 'dsn' ? 'delivery status notification' : 'feedback report'} by mail: ${report.type} for reader ${subscriberId}`);
  }
}
