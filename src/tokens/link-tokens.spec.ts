import { randomUUID } from 'node:crypto';
import { format1Tokens } from '../../test/support/format-1-tokens';
import { fromBase32, toBase32 } from './base32';
import { hashToken, LinkTokens, randomToken } from './link-tokens';

const SECRET = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const ALICE = '3f0c1d2e-4b5a-4c6d-8e7f-90a1b2c3d4e5';
const BOB = 'c8d9e0f1-0a1b-4c2d-9e3f-4a5b6c7d8e9f';
const hex = (publicId: string) => publicId.replace(/-/g, '');

describe('LinkTokens', () => {
  const tokens = new LinkTokens(SECRET);

  it('round-trips the reader (by public id) and newsletter it names', () => {
    const token = tokens.sign('unsubscribe', ALICE, 2);
    expect(tokens.verify(token, 'unsubscribe')).toEqual({ purpose: 'unsubscribe', reader: { publicId: ALICE }, newsletterId: 2 });
    for (let i = 0; i < 20; i += 1) {
      const publicId = randomUUID();
      expect(tokens.verify(tokens.sign('preferences', publicId, 65535), 'preferences')?.reader).toEqual({ publicId });
    }
  });

  it('carries only the format, the public id and the newsletter: no sequential id to read back', () => {
    const token = tokens.sign('unsubscribe', ALICE, 2);
    const payload = Buffer.from(token.split('.')[0], 'base64url');
    expect(payload.toString('hex')).toBe(`02${hex(ALICE)}0002`);
    // Two readers' links differ only by their random ids: nothing in them counts readers.
    const mail = tokens.signForMail(BOB, 2);
    expect(Buffer.from(mail.unsubscribe.split('.')[0], 'base64url').toString('hex')).toBe(`02${hex(BOB)}0002`);
    expect(fromBase32(mail.unsubscribeAddress)!.subarray(0, 18).toString('hex')).toBe(`${hex(BOB)}0002`);
  });

  it('names "every newsletter" with a null newsletter', () => {
    expect(tokens.verify(tokens.sign('preferences', ALICE, null), 'preferences')?.newsletterId).toBeNull();
  });

  it('is URL-safe and short enough for a mail header', () => {
    const token = tokens.sign('unsubscribe', ALICE, 65535);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(token.length).toBeLessThan(60);
  });

  it('refuses to sign anything but a public id', () => {
    expect(() => tokens.sign('unsubscribe', '12345', 1)).toThrow(RangeError);
    expect(() => tokens.signForMail(`${ALICE}0`, 1)).toThrow(RangeError);
    expect(() => tokens.signBoth(ALICE.replace(/-/g, '_'), 1)).toThrow(RangeError);
  });

  it('refuses a token whose payload was swapped for another reader or altered in any byte', () => {
    const mine = tokens.sign('unsubscribe', ALICE, 1);
    const theirs = tokens.sign('unsubscribe', BOB, 1);
    expect(tokens.verify([theirs.split('.')[0], ...mine.split('.').slice(1)].join('.'), 'unsubscribe')).toBeNull();
    const [payloadText, keyId, mac] = mine.split('.');
    const payload = Buffer.from(payloadText, 'base64url');
    for (let i = 0; i < payload.length; i += 1) {
      const altered = Buffer.from(payload);
      altered[i] ^= 1;
      expect(tokens.verify(`${altered.toString('base64url')}.${keyId}.${mac}`, 'unsubscribe')).toBeNull();
    }
  });

  it('refuses a token signed with another secret, a truncated one, and garbage', () => {
    const foreign = new LinkTokens(OTHER).sign('unsubscribe', ALICE, 1);
    expect(tokens.verify(foreign, 'unsubscribe')).toBeNull();
    const token = tokens.sign('unsubscribe', ALICE, 1);
    expect(tokens.verify(token.slice(0, -2), 'unsubscribe')).toBeNull();
    expect(tokens.verify('not-a-token', 'unsubscribe')).toBeNull();
    expect(tokens.verify(undefined, 'unsubscribe')).toBeNull();
    expect(tokens.verify(['x'], 'unsubscribe')).toBeNull();
  });

  it('accepts only the canonical base64url spelling of a token', () => {
    const tokens = new LinkTokens('s'.repeat(32));
    for (let i = 0; i < 40; i += 1) {
      const token = tokens.sign('unsubscribe', randomUUID(), 2);
      expect(tokens.verify(token, 'unsubscribe')).not.toBeNull();
      const [payload, keyId, mac] = token.split('.');
      const respell = (text: string) => Buffer.from(text, 'base64url').toString('base64');
      // A 16-byte MAC leaves 4 unused bits in its last character; any other value of them decodes the same.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(mac[mac.length - 1]);
      const otherBits = mac.slice(0, -1) + alphabet[(last & ~15) | ((last + 1) & 15)];
      for (const variant of [
        `${payload}.${keyId}.${mac}=`,
        `${payload}.${keyId}.${mac}==`,
        `${payload}.${keyId}.${otherBits}`,
        `${payload}.${keyId}.${respell(mac)}`,
        `${payload}=.${keyId}.${mac}`,
        `${respell(payload)}.${keyId}.${mac}`,
      ]) {
        if (variant !== token) expect(tokens.verify(variant, 'unsubscribe')).toBeNull();
      }
    }
  });

  it('refuses a token made for another purpose', () => {
    expect(tokens.verify(tokens.sign('preferences', ALICE, null), 'unsubscribe')).toBeNull();
  });

  it("signs both of a reader's links at once, neither standing in for the other", () => {
    const both = tokens.signBoth(ALICE, 2);
    expect(both.unsubscribe).not.toBe(both.preferences);
    expect(tokens.verify(both.unsubscribe, 'unsubscribe')).toEqual({ purpose: 'unsubscribe', reader: { publicId: ALICE }, newsletterId: 2 });
    expect(tokens.verify(both.preferences, 'preferences')).toEqual({ purpose: 'preferences', reader: { publicId: ALICE }, newsletterId: 2 });
    expect(tokens.verify(both.unsubscribe, 'preferences')).toBeNull();
    expect(tokens.verify(both.preferences, 'unsubscribe')).toBeNull();
    expect(tokens.sign('unsubscribe', ALICE, 2)).toBe(both.unsubscribe);
  });

  it('keeps accepting links signed before a key rotation', () => {
    const old = new LinkTokens(OTHER).sign('unsubscribe', ALICE, 1);
    const rotated = new LinkTokens(SECRET, [OTHER]);
    expect(rotated.verify(old, 'unsubscribe')?.reader).toEqual({ publicId: ALICE });
    // New links are signed with the current key only.
    const fresh = rotated.sign('unsubscribe', ALICE, 1);
    expect(new LinkTokens(OTHER).verify(fresh, 'unsubscribe')).toBeNull();
    expect(tokens.verify(fresh, 'unsubscribe')?.reader).toEqual({ publicId: ALICE });
  });
});

describe('LinkTokens: format 1 (the sequential id, in mail sent before public ids)', () => {
  const old = format1Tokens(OTHER, 123456, 2);

  it('still verifies, naming the subscriber id, while the secret that signed it is current or listed', () => {
    for (const tokens of [new LinkTokens(OTHER), new LinkTokens(SECRET, [OTHER])]) {
      expect(tokens.verify(old.unsubscribe, 'unsubscribe')).toEqual({ purpose: 'unsubscribe', reader: { subscriberId: 123456 }, newsletterId: 2 });
      expect(tokens.verify(old.preferences, 'preferences')).toEqual({ purpose: 'preferences', reader: { subscriberId: 123456 }, newsletterId: 2 });
      expect(tokens.verifyAddressToken(old.unsubscribeAddress)).toEqual({ purpose: 'unsubscribe', reader: { subscriberId: 123456 }, newsletterId: 2 });
      expect(tokens.verifyAddressToken(old.unsubscribeAddress.toUpperCase())?.reader).toEqual({ subscriberId: 123456 });
    }
  });

  it('does not verify once its secret is no longer listed, nor when altered', () => {
    const tokens = new LinkTokens(SECRET);
    expect(tokens.verify(old.unsubscribe, 'unsubscribe')).toBeNull();
    expect(tokens.verify(old.preferences, 'preferences')).toBeNull();
    expect(tokens.verifyAddressToken(old.unsubscribeAddress)).toBeNull();
    const rotated = new LinkTokens(SECRET, [OTHER]);
    const theirs = format1Tokens(OTHER, 123457, 2);
    expect(rotated.verify([theirs.unsubscribe.split('.')[0], ...old.unsubscribe.split('.').slice(1)].join('.'), 'unsubscribe')).toBeNull();
    expect(rotated.verifyAddressToken(theirs.unsubscribeAddress.slice(0, 12) + old.unsubscribeAddress.slice(12))).toBeNull();
    expect(rotated.verify(old.unsubscribe, 'preferences')).toBeNull();
  });

  it('gets no new address token: new tokens are made only for public ids', () => {
    expect(new LinkTokens(OTHER).addressTokenOf(old.unsubscribe)).toBeNull();
  });
});

describe('random tokens', () => {
  it('are unguessable and stored only as a hash', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
  });
});

describe('LinkTokens: the unsubscribe address token', () => {
  const tokens = new LinkTokens(SECRET);

  it('comes with the links for the same HMAC, names the same reader and newsletter, and fits a 64-character local part', () => {
    const mail = tokens.signForMail(ALICE, 2);
    expect(mail.unsubscribe).toBe(tokens.sign('unsubscribe', ALICE, 2));
    expect(mail.preferences).toBe(tokens.sign('preferences', ALICE, 2));
    expect(mail.unsubscribeAddress).toMatch(/^[a-z2-7]{45}$/);
    expect(`${'u'.repeat(18)}+${mail.unsubscribeAddress}`.length).toBe(64);
    expect(tokens.verifyAddressToken(mail.unsubscribeAddress)).toEqual({ purpose: 'unsubscribe', reader: { publicId: ALICE }, newsletterId: 2 });
    expect(tokens.addressTokenOf(mail.unsubscribe)).toBe(mail.unsubscribeAddress);
    expect(tokens.addressTokenOf(mail.preferences)).toBeNull();
  });

  it('survives an MTA that changes the case of the local part', () => {
    const token = tokens.signForMail(ALICE, null).unsubscribeAddress;
    expect(tokens.verifyAddressToken(token.toUpperCase())).toEqual({ purpose: 'unsubscribe', reader: { publicId: ALICE }, newsletterId: null });
  });

  it('refuses another reader, an altered byte, another secret and garbage, and keeps working across a rotation', () => {
    const mine = tokens.signForMail(ALICE, 1).unsubscribeAddress;
    const theirs = tokens.signForMail(BOB, 1).unsubscribeAddress;
    expect(tokens.verifyAddressToken(theirs.slice(0, 12) + mine.slice(12))).toBeNull();
    const bytes = fromBase32(mine)!;
    for (let i = 0; i < bytes.length; i += 1) {
      const altered = Buffer.from(bytes);
      altered[i] ^= 1;
      expect(tokens.verifyAddressToken(toBase32(altered))).toBeNull();
    }
    expect(tokens.verifyAddressToken(new LinkTokens(OTHER).signForMail(ALICE, 1).unsubscribeAddress)).toBeNull();
    expect(tokens.verifyAddressToken(mine.slice(0, -1))).toBeNull();
    expect(tokens.verifyAddressToken('a'.repeat(45))).toBeNull();
    expect(tokens.verifyAddressToken(null)).toBeNull();
    expect(new LinkTokens(OTHER, [SECRET]).verifyAddressToken(mine)).toEqual({ purpose: 'unsubscribe', reader: { publicId: ALICE }, newsletterId: 1 });
  });
});
