import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, appConfig, MailConfig, mailConfig } from '../config/config';
import { LinkClaims, LinkPurpose, LinkTokens } from './link-tokens';

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

  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(mailConfig.KEY) private readonly mail: MailConfig,
  ) {
    this.tokens_ = new LinkTokens(app.secret, app.previousSecrets);
  }

  url(path: string): string {
    return `${this.app.publicUrl}${path}`;
  }

  confirmUrl(token: string): string {
    return this.url(`/confirm?token=${encodeURIComponent(token)}`);
  }

  /** A reader's unsubscribe and preferences tokens for one newsletter, signed together. */
  tokens(subscriberId: number, newsletterId: number | null): Record<LinkPurpose, string> {
    return this.tokens_.signBoth(subscriberId, newsletterId);
  }

  preferencesToken(subscriberId: number): string {
    return this.tokens_.sign({ purpose: 'preferences', subscriberId, newsletterId: null });
  }

  unsubscribeToken(subscriberId: number, newsletterId: number | null): string {
    return this.tokens_.sign({ purpose: 'unsubscribe', subscriberId, newsletterId });
  }

  preferencesUrl(subscriberId: number): string {
    return this.url(`/preferences?token=${this.preferencesToken(subscriberId)}`);
  }

  /** `newsletterId` null: the link leaves every newsletter (used by account emails). */
  unsubscribeUrl(subscriberId: number, newsletterId: number | null): string {
    return this.url(`/unsubscribe?token=${this.unsubscribeToken(subscriberId, newsletterId)}`);
  }

  readerLinks(subscriberId: number, email: string, newsletterId: number | null): ReaderLinks {
    return {
      email,
      preferences: this.preferencesUrl(subscriberId),
      unsubscribe: this.unsubscribeUrl(subscriberId, newsletterId),
    };
  }

  /** RFC 2369 and RFC 8058 headers: every mail the service sends carries them. */
  listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
    const token = new URL(unsubscribeUrl).searchParams.get('token') ?? '';
    return {
      'List-Unsubscribe': `<${unsubscribeUrl}>, <mailto:${this.mail.unsubscribeMailto}?subject=unsubscribe%20${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  verify(token: unknown, purpose: LinkPurpose): LinkClaims | null {
    return this.tokens_.verify(token, purpose);
  }
}
