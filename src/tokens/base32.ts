const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) {
  VALUES[ALPHABET.charCodeAt(i)] = i;
  VALUES[ALPHABET.toUpperCase().charCodeAt(i)] = i;
}

/**
 * RFC 4648 base32 in lower case, without padding: the one encoding of bytes an email address's
 * local part keeps intact through MTAs that lower-case it (or upper-case it), and through the
 * "+" recipient delimiter, since it holds neither "+" nor "-" nor ".".
 */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    value = ((value << 8) | bytes[i]) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * The bytes of a base32 text in either case, or null when it is not base32 or not the one
 * canonical spelling of its bytes (unused trailing bits set): a token has exactly one spelling
 * per case.
 */
export function fromBase32(text: string): Buffer | null {
  const length = Math.floor((text.length * 5) / 8);
  // Lengths no byte count encodes to (1, 3 and 6 characters past a whole group) are not base32.
  if (Math.ceil((length * 8) / 5) !== text.length) return null;
  const out = Buffer.allocUnsafe(length);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? VALUES[code] : -1;
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at] = (value >>> bits) & 255;
      at += 1;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
