import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, appConfig, MailConfig, mailConfig } from '../config/config';
import { BounceClaims, BounceTokens } from './bounce-tokens';
import { LinkClaims, LinkPurpose, LinkTokens, MailTokens } from './link-tokens';

/** The links a reader gets by mail, all built on PUBLIC_URL (never on a request's Host header). */
/**
 * What previews and test sends carry instead of a reader's tokens: their manage and unsubscribe
 * links lead to a page that says the copy is a preview, not to an error or anyone's settings.
 */
export const PREVIEW_TOKEN = 'preview';

export interface ReaderLinks {
  email: string;
  preferences: string;
  unsubscribe: string;
}

@Injectable()
export class LinksService {
  private readonly tokens_: LinkTokens;
  private readonly bounceTokens: BounceTokens;
  /** UNSUBSCRIBE_MAILTO split around the "+": each reader's address is `${local}+<token>@${domain}`. */
  private readonly unsubscribeLocal: string;
  private readonly unsubscribeDomain: string;

  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(mailConfig.KEY) private readonly mail: MailConfig,
  ) {
    this.tokens_ = new LinkTokens(app.secret, app.previousSecrets);
    this.bounceTokens = new BounceTokens(app.secret, app.previousSecrets);
    const at = mail.unsubscribeMailto.lastIndexOf('@');
    this.unsubscribeLocal = mail.unsubscribeMailto.slice(0, at);
    this.unsubscribeDomain = mail.unsubscribeMailto.slice(at + 1);
  }

  url(path: string): string {
    return `${this.app.publicUrl}${path}`;
  }

  confirmUrl(token: string): string {
    return this.url(`/confirm?token=${encodeURIComponent(token)}`);
  }

  /** A digest's tokens for its reader (named by their public id): both links and the unsubscribe address, for one HMAC. */
  mailTokens(publicId: string, newsletterId: number | null): MailTokens {
    return this.tokens_.signForMail(publicId, newsletterId);
  }

  /** The address part of List-Unsubscribe's mailto for an address token: `unsubscribe+<token>@domain`. */
  unsubscribeAddress(addressToken: string): string {
    return `${this.unsubscribeLocal}+${addressToken}@${this.unsubscribeDomain}`;
  }

  /** The reader and newsletter a genuine unsubscribe address names (in any case), or null. */
  readUnsubscribeAddress(address: string): LinkClaims | null {
    const token = tokenOf(address, this.unsubscribeLocal, this.unsubscribeDomain);
    return token === null ? null : this.tokens_.verifyAddressToken(token);
  }

  /**
   * The VERP envelope sender of one reader's copy: `bounces+<token>@BOUNCE_DOMAIN`. An edition of
   * null marks an account email (a confirmation, a preferences reminder).
   */
  bounceAddress(editionId: number | null, publicId: string): string {
    return `${BOUNCE_LOCAL}+${this.bounceTokens.sign(editionId, publicId)}@${this.mail.bounceDomain}`;
  }

  /** The edition and reader a genuine bounce address names (in any case), or null. */
  readBounceAddress(address: string): BounceClaims | null {
    const token = tokenOf(address, BOUNCE_LOCAL, this.mail.bounceDomain);
    return token === null ? null : this.bounceTokens.verify(token);
  }

  /** Whether this is the bare bounce address (no token), where feedback loops send their reports. */
  isBounceMailbox(address: string): boolean {
    return address.toLowerCase() === `${BOUNCE_LOCAL}@${this.mail.bounceDomain}`;
  }

  /** Links name a reader by their public id, never by the sequential subscriber id. */
  preferencesUrl(publicId: string): string {
    return this.url(`/preferences?token=${this.tokens_.sign('preferences', publicId, null)}`);
  }

  /** `newsletterId` null: the link leaves every newsletter (used by account emails). */
  unsubscribeUrl(publicId: string, newsletterId: number | null): string {
    return this.url(`/unsubscribe?token=${this.tokens_.sign('unsubscribe', publicId, newsletterId)}`);
  }

  readerLinks(publicId: string, email: string, newsletterId: number | null): ReaderLinks {
    return {
      email,
      preferences: this.preferencesUrl(publicId),
      unsubscribe: this.unsubscribeUrl(publicId, newsletterId),
    };
  }

  /**
   * RFC 2369 and RFC 8058 headers: every mail the service sends carries them. The mailto is the
   * reader's own unsubscribe address; a preview's or test copy's link names nobody, so it has none.
   */
  listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
    const addressToken = this.tokens_.addressTokenOf(new URL(unsubscribeUrl).searchParams.get('token'));
    const mailto = addressToken ? `, <mailto:${this.unsubscribeAddress(addressToken)}?subject=unsubscribe>` : '';
    return {
      'List-Unsubscribe': `<${unsubscribeUrl}>${mailto}`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  verify(token: unknown, purpose: LinkPurpose): LinkClaims | null {
    return this.tokens_.verify(token, purpose);
  }
}

const BOUNCE_LOCAL = 'bounces';

/** The token of `<local>+<token>@<domain>`, compared without regard to case; null for any other address. */
function tokenOf(address: string, local: string, domain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return null;
  const prefix = `${local}+`;
  if (address.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  return address.slice(prefix.length, at).toLowerCase();
}
