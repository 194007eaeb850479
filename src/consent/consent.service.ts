import { Injectable } from '@nestjs/common';
import type { RequestOrigin } from '../common/request-origin';
import { Db } from '../database/db.service';
import * as queries from './consent.queries';
import { ConsentEventType } from './consent-event.entity';
import { NoticeVersion } from './notice-version.entity';
import { NoticeView, toNoticeView } from './notice-view';
import { RecruitsReport, recruitsReport } from './recruits';

export type { NoticeView } from './notice-view';
export type { RequestOrigin } from '../common/request-origin';


export interface ConsentRecord {
  subscriberId: number;
  newsletterId: number | null;
  event: ConsentEventType;
  noticeVersion?: number;
  /** What changed, when it says nothing about the reader (a status before and after): kept for ever. */
  details?: object;
  /** What the step said about the reader (their job sector): kept with the evidence, and erased with it. */
  personalDetails?: object;
}

export interface ConsentHistoryEntry {
  id: number;
  createdAt: Date;
  newsletterId: number | null;
  event: ConsentEventType;
  source: string;
  /** JSON: what changed. */
  details: string | null;
  noticeVersion: number;
  noticePrompt: string;
  noticeText: string;
  /** Where the step came from; null when not recorded, or erased. */
  ip: string | null;
  userAgent: string | null;
}


export interface SignupSourceCount {
  newsletterId: number;
  page: string;
  via: string;
  articleId: number | null;
  articleTitle: string | null;
  section: string | null;
  signups: number;
  confirmations: number;
}

/** The consent ledger and the notice texts readers were shown: the only writer of both. */
@Injectable()
export class ConsentService {
  private current?: Promise<NoticeVersion>;

  constructor(private readonly db: Db) {}

  /** The notice readers are shown now: the highest version. */
  currentNotice(): Promise<NoticeVersion> {
    this.current ??= this.db.run(queries.currentNotice, undefined).then(({ rows }) => rows[0]);
    this.current.catch(() => (this.current = undefined));
    return this.current;
  }

  async notice(version: number): Promise<NoticeVersion | null> {
    return (await this.db.run(queries.noticeByVersion, { version })).rows[0] ?? null;
  }

  async noticeView(version?: number): Promise<NoticeView> {
    const notice = version === undefined ? await this.currentNotice() : await this.notice(version);
    if (!notice) throw new Error(`No notice version ${version}`);
    return toNoticeView(notice);
  }

  /**
   * A reader's proof of consent, newest first: each event with the exact notice they were shown,
   * and its evidence (IP address, user agent, sector) while the reader's data is kept. `limit`
   * null: every event.
   */
  async history(subscriberId: number, limit: number | null = 500): Promise<ConsentHistoryEntry[]> {
    const found = await this.db.run(queries.history, { subscriberId, limit });
    return found.rows.map((row) => ({ ...row, event: row.event as ConsentEventType }));
  }

  /**
   * Appends rows to the ledger, and their evidence beside it, in one statement, inside the
   * caller's transaction when there is one.
   */
  async record(records: ConsentRecord[], origin: RequestOrigin): Promise<void> {
    if (records.length === 0) return;
    const version = (await this.currentNotice()).version;
    const [source, ip, userAgent] = originValues(origin);
    const page = origin.page ? { page: origin.page.url, via: origin.page.via, ...(origin.page.utm ? { utm: origin.page.utm } : {}) } : null;
    // A sign-up's page is personal (where this reader reads): it goes with the evidence, which erasure deletes.
    const personal = (r: ConsentRecord) => (page && r.event === 'subscribed' ? { ...r.personalDetails, ...page } : r.personalDetails);
    const json = (value?: object) => (value ? JSON.stringify(value) : null);
    await this.db.run(queries.record, {
      subscriberIds: records.map((r) => r.subscriberId),
      newsletterIds: records.map((r) => r.newsletterId),
      events: records.map((r) => r.event),
      noticeVersions: records.map((r) => r.noticeVersion ?? version),
      details: records.map((r) => json(r.details)),
      personal: records.map((r) => json(personal(r))),
      source,
      ip,
      userAgent,
      // The text as stored, not a Date: a Date keeps milliseconds and the request time has microseconds.
      at: origin.at ?? null,
    });
    await this.countSources(records, origin);
  }

  /** The recruits page's counts, kept as the ledger is written: sign-ups per page, and confirmations credited back to them. */
  private async countSources(records: ConsentRecord[], origin: RequestOrigin): Promise<void> {
    const signedUp = records.filter((r) => r.event === 'subscribed' && r.newsletterId !== null).map((r) => r.newsletterId!);
    if (origin.page && signedUp.length > 0) {
      await this.db.run(queries.countSignups, { page: origin.page.url, via: origin.page.via, newsletterIds: signedUp, at: origin.at ?? null });
    }
    const confirmed = new Map<number, number[]>();
    for (const r of records) {
      if (r.event === 'confirmed' && r.newsletterId !== null) confirmed.set(r.subscriberId, [...(confirmed.get(r.subscriberId) ?? []), r.newsletterId]);
    }
    for (const [subscriberId, newsletterIds] of confirmed) await this.db.run(queries.countConfirmations, { subscriberId, newsletterIds });
  }

  /** Which articles, sections and pages recruit readers since `since` (a London date, YYYY-MM-DD): counts only. */
  async recruits(since: string): Promise<RecruitsReport> {
    const found = await this.db.run(queries.signupSources, { since });
    return recruitsReport(since, found.rows);
  }

  /**
   * Erasure's part in the ledger: every row's evidence (IP address, user agent, sector) goes;
   * the rows themselves stay, naming the subscriber id only.
   */
  async eraseEvidence(subscriberId: number): Promise<void> {
    await this.db.run(queries.eraseEvidence, { subscriberId });
  }

  /**
   * Sign-ups, confirmations and unsubscribes per newsletter per day (London time) over the last
   * `days` days, from the ledger.
   */
  async dailyActivity(days: number): Promise<Array<{ newsletterId: number; day: string; event: ConsentEventType; count: number }>> {
    const found = await this.db.run(queries.dailyActivity, { days });
    return found.rows.map((row) => ({ ...row, event: row.event as ConsentEventType }));
  }
}

/** Where a step came from, cut to what the ledger's columns hold. */
function originValues(origin: RequestOrigin): [source: string, ip: string | null, userAgent: string | null] {
  return [origin.source.slice(0, 512), origin.ip?.slice(0, 64) ?? null, origin.userAgent?.slice(0, 512) ?? null];
}
