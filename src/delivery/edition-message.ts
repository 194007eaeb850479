import type { RenderedEdition } from '../editions/editions.service';
import { MailService } from '../mail/mail.service';
import { MimeTemplate } from '../mail/mime-template';
import { placeholder } from '../mail/personalised-template';
import { LinksService } from '../tokens/links.service';
import { MessageIds } from './message-ids';

/** A version of the edition other than the untargeted one, and the sectors whose readers get it. */
export interface EditionVersion {
  segment: number;
  sectorIds: number[];
  html: string;
  text: string;
}

/** One recipient's copy, and the envelope sender (VERP) it goes out with. */
export interface RecipientMessage {
  raw: Buffer;
  messageId: string;
  envelopeFrom: string;
}

/**
 * An edition's whole MIME message, built once per worker process from the HTML and text
 * rendered when sending started; each recipient costs an HMAC (the links and the unsubscribe
 * address), two one-call hashes (the VERP bounce address, the Message-ID) and a buffer join.
 */
export class EditionMessage {
  /** The whole message with its holes, built once: segment 0's (the untargeted version). */
  readonly template: MimeTemplate;
  /** One per segment (a version with its own partner pieces), by segment number. */
  private readonly templates = new Map<number, MimeTemplate>();
  private readonly segmentBySector = new Map<number, number>();
  private readonly longest: number;
  private readonly messageIds: MessageIds;
  private dateSecond = 0;
  private date = '';

  constructor(
    readonly edition: RenderedEdition,
    mail: MailService,
    private readonly links: LinksService,
    versions: EditionVersion[] = [],
  ) {
    const nonce = edition.placeholderNonce;
    const domain = mail.domain;
    this.messageIds = new MessageIds(edition.id, edition.messageIdSalt, domain);
    const build = (html: string, text: string) =>
      new MimeTemplate({
        from: mail.from,
        subject: edition.subject,
        nonce,
        headers: [
          ['List-Id', `${edition.newsletterName.replace(/[<>"\r\n]/g, '')} <${edition.newsletterSlug}.${domain}>`],
          [
            'List-Unsubscribe',
            `<${links.url('/unsubscribe?token=')}${placeholder('UNSUBSCRIBE_TOKEN', nonce)}>,\r\n <mailto:${links.unsubscribeAddress(placeholder('UNSUBSCRIBE_ADDRESS_TOKEN', nonce))}?subject=unsubscribe>`,
          ],
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
        ],
        html,
        text,
      });
    this.template = build(edition.html, edition.text);
    this.templates.set(0, this.template);
    for (const version of versions) {
      if (version.segment !== 0) this.templates.set(version.segment, build(version.html, version.text));
      for (const sector of version.sectorIds) this.segmentBySector.set(sector, version.segment);
    }
    this.longest = Math.max(...[...this.templates.values()].map((template) => template.fixedLength));
  }

  /** Bytes the longest version's copy takes before the recipient's address and links. */
  get fixedLength(): number {
    return this.longest;
  }

  /** How many versions (segments) this edition has. */
  get segments(): number {
    return this.templates.size;
  }

  /**
   * One recipient's message, written into `into` when it has room (see MimeTemplate.fill). Its
   * links and VERP address name the reader by public id; only the Message-ID, a salted hash,
   * is made from the subscriber id.
   */
  forRecipient(subscriberId: number, publicId: string, email: string, into?: Buffer, sectorId: number | null = null): RecipientMessage {
    const template = this.templates.get((sectorId !== null && this.segmentBySector.get(sectorId)) || 0)!;
    const tokens = this.links.mailTokens(publicId, this.edition.newsletterId);
    const messageId = this.messageIds.for(subscriberId);
    const raw = template.fill(
      {
        EMAIL: email,
        DATE: this.now(),
        MESSAGE_ID: messageId,
        UNSUBSCRIBE_TOKEN: tokens.unsubscribe,
        PREFERENCES_TOKEN: tokens.preferences,
        UNSUBSCRIBE_ADDRESS_TOKEN: tokens.unsubscribeAddress,
      },
      into,
    );
    return {
      raw,
      messageId,
      envelopeFrom: this.links.bounceAddress(this.edition.id, publicId),
    };
  }

  /** The Message-ID of this reader's copy: the same on every attempt. */
  messageIdFor(subscriberId: number): string {
    return this.messageIds.for(subscriberId);
  }

  private now(): string {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.dateSecond) {
      this.dateSecond = second;
      this.date = new Date(second * 1000).toUTCString().replace('GMT', '+0000');
    }
    return this.date;
  }
}
