import { randomBytes, randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { normaliseEmail } from '../common/email-address';
import { EditorialConfig, editorialConfig } from '../config/config';
import { Db } from '../database/db.service';
import * as queries from './editor-sessions.queries';
import { MailService } from '../mail/mail.service';
import { TemplatesService } from '../mail/templates.service';
import { JOBS, QUEUES } from '../queue/queues';
import { REDIS } from '../queue/redis-connection';
import { hashToken, randomToken } from '../tokens/link-tokens';
import { LinksService } from '../tokens/links.service';
import { EditorAudit } from './editor-audit.service';
import { EditorIdentity, identityOf } from './editors.service';

const LINK_MINUTES = 15;
/** An invitation's link waits longer than a sign-in link: three days. */
const INVITATION_MINUTES = 3 * 24 * 60;
/** A session ends after this long without a request. */
export const SESSION_IDLE_HOURS = 12;
const SIGN_IN_LINK = /^[A-Za-z0-9_-]{43}$/;
/** A mail server away for a moment should not lose a link; a job's data (an address) does not stay in Redis after. */
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: 100 };

export type SignInLinkState = { usable: true; email: string } | { usable: false };

/** A queued sign-in link: where it goes, and where signing in leads. */
export interface SignInLinkJob {
  email: string;
  next: string;
  /** Set for an invitation: who invited them, for the email's wording. */
  invitedBy?: string;
}

/**
 * Signing in to the newsroom by email: a single-use link (15 minutes, only its hash stored), a
 * page with a button (so a link scanner signs nobody in), then a session whose random id is the
 * cookie's value (only its hash stored). A session ends after 12 idle hours, after
 * NEWSROOM_SESSION_MAX_HOURS however busy, at sign-out, or at once when the editor is removed.
 */
@Injectable()
export class EditorSessionsService {
  private readonly perAddress: RateLimiterRedis;
  private readonly perClient: RateLimiterRedis;

  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly templates: TemplatesService,
    private readonly links: LinksService,
    private readonly audit: EditorAudit,
    @InjectQueue(QUEUES.editors) private readonly queue: Queue<SignInLinkJob>,
    @Inject(editorialConfig.KEY) private readonly config: EditorialConfig,
    @Inject(REDIS) redis: IORedis,
  ) {
    this.perAddress = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'editor-sign-in-address', points: 3, duration: 900 });
    this.perClient = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'editor-sign-in-client', points: 10, duration: 900 });
  }

  /**
   * Queues a sign-in link for any well-formed address: whether it is an editor's is only looked
   * up by the job, so the request does the same work for an editor as for a stranger, and the
   * caller answers the same way. False when the client or the address asked too often.
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
    await this.queue.add(JOBS.sendSignInLink, { email: checked.email, next }, { ...JOB_OPTIONS, jobId: `sign-in-${randomUUID()}` });
    return true;
  }

  /** The job: a link for an active editor's address (nothing for anyone else), emailed. */
  async sendLink(job: SignInLinkJob): Promise<boolean> {
    const token = randomToken();
    const minutes = job.invitedBy ? INVITATION_MINUTES : LINK_MINUTES;
    const created = await this.db.run(queries.createSignInLink, { email: job.email, tokenHash: hashToken(token), minutes });
    if (created.rows.length === 0) return false;
    const signInUrl = this.links.url(`/newsroom/sign-in/confirm?token=${token}${job.next === '/newsroom' ? '' : `&next=${encodeURIComponent(job.next)}`}`);
    const subject = job.invitedBy ? `${job.invitedBy} invited you to the New Statesman newsroom` : 'Sign in to the New Statesman newsroom';
    const validFor = job.invitedBy ? '3 days' : '15 minutes';
    const { html, text } = await this.templates.email('editor-sign-in', { subject, email: job.email, signInUrl, invitedBy: job.invitedBy, validFor });
    await this.mail.send({ to: job.email, subject, html, text, kind: 'editor-sign-in' });
    return true;
  }

  /** Queues an invitation: a sign-in link that lasts three days (no limit: an admin asked). */
  async invite(email: string, invitedBy: string): Promise<void> {
    await this.queue.add(JOBS.sendSignInLink, { email, next: '/newsroom', invitedBy }, { ...JOB_OPTIONS, jobId: `invite-${randomUUID()}` });
  }

  /** Whether a sign-in link can still be used (for the page with the button). */
  async linkState(token: unknown): Promise<SignInLinkState> {
    if (typeof token !== 'string' || !SIGN_IN_LINK.test(token)) return { usable: false };
    const found = await this.db.run(queries.linkState, { hashToken: hashToken(token) });
    return found.rows[0] ? { usable: true, email: found.rows[0].email } : { usable: false };
  }

  /** Uses a link once and starts a session: the cookie's value, or null when the link cannot be used. */
  async signIn(token: unknown, client: string | null = null): Promise<string | null> {
    if (typeof token !== 'string' || !SIGN_IN_LINK.test(token)) {
      await this.audit.record({ editorId: null, action: 'sign-in.failed', detail: 'a malformed sign-in link', client });
      return null;
    }
    const session = randomBytes(32).toString('base64url');
    const started = await this.db.run(queries.signIn, { hashToken: hashToken(token), hashToken2: hashToken(session) });
    const editorId = started.rows[0]?.editor_id ?? null;
    await this.audit.record({
      editorId,
      action: editorId === null ? 'sign-in.failed' : 'sign-in',
      detail: editorId === null ? 'a used or expired sign-in link' : 'by emailed link',
      client,
    });
    return editorId === null ? null : session;
  }

  /** The editor a session cookie stands for, while it is live; marks it seen. */
  async editorFor(session: unknown): Promise<EditorIdentity | null> {
    if (typeof session !== 'string' || !SIGN_IN_LINK.test(session)) return null;
    const found = await this.db.run(queries.editorForSession, {
      idHash: hashToken(session),
      idleHours: SESSION_IDLE_HOURS,
      maxHours: this.config.sessionMaxHours,
    });
    return found.rows[0] ? identityOf(found.rows[0]) : null;
  }

  async signOut(session: unknown): Promise<void> {
    if (typeof session !== 'string') return;
    await this.db.run(queries.signOut, { hashToken: hashToken(session) });
  }
}
