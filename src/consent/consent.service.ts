import { Injectable } from '@nestjs/common';
import { Db, Params } from '../database/db.service';
import { ConsentEventType } from './consent-event.entity';
import { NoticeVersion } from './notice-version.entity';
import { NoticeView, toNoticeView } from './notice-view';

export type { NoticeView } from './notice-view';

/** Where a consent step came from: recorded with every ledger row. */
export interface RequestOrigin {
  /** The form's URL, `api`, or `one-click` for an RFC 8058 unsubscribe. */
  source: string;
  ip: string | null;
  userAgent: string | null;
  /** When the step was taken, when that was before it is recorded (a queued sign-up); now otherwise. */
  at?: Date | string;
}

export interface ConsentRecord {
  subscriberId: number;
  newsletterId: number | null;
  event: ConsentEventType;
  noticeVersion?: number;
  details?: object;
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
}

const COLUMNS = 'subscriber_id, newsletter_id, event, notice_version, source, ip, user_agent, details, created_at';

/** The consent ledger and the notice texts readers were shown: the only writer of both. */
@Injectable()
export class ConsentService {
  private current?: Promise<NoticeVersion>;

  constructor(private readonly db: Db) {}

  /** The notice readers are shown now: the highest version. */
  currentNotice(): Promise<NoticeVersion> {
    this.current ??= this.db
      .repository(NoticeVersion)
      .find({ order: { version: 'DESC' }, take: 1 })
      .then(([notice]) => notice);
    this.current.catch(() => (this.current = undefined));
    return this.current;
  }

  async notice(version: number): Promise<NoticeVersion | null> {
    return this.db.repository(NoticeVersion).findOneBy({ version });
  }

  async noticeView(version?: number): Promise<NoticeView> {
    const notice = version === undefined ? await this.currentNotice() : await this.notice(version);
    if (!notice) throw new Error(`No notice version ${version}`);
    return toNoticeView(notice);
  }

  /** A reader's proof of consent, newest first: each event with the exact notice they were shown. */
  async history(subscriberId: number, limit = 500): Promise<ConsentHistoryEntry[]> {
    const found = await this.db.query<ConsentHistoryEntry>(
      `SELECT c.id, c.created_at AS "createdAt", c.newsletter_id AS "newsletterId", c.event, c.source, c.details,
              c.notice_version AS "noticeVersion", n.prompt AS "noticePrompt", n.privacy_notice AS "noticeText"
       FROM consent_events c JOIN notice_versions n ON n.version = c.notice_version
       WHERE c.subscriber_id = $1 ORDER BY c.id DESC LIMIT $2`,
      [subscriberId, limit],
    );
    return found.rows;
  }

  /** Appends rows to the ledger, inside the caller's transaction when there is one. */
  async record(records: ConsentRecord[], origin: RequestOrigin): Promise<void> {
    if (records.length === 0) return;
    const version = (await this.currentNotice()).version;
    const p = new Params();
    const [source, ip, userAgent] = originValues(origin);
    const common = [p.add(source), p.add(ip), p.add(userAgent)].join(', ');
    const at = `coalesce(${p.add(origin.at ?? null)}::timestamptz, now())`;
    const rows = records.map(
      (r) =>
        `(${p.add(r.subscriberId)}::int, ${p.add(r.newsletterId)}::int, ${p.add(r.event)}, ${p.add(r.noticeVersion ?? version)}::int, ${common}, ${p.add(
          r.details ? JSON.stringify(r.details) : null,
        )}, ${at})`,
    );
    await this.db.query(`INSERT INTO consent_events (${COLUMNS}) VALUES ${rows.join(', ')}`, p.values);
  }

  /**
   * Sign-ups, confirmations and unsubscribes per newsletter per day (London time) over the last
   * `days` days, from the ledger.
   */
  async dailyActivity(days: number): Promise<Array<{ newsletterId: number; day: string; event: ConsentEventType; count: number }>> {
    const found = await this.db.query<{ newsletterId: number; day: string; event: ConsentEventType; count: number }>(
      `SELECT newsletter_id AS "newsletterId", to_char((created_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS day, event, count(*)::int AS count
       FROM consent_events
       WHERE created_at > now() - make_interval(days => $1) AND newsletter_id IS NOT NULL AND event IN ('subscribed', 'confirmed', 'unsubscribed')
       GROUP BY 1, 2, 3`,
      [days],
    );
    return found.rows;
  }

  /**
   * The ledger's part of a statement that another module's store puts together, for a fast path
   * that writes several owners' tables in one round trip (sign-up). `from` names a CTE or table
   * with one row per subscriber; one `event` row is written per newsletter, in the order given.
   */
  recordStatement(p: Params, from: string, record: { newsletterIds: number[]; event: ConsentEventType; noticeVersion: number; details: object | null }, origin: RequestOrigin): string {
    const [source, ip, userAgent] = originValues(origin);
    return `INSERT INTO consent_events (${COLUMNS})
      SELECT ${from}.id, n.newsletter, ${p.add(record.event)}, ${p.add(record.noticeVersion)}, ${p.add(source)}, ${p.add(ip)}, ${p.add(userAgent)},
             ${p.add(record.details ? JSON.stringify(record.details) : null)}, coalesce(${p.add(origin.at ?? null)}::timestamptz, now())
      FROM ${from}, unnest(${p.add(record.newsletterIds)}::int[]) WITH ORDINALITY AS n(newsletter, position)
      ORDER BY n.position`;
  }
}

/** Where a step came from, cut to what the ledger's columns hold. */
function originValues(origin: RequestOrigin): [source: string, ip: string | null, userAgent: string | null] {
  return [origin.source.slice(0, 512), origin.ip?.slice(0, 64) ?? null, origin.userAgent?.slice(0, 512) ?? null];
}
