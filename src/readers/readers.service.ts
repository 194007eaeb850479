import { Injectable } from '@nestjs/common';
import { FieldError } from '../common/field-errors';
import type { RequestOrigin } from '../common/request-origin';
import { ConsentRecord, ConsentService } from '../consent/consent.service';
import { Db } from '../database/db.service';
import { Metrics } from '../metrics/metrics';
import { JobSector } from '../newsletters/job-sector.entity';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { LinksService } from '../tokens/links.service';
import type { TokenReader } from '../tokens/public-id';
import { PreferencesDto } from './dtos/preferences.dto';
import { ErasedAddresses } from './erased-addresses';
import { ErasureRequest, erasureRecord } from './erasure';
import { ImportedReader, ImportWritten, ImportCounts } from './import-batch';
import { ReaderActionRow, ReaderRecord, ReadersStore } from './readers.store';
import { SubscriptionStatus } from './subscription.entity';
import { subscriptionChanges } from './subscription-changes';
import { SuppressionService } from './suppression.service';

export type { ErasureRequest } from './erasure';
export type { ReaderActionRow, ReaderRecord } from './readers.store';

export interface ReaderState {
  subscriberId: number;
  /** Random: what links and mail addresses name the reader by. */
  publicId: string;
  email: string;
  jobSectorId: number | null;
  statuses: Map<number, SubscriptionStatus>;
}

/** A sign-up to carry out: the address, the newsletters asked for, and what the reader was shown. */
export interface ReaderSignup {
  email: string;
  newsletterIds: number[];
  jobSector: JobSector | null;
  noticeVersion: number;
}

/** What a sign-up did to the readers' tables, for the signup module to choose its one email. */
export interface SignedUp {
  subscriberId: number;
  /** A new address: a confirmation, outside any daily cap. */
  fresh: boolean;
  /** The reader already receives a newsletter: nothing changed, a "manage your preferences" email instead. */
  receiving: boolean;
}

/**
 * Readers and their subscriptions: who they are, what they receive, and every change to it, each
 * with its consent-ledger rows in the same transaction. Suppression is SuppressionService's;
 * who receives a newsletter now is the Audience read model's.
 */
@Injectable()
export class ReadersService {
  constructor(
    private readonly db: Db,
    private readonly store: ReadersStore,
    private readonly catalogue: NewslettersService,
    private readonly consent: ConsentService,
    private readonly links: LinksService,
    private readonly erasedAddresses: ErasedAddresses,
    private readonly suppression: SuppressionService,
    private readonly metrics: Metrics,
  ) {}

  /**
   * A sign-up's part here, in the caller's transaction: a new address gets the reader and pending
   * subscriptions (one statement); a known one not receiving anything gets pending subscriptions
   * and, when given, the new sector; either way one `subscribed` row per newsletter. A reader who
   * already receives a newsletter is left as they are: a stranger typing their address must not
   * change what they get.
   */
  async signUp(signup: ReaderSignup, origin: RequestOrigin): Promise<SignedUp> {
    const sectorId = signup.jobSector?.id ?? null;
    const subscribed = (subscriberId: number) =>
      this.consent.record(
        signup.newsletterIds.map((newsletterId) => ({
          subscriberId,
          newsletterId,
          event: 'subscribed' as const,
          noticeVersion: signup.noticeVersion,
          personalDetails: { jobSector: signup.jobSector?.slug ?? null },
        })),
        origin,
      );
    const fresh = await this.store.insertNewReader(signup.email, sectorId, signup.newsletterIds);
    if (fresh !== null) {
      await subscribed(fresh);
      return { subscriberId: fresh, fresh: true, receiving: false };
    }
    const { subscriberId, created } = await this.store.findOrCreate(signup.email, sectorId);
    if (!created && (await this.store.hasActiveSubscription(subscriberId))) return { subscriberId, fresh: false, receiving: true };
    await this.store.addPending(subscriberId, signup.newsletterIds);
    if (sectorId !== null && !created) await this.store.setJobSector(subscriberId, sectorId);
    await subscribed(subscriberId);
    return { subscriberId, fresh: false, receiving: false };
  }

  pendingNewsletterIds(subscriberId: number): Promise<number[]> {
    return this.store.pendingNewsletterIds(subscriberId);
  }

  /**
   * The reader confirmed by mail, in the caller's transaction: their pending subscriptions become
   * active, each with a `confirmed` row. A new consent from the mailbox's owner, so an earlier
   * erasure no longer speaks for them (not at sign-up: anyone can type an address). The
   * newsletters started.
   */
  async confirm(subscriberId: number, origin: RequestOrigin): Promise<{ publicId: string; newsletters: Newsletter[] }> {
    const ids = await this.store.activatePending(subscriberId);
    await this.consent.record(
      ids.map((newsletterId) => ({ subscriberId, newsletterId, event: 'confirmed' as const })),
      origin,
    );
    // A usable confirmation is an unerased reader's (erasure removes their account emails).
    const reader = await this.store.reader(subscriberId);
    if (!reader) throw new Error(`Reader ${subscriberId} confirmed, but is not there`);
    if (ids.length > 0) await this.erasedAddresses.forget(reader.email);
    return { publicId: reader.publicId, newsletters: await this.catalogue.byIds(ids) };
  }

  /** The reader a preferences link names, with each newsletter's status. */
  async readerByPreferencesToken(token: unknown): Promise<ReaderState | null> {
    const claims = this.links.verify(token, 'preferences');
    return claims ? this.readerNamedBy(claims.reader) : null;
  }

  /**
   * The reader a genuine token names, with each newsletter's status: by public id (one lookup
   * through its unique index), or by the sequential id that mail sent before public ids carries.
   */
  readerNamedBy(reader: TokenReader): Promise<ReaderState | null> {
    return 'publicId' in reader ? this.store.readerByPublicId(reader.publicId) : this.readerState(reader.subscriberId);
  }

  /** The id of the reader a genuine token names (erased or not), or null when there is none. */
  async subscriberIdNamedBy(reader: TokenReader): Promise<number | null> {
    return 'publicId' in reader ? this.store.idByPublicId(reader.publicId) : reader.subscriberId;
  }

  readerState(subscriberId: number): Promise<ReaderState | null> {
    return this.store.reader(subscriberId);
  }

  /** The preference centre's save: newsletters ticked start at once, unticked ones stop, and the sector changes. */
  async savePreferences(reader: ReaderState, dto: PreferencesDto, origin: RequestOrigin): Promise<{ errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const wanted = new Set<number>();
    for (const slug of new Set(dto.newsletters)) {
      const newsletter = await this.catalogue.bySlug(slug);
      if (newsletter) wanted.add(newsletter.id);
      else errors.push({ field: 'newsletters', message: `Unknown newsletter: ${slug.slice(0, 64)}` });
    }
    const sector = dto.jobSector === undefined ? null : await this.catalogue.sectorBySlug(dto.jobSector);
    if (dto.jobSector !== undefined && !sector) errors.push({ field: 'jobSector', message: 'Choose a job sector from the list' });
    if (errors.length > 0) return { errors };
    const newsletters = await this.catalogue.list();
    const sectors = await this.catalogue.jobSectors();

    const left = await this.db.transaction(async () => {
      const current = await this.readerState(reader.subscriberId);
      if (!current) return [];
      const records: ConsentRecord[] = [];
      const changes = subscriptionChanges(
        current.statuses,
        wanted,
        newsletters.map((n) => n.id),
      );
      for (const change of changes) {
        await this.store.setStatus(reader.subscriberId, change.newsletterId, change.to);
        records.push({
          subscriberId: reader.subscriberId,
          newsletterId: change.newsletterId,
          event: 'preferences_changed',
          details: { from: change.from, to: change.to },
        });
      }
      const sectorId = sector?.id ?? null;
      if (sectorId !== current.jobSectorId) {
        await this.store.setJobSector(reader.subscriberId, sectorId);
        records.push({
          subscriberId: reader.subscriberId,
          newsletterId: null,
          event: 'preferences_changed',
          personalDetails: { jobSector: { from: sectors.find((s) => s.id === current.jobSectorId)?.slug ?? null, to: sector?.slug ?? null } },
        });
      }
      await this.consent.record(records, origin);
      return newsletters.filter((n) => changes.some((c) => c.newsletterId === n.id && c.to === 'unsubscribed'));
    });
    this.metrics.unsubscribed(left, origin.source);
    return { errors: [] };
  }

  /**
   * Leaves one newsletter, or all of them when `newsletterId` is null. Repeating it changes
   * nothing and records nothing. The newsletters left.
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

  /** The id of the reader with exactly this address (trimmed and lower-cased, as stored), for a bounce or complaint that names it. */
  findSubscriberId(email: string): Promise<number | null> {
    return this.store.findIdByEmail(email.trim().toLowerCase());
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

  /** Records that an editor exported a reader's data. */
  recordExportByEditor(subscriberId: number, editorId: number): Promise<void> {
    return this.store.addReaderAction(subscriberId, editorId, 'export');
  }

  /** The address of a reader not yet erased, or null. */
  emailOf(subscriberId: number): Promise<string | null> {
    return this.store.emailOf(subscriberId);
  }

  /** Holds the reader's rows until the caller's transaction ends; their address, or null when erased or unknown. */
  lockForErasure(subscriberId: number): Promise<string | null> {
    return this.store.lockForErasure(subscriberId);
  }

  /**
   * Erasure's part in the readers' tables and the ledger, in the caller's transaction, once the
   * reader is held (lockForErasure): the reader leaves every newsletter, the ledger's evidence
   * (IP addresses, user agents, sector) is deleted and an `erased` row appended, they stay
   * suppressed, the address and sector go, and (unless by retention) the address's keyed hash
   * joins the erased list.
   */
  async erase(subscriberId: number, email: string, request: ErasureRequest): Promise<void> {
    const record = erasureRecord(request);
    await this.store.unsubscribe(subscriberId, null);
    await this.consent.eraseEvidence(subscriberId);
    await this.consent.record([{ subscriberId, newsletterId: null, event: 'erased', details: { by: request.by } }], {
      source: record.source,
      ip: null,
      userAgent: null,
    });
    await this.suppression.forErasure(subscriberId);
    await this.store.eraseSubscriber(subscriberId, { editorId: record.editorId, reason: record.reason });
    if (record.listAddress) await this.erasedAddresses.add(email);
  }

  /** Whether the reader is an unconfirmed sign-up older than `days`. */
  isStaleUnconfirmed(subscriberId: number, days: number): Promise<boolean> {
    return this.store.isStaleUnconfirmed(subscriberId, days);
  }

  /** The next unconfirmed sign-ups older than `days`, after `after`, by id (keyset). */
  async staleUnconfirmed(days: number, after: number, limit: number): Promise<number[]> {
    const newsletters = await this.catalogue.list();
    return this.store.staleUnconfirmed(
      newsletters.map((n) => n.id),
      days,
      after,
      limit,
    );
  }

  /** One batch of an import: new readers and new subscriptions, nobody brought back (ReadersStore.importReaders). */
  importBatch(readers: ImportedReader[], newsletterId: number, status: 'active' | 'pending'): Promise<ImportWritten> {
    return this.store.importReaders(readers, newsletterId, status);
  }

  /** What importBatch would do, writing nothing. */
  classifyBatch(readers: ImportedReader[], newsletterId: number): Promise<{ counts: ImportCounts; known: number[] }> {
    return this.store.classifyImport(readers, newsletterId);
  }
}
