import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromBase32, toBase32 } from './base32';
import { sha256 } from './sha256';

/** What a bounce address names: the edition (null for an account email) and the reader it went to. */
export interface BounceClaims {
  editionId: number | null;
  subscriberId: number;
}

const FORMAT = 1;
const KEY_BYTES = 32;
const PAYLOAD_BYTES = 9;
/** 80 bits: a forger must guess them through an SMTP conversation, one RCPT at a time. */
const MAC_BYTES = 10;
const TOKEN_LENGTH = Math.ceil(((PAYLOAD_BYTES + MAC_BYTES) * 8) / 5);

/** The key, followed by room for a payload: what the MAC hashes. */
function keyed(secret: string): Buffer {
  const input = Buffer.alloc(KEY_BYTES + PAYLOAD_BYTES);
  createHmac('sha256', secret).update('newsletter bounce addresses v1').digest().copy(input);
  return input;
}

/**
 * The token of a VERP envelope sender, `bounces+<token>@BOUNCE_DOMAIN`: a bounce or complaint
 * that comes back to it names the edition and reader exactly, and one that does not carry a
 * genuine token is nobody's. It is base32 (lower case: MTAs may lower-case local parts), 31
 * characters, so the whole local part is 39 of the 64 RFC 5321 allows.
 *
 * Format: base32(format, edition id, subscriber id, MAC), the MAC being the first 10 bytes of
 * SHA-256(key ‖ those 9 bytes). A keyed hash rather than an HMAC, because every recipient of
 * every digest costs one and an HMAC costs three times as much: with a fixed-length input and a
 * truncated output, the length extension that rules out SHA-256(key ‖ message) elsewhere yields
 * nothing a verifier would accept. It names no key: checking it tries the current secret and each
 * previous one, so bounces of mail sent before a rotation still count.
 */
export class BounceTokens {
  private readonly current: Buffer;
  private readonly keys: Buffer[];

  constructor(secret: string, previousSecrets: string[] = []) {
    this.current = keyed(secret);
    this.keys = [this.current, ...previousSecrets.map(keyed)];
  }

  sign(editionId: number | null, subscriberId: number): string {
    const token = Buffer.allocUnsafe(PAYLOAD_BYTES + MAC_BYTES);
    token.writeUInt8(FORMAT, 0);
    token.writeUInt32BE(editionId ?? 0, 1);
    token.writeUInt32BE(subscriberId, 5);
    mac(this.current, token.subarray(0, PAYLOAD_BYTES)).copy(token, PAYLOAD_BYTES);
    return toBase32(token);
  }

  /** The claims of a genuine token, in any case; null for anything else. */
  verify(token: unknown): BounceClaims | null {
    if (typeof token !== 'string' || token.length !== TOKEN_LENGTH) return null;
    const bytes = fromBase32(token);
    if (!bytes || bytes.readUInt8(0) !== FORMAT) return null;
    const payload = bytes.subarray(0, PAYLOAD_BYTES);
    const given = bytes.subarray(PAYLOAD_BYTES);
    let genuine = false;
    for (const key of this.keys) {
      if (timingSafeEqual(given, mac(key, payload))) genuine = true;
    }
    if (!genuine) return null;
    const editionId = payload.readUInt32BE(1);
    return { editionId: editionId === 0 ? null : editionId, subscriberId: payload.readUInt32BE(5) };
  }
}

/** Writes the payload after the key (the buffer is this key's own) and hashes the two. */
function mac(keyedInput: Buffer, payload: Buffer): Buffer {
  payload.copy(keyedInput, KEY_BYTES);
  return sha256(keyedInput).subarray(0, MAC_BYTES);
}
