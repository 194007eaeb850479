import { format1Tokens } from '../../test/support/format-1-tokens';
import { BounceTokens } from './bounce-tokens';
import { toBase32, fromBase32 } from './base32';

const ALICE = '3f0c1d2e-4b5a-4c6d-8e7f-90a1b2c3d4e5';
const BOB = 'c8d9e0f1-0a1b-4c2d-9e3f-4a5b6c7d8e9f';

describe('BounceTokens (VERP)', () => {
  const tokens = new BounceTokens('a'.repeat(40));

  it('names the edition and reader by public id, fits an address local part, and survives a change of case', () => {
    const token = tokens.sign(4242, ALICE);
    expect(token).toMatch(/^[a-z2-7]{48}$/);
    expect(`bounces+${token}`.length).toBeLessThanOrEqual(64);
    expect(tokens.verify(token)).toEqual({ editionId: 4242, reader: { publicId: ALICE } });
    expect(tokens.verify(token.toUpperCase())).toEqual({ editionId: 4242, reader: { publicId: ALICE } });
  });

  it('carries the edition id and the public id, then the MAC: no sequential reader id', () => {
    const bytes = fromBase32(tokens.sign(4242, ALICE))!;
    expect(bytes.subarray(0, 20).toString('hex')).toBe(`00001092${ALICE.replace(/-/g, '')}`);
    expect(bytes.length).toBe(30);
  });

  it('names no edition for an account email', () => {
    expect(tokens.verify(tokens.sign(null, ALICE))).toEqual({ editionId: null, reader: { publicId: ALICE } });
  });

  it('refuses a changed payload or MAC, another reader, another secret, truncation and garbage', () => {
    const token = tokens.sign(1, ALICE);
    const bytes = fromBase32(token)!;
    for (let i = 0; i < bytes.length; i += 1) {
      const altered = Buffer.from(bytes);
      altered[i] ^= 1;
      expect(tokens.verify(toBase32(altered))).toBeNull();
    }
    const theirs = tokens.sign(1, BOB);
    expect(tokens.verify(theirs.slice(0, 20) + token.slice(20))).toBeNull();
    expect(tokens.verify(new BounceTokens('b'.repeat(40)).sign(1, ALICE))).toBeNull();
    expect(tokens.verify(token.slice(0, -1))).toBeNull();
    expect(tokens.verify(`${token.slice(0, -1)}0`)).toBeNull();
    expect(tokens.verify('x'.repeat(48))).toBeNull();
    expect(tokens.verify(undefined)).toBeNull();
  });

  it('keeps verifying tokens signed before a rotation while the old secret is listed', () => {
    const old = new BounceTokens('a'.repeat(40)).sign(5, ALICE);
    expect(new BounceTokens('c'.repeat(40), ['a'.repeat(40)]).verify(old)).toEqual({ editionId: 5, reader: { publicId: ALICE } });
    expect(new BounceTokens('c'.repeat(40)).verify(old)).toBeNull();
  });

  it('verifies format 1 (the sequential id, in mail sent before public ids) only under a current or listed secret', () => {
    const old = format1Tokens('a'.repeat(40), 6, null, 5).bounce;
    expect(old).toMatch(/^[a-z2-7]{31}$/);
    expect(tokens.verify(old)).toEqual({ editionId: 5, reader: { subscriberId: 6 } });
    expect(new BounceTokens('c'.repeat(40), ['a'.repeat(40)]).verify(old.toUpperCase())).toEqual({ editionId: 5, reader: { subscriberId: 6 } });
    expect(new BounceTokens('c'.repeat(40)).verify(old)).toBeNull();
    const bytes = fromBase32(old)!;
    bytes.writeUInt32BE(7, 5);
    expect(tokens.verify(toBase32(bytes))).toBeNull();
  });
});
