import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FieldError, FieldErrorsException, validateBody } from '../common/field-errors';
import { ConsentRecord, ConsentService, RequestOrigin } from '../consent/consent.service';
import { Db } from '../database/db.service';
import { Metrics } from '../metrics/metrics';
import { JobSector } from '../newsletters/job-sector.entity';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { hashToken } from '../tokens/link-tokens';
import { LinksService } from '../tokens/links.service';
import { PreferencesDto, SignupDto } from './dtos/signup.dto';
import { normaliseEmail } from '../common/email-address';
import { AccountEmailKind } from './account-email.entity';
import { ErasedAddresses } from './erased-addresses';
import { ActiveReader, ImportBatchResult, ImportedReader, ImportTarget } from './reader-import';
import { SubscriptionStatus } from './subscription.entity';
import { ReaderActionRow, ReaderRecord, SubscriptionsStore } from './subscriptions.store';

const ACCOUNT_EMAILS_PER_DAY = 3;

/** A sign-up that passed every check: what the form or JSON body asked for. */
export interface ParsedSignup {
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

export interface SignupJob {
  signupRequestId: number;
}

/**
 * Who asks for a reader's data to be erased. The reader and an editor put the address's keyed
 * hash on the erased list; retention does not: an unconfirmed sign-up never consented, and may
 * have been typed by someone else, so it must not keep the address's owner out of a later import.
 */
export type ErasureRequest =
  | { by: 'reader'; source: string }
  | { by: 'editor'; editorId: number; source: string }
  | { by: 'retention'; days: number };

const CONFIRM_TOKEN = /^[A-Za-z0-9_-]{43}$/;
// A notice version is a positive whole number of a few digits, written as one.
const NOTICE_VERSION = /^[1-9][0-9]{0,8}$/;

/** Jobs that carry a row's id: the id names the job, so queueing it again adds nothing. */
const ROW_JOB = { attempts: 8, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: true } as const;

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
    private readonly erasedAddresses: ErasedAddresses,
    private readonly metrics: Metrics,
    @InjectQueue(QUEUES.readerMail) private readonly readerMail: Queue<AccountEmailJob | SignupJob>,
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
      { email: request.email, newsletterIds: request.newsletters.map((n) => n.id), jobSectorId: request.jobSector?.id ?? null, noticeVersion: request.noticeVersion },
      origin,
    );
    await this.queueSignup(id).catch((error: Error) => this.logger.warn(`Sign-up ${id} stored; its job will be queued by the next sweep (${error.message})`));
  }

  /**
   * Carries out a stored sign-up, once: a new reader in one statement; a known one gets pending
   * subscriptions and a confirmation, or, already receiving newsletters, a "manage your
   * preferences" email instead (a stranger typing their address must not be able to change
   * what they receive). Then the one email it leads to is queued.
   */
  async processSignup(signupRequestId: number): Promise<void> {
    const accountEmailId = await this.db.transaction(async () => {
      const request = await this.store.takeRequest(signupRequestId);
      if (!request) return null;
      const origin: RequestOrigin = { source: request.source, ip: request.ip, userAgent: request.userAgent, at: request.createdAt };
      const sector = await this.catalogue.sectorById(request.jobSectorId);
      const fresh = await this.store.insertNewReader(
        { ...request, jobSectorSlug: sector?.slug ?? null },
        origin,
      );
      if (fresh !== null) return fresh;
      const { subscriberId, created } = await this.store.findOrCreate(request.email, request.jobSectorId);
      if (!created && (await this.store.hasActiveSubscription(subscriberId))) return this.createAccountEmail(subscriberId, 'preferences');
      await this.store.addPending(subscriberId, request.newsletterIds);
      if (request.jobSectorId !== null && !created) await this.store.setJobSector(subscriberId, request.jobSectorId);
      await this.consent.record(
        request.newsletterIds.map((newsletterId) => ({
          subscriberId,
          newsletterId,
          event: 'subscribed' as const,
          noticeVersion: request.noticeVersion,
          personalDetails: { jobSector: sector?.slug ?? null },
        })),
        origin,
      );
      return this.createAccountEmail(subscriberId, 'confirmation');
    });
    if (accountEmailId !== null) await this.queueAccountEmail(accountEmailId);
  }

  async queueAccountEmail(accountEmailId: number): Promise<void> {
    await this.readerMail.add(JOBS.sendAccountEmail, { accountEmailId }, { ...ROW_JOB, jobId: `account-email-${accountEmailId}` });
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
      // A new consent from the mailbox's owner: an earlier erasure no longer speaks for them. Not
      // at sign-up: anyone can type an address, and an unconfirmed sign-up is erased unlisted.
      const reader = ids.length > 0 ? await this.store.reader(subscriberId) : null;
      if (reader) await this.erasedAddresses.forget(reader.email);
      return { subscriberId, newsletters: await this.catalogue.byIds(ids) };
    });
    if (confirmed === null && (await this.store.usedByActiveReader(hashToken(token)))) return 'already-confirmed';
    if (confirmed) this.metrics.confirmed(confirmed.newsletters);
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
    const left: Newsletter[] = [];

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
        if (to === 'unsubscribed') left.push(newsletter);
        records.push({ subscriberId: reader.subscriberId, newsletterId: newsletter.id, event: 'preferences_changed', details: { from, to } });
      }
      const sectorId = sector?.id ?? null;
      if (sectorId !== current.jobSectorId) {
        await this.store.setJobSector(reader.subscriberId, sectorId);
        records.push({
          subscriberId: reader.subscriberId,
          newsletterId: null,
          event: 'preferences_changed',
          personalDetails: { jobSector: { from: before.find((s) => s.id === current.jobSectorId)?.slug ?? null, to: sector?.slug ?? null } },
        });
      }
      await this.consent.record(records, origin);
    });
    this.metrics.unsubscribed(left, origin.source);
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
    const left = await this.catalogue.byIds(ids);
    this.metrics.unsubscribed(left, origin.source);
    return left;
  }

  audienceBySector(newsletterId: number): ReturnType<SubscriptionsStore['audienceBySector']> {
    return this.store.audienceBySector(newsletterId);
  }

  audienceFigures() {
    return this.store.audienceFigures();
  }

  /** Leaves these readers out of every later audience: the server refused their address for good. */
  suppress(subscriberIds: number[], reason: string): Promise<void> {
    return this.store.suppress(subscriberIds, reason);
  }

  /** The id of the reader with exactly this address (trimmed and lower-cased, as stored), for a bounce or complaint that names it. */
  findSubscriberId(email: string): Promise<number | null> {
    return this.store.findIdByEmail(email.trim().toLowerCase());
  }

  /**
   * One batch of a readers' import (SubscriptionsStore.importReaders), in one transaction; the
   * confirmation emails are queued once it commits. A known reader's confirmation is under the
   * same daily cap as a sign-up's, taken in turns with their sign-ups. A dry run classifies the
   * batch the same way and writes nothing.
   */
  async importReaders(readers: ImportedReader[], target: ImportTarget, dryRun: boolean): Promise<ImportBatchResult> {
    const confirming = target.mode === 'send-confirmation';
    if (dryRun) {
      const { counts, confirmations } = await this.store.classifyImport(readers, target.newsletterId, ACCOUNT_EMAILS_PER_DAY);
      return { counts, confirmations: confirming ? confirmations : 0, overCap: confirming ? counts.created - confirmations : 0 };
    }
    const notice = await this.consent.currentNotice();
    const written = await this.db.transaction(async () => {
      const batch = await this.store.importReaders(readers, {
        newsletterId: target.newsletterId,
        status: confirming ? 'pending' : 'active',
        confirmations: confirming,
        // One `subscribed` row, saying whether the subscription started active: a reader imported as
        // confirmed never confirmed with us, so no `confirmed` row claims they did. A pending
        // one's own click on the emailed link writes that.
        ledger: {
          event: 'subscribed',
          noticeVersion: notice.version,
          details: { import: { file: target.file, basis: target.basis, status: confirming ? 'pending' : 'active', editorId: target.editorId } },
          origin: { source: 'import', ip: null, userAgent: null },
        },
      });
      if (!confirming || batch.knownAdded.length === 0) return { ...batch, knownEmailIds: [] as number[] };
      await this.store.lockAccountEmailsOf(batch.knownAdded);
      return { ...batch, knownEmailIds: await this.store.createConfirmationsWithin(batch.knownAdded, ACCOUNT_EMAILS_PER_DAY) };
    });
    const emailIds = [...written.emailIds, ...written.knownEmailIds];
    await this.queueAccountEmails(emailIds).catch((error: Error) =>
      this.logger.warn(`${emailIds.length} imported readers' confirmations stored; the next sweep queues them (${error.message})`),
    );
    return { counts: written.counts, confirmations: emailIds.length, overCap: confirming ? written.counts.created - emailIds.length : 0 };
  }

  private async queueAccountEmails(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.readerMail.addBulk(
      ids.map((accountEmailId) => ({ name: JOBS.sendAccountEmail, data: { accountEmailId }, opts: { ...ROW_JOB, jobId: `account-email-${accountEmailId}` } })),
    );
  }

  /** The next `limit` readers after `afterId` who receive the newsletter now, by id (an export pages through them). */
  activeReadersAfter(newsletterId: number, afterId: number, limit: number): Promise<ActiveReader[]> {
    return this.store.activeReadersAfter(newsletterId, afterId, limit);
  }

  /** The reader with exactly this address (trimmed and lower-cased, as stored): no partial matches. */
  async findReader(email: string): Promise<ReaderRecord | null> {
    const id = await this.store.findIdByEmail(email.trim().toLowerCase());
    return id === null ? null : this.store.readerRecord(id);
  }

  readerRecord(subscriberId: number): Promise<ReaderRecord | null> {
    return this.store.readerRecord(subscriberId);
  }

  readerActions(subscriberId: number): Promise<ReaderActionRow[]> {
    return this.store.readerActions(subscriberId);
  }

  /**
   * An editor suppresses a reader, or lifts the suppression, saying why; reader_actions records
   * who. Suppressed, the reader is in no audience taken from then on, and a send under way skips
   * them at its next claim. Their subscriptions, and so the consent ledger, stay as they chose.
   */
  async setSuppressedByEditor(subscriberId: number, suppressed: boolean, editorId: number, reason: unknown): Promise<{ email: string; changed: boolean }> {
    const reader = await this.store.readerRecord(subscriberId);
    if (!reader) throw new NotFoundException('No such reader');
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (why === '') throw new FieldErrorsException([{ field: 'reason', message: 'Reason: say why, for the record' }]);
    if (why.length > 1000) throw new FieldErrorsException([{ field: 'reason', message: 'Reason: at most 1,000 characters' }]);
    const changed = suppressed
      ? await this.store.suppressByEditor(subscriberId, editorId, why)
      : await this.store.unsuppressByEditor(subscriberId, editorId, why);
    return { email: reader.email, changed };
  }

  /** Records that an editor exported a reader's data. */
  recordExportByEditor(subscriberId: number, editorId: number): Promise<void> {
    return this.store.addReaderAction(subscriberId, editorId, 'export');
  }

  /**
   * Erasure's part in the subscriptions module's tables and the ledger, in the caller's
   * transaction: sign-ups of the address still waiting are dropped, the reader leaves every
   * newsletter, the ledger's evidence (IP addresses, user agents, sector) is deleted and an
   * `erased` row appended, the address, sector and account emails go, and (unless by
   * retention) the address's keyed hash joins the erased list. The
   * address erased; null when there was no such reader, or, for retention, they confirmed or
   * signed up again meanwhile.
   */
  async erase(subscriberId: number, request: ErasureRequest): Promise<string | null> {
    const email = await this.store.lockForErasure(subscriberId, request.by === 'retention');
    if (email === null) return null;
    if (request.by === 'retention' && !(await this.store.isStaleUnconfirmed(subscriberId, request.days))) return null;
    await this.store.unsubscribe(subscriberId, null);
    await this.consent.eraseEvidence(subscriberId);
    await this.consent.record(
      [{ subscriberId, newsletterId: null, event: 'erased', details: { by: request.by } }],
      { source: request.by === 'retention' ? 'retention' : request.source, ip: null, userAgent: null },
    );
    await this.store.eraseSubscriber(subscriberId, {
      editorId: request.by === 'editor' ? request.editorId : null,
      reason: request.by === 'reader' ? 'Asked for it in the preference centre' : request.by === 'retention' ? `Never confirmed in ${request.days} days` : null,
    });
    if (request.by !== 'retention') await this.erasedAddresses.add(email);
    return email;
  }

  /** The next unconfirmed sign-ups older than `days`, after `after`, by id (keyset). */
  async staleUnconfirmed(days: number, after: number, limit: number): Promise<number[]> {
    const newsletters = await this.catalogue.list();
    return this.store.staleUnconfirmed(newsletters.map((n) => n.id), days, after, limit);
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
