import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A solution's fields, as the ALTCHA widget posts them (base64 of this JSON). */
interface Solution {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

/**
 * Checks an ALTCHA (v1) solution as altcha-lib's `verifySolution` does: SHA-256(salt ‖ number)
 * must be the challenge, the challenge must carry our HMAC, and the salt's `expires` must be in
 * the future. Done with node:crypto's synchronous hashes: altcha-lib goes through WebCrypto's
 * promises and cost 0.2–0.3 ms of CPU per sign-up against 0.01–0.02 here (docs/BENCHMARKS.md).
 * The spec beside this checks both agree. Returns the signature (the solution's identity for
 * taking it once), or null.
 */
export function verifiedSignature(solution: string, hmacKey: string, now: number): string | null {
  let parsed: Partial<Solution>;
  try {
    parsed = JSON.parse(Buffer.from(solution, 'base64').toString('utf8')) as Partial<Solution>;
  } catch {
    return null;
  }
  const { algorithm, challenge, number, salt, signature } = parsed ?? {};
  if (algorithm !== 'SHA-256' || typeof challenge !== 'string' || typeof salt !== 'string' || typeof signature !== 'string') return null;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) return null;
  const expires = Number(new URLSearchParams(salt.split('?')[1] ?? '').get('expires'));
  if (!Number.isFinite(expires) || expires * 1000 < now) return null;
  const expected = createHash('sha256').update(`${salt}${number}`).digest('hex');
  const signed = createHmac('sha256', hmacKey).update(expected).digest('hex');
  if (expected !== challenge || signed.length !== signature.length) return null;
  return timingSafeEqual(Buffer.from(signed), Buffer.from(signature)) ? signature : null;
}
