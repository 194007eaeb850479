import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { normaliseEmail } from '../common/email-address';
import { FieldError, validateBody } from '../common/field-errors';
import type { RequestOrigin } from '../common/request-origin';
import type { SignupPage } from '../common/signup-page';
import { ConsentService } from '../consent/consent.service';
import { Db } from '../database/db.service';
import { Metrics } from '../metrics/metrics';
import { JobSector } from '../newsletters/job-sector.entity';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { ReadersService } from '../readers/readers.service';
import { hashToken } from '../tokens/link-tokens';
import { AccountEmailKind, ReaderDataLinkKind } from './account-email.entity';
import { SignupDto } from './dtos/signup.dto';
import { SignupStore } from './signup.store';

export type { ReaderDataLinkKind } from './account-email.entity';

/** At most this many account emails to one address in 24 hours, however many sign-ups race. */
const ACCOUNT_EMAILS_PER_DAY = 3;

/** A sign-up that passed every check: what the form or JSON body asked for. */
export interface ParsedSignup {
  email: string;
  newsletters: Newsletter[];
  jobSector: JobSector | null;
  noticeVersion: number;
}

export interface AccountEmailJob {
  accountEmailId: number;
}

export interface SignupJob {
  signupRequestId: number;
}

const CONFIRM_TOKEN = /^[A-Za-z0-9_-]{43}$/;
// A notice version is a positive whole number of a few digits, written as one.
const NOTICE_VERSION = /^[1-9][0-9]{0,8}$/;

/** Jobs that carry a row's id: the id names the job, so queueing it again adds nothing. */
const ROW_JOB = { attempts: 8, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: true } as const;

/**
 * Signing up: the request stored as it came, the job that carries it out, the one email it leads
 * to (a confirmation, or "manage your preferences"), and the confirmation itself. Owns
 * signup_requests and account_emails; the readers' tables change through ReadersService.
 */
@Injectable()
export class SignupService {
  private readonly logger = new Logger(SignupService.name);

  constructor(
    private readonly db: Db,
    private readonly store: SignupStore,
    private readonly readers: ReadersService,
    private readonly catalogue: NewslettersService,
    private readonly consent: ConsentService,
    @InjectQueue(QUEUES.readerMail) private readonly readerMail: Queue<AccountEmailJob | SignupJob>,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Reads a sign-up from a form or JSON body. `bot` is set when the honeypot field holds text:
   * the caller answers as if all went well and stores nothing.
   */
  async parseSignup(body: unknown): Promise<{ request?: ParsedSignup; errors: FieldError[]; bot: boolean }> {
    const { value, errors } = await validateBody(SignupDto, body);
    // People never see the field; only a bot types into it. A JSON client's null or {} is no text.
    const bot = typeof value.website === 'string' && value.website.trim() !== '';
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
    const notice = await this.resolveNotice((body as { noticeVersion?: unknown }).noticeVersion, errors);
    const email = normaliseEmail(value.email);
    if (errors.length > 0 || !email.ok || !notice) return { errors, bot };
    return { request: { email: email.email, newsletters, jobSector, noticeVersion: notice }, errors, bot };
  }

  /**
   * Stores the sign-up as it came, in one statement, and queues the job that carries it out:
   * the same work whatever the address, so neither the answer nor its timing tells whether it
   * was known. Once this returns, the request is durable; if Redis cannot take the job now, the
   * next sweep of unfinished work queues it (`requeueUnfinished`).
   */
  async requestSignup(request: ParsedSignup, origin: RequestOrigin): Promise<void> {
    const id = await this.store.insertRequest(
      {
        email: request.email,
        newsletterIds: request.newsletters.map((n) => n.id),
        jobSectorId: request.jobSector?.id ?? null,
        noticeVersion: request.noticeVersion,
      },
      origin,
    );
    await this.queueSignup(id).catch((error: Error) => this.logger.warn(`Sign-up ${id} stored; its job will be queued by the next sweep (${error.message})`));
  }

  /**
   * Carries out a stored sign-up, once, in one transaction: the readers' part (ReadersService.signUp),
   * then the one email it leads to, which is queued after the commit.
   */
  async processSignup(signupRequestId: number): Promise<void> {
    const accountEmailId = await this.db.transaction(async () => {
      const request = await this.store.takeRequest(signupRequestId);
      if (!request) return null;
      const origin: RequestOrigin = {
        source: request.source,
        ip: request.ip,
        userAgent: request.userAgent,
        at: request.createdAt,
        page: request.page ? (JSON.parse(request.page) as SignupPage) : null,
      };
      const signedUp = await this.readers.signUp(
        {
          email: request.email,
          newsletterIds: request.newsletterIds,
          jobSector: (await this.catalogue.sectorById(request.jobSectorId)) ?? null,
          noticeVersion: request.noticeVersion,
        },
        origin,
      );
      // A new address's first email is dated when the reader asked; it is under no cap.
      if (signedUp.fresh) return this.store.createAccountEmail(signedUp.subscriberId, 'confirmation', request.createdAt);
      return this.createAccountEmail(signedUp.subscriberId, signedUp.receiving ? 'preferences' : 'confirmation');
    });
    if (accountEmailId !== null) await this.queueAccountEmail(accountEmailId);
  }

  async queueAccountEmail(accountEmailId: number): Promise<void> {
    await this.readerMail.add(JOBS.sendAccountEmail, { accountEmailId }, { ...ROW_JOB, jobId: `account-email-${accountEmailId}` });
  }

  /** Queues these account emails' jobs; the next sweep queues any Redis could not take now. */
  async queueAccountEmails(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.readerMail
      .addBulk(
        ids.map((accountEmailId) => ({
          name: JOBS.sendAccountEmail,
          data: { accountEmailId },
          opts: { ...ROW_JOB, jobId: `account-email-${accountEmailId}` },
        })),
      )
      .catch((error: Error) => this.logger.warn(`${ids.length} account emails stored; the next sweep queues them (${error.message})`));
  }

  private async queueSignup(signupRequestId: number): Promise<void> {
    await this.readerMail.add(JOBS.processSignup, { signupRequestId }, { ...ROW_JOB, jobId: `signup-${signupRequestId}` });
  }

  /**
   * Sign-ups and account emails whose job was lost (Redis restarted empty, a crash between the
   * commit and the enqueue, retries used up while SMTP was down), whatever their age, are queued
   * again. Their job ids make this a no-op for those still queued.
   */
  async requeueUnfinished(): Promise<{ signups: number; emails: number }> {
    const signups = await this.store.unprocessedRequests();
    for (const id of signups) await this.queueSignup(id);
    const emails = await this.store.unsentAccountEmails();
    for (const id of emails) await this.queueAccountEmail(id);
    return { signups: signups.length, emails: emails.length };
  }

  /**
   * At most ACCOUNT_EMAILS_PER_DAY emails to one address in 24 hours; null when over. Sign-ups
   * for one reader take turns here (a lock until the caller's transaction ends), so fifty at
   * once cannot all read "two so far".
   */
  private async createAccountEmail(subscriberId: number, kind: AccountEmailKind): Promise<number | null> {
    await this.store.lockAccountEmails(subscriberId);
    if ((await this.store.accountEmailsInLastDay(subscriberId)) >= ACCOUNT_EMAILS_PER_DAY) {
      this.logger.warn(`Subscriber ${subscriberId} already had ${ACCOUNT_EMAILS_PER_DAY} account emails today; not sending another`);
      return null;
    }
    return this.store.createAccountEmail(subscriberId, kind);
  }

  /**
   * Confirmation emails for readers an import added as pending, in the caller's transaction: one
   * for each new reader, and one for each known reader still under the daily cap (taken in turns
   * with their sign-ups). Their ids, to queue once the caller commits.
   */
  async importConfirmations(newReaders: number[], knownReaders: number[]): Promise<number[]> {
    const fresh = await this.store.createConfirmations(newReaders);
    if (knownReaders.length === 0) return fresh;
    await this.store.lockAccountEmailsOf(knownReaders);
    return [...fresh, ...(await this.store.createConfirmationsWithin(knownReaders, ACCOUNT_EMAILS_PER_DAY))];
  }

  /** How many of these known readers a confirmation would reach under the daily cap (a dry run). */
  countWithinCap(knownReaders: number[]): Promise<number> {
    return this.store.countWithinCap(knownReaders, ACCOUNT_EMAILS_PER_DAY);
  }

  /**
   * What a confirmation link can do: the newsletters it would start, or why it cannot. A link
   * already used by a reader who now receives newsletters says so rather than "does not work".
   */
  async confirmationFor(token: unknown): Promise<{ newsletters: Newsletter[] } | 'already-confirmed' | null> {
    if (typeof token !== 'string' || !CONFIRM_TOKEN.test(token)) return null;
    const subscriberId = await this.store.usableConfirmation(hashToken(token));
    if (subscriberId === null) return (await this.store.usedByActiveReader(hashToken(token))) ? 'already-confirmed' : null;
    return { newsletters: await this.catalogue.byIds(await this.readers.pendingNewsletterIds(subscriberId)) };
  }

  /** Uses a confirmation token once: its reader's pending subscriptions become active. */
  async confirm(token: unknown, origin: RequestOrigin): Promise<{ publicId: string; newsletters: Newsletter[] } | 'already-confirmed' | null> {
    if (typeof token !== 'string' || !CONFIRM_TOKEN.test(token)) return null;
    const confirmed = await this.db.transaction(async () => {
      const subscriberId = await this.store.useConfirmation(hashToken(token));
      if (subscriberId === null) return null;
      const { publicId, newsletters } = await this.readers.confirm(subscriberId, origin);
      // Each newsletter joined sends its welcome, once: taken in turns with the reader's other account emails.
      await this.store.lockAccountEmails(subscriberId);
      const welcomes = await this.store.createWelcomes(
        subscriberId,
        newsletters.map((n) => n.id),
      );
      return { publicId, newsletters, welcomes };
    });
    if (confirmed === null && (await this.store.usedByActiveReader(hashToken(token)))) return 'already-confirmed';
    if (!confirmed) return null;
    this.metrics.confirmed(confirmed.newsletters);
    await this.queueAccountEmails(confirmed.welcomes);
    return { publicId: confirmed.publicId, newsletters: confirmed.newsletters };
  }

  /**
   * An emailed link to the reader's data (its copy, or its erasure), under the same daily cap as
   * every account email; false when over it. Queued after the commit; the sweep queues it if Redis cannot now.
   */
  async requestDataLink(subscriberId: number, kind: ReaderDataLinkKind): Promise<boolean> {
    const id = await this.db.transaction(() => this.createAccountEmail(subscriberId, kind));
    if (id === null) return false;
    await this.queueAccountEmails([id]);
    return true;
  }

  /** The reader an emailed data link of this kind names, while it works (an hour from sending); null otherwise. */
  async readerOfDataLink(token: unknown, kind: ReaderDataLinkKind): Promise<number | null> {
    if (typeof token !== 'string' || !CONFIRM_TOKEN.test(token)) return null;
    return this.store.usableLink(hashToken(token), kind);
  }

  /** Erasure's first step, in the caller's transaction: the address's waiting sign-ups go, and its account emails are held. */
  async holdForErasure(subscriberId: number, email: string): Promise<void> {
    await this.store.dropRequestsOf(email);
    await this.store.holdAccountEmailsOf(subscriberId);
  }

  /** Retention leaves a reader alone whose address has a sign-up waiting: they are back. */
  hasWaitingSignup(email: string): Promise<boolean> {
    return this.store.hasWaitingRequest(email);
  }

  /** Erasure: the reader's account emails (and their tokens' hashes) go. */
  eraseAccountEmails(subscriberId: number): Promise<void> {
    return this.store.deleteAccountEmailsOf(subscriberId);
  }

  /** Sign-ups stored and never carried out for `days`: dropped, with the address and IP address they hold. */
  deleteRequestsOlderThan(days: number): Promise<number> {
    return this.store.deleteRequestsOlderThan(days);
  }

  /**
   * The notice the reader was shown: the current one when the request names none, else exactly
   * a known version, given as a whole number (JSON) or its digits (a form). "0x1", "1e0", " 1",
   * true and [1] are not versions.
   */
  private async resolveNotice(given: unknown, errors: FieldError[]): Promise<number | null> {
    if (given === undefined || given === '') return (await this.consent.currentNotice()).version;
    const digits = typeof given === 'number' ? String(given) : typeof given === 'string' ? given : '';
    const notice = NOTICE_VERSION.test(digits) ? await this.consent.notice(Number(digits)) : null;
    if (!notice) errors.push({ field: 'noticeVersion', message: 'Unknown notice version' });
    return notice?.version ?? null;
  }

  private async resolveSector(slug: string | undefined, errors: FieldError[]): Promise<JobSector | null> {
    if (slug === undefined) return null;
    const sector = await this.catalogue.sectorBySlug(slug);
    if (!sector) errors.push({ field: 'jobSector', message: 'Choose a job sector from the list' });
    return sector ?? null;
  }
}
