import { createHash } from 'node:crypto';

/** What a reader's browser does for the embed's proof of work: fetch a challenge and find its number. */
export async function solveChallenge(base: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${base}/embed/challenge`, { headers });
  if (!response.ok) throw new Error(`GET /embed/challenge answered ${response.status}`);
  const challenge = (await response.json()) as { algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string };
  for (let number = 0; number <= challenge.maxnumber; number += 1) {
    if (
      createHash('sha256')
        .update(challenge.salt + number)
        .digest('hex') === challenge.challenge
    ) {
      const { algorithm, salt, signature } = challenge;
      return Buffer.from(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature })).toString('base64');
    }
  }
  throw new Error('Challenge not solved');
}
