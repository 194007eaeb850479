import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { DeliveryConfig, deliveryConfig } from '../config/config';
import { Db } from '../database/db.service';
import { EditionsStore } from '../editions/editions.store';
import { MailService } from '../mail/mail.service';
import { REDIS } from '../queue/redis.module';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { BatchRange, ClaimedRecipient, DeliveriesStore, RecordedOutcome } from './deliveries.store';
import { EditionMessage } from './edition-message';
import { EditionMessages } from './edition-messages';
import { MessageBuffers } from './message-buffers';
import { SendRate } from './send-rate';
import { classifySmtpError, retryDelayMs } from './smtp-outcome';

export type BatchOutcome =
  | { outcome: 'done' | 'paused' | 'skipped' }
  /** The worker is shutting down: the rest of the range goes back to the queue. */
  | { outcome: 'stopped' }
  /** Some recipients wait for a retry (4xx, dropped connection) until `retryAt`. */
  | { outcome: 'retry-later'; retryAt: Date };

/**
 * Recipients claimed and sent together; their outcomes are written in one statement. Larger
 * chunks cost the database less per message; a worker that dies can leave up to this many (times
 * DELIVERY_CONCURRENCY) recipients ambiguous.
 */
export const DELIVERY_CHUNK = 100;

type Outcome = RecordedOutcome & { suppress?: string };

/**
 * Sends one batch job's range of an edition. The deliveries table decides who was sent what:
 * rows are claimed (pending → sending) by the one job that owns their range, and marked sent only
 * after the SMTP server's 250. A row still `sending` when its job starts again belonged to a
 * worker that died mid-send: it may or may not have gone out, so it is sent again and counted
 * as ambiguous.
 */
@Injectable()
export class BatchSender {
  private readonly logger = new Logger(BatchSender.name);
  private readonly buffers = new MessageBuffers();
  private readonly rate: SendRate;

  constructor(
    private readonly db: Db,
    private readonly deliveries: DeliveriesStore,
    private readonly editions: EditionsStore,
    private readonly messages: EditionMessages,
    private readonly mail: MailService,
    private readonly subscriptions: SubscriptionsService,
    @Inject(deliveryConfig.KEY) private readonly config: DeliveryConfig,
    @Inject(REDIS) redis: IORedis,
  ) {
    this.rate = new SendRate(redis, config.emailsPerSecond);
  }

  async deliver(range: BatchRange, stopping: () => boolean): Promise<BatchOutcome> {
    const status = await this.editions.status(range.editionId);
    if (status !== 'sending') return { outcome: status === 'paused' ? 'paused' : 'skipped' };
    const released = await this.deliveries.releaseAbandoned(range);
    if (released > 0) this.logger.warn(`Edition ${range.editionId}: ${released} recipients were mid-send when a worker stopped; sending again`);
    const message = await this.messages.get(range.editionId);
    const claimToken = randomBytes(8).toString('hex');

    // Each chunk starts after the last one claimed, so a claim never rescans the range's finished
    // rows. Rows set back for a retry are picked up when the job runs again.
    let after = range.firstId - 1;
    for (;;) {
      if (stopping()) return { outcome: 'stopped' };
      // Claims only while the edition is sending, so a pause or cancel stops the next chunk.
      const claimed = await this.deliveries.claim(range, after, claimToken, message.edition.newsletterId, DELIVERY_CHUNK);
      if (claimed.length === 0) break;
      after = claimed[claimed.length - 1].subscriberId;
      const outcomes = await Promise.all(claimed.map((recipient) => this.sendOne(message, recipient)));
      await this.record(range.editionId, claimToken, outcomes);
    }
    const now = await this.editions.status(range.editionId);
    if (now !== 'sending') return { outcome: now === 'paused' ? 'paused' : 'skipped' };

    const retryAt = await this.deliveries.nextRetry(range);
    if (retryAt) return { outcome: 'retry-later', retryAt };
    if (await this.editions.completeIfDone(range.editionId)) this.messages.forget(range.editionId);
    return { outcome: 'done' };
  }

  private async sendOne(message: EditionMessage, recipient: ClaimedRecipient): Promise<Outcome> {
    // Readers who left or were suppressed since the audience was taken get nothing more.
    if (!recipient.deliverable || !recipient.email) return { subscriberId: recipient.subscriberId, status: 'skipped' };
    await this.rate.acquire();
    const buffer = this.buffers.take(message.fixedLength + 4096);
    const { raw, messageId } = message.forRecipient(recipient.subscriberId, recipient.email, buffer);
    try {
      await this.mail.sendRaw(recipient.email, raw, messageId, message.edition.newsletterSlug);
      if (raw.buffer === buffer.buffer) this.buffers.give(buffer);
      return { subscriberId: recipient.subscriberId, status: 'sent', messageId, smtpCode: 250 };
    } catch (error) {
      const outcome = classifySmtpError(error);
      const final = outcome.kind === 'failed' || recipient.attempts >= this.config.maxAttempts;
      return {
        subscriberId: recipient.subscriberId,
        status: final ? 'failed' : 'pending',
        smtpCode: outcome.code,
        error: outcome.error,
        retryAt: final ? null : new Date(Date.now() + retryDelayMs(recipient.attempts, this.config.retryDelayMs)),
        suppress: outcome.kind === 'failed' && outcome.suppress ? `SMTP ${outcome.code}: ${outcome.error}` : undefined,
      };
    }
  }

  private async record(editionId: number, claimToken: string, outcomes: Outcome[]): Promise<void> {
    const refused = outcomes.filter((outcome) => outcome.suppress);
    if (refused.length === 0) return this.deliveries.record(editionId, claimToken, outcomes);
    // A permanent refusal of the address also leaves the reader out of later audiences.
    await this.db.transaction(async () => {
      await this.deliveries.record(editionId, claimToken, outcomes);
      for (const outcome of refused) await this.subscriptions.suppress([outcome.subscriberId], outcome.suppress!);
    });
  }
}
