import { randomBytes } from 'node:crypto';

// Placeholders are letters, digits and underscores only, so HTML escaping, MJML and
// quoted-printable leave them as they are; the nonce keeps article text from forging one. A
// document rendered in one process and filled in another (an edition) keeps its nonce with it.
export const PLACEHOLDER_NONCE = randomBytes(6).toString('hex').toUpperCase();

/** Splits a document around its placeholders, capturing each one's key. */
export function placeholderPattern(nonce = PLACEHOLDER_NONCE): RegExp {
  if (!/^[0-9A-F]{8,16}$/.test(nonce)) throw new Error('A placeholder nonce is 8 to 16 hex digits');
  return new RegExp(`NLX${nonce}X([A-Z_]+)X`);
}

export function placeholder(key: string, nonce = PLACEHOLDER_NONCE): string {
  return `NLX${nonce}X${key}X`;
}

/** One placeholder per key, for a template's context. */
export function placeholders<K extends string>(keys: readonly K[], nonce = PLACEHOLDER_NONCE): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, placeholder(key, nonce)])) as Record<K, string>;
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string): string =>
  HTML_SPECIAL.test(value) ? value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]) : value;

/**
 * A rendered document with per-recipient holes. Split once; each fill only joins the pieces,
 * which costs microseconds however large the document is.
 */
export class PersonalisedTemplate {
  /** Literal text and placeholder keys, alternating: text, key, text, key, …, text. */
  readonly pieces: string[];

  constructor(
    source: string,
    private readonly escape: (value: string) => string = (value) => value,
    nonce = PLACEHOLDER_NONCE,
  ) {
    this.pieces = source.split(placeholderPattern(nonce));
  }

  get keys(): string[] {
    return this.pieces.filter((_, index) => index % 2 === 1);
  }

  fill(values: Record<string, string>): string {
    const { pieces } = this;
    let out = pieces[0];
    for (let i = 1; i < pieces.length; i += 2) {
      const value = values[pieces[i]];
      if (value === undefined) throw new Error(`No value for placeholder ${pieces[i]}`);
      out += this.escape(value) + pieces[i + 1];
    }
    return out;
  }
}
