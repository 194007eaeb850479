import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { normaliseEmail } from '../common/email-address';
import { Db } from '../database/db.service';
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
    const created = await this.db.query(
      `INSERT INTO editor_sign_in_links (editor_id, token_hash, expires_at, created_at)
       SELECT id, $2, now() + interval '${LINK_MINUTES} minutes', now() FROM editors WHERE email = $1 AND revoked_at IS NULL
       RETURNING editor_id`,
      [checked.email, hashToken(token)],
    );
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
    const found = await this.db.query<{ email: string }>(
      `SELECT e.email FROM editor_sign_in_links l JOIN editors e ON e.id = l.editor_id
       WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND e.revoked_at IS NULL`,
      [hashToken(token)],
    );
    return found.rows[0] ? { usable: true, email: found.rows[0].email } : { usable: false };
  }

  /** Uses a link once and starts a session: the cookie's value, or null when the link cannot be used. */
  async signIn(token: unknown): Promise<string | null> {
    if (typeof token !== 'string' || !SIGN_IN_LINK.test(token)) return null;
    const session = randomBytes(32).toString('base64url');
    const started = await this.db.query(
      `WITH used AS (
         UPDATE editor_sign_in_links l SET used_at = now()
         FROM editors e
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND e.id = l.editor_id AND e.revoked_at IS NULL
         RETURNING l.editor_id)
       INSERT INTO editor_sessions (id_hash, editor_id, last_seen_at, created_at) SELECT $2, editor_id, now(), now() FROM used`,
      [hashToken(token), hashToken(session)],
    );
    return started.affected > 0 ? session : null;
  }

  /** The editor a session cookie stands for, while it is live; marks it seen. */
  async editorFor(session: unknown): Promise<EditorIdentity | null> {
    if (typeof session !== 'string' || !SIGN_IN_LINK.test(session)) return null;
    const found = await this.db.query<{ id: number; email: string }>(
      `UPDATE editor_sessions s SET last_seen_at = now()
       FROM editors e
       WHERE s.id_hash = $1 AND s.ended_at IS NULL AND s.last_seen_at > now() - interval '${SESSION_IDLE_HOURS} hours'
         AND e.id = s.editor_id AND e.revoked_at IS NULL
       RETURNING e.id, e.email`,
      [hashToken(session)],
    );
    return found.rows[0] ?? null;
  }

  async signOut(session: unknown): Promise<void> {
    if (typeof session !== 'string') return;
    await this.db.query(`UPDATE editor_sessions SET ended_at = now() WHERE id_hash = $1 AND ended_at IS NULL`, [hashToken(session)]);
  }
}
