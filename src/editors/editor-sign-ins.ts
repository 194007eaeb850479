import { Inject, Injectable } from '@nestjs/common';
import IORedis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { EditorialConfig, editorialConfig } from '../config/config';
import { REDIS } from '../queue/redis.module';
import { EditorAudit } from './editor-audit.service';
import { EditorIdentity, EditorsService } from './editors.service';

export type SignInOutcome =
  | { ok: true; editor: EditorIdentity }
  | { ok: false; status: 401 | 403; message: string }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

/**
 * The token in an Authorization header: `Bearer <token>`, or `Basic` with the token as the
 * password (what a browser's login box sends). Schemes are case-insensitive (RFC 7235).
 */
export function tokenFrom(authorization: string | undefined): string | null {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(authorization ?? '');
  if (!match) return null;
  const scheme = match[1].toLowerCase();
  if (scheme === 'bearer') return match[2];
  if (scheme !== 'basic') return null;
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

/**
 * Every way a credential is checked goes through here (the API's guard, Bull Board, Postmark's webhook),
 * under one count of failures per client address: past EDITOR_AUTH_FAILURES_PER_10_MIN, that
 * address gets 429 everywhere until the window passes, even with a right token.
 */
@Injectable()
export class EditorSignIns {
  private readonly failures: RateLimiterRedis;

  constructor(
    private readonly editors: EditorsService,
    private readonly audit: EditorAudit,
    @Inject(REDIS) redis: IORedis,
    @Inject(editorialConfig.KEY) config: EditorialConfig,
  ) {
    this.failures = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'editor-auth-failures', points: config.authFailuresPer10Min, duration: 600 });
  }

  async check(client: string, token: string | null): Promise<SignInOutcome> {
    const blocked = await this.blocked(client);
    if (blocked) return blocked;
    const result = token ? await this.editors.authenticate(token) : null;
    if (result?.ok) return result;
    await this.failed(client);
    if (token)
      await this.audit.record({
        editorId: null,
        action: 'sign-in.failed',
        detail: result?.reason === 'revoked' ? 'a revoked API token' : 'a wrong API token',
        client,
      });
    if (result?.reason === 'revoked') return { ok: false, status: 403, message: 'This editor token has been revoked' };
    return { ok: false, status: 401, message: 'An editor token is required: Authorization: Bearer <token>' };
  }

  /** The 429 to answer when this client has failed too often (for any credential check: the webhooks' too). */
  async blocked(client: string): Promise<Extract<SignInOutcome, { status: 429 }> | null> {
    const blocked = await this.failures.get(client);
    if (!blocked || blocked.remainingPoints > 0) return null;
    const retryAfterSeconds = Math.ceil(blocked.msBeforeNext / 1000);
    return { ok: false, status: 429, message: `Too many failed sign-ins from this address; try again in ${retryAfterSeconds} s`, retryAfterSeconds };
  }

  /** Counts a failed credential against the client's address. */
  async failed(client: string): Promise<void> {
    await this.failures.penalty(client, 1);
  }
}
