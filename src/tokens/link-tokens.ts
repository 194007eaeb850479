import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fromBase32, toBase32 } from './base32';
import { PUBLIC_ID_BYTES, readPublicId, TokenReader, writePublicId } from './public-id';

export type LinkPurpose = 'unsubscribe' | 'preferences';

export interface LinkClaims {
  purpose: LinkPurpose;
  reader: TokenReader;
  /** null: every newsletter the reader has. */
  newsletterId: number | null;
}

/** Which half of the HMAC a purpose's token carries. */
const HALVES: Record<LinkPurpose, number> = { unsubscribe: 0, preferences: 1 };
const MAC_BYTES = 16;
/** Format 1 (mail sent before public ids): format, subscriber id (4 bytes), newsletter id (2). Verified, never made. */
const FORMAT_ID = 1;
const ID_PAYLOAD_BYTES = 7;
/** Format 2: format, public id (16 bytes), newsletter id (2). */
const FORMAT_PUBLIC_ID = 2;
const PUBLIC_PAYLOAD_BYTES = 1 + PUBLIC_ID_BYTES + 2;
/** The MAC bytes an unsubscribe address carries: 80 bits, to fit a local part of 64 characters. */
const ADDRESS_MAC_BYTES = 10;
/** Format 1's address token: its whole payload and the MAC, 28 characters. */
const ID_ADDRESS_TOKEN_LENGTH = Math.ceil(((ID_PAYLOAD_BYTES + ADDRESS_MAC_BYTES) * 8) / 5);
/** Format 2's: the payload without its format byte (the length says it) and the MAC, 45 characters. */
const PUBLIC_ADDRESS_TOKEN_LENGTH = Math.ceil(((PUBLIC_PAYLOAD_BYTES - 1 + ADDRESS_MAC_BYTES) * 8) / 5);

/** A reader's links for one newsletter, and the token of their unsubscribe address, from one HMAC. */
export interface MailTokens extends Record<LinkPurpose, string> {
  /** 45 characters of lower-case base32: `unsubscribe+<this>@…` in List-Unsubscribe's mailto. */
  unsubscribeAddress: string;
}

interface SigningKey {
  id: string;
  key: Buffer;
}

function signingKey(secret: string): SigningKey {
  const key = createHmac('sha256', secret).update('newsletter link tokens v1').digest();
  const id = createHash('sha256').update(key).digest('base64url').slice(0, 6);
  return { id, key };
}

/**
 * Links in mail name a reader and a newsletter and carry an HMAC over them, so they need no
 * storage and cannot be altered. Each token names the key that signed it: after a rotation,
 * links signed with a previous secret keep working as long as that secret is listed.
 *
 * Format: base64url(payload) "." key id "." base64url(mac half), the payload being format 2,
 * the reader's public id (random: nothing in a link says how early a reader signed up, or how
 * many readers there are) and the newsletter id. Format 1, in mail sent before public ids,
 * carried the sequential subscriber id instead; it is still verified, never made.
 *
 * One HMAC-SHA256 over the payload serves both of a reader's links: the unsubscribe token
 * carries its first 16 bytes, the preferences token the other 16, so neither can stand in for
 * the other, and a recipient of a digest costs one HMAC, not two.
 */
export class LinkTokens {
  private readonly current: SigningKey;
  private readonly keys: Map<string, SigningKey>;

  constructor(secret: string, previousSecrets: string[] = []) {
    this.current = signingKey(secret);
    this.keys = new Map([this.current, ...previousSecrets.map(signingKey)].map((k) => [k.id, k]));
  }

  sign(purpose: LinkPurpose, publicId: string, newsletterId: number | null): string {
    return this.signBoth(publicId, newsletterId)[purpose];
  }

  /** Both of a reader's tokens for one newsletter (null: every newsletter), for one HMAC. */
  signBoth(publicId: string, newsletterId: number | null): Record<LinkPurpose, string> {
    const { body, mac } = this.macOf(publicId, newsletterId);
    return {
      unsubscribe: `${body}.${mac.toString('base64url', 0, MAC_BYTES)}`,
      preferences: `${body}.${mac.toString('base64url', MAC_BYTES, 2 * MAC_BYTES)}`,
    };
  }

  /**
   * What a digest carries for its reader, still for one HMAC: the two link tokens and the
   * unsubscribe address's token, which is the unsubscribe token's payload (less its format
   * byte) and the first 10 bytes of its MAC in base32 (MTAs may lower-case local parts). It
   * names no key: checking it tries each known key, so it keeps working across a rotation like
   * the links do.
   */
  signForMail(publicId: string, newsletterId: number | null): MailTokens {
    const { payload, body, mac } = this.macOf(publicId, newsletterId);
    const address = Buffer.allocUnsafe(PUBLIC_PAYLOAD_BYTES - 1 + ADDRESS_MAC_BYTES);
    payload.copy(address, 0, 1);
    mac.copy(address, PUBLIC_PAYLOAD_BYTES - 1, 0, ADDRESS_MAC_BYTES);
    return {
      unsubscribe: `${body}.${mac.toString('base64url', 0, MAC_BYTES)}`,
      preferences: `${body}.${mac.toString('base64url', MAC_BYTES, 2 * MAC_BYTES)}`,
      unsubscribeAddress: toBase32(address),
    };
  }

  /** The unsubscribe address's token for a genuine unsubscribe link token naming a public id, or null. */
  addressTokenOf(unsubscribeToken: unknown): string | null {
    const claims = this.verify(unsubscribeToken, 'unsubscribe');
    return claims && 'publicId' in claims.reader ? this.signForMail(claims.reader.publicId, claims.newsletterId).unsubscribeAddress : null;
  }

  /** The claims of a genuine unsubscribe address token (in any case, either format), or null. */
  verifyAddressToken(token: unknown): LinkClaims | null {
    if (typeof token !== 'string') return null;
    let payload: Buffer;
    let given: Buffer;
    if (token.length === PUBLIC_ADDRESS_TOKEN_LENGTH) {
      const bytes = fromBase32(token);
      if (!bytes) return null;
      payload = Buffer.allocUnsafe(PUBLIC_PAYLOAD_BYTES);
      payload.writeUInt8(FORMAT_PUBLIC_ID, 0);
      bytes.copy(payload, 1, 0, PUBLIC_PAYLOAD_BYTES - 1);
      given = bytes.subarray(PUBLIC_PAYLOAD_BYTES - 1);
    } else if (token.length === ID_ADDRESS_TOKEN_LENGTH) {
      const bytes = fromBase32(token);
      if (!bytes || bytes.readUInt8(0) !== FORMAT_ID) return null;
      payload = bytes.subarray(0, ID_PAYLOAD_BYTES);
      given = bytes.subarray(ID_PAYLOAD_BYTES);
    } else {
      return null;
    }
    const payloadText = payload.toString('base64url');
    let genuine = false;
    // Every key is tried, whatever the first gave: the time taken says nothing about which matched.
    for (const key of this.keys.values()) {
      const expected = this.mac(key, `${payloadText}.${key.id}`).subarray(0, ADDRESS_MAC_BYTES);
      if (timingSafeEqual(given, expected)) genuine = true;
    }
    return genuine ? claimsOf('unsubscribe', payload) : null;
  }

  private macOf(publicId: string, newsletterId: number | null): { payload: Buffer; body: string; mac: Buffer } {
    const payload = Buffer.allocUnsafe(PUBLIC_PAYLOAD_BYTES);
    payload.writeUInt8(FORMAT_PUBLIC_ID, 0);
    writePublicId(publicId, payload, 1);
    payload.writeUInt16BE(newsletterId ?? 0, 1 + PUBLIC_ID_BYTES);
    const body = `${payload.toString('base64url')}.${this.current.id}`;
    return { payload, body, mac: this.mac(this.current, body) };
  }

  /** The claims of a genuine token for `purpose` (either format), or null for anything else. */
  verify(token: unknown, purpose: LinkPurpose): LinkClaims | null {
    if (typeof token !== 'string' || token.length > 100) return null;
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [payloadText, keyId, macText] = parts;
    const key = this.keys.get(keyId);
    if (!key) return null;
    const given = Buffer.from(macText, 'base64url');
    // One spelling per token: no padding, no `+/`, no other values of the last character's
    // unused bits (all of which Node's decoder would accept as the same bytes).
    if (given.toString('base64url') !== macText) return null;
    const half = HALVES[purpose] * MAC_BYTES;
    const expected = this.mac(key, `${payloadText}.${keyId}`).subarray(half, half + MAC_BYTES);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const payload = Buffer.from(payloadText, 'base64url');
    if (payload.toString('base64url') !== payloadText) return null;
    return claimsOf(purpose, payload);
  }

  private mac(key: SigningKey, body: string): Buffer {
    return createHmac('sha256', key.key).update(body).digest();
  }
}

/** What a genuine payload of either format names; null for a payload of no known format. */
function claimsOf(purpose: LinkPurpose, payload: Buffer): LinkClaims | null {
  if (payload.length === PUBLIC_PAYLOAD_BYTES && payload.readUInt8(0) === FORMAT_PUBLIC_ID) {
    const newsletterId = payload.readUInt16BE(1 + PUBLIC_ID_BYTES);
    return { purpose, reader: { publicId: readPublicId(payload, 1) }, newsletterId: newsletterId === 0 ? null : newsletterId };
  }
  if (payload.length === ID_PAYLOAD_BYTES && payload.readUInt8(0) === FORMAT_ID) {
    const newsletterId = payload.readUInt16BE(5);
    return { purpose, reader: { subscriberId: payload.readUInt32BE(1) }, newsletterId: newsletterId === 0 ? null : newsletterId };
  }
  return null;
}

/** A random single-use token for a link in mail; only its hash is stored. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
