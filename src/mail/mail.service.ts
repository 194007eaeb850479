import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { MailConfig, mailConfig } from '../config/config';
import { DkimSigner } from './dkim';
import { newMessageId } from './message-id';

export interface SentMail {
  messageId: string;
  /** The SMTP server's reply, e.g. "250 2.0.0 Ok: queued as …", or where the outbox file is. */
  response: string;
  /** The relay that took it (host:port); null when written to the outbox. */
  relay: string | null;
}

/** A relay as a sender sees it: its name, and its own messages per second (0: no limit). */
export interface RelayChoice {
  name: string;
  perSecond: number;
}

/**
 * What a failed send adds to nodemailer's error: the relay it went through, and whether the relay
 * may have taken the message anyway (the connection dropped after the whole message was handed
 * over and before the reply), in which case sending it again may make a second copy.
 */
interface RelayFailure {
  relay?: string;
  maybeAccepted?: boolean;
}

/** A relay is tried again this long after batches moved off it ("the primary is retried every minute"). */
const RETRY_RELAY_MS = 60_000;

class Relay implements RelayChoice {
  /** Consecutive connection failures and 4xx replies. */
  failures = 0;
  /** 0 while healthy; while down, when to try it again with one message. */
  downUntil = 0;

  constructor(
    readonly name: string,
    readonly perSecond: number,
    readonly transport: Mail,
  ) {}
}

/** A message to send; `kind` (confirmation, preferences, a newsletter's slug…) names its outbox file. */
export type OutgoingMail = Mail.Options & { kind?: string };

/**
 * The one way mail leaves the service: pooled SMTP transports, one per relay (SMTP_URLS in order,
 * or the one SMTP_URL), otherwise `.eml` files in var/outbox/ that a newcomer can open. A pool
 * never re-queues a message on its own (maxRequeues: 0): the caller, who records each
 * recipient's outcome, decides.
 *
 * Failover: the first relay takes every message while it is healthy. After SMTP_FAILOVER_AFTER
 * consecutive connection failures or 4xx replies it is down: messages go to the next relay, and
 * once a minute one message tries it again (a success brings it back). Health is this process's
 * own view; each worker finds out for itself.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  /** The outbox when there is no relay; else the relays in order of preference. */
  private readonly transport: Mail;
  private readonly relays: Relay[];
  /** Every message is built here and signed before the transport sees it, whether it goes to a server or the outbox. */
  private readonly signer: DkimSigner | null;
  readonly writesToOutbox: boolean;

  constructor(@Inject(mailConfig.KEY) private readonly config: MailConfig) {
    this.writesToOutbox = !config.smtpUrl;
    this.signer = config.dkim ? new DkimSigner(config.dkim) : null;
    if (config.dkim && !sameDomainTree(config.dkim.domain, this.domain)) {
      // A signature only helps DMARC when d= shares the From domain's organisational domain.
      this.logger.warn(`DKIM_DOMAIN ${config.dkim.domain} is neither the MAIL_FROM domain ${this.domain} nor a parent or subdomain of it: DMARC may not count the signature`);
    }
    this.relays = (config.relays ?? []).map(
      (relay) =>
        new Relay(
          relay.name,
          relay.perSecond,
          createTransport({
            url: relay.url,
            name: config.ehloName,
            pool: true,
            maxConnections: relay.poolSize,
            maxMessages: Infinity,
            maxRequeues: 0,
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 30_000,
          }),
        ),
    );
    this.writesToOutbox = this.relays.length === 0;
    this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  /**
   * The relay the next message should go through: the first one that is not down; of a relay
   * due for its retry, one message at a time. Null when mail goes to the outbox.
   */
  chooseRelay(now = Date.now()): RelayChoice | null {
    if (this.relays.length === 0) return null;
    for (const relay of this.relays) {
      if (relay.downUntil === 0) return relay;
      if (relay.downUntil <= now) {
        // Its trial: this one message; the others keep going to the next relay until it answers.
        relay.downUntil = now + RETRY_RELAY_MS;
        return relay;
      }
    }
    // All down: the one due back soonest.
    return this.relays.reduce((soonest, relay) => (relay.downUntil < soonest.downUntil ? relay : soonest));
  }

  /** Each relay and whether it is taking messages now, in order of preference. */
  relayHealth(): Array<{ name: string; up: boolean }> {
    return this.relays.map((relay) => ({ name: relay.name, up: relay.downUntil === 0 }));
  }

  get from(): string {
    return this.config.from;
  }

  /** The bare sender address, for envelopes (MAIL FROM). */
  get fromAddress(): string {
    return /<([^>]+)>/.exec(this.config.from)?.[1] ?? this.config.from;
  }

  /** The domain Message-IDs are minted under. */
  get domain(): string {
    return this.fromAddress.split('@')[1];
  }

  /**
   * A message built elsewhere (a filled MimeTemplate), sent as it is. `envelopeFrom` is the
   * MAIL FROM (later the Return-Path), where bounces go: a digest's own VERP address.
   */
  async sendRaw(
    to: string,
    raw: Buffer,
    messageId?: string,
    kind = 'newsletter',
    envelopeFrom = this.fromAddress,
    relay: RelayChoice | null = this.chooseRelay(),
  ): Promise<SentMail> {
    // Naming the Message-ID the message already carries spares nodemailer minting one.
    const mail = { envelope: { from: envelopeFrom, to: [to] }, raw: this.signed(raw), messageId };
    if (!relay) {
      const info = await this.transport.sendMail(mail);
      return this.writeToOutbox(String(info.messageId ?? ''), info.message as Buffer, kind, to);
    }
    const info = await this.through(relay, mail);
    return { messageId: String(info.messageId ?? ''), response: String(info.response ?? ''), relay: relay.name };
  }

  /**
   * A message from its parts (account emails, test copies, sign-in links), built here so that it
   * is signed as digests are, with a Message-ID in the digests' form at the From domain.
   */
  async send({ kind = 'mail', envelope, ...message }: OutgoingMail): Promise<SentMail> {
    const built = new MailComposer({ from: this.config.from, messageId: newMessageId(this.domain), ...message }).compile();
    const raw = await built.build();
    const messageId = built.messageId();
    const mail = { envelope: envelope ?? built.getEnvelope(), raw: this.signed(raw), messageId };
    const relay = this.chooseRelay();
    if (!relay) {
      const info = await this.transport.sendMail(mail);
      return this.writeToOutbox(messageId, info.message as Buffer, kind, String(message.to ?? ''));
    }
    const info = await this.through(relay, mail);
    return { messageId, response: String(info.response ?? ''), relay: relay.name };
  }

  /**
   * One message through one relay, keeping its health. The message goes as a stream so that a
   * dropped connection can tell "never had the whole message" (safe to send again anywhere) from
   * "had it all, no reply" (it may have been accepted).
   */
  private async through(choice: RelayChoice, mail: { envelope: Mail.Envelope | Record<string, unknown>; raw: Buffer; messageId?: string }) {
    const relay = choice as Relay;
    const body = Readable.from([mail.raw], { objectMode: false });
    let handedOver = false;
    body.once('end', () => (handedOver = true));
    try {
      const info = await relay.transport.sendMail({ ...mail, envelope: mail.envelope as Mail.Envelope, raw: body });
      if (relay.failures > 0 || relay.downUntil > 0) this.recovered(relay);
      return info;
    } catch (error) {
      const e = error as Error & RelayFailure & { responseCode?: number };
      const code = typeof e.responseCode === 'number' ? e.responseCode : null;
      if (code === null || (code >= 400 && code < 500)) this.failed(relay, e);
      else if (relay.downUntil > 0) this.recovered(relay);
      e.relay = relay.name;
      e.maybeAccepted = code === null && handedOver;
      throw e;
    }
  }

  private failed(relay: Relay, error: Error & { code?: string }): void {
    relay.failures += 1;
    if (this.relays.length < 2) return;
    if (relay.downUntil > 0) {
      relay.downUntil = Date.now() + RETRY_RELAY_MS;
      return;
    }
    if (relay.failures < this.config.failoverAfter) return;
    relay.downUntil = Date.now() + RETRY_RELAY_MS;
    const next = this.relays.find((other) => other.downUntil === 0);
    this.logger.warn(
      `SMTP relay ${relay.name}: ${relay.failures} consecutive failures (last: ${error.code ? `${error.code}: ` : ''}${error.message}); ` +
        `${next ? `messages move to ${next.name}` : 'every relay is down'}, and ${relay.name} is tried again every minute`,
    );
  }

  private recovered(relay: Relay): void {
    if (relay.downUntil > 0) this.logger.log(`SMTP relay ${relay.name} answers again; it takes messages in its turn`);
    relay.failures = 0;
    relay.downUntil = 0;
  }

  private signed(raw: Buffer): Buffer {
    return this.signer ? this.signer.sign(raw) : raw;
  }

  private async writeToOutbox(messageId: string, message: Buffer, kind: string, to: string): Promise<SentMail> {
    await mkdir(this.config.outboxDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${fileSafe(kind)}-${fileSafe(to)}-${randomBytes(3).toString('hex')}.eml`;
    const path = join(this.config.outboxDir, name);
    await writeFile(path, message);
    this.logger.log(`No SMTP_URL set: mail written to ${relative(process.cwd(), path)}`);
    return { messageId, response: `written to ${path}`, relay: null };
  }

  onApplicationShutdown(): void {
    this.transport.close();
    for (const relay of this.relays) relay.transport.close();
  }
}

/** Letters, digits, @ . _ - only, and not too long: a file name on any system. */
function fileSafe(value: string): string {
  return value.replace(/[^\w@.-]+/g, '_').slice(0, 80) || 'unknown';
}

/** One domain is the other or under it (a cheap stand-in for DMARC's relaxed alignment). */
function sameDomainTree(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}
