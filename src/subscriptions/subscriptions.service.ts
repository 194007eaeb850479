import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FieldError, validateBody } from '../common/field-errors';
import { ConsentRecord, ConsentService, LEDGER_COLUMNS, RequestOrigin } from '../consent/consent.service';
import { Db } from '../database/db.service';
import { JobSector } from '../newsletters/job-sector.entity';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { hashToken } from '../tokens/link-tokens';
import { LinksService } from '../tokens/links.service';
import { PreferencesDto, SignupDto } from './dtos/signup.dto';
import { normaliseEmail } from './email-address';
import { AccountEmailKind } from './account-email.entity';
import { SubscriptionStatus } from './subscription.entity';

export const CONFIRMATION_TTL_SECONDS = 72 * 3600;
export const ACCOUNT_EMAILS_PER_DAY = 3;

export interface SignupRequest {
  email: string;
  newsletters: Newsletter[];
  jobSector: JobSector | null;
  noticeVersion: number;
}

export interface ReaderState {
  subscriberId: number;
  email: string;
  jobSectorId: number | null;
  statuses: Map<number, SubscriptionStatus>;
}

export interface AccountEmailJob {
  accountEmailId: number;
}

const CONFIRM_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Everything a reader does: sign up, confirm, change preferences, leave. Each step that changes
 * a subscription appends to the consent ledger in the same transaction.
 */
@Injectable()
export class SubscriptionsService {
  private readonly logger = new Logger(SubscriptionsService.name);

  constructor(
    private readonly db: Db,
    private readonly catalogue: NewslettersService,
    private readonly consent: ConsentService,
    private readonly links: LinksService,
    @InjectQueue(QUEUES.readerMail) private readonly readerMail: Queue<AccountEmailJob>,
  ) {}

  /**
   * Reads a sign-up from a form or JSON body. `bot` is set when the honeypot field was filled in:
   * the caller answers as if all went well and stores nothing.
   */
  async parseSignup(body: unknown): Promise<{ request?: SignupRequest; errors: FieldError[]; bot: boolean }> {
    const { value, errors } = await validateBody(SignupDto, body);
    const bot = typeof value.website === 'string' ? value.website.trim() !== '' : value.website !== undefined;
    if (bot) return { errors: [], bot };
    if (errors.some((e) => e.field === 'body')) return { errors, bot };
    // Fields that passed their own checks are still looked up, so every problem is named at once.
    const failed = new Set(errors.map((e) => e.field));
    const newsletters: Newsletter[] = [];
    if (!failed.has('newsletters')) {
      for (const slug of new Set(value.newsletters)) {
        const newsletter = await this.catalogue.bySlug(slug);
        if (newsletter) newsletters.push(newsletter);
        else errors.push({ field: 'newsletters', message: `Unknown newsletter: ${slug}` });
      }
    }
    const jobSector = failed.has('jobSector') ? null : await this.resolveSector(value.jobSector, errors);
    const notice = failed.has('noticeVersion')
      ? null
      : value.noticeVersion === undefined
        ? await this.consent.currentNotice()
        : await this.consent.notice(value.noticeVersion);
    if (!notice && !failed.has('noticeVersion')) errors.push({ field: 'noticeVersion', message: 'Unknown notice version' });
    const email = normaliseEmail(value.email);
    if (errors.length > 0 || !email.ok || !notice) return { errors, bot };
    return { request: { email: email.email, newsletters, jobSector, noticeVersion: notice.version }, errors, bot };
  }

  /**
   * Stores a sign-up and queues the one email it leads to. The caller answers the same way
   * whatever happened here, so nobody can learn whether an address was already known.
   */
  async signUp(request: SignupRequest, origin: RequestOrigin): Promise<void> {
    const fresh = this.db.isPostgres ? await this.signUpNewReader(request, origin) : null;
    if (fresh !== null) return this.queueAccountEmail(fresh);
    const accountEmailId = await this.db.transaction(async () => {
      const { subscriberId, created } = await this.findOrCreateSubscriber(request.email, request.jobSector?.id ?? null);
      // A reader created by this transaction has no subscriptions and no account emails yet, and
      // already has the chosen job sector: the checks and the update below are for known addresses.
      if (!created) {
        const active = await this.db.query(
          `SELECT 1 FROM subscriptions WHERE subscriber_id = $1 AND status = 'active' LIMIT 1`,
          [subscriberId],
        );
        // Someone who already receives newsletters gets a link to their preferences instead: a
        // stranger typing their address must not be able to change what they receive.
        if (active.rows.length > 0) return this.createAccountEmail(subscriberId, 'preferences');
      }

      if (request.newsletters.length > 0) {
        // One statement for every newsletter chosen (they are distinct), not one per newsletter.
        const rows = request.newsletters.map((_, i) => `($1, $${i + 2}, 'pending', ${this.db.now}, ${this.db.now})`);
        await this.db.query(
          `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
           VALUES ${rows.join(', ')}
           ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE
             SET status = 'pending', unsubscribed_at = NULL, updated_at = ${this.db.now}
             WHERE subscriptions.status = 'unsubscribed'`,
          [subscriberId, ...request.newsletters.map((newsletter) => newsletter.id)],
        );
      }
      if (request.jobSector && !created) {
        await this.db.query(`UPDATE subscribers SET job_sector_id = $2, updated_at = ${this.db.now} WHERE id = $1`, [
          subscriberId,
          request.jobSector.id,
        ]);
      }
      await this.consent.record(
        request.newsletters.map((newsletter) => ({
          subscriberId,
          newsletterId: newsletter.id,
          event: 'subscribed' as const,
          noticeVersion: request.noticeVersion,
          details: { jobSector: request.jobSector?.slug ?? null },
        })),
        origin,
      );
      return this.createAccountEmail(subscriberId, 'confirmation', created);
    });
    if (accountEmailId !== null) await this.queueAccountEmail(accountEmailId);
  }

  /**
   * A new address on PostgreSQL, in one statement: the reader, a pending subscription and a
   * `subscribed` ledger row per newsletter, and the confirmation email, written together or not
   * at all. It does nothing (null) when the address is known, and signUp takes the general path,
   * which leaves exactly the same rows for a new reader. A sign-up costs one round trip, not seven:
   * this is what lets the form hold when an article goes viral (docs/BENCHMARKS.md).
   */
  private async signUpNewReader(request: SignupRequest, origin: RequestOrigin): Promise<number | null> {
    const created = await this.db.query<{ id: number }>(
      `WITH reader AS (
         INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES ($1, $2, now(), now())
         ON CONFLICT (email) DO NOTHING RETURNING id
       ), subscriptions AS (
         INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
         SELECT reader.id, newsletter, 'pending', now(), now() FROM reader, unnest($3::int[]) AS newsletter
       ), ledger AS (
         INSERT INTO consent_events (${LEDGER_COLUMNS})
         SELECT reader.id, newsletter, 'subscribed', $4, $5, $6, $7, $8, now() FROM reader, unnest($3::int[]) WITH ORDINALITY AS n(newsletter, position)
         ORDER BY position
       )
       INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
       SELECT reader.id, 'confirmation', ${this.db.nowPlus(CONFIRMATION_TTL_SECONDS)}, now() FROM reader RETURNING id`,
      [
        request.email,
        request.jobSector?.id ?? null,
        request.newsletters.map((newsletter) => newsletter.id),
        request.noticeVersion,
        ...ConsentService.originValues(origin),
        JSON.stringify({ jobSector: request.jobSector?.slug ?? null }),
      ],
    );
    return created.rows.length > 0 ? Number(created.rows[0].id) : null;
  }

  async queueAccountEmail(accountEmailId: number): Promise<void> {
    await this.readerMail.add(
      JOBS.sendAccountEmail,
      { accountEmailId },
      {
        jobId: `account-email-${accountEmailId}`,
        attempts: 8,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
  }

  private async findOrCreateSubscriber(email: string, jobSectorId: number | null): Promise<{ subscriberId: number; created: boolean }> {
    const inserted = await this.db.query<{ id: number }>(
      `INSERT INTO subscribers (email, job_sector_id, created_at, updated_at)
       VALUES ($1, $2, ${this.db.now}, ${this.db.now})
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, jobSectorId],
    );
    if (inserted.rows.length > 0) return { subscriberId: Number(inserted.rows[0].id), created: true };
    const existing = await this.db.query<{ id: number }>(`SELECT id FROM subscribers WHERE email = $1`, [email]);
    return { subscriberId: Number(existing.rows[0].id), created: false };
  }

  /**
   * At most ACCOUNT_EMAILS_PER_DAY emails to one address in 24 hours; null when over. A reader
   * created in this transaction (`newReader`) has had none, so there is nothing to count.
   */
  private async createAccountEmail(subscriberId: number, kind: AccountEmailKind, newReader = false): Promise<number | null> {
    if (!newReader) {
      const recent = await this.db.query<{ n: number }>(
        `SELECT count(*) AS n FROM account_emails WHERE subscriber_id = $1 AND created_at > ${this.db.nowPlus(-86400)}`,
        [subscriberId],
      );
      if (Number(recent.rows[0].n) >= ACCOUNT_EMAILS_PER_DAY) {
        this.logger.warn(`Subscriber ${subscriberId} already had ${ACCOUNT_EMAILS_PER_DAY} account emails today; not sending another`);
        return null;
      }
    }
    const created = await this.db.query<{ id: number }>(
      `INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
       VALUES ($1, $2, ${this.db.nowPlus(CONFIRMATION_TTL_SECONDS)}, ${this.db.now}) RETURNING id`,
      [subscriberId, kind],
    );
    return Number(created.rows[0].id);
  }

  /** The newsletters a confirmation token would start, or null if the token is not usable. */
  async confirmationFor(token: unknown): Promise<{ newsletters: Newsletter[] } | null> {
    if (typeof token !== 'string' || !CONFIRM_TOKEN.test(token)) return null;
    const found = await this.db.query<{ subscriber_id: number }>(
      `SELECT subscriber_id FROM account_emails
       WHERE token_hash = $1 AND kind = 'confirmation' AND used_at IS NULL AND expires_at > ${this.db.now}`,
      [hashToken(token)],
    );
    if (found.rows.length === 0) return null;
    const pending = await this.db.query<{ newsletter_id: number }>(
      `SELECT newsletter_id FROM subscriptions WHERE subscriber_id = $1 AND status = 'pending'`,
      [found.rows[0].subscriber_id],
    );
    return { newsletters: await this.newslettersById(pending.rows.map((row) => Number(row.newsletter_id))) };
  }

  /** Uses a confirmation token once: its reader's pending subscriptions become active. */
  async confirm(token: unknown, origin: RequestOrigin): Promise<{ subscriberId: number; newsletters: Newsletter[] } | null> {
    if (typeof token !== 'string' || !CONFIRM_TOKEN.test(token)) return null;
    return this.db.transaction(async () => {
      const used = await this.db.query<{ subscriber_id: number }>(
        `UPDATE account_emails SET used_at = ${this.db.now}
         WHERE token_hash = $1 AND kind = 'confirmation' AND used_at IS NULL AND expires_at > ${this.db.now}
         RETURNING subscriber_id`,
        [hashToken(token)],
      );
      if (used.rows.length === 0) return null;
      const subscriberId = Number(used.rows[0].subscriber_id);
      const activated = await this.db.query<{ newsletter_id: number }>(
        `UPDATE subscriptions SET status = 'active', confirmed_at = ${this.db.now}, updated_at = ${this.db.now}
         WHERE subscriber_id = $1 AND status = 'pending' RETURNING newsletter_id`,
        [subscriberId],
      );
      const ids = activated.rows.map((row) => Number(row.newsletter_id));
      await this.consent.record(
        ids.map((newsletterId) => ({ subscriberId, newsletterId, event: 'confirmed' as const })),
        origin,
      );
      return { subscriberId, newsletters: await this.newslettersById(ids) };
    });
  }

  /** The reader a preferences link names, with each newsletter's status. */
  async readerByPreferencesToken(token: unknown): Promise<ReaderState | null> {
    const claims = this.links.verify(token, 'preferences');
    return claims ? this.readerState(claims.subscriberId) : null;
  }

  async readerState(subscriberId: number): Promise<ReaderState | null> {
    const subscriber = await this.db.query<{ email: string; job_sector_id: number | null }>(
      `SELECT email, job_sector_id FROM subscribers WHERE id = $1`,
      [subscriberId],
    );
    if (subscriber.rows.length === 0) return null;
    const subscriptions = await this.db.query<{ newsletter_id: number; status: SubscriptionStatus }>(
      `SELECT newsletter_id, status FROM subscriptions WHERE subscriber_id = $1`,
      [subscriberId],
    );
    const row = subscriber.rows[0];
    return {
      subscriberId,
      email: row.email,
      jobSectorId: row.job_sector_id === null ? null : Number(row.job_sector_id),
      statuses: new Map(subscriptions.rows.map((s) => [Number(s.newsletter_id), s.status])),
    };
  }

  /**
   * The preference centre's save. The link came by mail, so ticking a newsletter there is
   * consent from the mailbox's owner and starts it at once.
   */
  async savePreferences(
    reader: ReaderState,
    dto: PreferencesDto,
    origin: RequestOrigin,
  ): Promise<{ errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const wanted = new Set<number>();
    for (const slug of new Set(dto.newsletters)) {
      const newsletter = await this.catalogue.bySlug(slug);
      if (newsletter) wanted.add(newsletter.id);
      else errors.push({ field: 'newsletters', message: `Unknown newsletter: ${slug.slice(0, 64)}` });
    }
    const sector = await this.resolveSector(dto.jobSector, errors);
    if (errors.length > 0) return { errors };

    await this.db.transaction(async () => {
      const current = await this.readerState(reader.subscriberId);
      if (!current) return;
      const records: ConsentRecord[] = [];
      for (const newsletter of await this.catalogue.list()) {
        const from = current.statuses.get(newsletter.id) ?? null;
        const to: SubscriptionStatus | null = wanted.has(newsletter.id)
          ? 'active'
          : from === 'active' || from === 'pending'
            ? 'unsubscribed'
            : from;
        if (to === from || to === null) continue;
        await this.setStatus(reader.subscriberId, newsletter.id, to);
        records.push({ subscriberId: reader.subscriberId, newsletterId: newsletter.id, event: 'preferences_changed', details: { from, to } });
      }
      const sectorId = sector?.id ?? null;
      if (sectorId !== current.jobSectorId) {
        await this.db.query(`UPDATE subscribers SET job_sector_id = $2, updated_at = ${this.db.now} WHERE id = $1`, [
          reader.subscriberId,
          sectorId,
        ]);
        const before = await this.catalogue.sectorById(current.jobSectorId);
        records.push({
          subscriberId: reader.subscriberId,
          newsletterId: null,
          event: 'preferences_changed',
          details: { jobSector: { from: before?.slug ?? null, to: sector?.slug ?? null } },
        });
      }
      await this.consent.record(records, origin);
    });
    return { errors: [] };
  }

  /**
   * Leaves one newsletter, or all of them when `newsletterId` is null. Repeating it changes
   * nothing and records nothing.
   */
  async unsubscribe(subscriberId: number, newsletterId: number | null, origin: RequestOrigin): Promise<Newsletter[]> {
    return this.db.transaction(async () => {
      const left = await this.db.query<{ newsletter_id: number }>(
        `UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = ${this.db.now}, updated_at = ${this.db.now}
         WHERE subscriber_id = $1 AND status IN ('pending', 'active') ${newsletterId === null ? '' : 'AND newsletter_id = $2'}
         RETURNING newsletter_id`,
        newsletterId === null ? [subscriberId] : [subscriberId, newsletterId],
      );
      const ids = left.rows.map((row) => Number(row.newsletter_id));
      await this.consent.record(
        ids.map((id) => ({ subscriberId, newsletterId: id, event: 'unsubscribed' as const })),
        origin,
      );
      return this.newslettersById(ids);
    });
  }

  private async setStatus(subscriberId: number, newsletterId: number, status: SubscriptionStatus): Promise<void> {
    const confirmed = status === 'active' ? `COALESCE(subscriptions.confirmed_at, ${this.db.now})` : 'subscriptions.confirmed_at';
    const unsubscribed = status === 'unsubscribed' ? this.db.now : 'NULL';
    await this.db.query(
      `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, unsubscribed_at, created_at, updated_at)
       VALUES ($1, $2, $3, ${status === 'active' ? this.db.now : 'NULL'}, ${unsubscribed}, ${this.db.now}, ${this.db.now})
       ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE
         SET status = $3, confirmed_at = ${confirmed}, unsubscribed_at = ${unsubscribed}, updated_at = ${this.db.now}`,
      [subscriberId, newsletterId, status],
    );
  }

  private async resolveSector(slug: string | undefined, errors: FieldError[]): Promise<JobSector | null> {
    if (slug === undefined) return null;
    const sector = await this.catalogue.sectorBySlug(slug);
    if (!sector) errors.push({ field: 'jobSector', message: 'Choose a job sector from the list' });
    return sector ?? null;
  }

  private async newslettersById(ids: number[]): Promise<Newsletter[]> {
    return (await this.catalogue.list()).filter((newsletter) => ids.includes(newsletter.id));
  }
}
