import type { RenderedEdition } from '../editions/editions.store';
import { MailService } from '../mail/mail.service';
import { MimeTemplate } from '../mail/mime-template';
import { placeholder } from '../mail/personalised-template';
import { LinksService } from '../tokens/links.service';

/** The Message-ID of one recipient's copy: the same on a resend, so mailboxes can fold duplicates. */
export function messageIdFor(editionId: number, subscriberId: number, domain: string): string {
  return `<e${editionId}.s${subscriberId}@${domain}>`;
}

/**
 * An edition's whole MIME message, built once per worker process from the HTML and text
 * rendered when sending started; each recipient costs two HMACs and a buffer join.
 */
export class EditionMessage {
  /** The whole message with its holes, built once. */
  readonly template: MimeTemplate;
  private readonly domain: string;
  private dateSecond = 0;
  private date = '';

  constructor(
    readonly edition: RenderedEdition,
    mail: MailService,
    private readonly links: LinksService,
    unsubscribeMailto: string,
  ) {
    const nonce = edition.placeholderNonce;
    this.domain = mail.domain;
    this.template = new MimeTemplate({
      from: mail.from,
      subject: edition.subject,
      nonce,
      headers: [
        ['List-Id', `${edition.newsletterName.replace(/[<>"\r\n]/g, '')} <${edition.newsletterSlug}.${this.domain}>`],
        [
          'List-Unsubscribe',
          `<${links.url('/unsubscribe?token=')}${placeholder('UNSUBSCRIBE_TOKEN', nonce)}>,\r\n <mailto:${unsubscribeMailto}?subject=unsubscribe%20${placeholder('UNSUBSCRIBE_TOKEN', nonce)}>`,
        ],
        ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
      ],
      html: edition.html,
      text: edition.text,
    });
  }

  /** Bytes a copy takes before the recipient's address and links. */
  get fixedLength(): number {
    return this.template.fixedLength;
  }

  /** One recipient's message, written into `into` when it has room (see MimeTemplate.fill). */
  forRecipient(subscriberId: number, email: string, into?: Buffer): { raw: Buffer; messageId: string } {
    const tokens = this.links.tokens(subscriberId, this.edition.newsletterId);
    const messageId = messageIdFor(this.edition.id, subscriberId, this.domain);
    const raw = this.template.fill(
      {
        EMAIL: email,
        DATE: this.now(),
        MESSAGE_ID: messageId,
        UNSUBSCRIBE_TOKEN: tokens.unsubscribe,
        PREFERENCES_TOKEN: tokens.preferences,
      },
      into,
    );
    return { raw, messageId };
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
