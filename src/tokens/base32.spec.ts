import { randomBytes } from 'node:crypto';
import { fromBase32, toBase32 } from './base32';

describe('base32', () => {
  it('matches RFC 4648 test vectors, in lower case and without padding', () => {
    const vectors: Array<[string, string]> = [['', ''], ['f', 'my'], ['fo', 'mzxq'], ['foo', 'mzxw6'], ['foob', 'mzxw6yq'], ['fooba', 'mzxw6ytb'], ['foobar', 'mzxw6ytboi']];
    for (const [text, encoded] of vectors) {
      expect(toBase32(Buffer.from(text))).toBe(encoded);
      expect(fromBase32(encoded)?.toString()).toBe(text);
      expect(fromBase32(encoded.toUpperCase())?.toString()).toBe(text);
    }
  });

  it('round-trips random bytes of every length a token has', () => {
    for (let length = 1; length <= 40; length += 1) {
      const bytes = randomBytes(length);
      const text = toBase32(bytes);
      expect(text).toMatch(/^[a-z2-7]*$/);
      expect(fromBase32(text)).toEqual(bytes);
    }
  });

  it('refuses other alphabets, impossible lengths and non-canonical trailing bits', () => {
    expect(fromBase32('mzxw6+')).toBeNull();
    expect(fromBase32('mzxw0')).toBeNull();
    expect(fromBase32('mzxw6ytboi=')).toBeNull();
    expect(fromBase32('m')).toBeNull();
    expect(fromBase32('mzx')).toBeNull();
    // "my" is "f"; "mz" decodes to the same byte with an unused bit set.
    expect(fromBase32('mz')).toBeNull();
    expect(fromBase32('mzxq\u00e9')).toBeNull();
  });
});
