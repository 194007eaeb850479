import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FieldError, validateBody } from '../common/field-errors';
import { ConsentRecord, ConsentService, RequestOrigin } from '../consent/consent.service';
import { Db } from '../database/db.service';
import { JobSector } from '../newsletters/job-sector.entity';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { hashToken } from '../tokens/link-tokens';
import { LinksService } from '../tokens/links.service';
import { PreferencesDto, SignupDto } from './dtos/signup.dto';
import { normaliseEmail } from '../common/email-address';
import { AccountEmailKind } from './account-email.entity';
import { SubscriptionStatus } from './subscription.entity';
import { SubscriptionsStore } from './subscriptions.store';

const ACCOUNT_EMAILS_PER_DAY = 3;

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
    private readonly store: SubscriptionsStore,
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
    const fresh = await this.store.insertNewReader(
      {
        email: request.email,
        jobSectorId: request.jobSector?.id ?? null,
        jobSectorSlug: request.jobSector?.slug ?? null,
        newsletterIds: request.newsletters.map((newsletter) => newsletter.id),
        noticeVersion: request.noticeVersion,
      },
      origin,
    );
    if (fresh !== null) return this.queueAccountEmail(fresh);
    // A known address: it went through the statement above without writing anything.
    const accountEmailId = await this.db.transaction(async () => {
      const { subscriberId, created } = await this.store.findOrCreate(request.email, request.jobSector?.id ?? null);
      // Someone who already receives newsletters gets a link to their preferences instead: a
      // stranger typing their address must not be able to change what they receive.
      if (!created && (await this.store.hasActiveSubscription(subscriberId))) return this.createAccountEmail(subscriberId, 'preferences');
      await this.store.addPending(subscriberId, request.newsletters.map((newsletter) => newsletter.id));
      if (request.jobSector && !created) await this.store.setJobSector(subscriberId, request.jobSector.id);
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
      return this.createAccountEmail(subscriberId, 'confirmation');
    });
    if (accountEmailId !== null) await this.queueAccountEmail(accountEmailId);
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

  /** At most ACCOUNT_EMAILS_PER_DAY emails to one address in 24 hours; null when over. */
  private async createAccountEmail(subscriberId: number, kind: AccountEmailKind): Promise<number | null> {
    if ((await this.store.accountEmailsInLastDay(subscriberId)) >= ACCOUNT_EMAILS_PER_DAY) {
      this.logger.warn(`Subscriber ${subscriberId} already had ${ACCOUNT_EMAILS_PER_DAY} account emails today; not sending another`);
      return null;
    }
    return this.store.createAccountEmail(subscriberId, kind);
  }

  /**
   * What a confirmation link can do: the newsletters it would start, or why it cannot. A link
   * already used by a reader who now receives newsletters says so rather than "does not work".
   */
  async confirmationFor(token: unknown): Promise<{ newsletters: Newsletter[] } | 'already-confirmed' | null> {
    if (typeof token !== 'string' || !CONFIRM_TOKEN.test(token)) return null;
    const subscriberId = await this.store.usableConfirmation(hashToken(token));
    if (subscriberId === null) return (await this.store.usedByActiveReader(hashToken(token))) ? 'already-confirmed' : null;
    return { newsletters: await this.catalogue.byIds(await this.store.pendingNewsletterIds(subscriberId)) };
  }

  /** Uses a confirmation token once: its reader's pending subscriptions become active. */
  async confirm(token: unknown, origin: RequestOrigin): Promise<{ subscriberId: number; newsletters: Newsletter[] } | 'already-confirmed' | null> {
    if (typeof token !== 'string' || !CONFIRM_TOKEN.test(token)) return null;
    const confirmed = await this.db.transaction(async () => {
      const subscriberId = await this.store.useConfirmation(hashToken(token));
      if (subscriberId === null) return null;
      const ids = await this.store.activatePending(subscriberId);
      await this.consent.record(
        ids.map((newsletterId) => ({ subscriberId, newsletterId, event: 'confirmed' as const })),
        origin,
      );
      return { subscriberId, newsletters: await this.catalogue.byIds(ids) };
    });
    if (confirmed === null && (await this.store.usedByActiveReader(hashToken(token)))) return 'already-confirmed';
    return confirmed;
  }

  /** The reader a preferences link names, with each newsletter's status. */
  async readerByPreferencesToken(token: unknown): Promise<ReaderState | null> {
    const claims = this.links.verify(token, 'preferences');
    return claims ? this.readerState(claims.subscriberId) : null;
  }

  async readerState(subscriberId: number): Promise<ReaderState | null> {
    const reader = await this.store.reader(subscriberId);
    return reader && { subscriberId, ...reader };
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
    const newsletters = await this.catalogue.list();
    const before = await this.catalogue.jobSectors();

    await this.db.transaction(async () => {
      const current = await this.readerState(reader.subscriberId);
      if (!current) return;
      const records: ConsentRecord[] = [];
      for (const newsletter of newsletters) {
        const from = current.statuses.get(newsletter.id) ?? null;
        const to: SubscriptionStatus | null = wanted.has(newsletter.id)
          ? 'active'
          : from === 'active' || from === 'pending'
            ? 'unsubscribed'
            : from;
        if (to === from || to === null) continue;
        await this.store.setStatus(reader.subscriberId, newsletter.id, to);
        records.push({ subscriberId: reader.subscriberId, newsletterId: newsletter.id, event: 'preferences_changed', details: { from, to } });
      }
      const sectorId = sector?.id ?? null;
      if (sectorId !== current.jobSectorId) {
        await this.store.setJobSector(reader.subscriberId, sectorId);
        records.push({
          subscriberId: reader.subscriberId,
          newsletterId: null,
          event: 'preferences_changed',
          details: { jobSector: { from: before.find((s) => s.id === current.jobSectorId)?.slug ?? null, to: sector?.slug ?? null } },
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
    const ids = await this.db.transaction(async () => {
      const left = await this.store.unsubscribe(subscriberId, newsletterId);
      await this.consent.record(
        left.map((id) => ({ subscriberId, newsletterId: id, event: 'unsubscribed' as const })),
        origin,
      );
      return left;
    });
    return this.catalogue.byIds(ids);
  }

  /** Leaves these readers out of every later audience: the server refused their address for good. */
  suppress(subscriberIds: number[], reason: string): Promise<void> {
    return this.store.suppress(subscriberIds, reason);
  }

  private async resolveSector(slug: string | undefined, errors: FieldError[]): Promise<JobSector | null> {
    if (slug === undefined) return null;
    const sector = await this.catalogue.sectorBySlug(slug);
    if (!sector) errors.push({ field: 'jobSector', message: 'Choose a job sector from the list' });
    return sector ?? null;
  }
}
