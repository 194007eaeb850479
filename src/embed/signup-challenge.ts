import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Challenge, createChallenge } from 'altcha-lib/v1';
import IORedis from 'ioredis';
import type { FieldError } from '../common/field-errors';
import { AppConfig, appConfig } from '../config/config';
import { REDIS } from '../queue/redis.module';
import { verifiedSignature } from './altcha-solution';

/** How long a challenge may be solved and used; a used solution is remembered as long. */
const LIFETIME_SECONDS = 10 * 60;
/** Numbers to try: about 25,000 SHA-256 hashes on average, half a second or less in a browser. */
const MAX_NUMBER = 50_000;
const MISSING: FieldError = { field: 'altcha', message: 'The anti-bot check did not run. Reload the page and try again.' };
const INVALID: FieldError = { field: 'altcha', message: 'The anti-bot check failed or expired. Reload the page and try again.' };

/**
 * The invisible proof of work (ALTCHA, computed by the reader's browser; no outside service): a
 * signed challenge, its solution checked here, and each solution taken once, remembered in Redis
 * until the challenge would have expired anyway.
 */
@Injectable()
export class SignupChallenge {
  private readonly key: string;

  constructor(
    @Inject(appConfig.KEY) app: AppConfig,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {
    this.key = createHmac('sha256', app.secret).update('altcha').digest('hex');
  }

  create(): Promise<Challenge> {
    return createChallenge({ algorithm: 'SHA-256', hmacKey: this.key, maxnumber: MAX_NUMBER, expires: new Date(Date.now() + LIFETIME_SECONDS * 1000) });
  }

  /** Whether the solution is well formed, signed by us, correct and unexpired; it is not taken yet. */
  async check(solution: unknown): Promise<FieldError | null> {
    if (solution === undefined || solution === null || solution === '') return MISSING;
    if (typeof solution !== 'string' || solution.length > 2000) return INVALID;
    return verifiedSignature(solution, this.key, Date.now()) === null ? INVALID : null;
  }

  /** Takes a checked solution: false when it was used before. */
  async take(solution: string): Promise<boolean> {
    const signature = verifiedSignature(solution, this.key, Date.now());
    if (signature === null) return false;
    return (await this.redis.set(`altcha:${signature}`, '1', 'EX', LIFETIME_SECONDS, 'NX')) === 'OK';
  }

  /** The error a used solution gets. */
  readonly reused = INVALID;
}
