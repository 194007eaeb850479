// altcha-lib 2.8.0 (pinned) names its v1 API only in package.json "exports", which this project's
// node10 module resolution does not read; these are the two functions SignupChallenge and its spec use.

declare module 'altcha-lib/v1' {
  export interface Challenge {
    algorithm: 'SHA-256';
    challenge: string;
    maxnumber?: number;
    salt: string;
    signature: string;
  }
  export function createChallenge(options: { algorithm?: 'SHA-256'; expires?: Date; hmacKey: string; maxnumber?: number; number?: number }): Promise<Challenge>;
  export function verifySolution(payload: string, hmacKey: string, checkExpires?: boolean): Promise<boolean>;
}
