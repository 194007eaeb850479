import { LinkTokens } from '../tokens/link-tokens';
import { ClickCodes, TEST_SEGMENT } from './click-codes';

const SECRET = 'a'.repeat(40);
const OLD = 'o'.repeat(40);
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('ClickCodes', () => {
  const codes = new ClickCodes(SECRET);
  const claims = { editionId: 4242, articleId: 987654, segment: 3 };

  it('round-trips the edition, article and segment it names', () => {
    expect(codes.verify(codes.sign(claims))).toEqual(claims);
    const extremes = { editionId: 2 ** 32 - 1, articleId: 1, segment: TEST_SEGMENT };
    expect(codes.verify(codes.sign(extremes))).toEqual(extremes);
  });

  it('is 32 URL-safe characters, the same for everyone who gets the link', () => {
    const code = codes.sign(claims);
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(codes.sign(claims)).toBe(code);
    expect(new ClickCodes(SECRET).sign(claims)).toBe(code);
  });

  it('refuses every code with one character changed, in any position', () => {
    const code = codes.sign(claims);
    for (let i = 0; i < code.length; i += 1) {
      for (const replacement of [BASE64URL[(BASE64URL.indexOf(code[i]) + 1) % 64], BASE64URL[(BASE64URL.indexOf(code[i]) + 37) % 64]]) {
        const altered = code.slice(0, i) + replacement + code.slice(i + 1);
        expect(codes.verify(altered)).toBeNull();
      }
    }
  });

  it('refuses a code for another link made by swapping in its payload', () => {
    const mine = codes.sign(claims);
    const theirs = codes.sign({ ...claims, articleId: claims.articleId + 1 });
    expect(codes.verify(theirs.slice(0, 18) + mine.slice(18))).toBeNull();
  });

  it('refuses codes signed with another secret, or derived like reader tokens, and malformed ones', () => {
    expect(codes.verify(new ClickCodes('b'.repeat(40)).sign(claims))).toBeNull();
    const readerToken = new LinkTokens(SECRET).sign('unsubscribe', '0f9c2a54-6b1e-4d0a-9a57-3c2e1b7d8e90', 1);
    expect(codes.verify(readerToken)).toBeNull();
    const code = codes.sign(claims);
    expect(codes.verify(code.slice(0, -1))).toBeNull();
    expect(codes.verify(`${code}A`)).toBeNull();
    expect(codes.verify(`${code.slice(0, -1)}=`)).toBeNull();
    expect(codes.verify(`${code.slice(0, -1)}+`)).toBeNull();
    expect(codes.verify('')).toBeNull();
    expect(codes.verify(undefined)).toBeNull();
    expect(codes.verify(['x'])).toBeNull();
  });

  it('keeps codes signed with a previous secret working after a rotation, and only while it is listed', () => {
    const old = new ClickCodes(OLD).sign(claims);
    expect(new ClickCodes(SECRET, [OLD]).verify(old)).toEqual(claims);
    expect(new ClickCodes(SECRET).verify(old)).toBeNull();
    // New codes are signed with the current secret.
    expect(new ClickCodes(SECRET).verify(new ClickCodes(SECRET, [OLD]).sign(claims))).toEqual(claims);
  });

  it('refuses to sign what no link can name', () => {
    expect(() => codes.sign({ ...claims, editionId: 0 })).toThrow(RangeError);
    expect(() => codes.sign({ ...claims, articleId: 2 ** 32 })).toThrow(RangeError);
    expect(() => codes.sign({ ...claims, segment: TEST_SEGMENT + 1 })).toThrow(RangeError);
    expect(() => codes.sign({ ...claims, segment: 1.5 })).toThrow(RangeError);
  });
});
