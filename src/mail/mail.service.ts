import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
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
}

/** A message to send; `kind` (confirmation, preferences, a newsletter's slug…) names its outbox file. */
export type OutgoingMail = Mail.Options & { kind?: string };

/**
 * The one way mail leaves the service: a pooled SMTP transport when SMTP_URL is set, otherwise
 * `.eml` files in var/outbox/ that a newcomer can open. The pool never re-queues a message on
 * its own (maxRequeues: 0): the caller, who records each recipient's outcome, decides.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Mail;
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
    this.transport = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          name: config.ehloName,
          pool: true,
          maxConnections: config.poolSize,
          maxMessages: Infinity,
          maxRequeues: 0,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
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
  async sendRaw(to: string, raw: Buffer, messageId?: string, kind = 'newsletter', envelopeFrom = this.fromAddress): Promise<SentMail> {
    // Naming the Message-ID the message already carries spares nodemailer minting one.
    const info = await this.transport.sendMail({ envelope: { from: envelopeFrom, to: [to] }, raw: this.signed(raw), messageId });
    if (this.writesToOutbox) return this.writeToOutbox(String(info.messageId ?? ''), info.message as Buffer, kind, to);
    return { messageId: String(info.messageId ?? ''), response: String(info.response ?? '') };
  }

  /**
   * A message from its parts (account emails, test copies, sign-in links), built here so that it
   * is signed as digests are, with a Message-ID in the digests' form at the From domain.
   */
  async send({ kind = 'mail', envelope, ...message }: OutgoingMail): Promise<SentMail> {
    const built = new MailComposer({ from: this.config.from, messageId: newMessageId(this.domain), ...message }).compile();
    const raw = await built.build();
    const messageId = built.messageId();
    const info = await this.transport.sendMail({ envelope: envelope ?? built.getEnvelope(), raw: this.signed(raw), messageId });
    if (this.writesToOutbox) return this.writeToOutbox(messageId, info.message as Buffer, kind, String(message.to ?? ''));
    return { messageId, response: String(info.response ?? '') };
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
    return { messageId, response: `written to ${path}` };
  }

  onApplicationShutdown(): void {
    this.transport.close();
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
