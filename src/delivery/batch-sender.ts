import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { DeliveryConfig, deliveryConfig } from '../config/config';
import { Db } from '../database/db.service';
import { EditionsService } from '../editions/editions.service';
import { MailService, RelayChoice } from '../mail/mail.service';
import { Metrics } from '../metrics/metrics';
import { REDIS } from '../queue/redis.module';
import { throughOutages } from '../common/outages';
import { SuppressionService } from '../readers/suppression.service';
import { BatchRange, ClaimedRecipient, DeliveriesStore, RecordedOutcome } from './deliveries.store';
import { EditionMessage } from './edition-message';
import { DeliveryPlanner } from './delivery-planner';
import { EditionMessages } from './edition-messages';
import { MessageBuffers } from './message-buffers';
import { OutcomeRecorder } from './outcome-recorder';
import { SendRate } from './send-rate';
import { classifySmtpError, retryDelayMs } from './smtp-outcome';

export type BatchOutcome =
  | { outcome: 'done' | 'paused' | 'skipped' }
  /** The worker is shutting down: the rest of the range goes back to the queue. */
  | { outcome: 'stopped' }
  /** Some recipients wait for a retry (4xx, dropped connection), or another run's rows, until `retryAt`. */
  | { outcome: 'retry-later'; retryAt: Date };

/**
 * Outcomes are written every this many messages, or every this many ms, whichever comes first.
 * It is also how many recipients a job claims together (one statement): they are sent at once
 * through the pool, and the next are claimed only once their outcomes are written. A claimed row a
 * worker dies holding is counted ambiguous, so a killed worker leaves at most
 * DELIVERY_CONCURRENCY × this many ambiguous: the messages it may have had on the wire.
 */
export const RECORD_GROUP = 20;
const RECORD_WAIT_MS = 50;

type Outcome = RecordedOutcome & { suppress?: string };

/**
 * Sends one batch job's range of an edition. The deliveries table decides who was sent what:
 * rows are claimed (pending → sending) under the run's claim token, and marked sent only after
 * the SMTP server's 250, in groups as the 250s arrive. The run keeps a heartbeat in
 * `delivery_claims`; a `sending` row whose run has gone quiet belonged to a worker that died
 * mid-send: it may or may not have gone out, so it is sent again and counted as ambiguous.
 *
 * Outages do not lose work: while PostgreSQL is away the run waits (holding the outcomes it has
 * not written yet), and while Redis is away the send rate waits; neither fails a claimed row.
 */
@Injectable()
export class BatchSender {
  private readonly logger = new Logger(BatchSender.name);
  private readonly buffers = new MessageBuffers();
  private readonly rate: SendRate;
  /** Each relay's own messages per second (its `rate` in SMTP_URLS), across every worker. */
  private readonly relayRates = new Map<string, SendRate>();
  private readonly redis: IORedis;
  private lastOutageLog = 0;

  constructor(
    private readonly db: Db,
    private readonly deliveries: DeliveriesStore,
    private readonly editions: EditionsService,
    private readonly messages: EditionMessages,
    private readonly planner: DeliveryPlanner,
    private readonly mail: MailService,
    private readonly suppression: SuppressionService,
    private readonly metrics: Metrics,
    @Inject(deliveryConfig.KEY) private readonly config: DeliveryConfig,
    @Inject(REDIS) redis: IORedis,
  ) {
    this.redis = redis;
    this.rate = new SendRate(redis, config.emailsPerSecond, (error) => this.outage('Redis (the send rate)', error));
  }

  async deliver(range: BatchRange, stopping: () => boolean): Promise<BatchOutcome> {
    const patiently = <T>(work: () => Promise<T>) => throughOutages(work, { onOutage: (error) => this.outage('PostgreSQL', error) });
    const status = await patiently(() => this.editions.status(range.editionId));
    if (status !== 'sending') return { outcome: status === 'paused' ? 'paused' : 'skipped' };
    const claimToken = randomBytes(8).toString('hex');
    await patiently(() => this.deliveries.openClaim(claimToken, range.editionId));
    const heartbeat = setInterval(() => void this.deliveries.renewClaim(claimToken).catch(() => undefined), Math.max(250, this.config.lockMs / 4));
    const recorder = new OutcomeRecorder<Outcome>((outcomes) => this.record(range.editionId, claimToken, outcomes), {
      groupSize: RECORD_GROUP,
      maxWaitMs: RECORD_WAIT_MS,
      onOutage: (error) => this.outage('PostgreSQL', error),
    });
    try {
      const released = await patiently(() => this.deliveries.releaseAbandoned(range, this.config.lockMs));
      if (released > 0) this.logger.warn(`Edition ${range.editionId}: ${released} recipients were mid-send when a worker stopped; sending again`);
      const message = await patiently(() => this.messages.get(range.editionId));
      this.metrics.emailsAmbiguous(message.edition.newsletterSlug, released);

      // Each chunk starts after the last one claimed, so a claim never rescans the range's
      // finished rows. Rows set back for a retry are picked up when the job runs again.
      let after = range.firstId - 1;
      for (;;) {
        if (stopping()) {
          await recorder.drain();
          return { outcome: 'stopped' };
        }
        // Claims only while the edition is sending, so a pause or cancel stops the next chunk.
        // A retried claim first takes back what an unanswered attempt may have claimed.
        let attempt = 0;
        const claimed = await patiently(() => this.deliveries.claim(range, after, claimToken, message.edition.newsletterId, RECORD_GROUP, attempt++ > 0));
        if (claimed.length === 0) break;
        after = claimed[claimed.length - 1].subscriberId;
        await Promise.all(claimed.map(async (recipient) => recorder.add(this.counted(message, await this.sendOne(message, recipient)))));
        // Written before the next claim: a job never holds more than one chunk unrecorded.
        await recorder.drain();
      }
      await recorder.drain();

      const now = await patiently(() => this.editions.status(range.editionId));
      if (now !== 'sending') return { outcome: now === 'paused' ? 'paused' : 'skipped' };
      // Another run (one Redis forgot, still alive) holds rows of this range: look again once
      // it has either finished them or gone quiet.
      if (await patiently(() => this.deliveries.heldByOthers(range, claimToken)))
        return { outcome: 'retry-later', retryAt: new Date(Date.now() + this.config.lockMs) };
      const retryAt = await patiently(() => this.deliveries.nextRetry(range));
      if (retryAt) return { outcome: 'retry-later', retryAt };
      await patiently(() => this.planner.finishIfDone(range.editionId));
      return { outcome: 'done' };
    } finally {
      clearInterval(heartbeat);
      await this.deliveries.closeClaim(claimToken).catch(() => undefined);
    }
  }

  private async sendOne(message: EditionMessage, recipient: ClaimedRecipient): Promise<Outcome> {
    // Readers who left or were suppressed since the audience was taken get nothing more.
    if (!recipient.deliverable || !recipient.email || !recipient.publicId) return { subscriberId: recipient.subscriberId, status: 'skipped' };
    await this.rate.acquire();
    const relay = this.mail.chooseRelay();
    if (relay && relay.perSecond > 0) await this.relayRate(relay).acquire();
    const buffer = this.buffers.take(message.fixedLength + 4096);
    const { raw, messageId, envelopeFrom } = message.forRecipient(recipient.subscriberId, recipient.publicId, recipient.email, buffer, recipient.sectorId);
    try {
      const sent = await this.mail.sendRaw(recipient.email, raw, messageId, message.edition.newsletterSlug, envelopeFrom, relay);
      if (raw.buffer === buffer.buffer) this.buffers.give(buffer);
      return { subscriberId: recipient.subscriberId, status: 'sent', messageId, smtpCode: 250, relay: sent.relay };
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
        relay: relay?.name ?? null,
        // Sent again (here or through another relay), it may arrive twice: counted, once.
        newlyAmbiguous: outcome.kind === 'retry' && outcome.maybeAccepted && !recipient.ambiguous,
      };
    }
  }

  private relayRate(relay: RelayChoice): SendRate {
    let rate = this.relayRates.get(relay.name);
    if (!rate) {
      rate = new SendRate(this.redis, relay.perSecond, (error) => this.outage('Redis (the send rate)', error), `emails-per-second:${relay.name}`);
      this.relayRates.set(relay.name, rate);
    }
    return rate;
  }

  private counted(message: EditionMessage, outcome: Outcome): Outcome {
    this.metrics.emailOutcome(message.edition.newsletterSlug, outcome.status, outcome.smtpCode);
    if (outcome.newlyAmbiguous) this.metrics.emailsAmbiguous(message.edition.newsletterSlug, 1);
    return outcome;
  }

  private async record(editionId: number, claimToken: string, outcomes: Outcome[]): Promise<void> {
    const refused = outcomes.filter((outcome) => outcome.suppress);
    if (refused.length === 0) return this.deliveries.record(editionId, claimToken, outcomes);
    // A permanent refusal of the address also leaves the reader out of later audiences.
    await this.db.transaction(async () => {
      await this.deliveries.record(editionId, claimToken, outcomes);
      for (const outcome of refused) await this.suppression.suppress([outcome.subscriberId], outcome.suppress!);
    });
  }

  /** One line every few seconds while a server is away, not one per message. */
  private outage(server: string, error: unknown): void {
    if (Date.now() - this.lastOutageLog < 5000) return;
    this.lastOutageLog = Date.now();
    this.logger.warn(`${server} is unavailable (${(error as Error).message ?? error}); sending waits for it, nothing is lost`);
  }
}
