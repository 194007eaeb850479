import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, appConfig, ClicksConfig, clicksConfig } from '../config/config';
import { ClickClaims, ClickCodes, TEST_SEGMENT } from './click-codes';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Genuine codes remembered, so a link clicked again costs no HMAC; only codes that verified are kept, so junk cannot fill it. */
const VERIFIED_CAPACITY = 10_000;

/** The path of the redirect that counts a click. */
export const REDIRECT_PATH = '/r';

/**
 * The article links a digest carries: `<PUBLIC_URL>/r/<code>`, one per article and segment,
 * the same for every reader of that segment. With CLICK_COUNTS=off, none: digests link to the
 * articles themselves.
 */
@Injectable()
export class ClickLinks {
  readonly codes: ClickCodes;
  private readonly verified = new Map<string, ClickClaims>();

  constructor(
    @Inject(appConfig.KEY) private readonly app: Pick<AppConfig, 'publicUrl' | 'secret' | 'previousSecrets'>,
    @Inject(clicksConfig.KEY) private readonly clicks: Pick<ClicksConfig, 'enabled'>,
  ) {
    this.codes = new ClickCodes(app.secret, app.previousSecrets);
  }

  /** The claims of a genuine code, or null. */
  verify(code: string): ClickClaims | null {
    const known = this.verified.get(code);
    if (known) return known;
    const claims = this.codes.verify(code);
    if (claims) {
      if (this.verified.size >= VERIFIED_CAPACITY) this.verified.clear();
      this.verified.set(code, claims);
    }
    return claims;
  }

  get enabled(): boolean {
    return this.clicks.enabled;
  }

  /**
   * A reader's rendering made into a preview or test copy: each counted link becomes its
   * TEST_SEGMENT twin, which leads to the same article and counts nothing. Anything that is not
   * a genuine code of ours is left as it is.
   */
  asTestCopy(content: string): string {
    const prefix = `${this.app.publicUrl}${REDIRECT_PATH}/`;
    if (!content.includes(prefix)) return content;
    const pattern = new RegExp(`${escapeRegExp(prefix)}([A-Za-z0-9_-]+)`, 'g');
    return content.replace(pattern, (link, code: string) => {
      const claims = this.codes.verify(code);
      return claims ? `${prefix}${this.codes.sign({ ...claims, segment: TEST_SEGMENT })}` : link;
    });
  }

  /** The tracked link, or null when click counting is off. */
  url(claims: ClickClaims): string | null {
    return this.enabled ? `${this.app.publicUrl}${REDIRECT_PATH}/${this.codes.sign(claims)}` : null;
  }
}
