import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromBase32, toBase32 } from './base32';
import { PUBLIC_ID_BYTES, readPublicId, TokenReader, writePublicId } from './public-id';
import { sha256 } from './sha256';

/** What a bounce address names: the edition (null for an account email) and the reader it went to. */
export interface BounceClaims {
  editionId: number | null;
  reader: TokenReader;
}

const KEY_BYTES = 32;
/** 80 bits: a forger must guess them through an SMTP conversation, one RCPT at a time. */
const MAC_BYTES = 10;
/** Format 2: edition id (4 bytes) and public id (16) are carried; the MAC covers the format byte before them too. */
const FORMAT_PUBLIC_ID = 2;
const PUBLIC_CARRIED_BYTES = 4 + PUBLIC_ID_BYTES;
const PUBLIC_TOKEN_LENGTH = Math.ceil(((PUBLIC_CARRIED_BYTES + MAC_BYTES) * 8) / 5);
/** Format 1, in mail sent before public ids: format, edition id, subscriber id (4 bytes), all carried. Verified, never made. */
const FORMAT_ID = 1;
const ID_PAYLOAD_BYTES = 9;
const ID_TOKEN_LENGTH = Math.ceil(((ID_PAYLOAD_BYTES + MAC_BYTES) * 8) / 5);

/** One secret's key, each followed by room for its format's payload: what the MAC hashes. */
interface Keyed {
  id: Buffer;
  publicId: Buffer;
}

function keyed(secret: string): Keyed {
  const key = createHmac('sha256', secret).update('newsletter bounce addresses v1').digest();
  const room = (payloadBytes: number) => {
    const input = Buffer.alloc(KEY_BYTES + payloadBytes);
    key.copy(input);
    return input;
  };
  return { id: room(ID_PAYLOAD_BYTES), publicId: room(1 + PUBLIC_CARRIED_BYTES) };
}

/**
 * The token of a VERP envelope sender, `bounces+<token>@BOUNCE_DOMAIN`: a bounce or complaint
 * that comes back to it names the edition and reader exactly, and one that does not carry a
 * genuine token is nobody's. It is base32 (lower case: MTAs may lower-case local parts), 48
 * characters, so the whole local part is 56 of the 64 RFC 5321 allows.
 *
 * Format 2: base32(edition id, the reader's public id, MAC), the MAC being the first 10 bytes of
 * SHA-256(key ‖ 2 ‖ edition id ‖ public id). The public id is random, so the address says nothing
 * of when the reader signed up. Format 1, in mail sent before public ids, was base32(1, edition
 * id, subscriber id, MAC over those 9 bytes), 31 characters; the length tells the two apart, and
 * format 1 is still verified, never made.
 *
 * A keyed hash rather than an HMAC, because every recipient of every digest costs one and an
 * HMAC costs three times as much: with a fixed-length input per format and a truncated output,
 * the length extension that rules out SHA-256(key ‖ message) elsewhere yields nothing a verifier
 * would accept. It names no key: checking it tries the current secret and each previous one, so
 * bounces of mail sent before a rotation still count.
 */
export class BounceTokens {
  private readonly current: Keyed;
  private readonly keys: Keyed[];

  constructor(secret: string, previousSecrets: string[] = []) {
    this.current = keyed(secret);
    this.keys = [this.current, ...previousSecrets.map(keyed)];
  }

  sign(editionId: number | null, publicId: string): string {
    const token = Buffer.allocUnsafe(PUBLIC_CARRIED_BYTES + MAC_BYTES);
    token.writeUInt32BE(editionId ?? 0, 0);
    writePublicId(publicId, token, 4);
    macOfPublic(this.current, token).copy(token, PUBLIC_CARRIED_BYTES);
    return toBase32(token);
  }

  /** The claims of a genuine token of either format, in any case; null for anything else. */
  verify(token: unknown): BounceClaims | null {
    if (typeof token !== 'string') return null;
    if (token.length === PUBLIC_TOKEN_LENGTH) {
      const bytes = fromBase32(token);
      if (!bytes) return null;
      const given = bytes.subarray(PUBLIC_CARRIED_BYTES);
      let genuine = false;
      // Every key is tried, whatever the first gave: the time taken says nothing about which matched.
      for (const key of this.keys) {
        if (timingSafeEqual(given, macOfPublic(key, bytes))) genuine = true;
      }
      return genuine ? { editionId: editionOf(bytes.readUInt32BE(0)), reader: { publicId: readPublicId(bytes, 4) } } : null;
    }
    if (token.length === ID_TOKEN_LENGTH) {
      const bytes = fromBase32(token);
      if (!bytes || bytes.readUInt8(0) !== FORMAT_ID) return null;
      const payload = bytes.subarray(0, ID_PAYLOAD_BYTES);
      const given = bytes.subarray(ID_PAYLOAD_BYTES);
      let genuine = false;
      for (const key of this.keys) {
        payload.copy(key.id, KEY_BYTES);
        if (timingSafeEqual(given, sha256(key.id).subarray(0, MAC_BYTES))) genuine = true;
      }
      return genuine ? { editionId: editionOf(payload.readUInt32BE(1)), reader: { subscriberId: payload.readUInt32BE(5) } } : null;
    }
    return null;
  }
}

/** Format 2's MAC over the carried bytes at the start of `token`, written after the key and format byte (the buffer is this key's own). */
function macOfPublic(key: Keyed, token: Buffer): Buffer {
  key.publicId[KEY_BYTES] = FORMAT_PUBLIC_ID;
  token.copy(key.publicId, KEY_BYTES + 1, 0, PUBLIC_CARRIED_BYTES);
  return sha256(key.publicId).subarray(0, MAC_BYTES);
}

function editionOf(id: number): number | null {
  return id === 0 ? null : id;
}
