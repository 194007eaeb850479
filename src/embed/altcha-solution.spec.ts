import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { verifiedSignature } from './altcha-solution';

const KEY = 'a'.repeat(64);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

async function solved(overrides: Record<string, unknown> = {}, expiresInMs = 60_000) {
  const challenge = await createChallenge({ algorithm: 'SHA-256', hmacKey: KEY, maxnumber: 100, number: 42, expires: new Date(Date.now() + expiresInMs) });
  return encode({
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    number: 42,
    salt: challenge.salt,
    signature: challenge.signature,
    ...overrides,
  });
}

describe('verifiedSignature (an ALTCHA solution checked with node:crypto)', () => {
  it('agrees with altcha-lib on a correct solution, and gives its signature', async () => {
    const solution = await solved();
    expect(await verifySolution(solution, KEY, true)).toBe(true);
    expect(verifiedSignature(solution, KEY, Date.now())).toBe(JSON.parse(Buffer.from(solution, 'base64').toString()).signature);
  });

  it.each([
    ['a wrong number', { number: 41 }],
    ['a changed salt', { salt: 'x?expires=9999999999&' }],
    ['a forged signature', { signature: 'f'.repeat(64) }],
    ['another algorithm', { algorithm: 'SHA-1' }],
  ])('refuses %s, as altcha-lib does', async (_, overrides) => {
    const solution = await solved(overrides);
    expect(await verifySolution(solution, KEY, true)).toBe(false);
    expect(verifiedSignature(solution, KEY, Date.now())).toBeNull();
  });

  it('is stricter than altcha-lib on one point: the number must be a JSON number, as the widget and embed.js send it', async () => {
    const solution = await solved({ number: '42' });
    expect(await verifySolution(solution, KEY, true)).toBe(true);
    expect(verifiedSignature(solution, KEY, Date.now())).toBeNull();
  });

  it('refuses an expired solution and one signed with another key', async () => {
    const expired = await solved({}, -1000);
    expect(await verifySolution(expired, KEY, true)).toBe(false);
    expect(verifiedSignature(expired, KEY, Date.now())).toBeNull();
    expect(verifiedSignature(await solved(), 'b'.repeat(64), Date.now())).toBeNull();
  });

  it('refuses what is not a solution at all', () => {
    for (const junk of ['', 'not base64 json', encode(null), encode([]), encode({ number: 1 })]) expect(verifiedSignature(junk, KEY, Date.now())).toBeNull();
  });
});
