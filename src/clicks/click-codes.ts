import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a click code names: never a reader. */
export interface ClickClaims {
  editionId: number;
  /** The article the link leads to: an edition holds an article once, so it names the link. */
  articleId: number;
  /** The version of the edition the link was rendered in (0: the only, untargeted one). */
  segment: number;
}

/**
 * The segment of previews and test sends: their links redirect like a reader's, but count
 * nothing, so an editor checking the links before a send leaves the figures alone.
 */
export const TEST_SEGMENT = 0xffff;

const FORMAT = 1;
const KEY_ID_BYTES = 2;
const PAYLOAD_BYTES = 1 + KEY_ID_BYTES + 4 + 4 + 2;
const MAC_BYTES = 11;
/** 24 bytes: 32 base64url characters, every one carrying 6 bits, so no two spellings of one code. */
const CODE_LENGTH = ((PAYLOAD_BYTES + MAC_BYTES) * 4) / 3;
const CODE = new RegExp(`^[A-Za-z0-9_-]{${CODE_LENGTH}}$`);

interface SigningKey {
  id: number;
  key: Buffer;
}

function signingKey(secret: string): SigningKey {
  // Its own derivation label: a click code's key signs nothing else, and nothing else's key signs it.
  const key = createHmac('sha256', secret).update('newsletter click codes v1').digest();
  return { id: createHash('sha256').update(key).digest().readUInt16BE(0), key };
}

/**
 * The code in a tracked article link, `/r/<code>`: the edition, the article and the segment,
 * with an HMAC so that nobody can make one up (the redirect's target comes from the edition's
 * stored links, never from the code, so even a forged code could not point anywhere else; the
 * HMAC keeps the counts honest and the edition and article ids unguessable to a script).
 *
 * Layout, base64url of 24 bytes: format (1), key id (2), edition (4), article (4), segment (2),
 * the first 11 bytes of HMAC-SHA256 over those 13. Codes signed with a previous secret keep
 * working while it is listed in APP_PREVIOUS_SECRETS, as reader links do.
 */
export class ClickCodes {
  private readonly current: SigningKey;
  private readonly keys: Map<number, SigningKey>;

  constructor(secret: string, previousSecrets: string[] = []) {
    this.current = signingKey(secret);
    this.keys = new Map([...previousSecrets.map(signingKey), this.current].map((k) => [k.id, k]));
  }

  sign(claims: ClickClaims): string {
    const { editionId, articleId, segment } = claims;
    if (!Number.isInteger(editionId) || editionId < 1 || editionId > 0xffffffff) throw new RangeError(`No edition id ${editionId}`);
    if (!Number.isInteger(articleId) || articleId < 1 || articleId > 0xffffffff) throw new RangeError(`No article id ${articleId}`);
    if (!Number.isInteger(segment) || segment < 0 || segment > TEST_SEGMENT) throw new RangeError(`No segment ${segment}`);
    const code = Buffer.allocUnsafe(PAYLOAD_BYTES + MAC_BYTES);
    code.writeUInt8(FORMAT, 0);
    code.writeUInt16BE(this.current.id, 1);
    code.writeUInt32BE(editionId, 3);
    code.writeUInt32BE(articleId, 7);
    code.writeUInt16BE(segment, 11);
    this.mac(this.current, code.subarray(0, PAYLOAD_BYTES)).copy(code, PAYLOAD_BYTES, 0, MAC_BYTES);
    return code.toString('base64url');
  }

  /** The claims of a genuine code, or null for anything else (altered, unknown key, malformed). */
  verify(code: unknown): ClickClaims | null {
    if (typeof code !== 'string' || !CODE.test(code)) return null;
    const bytes = Buffer.from(code, 'base64url');
    if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES || bytes.readUInt8(0) !== FORMAT) return null;
    const key = this.keys.get(bytes.readUInt16BE(1));
    if (!key) return null;
    const expected = this.mac(key, bytes.subarray(0, PAYLOAD_BYTES)).subarray(0, MAC_BYTES);
    if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), expected)) return null;
    const claims = { editionId: bytes.readUInt32BE(3), articleId: bytes.readUInt32BE(7), segment: bytes.readUInt16BE(11) };
    return claims.editionId > 0 && claims.articleId > 0 ? claims : null;
  }

  private mac(key: SigningKey, payload: Buffer): Buffer {
    return createHmac('sha256', key.key).update(payload).digest();
  }
}

/**
 * The ids of an edition's note links, in the same place as article ids (a code's article, and the
 * rows of `edition_links` and `edition_clicks`): the note's n-th link is NOTE_LINKS_FROM + n. The
 * articles' id sequence stops below it (migration EditorsNote), so the two never meet.
 */
const NOTE_LINKS_FROM = 2_147_000_000;

export const noteLinkId = (n: number): number => NOTE_LINKS_FROM + n;

export const isNoteLink = (id: number): boolean => id > NOTE_LINKS_FROM;
