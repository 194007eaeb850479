import { BounceTokens } from './bounce-tokens';
import { toBase32, fromBase32 } from './base32';

describe('BounceTokens (VERP)', () => {
  const tokens = new BounceTokens('a'.repeat(40));

  it('names the edition and reader, fits an address local part, and survives a change of case', () => {
    const token = tokens.sign(4242, 2 ** 32 - 1);
    expect(token).toMatch(/^[a-z2-7]{31}$/);
    expect(`bounces+${token}`.length).toBeLessThanOrEqual(64);
    expect(tokens.verify(token)).toEqual({ editionId: 4242, subscriberId: 2 ** 32 - 1 });
    expect(tokens.verify(token.toUpperCase())).toEqual({ editionId: 4242, subscriberId: 2 ** 32 - 1 });
  });

  it('names no edition for an account email', () => {
    expect(tokens.verify(tokens.sign(null, 7))).toEqual({ editionId: null, subscriberId: 7 });
  });

  it('refuses a changed payload, another secret, truncation and garbage', () => {
    const token = tokens.sign(1, 2);
    const bytes = fromBase32(token)!;
    bytes.writeUInt32BE(3, 5);
    expect(tokens.verify(toBase32(bytes))).toBeNull();
    expect(tokens.verify(new BounceTokens('b'.repeat(40)).sign(1, 2))).toBeNull();
    expect(tokens.verify(token.slice(0, -1))).toBeNull();
    expect(tokens.verify(`${token.slice(0, -1)}0`)).toBeNull();
    expect(tokens.verify('x'.repeat(31))).toBeNull();
    expect(tokens.verify(undefined)).toBeNull();
  });

  it('keeps verifying tokens signed before a rotation while the old secret is listed', () => {
    const old = new BounceTokens('a'.repeat(40)).sign(5, 6);
    expect(new BounceTokens('c'.repeat(40), ['a'.repeat(40)]).verify(old)).toEqual({ editionId: 5, subscriberId: 6 });
    expect(new BounceTokens('c'.repeat(40)).verify(old)).toBeNull();
  });
});
