import { hashToken, LinkTokens, randomToken } from './link-tokens';

const SECRET = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

describe('LinkTokens', () => {
  const tokens = new LinkTokens(SECRET);

  it('round-trips the reader and newsletter it names', () => {
    const token = tokens.sign({ purpose: 'unsubscribe', subscriberId: 123456, newsletterId: 2 });
    expect(tokens.verify(token, 'unsubscribe')).toEqual({ purpose: 'unsubscribe', subscriberId: 123456, newsletterId: 2 });
  });

  it('names "every newsletter" with a null newsletter', () => {
    const token = tokens.sign({ purpose: 'preferences', subscriberId: 7, newsletterId: null });
    expect(tokens.verify(token, 'preferences')?.newsletterId).toBeNull();
  });

  it('is URL-safe and short enough for a mail header', () => {
    const token = tokens.sign({ purpose: 'unsubscribe', subscriberId: 2 ** 32 - 1, newsletterId: 65535 });
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(token.length).toBeLessThan(50);
  });

  it('refuses a token whose payload was swapped for another reader', () => {
    const mine = tokens.sign({ purpose: 'unsubscribe', subscriberId: 1, newsletterId: 1 });
    const theirs = tokens.sign({ purpose: 'unsubscribe', subscriberId: 2, newsletterId: 1 });
    const forged = [theirs.split('.')[0], ...mine.split('.').slice(1)].join('.');
    expect(tokens.verify(forged, 'unsubscribe')).toBeNull();
  });

  it('refuses a token signed with another secret, a truncated one, and garbage', () => {
    const foreign = new LinkTokens(OTHER).sign({ purpose: 'unsubscribe', subscriberId: 1, newsletterId: 1 });
    expect(tokens.verify(foreign, 'unsubscribe')).toBeNull();
    const token = tokens.sign({ purpose: 'unsubscribe', subscriberId: 1, newsletterId: 1 });
    expect(tokens.verify(token.slice(0, -2), 'unsubscribe')).toBeNull();
    expect(tokens.verify('not-a-token', 'unsubscribe')).toBeNull();
    expect(tokens.verify(undefined, 'unsubscribe')).toBeNull();
    expect(tokens.verify(['x'], 'unsubscribe')).toBeNull();
  });

  it('accepts only the canonical base64url spelling of a token', () => {
    const tokens = new LinkTokens('s'.repeat(32));
    for (let subscriberId = 1; subscriberId <= 40; subscriberId += 1) {
      const token = tokens.sign({ purpose: 'unsubscribe', subscriberId, newsletterId: 2 });
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
    const preferences = tokens.sign({ purpose: 'preferences', subscriberId: 1, newsletterId: null });
    expect(tokens.verify(preferences, 'unsubscribe')).toBeNull();
  });

  it('signs both of a reader\'s links at once, neither standing in for the other', () => {
    const both = tokens.signBoth(42, 2);
    expect(both.unsubscribe).not.toBe(both.preferences);
    expect(tokens.verify(both.unsubscribe, 'unsubscribe')).toEqual({ purpose: 'unsubscribe', subscriberId: 42, newsletterId: 2 });
    expect(tokens.verify(both.preferences, 'preferences')).toEqual({ purpose: 'preferences', subscriberId: 42, newsletterId: 2 });
    expect(tokens.verify(both.unsubscribe, 'preferences')).toBeNull();
    expect(tokens.verify(both.preferences, 'unsubscribe')).toBeNull();
    expect(tokens.sign({ purpose: 'unsubscribe', subscriberId: 42, newsletterId: 2 })).toBe(both.unsubscribe);
  });

  it('keeps accepting links signed before a key rotation', () => {
    const old = new LinkTokens(OTHER).sign({ purpose: 'unsubscribe', subscriberId: 9, newsletterId: 1 });
    const rotated = new LinkTokens(SECRET, [OTHER]);
    expect(rotated.verify(old, 'unsubscribe')?.subscriberId).toBe(9);
    // New links are signed with the current key only.
    const fresh = rotated.sign({ purpose: 'unsubscribe', subscriberId: 9, newsletterId: 1 });
    expect(new LinkTokens(OTHER).verify(fresh, 'unsubscribe')).toBeNull();
    expect(tokens.verify(fresh, 'unsubscribe')?.subscriberId).toBe(9);
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
  const tokens = new LinkTokens('a'.repeat(40));

  it('comes with the links for the same HMAC and names the same reader and newsletter', () => {
    const mail = tokens.signForMail(123456, 2);
    expect(mail.unsubscribe).toBe(tokens.sign({ purpose: 'unsubscribe', subscriberId: 123456, newsletterId: 2 }));
    expect(mail.preferences).toBe(tokens.sign({ purpose: 'preferences', subscriberId: 123456, newsletterId: 2 }));
    expect(mail.unsubscribeAddress).toMatch(/^[a-z2-7]{28}$/);
    expect(tokens.verifyAddressToken(mail.unsubscribeAddress)).toEqual({ purpose: 'unsubscribe', subscriberId: 123456, newsletterId: 2 });
    expect(tokens.addressTokenOf(mail.unsubscribe)).toBe(mail.unsubscribeAddress);
    expect(tokens.addressTokenOf(mail.preferences)).toBeNull();
  });

  it('survives an MTA that changes the case of the local part', () => {
    const token = tokens.signForMail(9, null).unsubscribeAddress;
    expect(tokens.verifyAddressToken(token.toUpperCase())).toEqual({ purpose: 'unsubscribe', subscriberId: 9, newsletterId: null });
  });

  it('refuses another reader, another secret and garbage, and keeps working across a rotation', () => {
    const mine = tokens.signForMail(1, 1).unsubscribeAddress;
    const theirs = tokens.signForMail(2, 1).unsubscribeAddress;
    expect(tokens.verifyAddressToken(theirs.slice(0, 12) + mine.slice(12))).toBeNull();
    expect(tokens.verifyAddressToken(new LinkTokens(OTHER).signForMail(1, 1).unsubscribeAddress)).toBeNull();
    expect(tokens.verifyAddressToken(mine.slice(0, -1))).toBeNull();
    expect(tokens.verifyAddressToken('a'.repeat(28))).toBeNull();
    expect(tokens.verifyAddressToken(null)).toBeNull();
    expect(new LinkTokens(OTHER, ['a'.repeat(40)]).verifyAddressToken(mine)).toEqual({ purpose: 'unsubscribe', subscriberId: 1, newsletterId: 1 });
  });
});
