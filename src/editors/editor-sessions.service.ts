import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { normaliseEmail } from '../common/email-address';
import { Db } from '../database/db.service';
import * as queries from './editor-sessions.queries';
import { MailService } from '../mail/mail.service';
import { TemplatesService } from '../mail/templates.service';
import { REDIS } from '../queue/redis-connection';
import { hashToken, randomToken } from '../tokens/link-tokens';
import { LinksService } from '../tokens/links.service';
import { EditorIdentity } from './editors.service';

const LINK_MINUTES = 15;
/** A session ends after this long without a request. */
export const SESSION_IDLE_HOURS = 12;
const SIGN_IN_LINK = /^[A-Za-z0-9_-]{43}$/;

export type SignInLinkState = { usable: true; email: string } | { usable: false };

/**
 * Signing in to the newsroom by email: a single-use link (15 minutes, only its hash stored), a
 * page with a button (so a link scanner signs nobody in), then a session whose random id is the
 * cookie's value (only its hash stored). Revoking an editor ends their sessions at once.
 */
@Injectable()
export class EditorSessionsService {
  private readonly logger = new Logger(EditorSessionsService.name);
  private readonly perAddress: RateLimiterRedis;
  private readonly perClient: RateLimiterRedis;

  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly templates: TemplatesService,
    private readonly links: LinksService,
    @Inject(REDIS) redis: IORedis,
  ) {
    this.perAddress = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'editor-sign-in-address', points: 3, duration: 900 });
    this.perClient = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'editor-sign-in-client', points: 10, duration: 900 });
  }

  /**
   * Emails a sign-in link when the address is an active editor's. The caller answers the same
   * way whatever happened, so the form says nothing about who is an editor. False when the client
   * or the address asked too often.
   */
  async requestLink(address: string, client: string, next = '/newsroom'): Promise<boolean> {
    const checked = normaliseEmail(address);
    try {
      await this.perClient.consume(client);
      if (checked.ok) await this.perAddress.consume(checked.email);
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
    if (!checked.ok) return true;
    const token = randomToken();
    const created = await this.db.run(queries.createSignInLink, { email: checked.email, tokenHash: hashToken(token), minutes: LINK_MINUTES });
    if (created.rows.length === 0) return true;
    const signInUrl = this.links.url(`/newsroom/sign-in/confirm?token=${token}${next === '/newsroom' ? '' : `&next=${encodeURIComponent(next)}`}`);
    const { html, text } = await this.templates.email('editor-sign-in', { subject: 'Sign in to the newsroom', email: checked.email, signInUrl });
    // Not awaited: the answer must not take longer for an editor's address than for anyone's.
    this.mail
      .send({ to: checked.email, subject: 'Sign in to the New Statesman newsroom', html, text, kind: 'editor-sign-in' })
      .catch((error: Error) => this.logger.error(`The sign-in link to editor ${created.rows[0].editor_id} could not be sent: ${error.message}`));
    return true;
  }

  /** Whether a sign-in link can still be used (for the page with the button). */
  async linkState(token: unknown): Promise<SignInLinkState> {
    if (typeof token !== 'string' || !SIGN_IN_LINK.test(token)) return { usable: false };
    const found = await this.db.run(queries.linkState, { hashToken: hashToken(token) });
    return found.rows[0] ? { usable: true, email: found.rows[0].email } : { usable: false };
  }

  /** Uses a link once and starts a session: the cookie's value, or null when the link cannot be used. */
  async signIn(token: unknown): Promise<string | null> {
    if (typeof token !== 'string' || !SIGN_IN_LINK.test(token)) return null;
    const session = randomBytes(32).toString('base64url');
    const started = await this.db.run(queries.signIn, { hashToken: hashToken(token), hashToken2: hashToken(session) });
    return started.affected > 0 ? session : null;
  }

  /** The editor a session cookie stands for, while it is live; marks it seen. */
  async editorFor(session: unknown): Promise<EditorIdentity | null> {
    if (typeof session !== 'string' || !SIGN_IN_LINK.test(session)) return null;
    const found = await this.db.run(queries.editorForSession, { idHash: hashToken(session), idleHours: SESSION_IDLE_HOURS });
    return found.rows[0] ?? null;
  }

  async signOut(session: unknown): Promise<void> {
    if (typeof session !== 'string') return;
    await this.db.run(queries.signOut, { hashToken: hashToken(session) });
  }
}
