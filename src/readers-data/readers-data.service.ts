import { Inject, Injectable, Logger } from '@nestjs/common';
import { RetentionConfig, retentionConfig } from '../config/config';
import { ConsentService } from '../consent/consent.service';
import { Db } from '../database/db.service';
import { DeliveryService } from '../delivery/delivery.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { ErasureRequest, ReaderRecord, ReadersService } from '../readers/readers.service';
import { ReaderDataLinkKind, SignupService } from '../signup/signup.service';
import { buildReaderExport, ReaderDataExport } from './reader-data-export';

export type { ReaderDataLinkKind } from '../signup/signup.service';

const MAX_ID = 2_147_483_647;
const RETENTION_PAGE = 100;

/** A reader as the editor's API shows them. */
export interface ReaderSummary {
  id: number;
  email: string;
  jobSector: string | null;
  createdAt: string;
  suppressedAt: string | null;
  subscriptions: Array<{ newsletter: string; status: string; createdAt: string; confirmedAt: string | null; unsubscribedAt: string | null }>;
}

const validId = (id: number) => Number.isSafeInteger(id) && id > 0 && id <= MAX_ID;

/**
 * Readers' rights: a copy of everything held about a reader, and its erasure. Owns no table:
 * each owner erases its own part (readers: subscriptions, the address and the erased list;
 * consent: the ledger's evidence; signup: waiting sign-ups and account emails; delivery: SMTP
 * errors), all in one transaction.
 */
@Injectable()
export class ReadersDataService {
  private readonly logger = new Logger(ReadersDataService.name);

  constructor(
    private readonly db: Db,
    private readonly readers: ReadersService,
    private readonly signup: SignupService,
    private readonly consent: ConsentService,
    private readonly delivery: DeliveryService,
    private readonly newsletters: NewslettersService,
    @Inject(retentionConfig.KEY) private readonly retention: RetentionConfig,
  ) {}

  /** Everything held about a reader; null when there is no such reader (or their data was erased). */
  async export(subscriberId: number): Promise<ReaderDataExport | null> {
    const reader = validId(subscriberId) ? await this.readers.readerRecord(subscriberId) : null;
    if (!reader) return null;
    const [newsletters, sectors, history, deliveries] = await Promise.all([
      this.newsletters.list(),
      this.newsletters.jobSectors(),
      this.consent.history(subscriberId, null),
      this.delivery.receivedBy(subscriberId),
    ]);
    return buildReaderExport({ reader, newsletters, sectors, history, deliveries, now: new Date() });
  }

  /**
   * A reader asks, from the preference centre, for their data or its erasure: a link valid one
   * hour goes to their address, so a forwarded newsletter's links hand over neither. False when
   * the daily cap on account emails is reached.
   */
  requestByEmail(subscriberId: number, kind: ReaderDataLinkKind): Promise<boolean> {
    return this.signup.requestDataLink(subscriberId, kind);
  }

  /** The reader an emailed data link names while it works, or null. */
  readerOfEmailedLink(token: unknown, kind: ReaderDataLinkKind): Promise<number | null> {
    return this.signup.readerOfDataLink(token, kind);
  }

  /** An editor's export, recorded with the editor's id in reader_actions. */
  async exportByEditor(subscriberId: number, editorId: number): Promise<ReaderDataExport | null> {
    const data = await this.export(subscriberId);
    if (data) await this.readers.recordExportByEditor(subscriberId, editorId);
    return data;
  }

  /** The reader with exactly this address (trimmed and lower-cased), for the editor's API. */
  async lookup(email: string): Promise<ReaderSummary | null> {
    const reader = await this.readers.findReader(email);
    return reader && this.summary(reader);
  }

  /**
   * Erases a reader's personal data; false when there was nothing to erase (no such reader,
   * erased already, or, for retention, they confirmed or signed up again meanwhile).
   */
  async erase(subscriberId: number, request: ErasureRequest): Promise<boolean> {
    if (!validId(subscriberId)) return false;
    return this.db.transaction(async () => {
      // Rows are taken in the order every other writer of a reader takes them (a waiting sign-up,
      // account emails, subscriptions, then the reader's own row), so a confirmation, a change of
      // preferences or a sign-up racing the erasure waits for it, or it for them, never both.
      const address = await this.readers.emailOf(subscriberId);
      if (address === null) return false;
      // Retention leaves alone a reader whose address is signing up again: they are back.
      if (request.by === 'retention' && (await this.signup.hasWaitingSignup(address))) return false;
      await this.signup.holdForErasure(subscriberId, address);
      const email = await this.readers.lockForErasure(subscriberId);
      if (email === null) return false;
      if (request.by === 'retention' && !(await this.readers.isStaleUnconfirmed(subscriberId, request.days))) return false;
      await this.readers.erase(subscriberId, email, request);
      await this.signup.eraseAccountEmails(subscriberId);
      await this.delivery.eraseErrors(subscriberId);
      return true;
    });
  }

  /**
   * Retention: every sign-up never confirmed for UNCONFIRMED_RETENTION_DAYS is erased, a page
   * of readers at a time, each in its own transaction; sign-ups stored that long and never
   * carried out go too.
   */
  async eraseStaleUnconfirmed(): Promise<{ erased: number; requests: number }> {
    const days = this.retention.unconfirmedDays;
    let erased = 0;
    let after = 0;
    for (;;) {
      const ids = await this.readers.staleUnconfirmed(days, after, RETENTION_PAGE);
      for (const id of ids) if (await this.erase(id, { by: 'retention', days })) erased += 1;
      if (ids.length < RETENTION_PAGE) break;
      after = ids[ids.length - 1];
    }
    const requests = await this.signup.deleteRequestsOlderThan(days);
    if (erased + requests > 0) this.logger.log(`Erased ${erased} sign-ups unconfirmed for ${days} days, and ${requests} sign-up requests never carried out`);
    return { erased, requests };
  }

  private async summary(reader: ReaderRecord): Promise<ReaderSummary> {
    const [newsletters, sectors] = await Promise.all([this.newsletters.list(), this.newsletters.jobSectors()]);
    return {
      id: reader.id,
      email: reader.email,
      jobSector: sectors.find((s) => s.id === reader.jobSectorId)?.slug ?? null,
      createdAt: new Date(reader.createdAt).toISOString(),
      suppressedAt: reader.suppressedAt ? new Date(reader.suppressedAt).toISOString() : null,
      subscriptions: reader.subscriptions.map((s) => ({
        newsletter: newsletters.find((n) => n.id === s.newsletterId)?.slug ?? `newsletter-${s.newsletterId}`,
        status: s.status,
        createdAt: new Date(s.createdAt).toISOString(),
        confirmedAt: s.confirmedAt ? new Date(s.confirmedAt).toISOString() : null,
        unsubscribedAt: s.unsubscribedAt ? new Date(s.unsubscribedAt).toISOString() : null,
      })),
    };
  }
}
