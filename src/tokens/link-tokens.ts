import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type LinkPurpose = 'unsubscribe' | 'preferences';

export interface LinkClaims {
  purpose: LinkPurpose;
  subscriberId: number;
  /** null: every newsletter the reader has. */
  newsletterId: number | null;
}

const PURPOSE_CODES: Record<LinkPurpose, number> = { unsubscribe: 1, preferences: 2 };
const PURPOSES = Object.fromEntries(Object.entries(PURPOSE_CODES).map(([name, code]) => [code, name])) as Record<
  number,
  LinkPurpose
>;
const MAC_BYTES = 16;

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
 * Format: base64url(purpose, subscriber id, newsletter id) "." key id "." base64url(mac)
 */
export class LinkTokens {
  private readonly current: SigningKey;
  private readonly keys: Map<string, SigningKey>;

  constructor(secret: string, previousSecrets: string[] = []) {
    this.current = signingKey(secret);
    this.keys = new Map([this.current, ...previousSecrets.map(signingKey)].map((k) => [k.id, k]));
  }

  sign(claims: LinkClaims): string {
    const payload = Buffer.alloc(7);
    payload.writeUInt8(PURPOSE_CODES[claims.purpose], 0);
    payload.writeUInt32BE(claims.subscriberId, 1);
    payload.writeUInt16BE(claims.newsletterId ?? 0, 5);
    const body = `${payload.toString('base64url')}.${this.current.id}`;
    return `${body}.${this.mac(this.current, body).toString('base64url')}`;
  }

  /** The claims of a genuine token for `purpose`, or null for anything else. */
  verify(token: unknown, purpose: LinkPurpose): LinkClaims | null {
    if (typeof token !== 'string' || token.length > 100) return null;
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [payloadText, keyId, macText] = parts;
    const key = this.keys.get(keyId);
    if (!key) return null;
    const given = Buffer.from(macText, 'base64url');
    const expected = this.mac(key, `${payloadText}.${keyId}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const payload = Buffer.from(payloadText, 'base64url');
    if (payload.length !== 7 || PURPOSES[payload.readUInt8(0)] !== purpose) return null;
    const newsletterId = payload.readUInt16BE(5);
    return { purpose, subscriberId: payload.readUInt32BE(1), newsletterId: newsletterId === 0 ? null : newsletterId };
  }

  private mac(key: SigningKey, body: string): Buffer {
    return createHmac('sha256', key.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}

/** A random single-use token for a link in mail; only its hash is stored. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
