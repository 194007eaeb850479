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

const LEDGER_COLUMNS = 'id, subscriber_id, newsletter_id, event, notice_version, source, details, created_at';
// Ids are drawn before the rows are written, so each ledger row and its evidence share one.
const NEXT_ID = `nextval(pg_get_serial_sequence('consent_events', 'id'))`;

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

  /**
   * A reader's proof of consent, newest first: each event with the exact notice they were shown,
   * and its evidence (IP address, user agent, sector) while the reader's data is kept. `limit`
   * null: every event.
   */
  async history(subscriberId: number, limit: number | null = 500): Promise<ConsentHistoryEntry[]> {
    const found = await this.db.query<ConsentHistoryEntry>(
      `SELECT c.id, c.created_at AS "createdAt", c.newsletter_id AS "newsletterId", c.event, c.source,
              CASE WHEN e.details IS NULL THEN c.details WHEN c.details IS NULL THEN e.details
                   ELSE (c.details::jsonb || e.details::jsonb)::text END AS details,
              c.notice_version AS "noticeVersion", n.prompt AS "noticePrompt", n.privacy_notice AS "noticeText",
              e.ip, e.user_agent AS "userAgent"
       FROM consent_events c JOIN notice_versions n ON n.version = c.notice_version
         LEFT JOIN consent_evidence e ON e.event_id = c.id
       WHERE c.subscriber_id = $1 ORDER BY c.id DESC LIMIT $2`,
      [subscriberId, limit],
    );
    return found.rows;
  }

  /**
   * Appends rows to the ledger, and their evidence beside it, in one statement, inside the
   * caller's transaction when there is one.
   */
  async record(records: ConsentRecord[], origin: RequestOrigin): Promise<void> {
    if (records.length === 0) return;
    const version = (await this.currentNotice()).version;
    const p = new Params();
    const [source, ip, userAgent] = originValues(origin).map((value) => p.add(value));
    const json = (value?: object) => (value ? JSON.stringify(value) : null);
    await this.db.query(
      `WITH entry AS (
         SELECT ${NEXT_ID} AS id, e.* FROM unnest(${p.add(records.map((r) => r.subscriberId))}::int[], ${p.add(records.map((r) => r.newsletterId))}::int[],
           ${p.add(records.map((r) => r.event))}::text[], ${p.add(records.map((r) => r.noticeVersion ?? version))}::int[],
           ${p.add(records.map((r) => json(r.details)))}::text[], ${p.add(records.map((r) => json(r.personalDetails)))}::text[])
           WITH ORDINALITY AS e(subscriber_id, newsletter_id, event, notice_version, details, personal, position)
       ), ledger AS (
         INSERT INTO consent_events (${LEDGER_COLUMNS})
         SELECT id, subscriber_id, newsletter_id, event, notice_version, ${source}::varchar, details, coalesce(${p.add(origin.at ?? null)}::timestamptz, now())
         FROM entry ORDER BY position
       )
       INSERT INTO consent_evidence (event_id, ip, user_agent, details)
       SELECT id, ${ip}::varchar, ${userAgent}::varchar, personal FROM entry
       WHERE ${ip}::varchar IS NOT NULL OR ${userAgent}::varchar IS NOT NULL OR personal IS NOT NULL`,
      p.values,
    );
  }

  /**
   * Erasure's part in the ledger: every row's evidence (IP address, user agent, sector) goes;
   * the rows themselves stay, naming the subscriber id only.
   */
  async eraseEvidence(subscriberId: number): Promise<void> {
    await this.db.query(`DELETE FROM consent_evidence e USING consent_events c WHERE e.event_id = c.id AND c.subscriber_id = $1`, [subscriberId]);
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
   * that writes several owners' tables in one round trip (sign-up): CTEs, for the caller's WITH
   * list, named `<name>_entry`, `<name>` (the ledger rows) and `<name>_evidence` (their IP
   * address, user agent and personal details). `from` names a CTE or table with one row per
   * subscriber; one `event` row is written per newsletter, in the order given.
   */
  recordCtes(
    p: Params,
    from: string,
    record: { newsletterIds: number[]; event: ConsentEventType; noticeVersion: number; details?: object | null; personalDetails?: object | null },
    origin: RequestOrigin,
    name = 'ledger',
  ): string {
    const [source, ip, userAgent] = originValues(origin).map((value) => p.add(value));
    const personal = p.add(record.personalDetails ? JSON.stringify(record.personalDetails) : null);
    return `${name}_entry AS (
        SELECT ${NEXT_ID} AS id, ${from}.id AS subscriber_id, n.newsletter, n.position
        FROM ${from}, unnest(${p.add(record.newsletterIds)}::int[]) WITH ORDINALITY AS n(newsletter, position)
      ), ${name} AS (
        INSERT INTO consent_events (${LEDGER_COLUMNS})
        SELECT id, subscriber_id, newsletter, ${p.add(record.event)}::varchar, ${p.add(record.noticeVersion)}::int, ${source}::varchar,
               ${p.add(record.details ? JSON.stringify(record.details) : null)}::text, coalesce(${p.add(origin.at ?? null)}::timestamptz, now())
        FROM ${name}_entry ORDER BY position
      ), ${name}_evidence AS (
        INSERT INTO consent_evidence (event_id, ip, user_agent, details)
        SELECT id, ${ip}::varchar, ${userAgent}::varchar, ${personal}::text FROM ${name}_entry
        WHERE ${ip}::varchar IS NOT NULL OR ${userAgent}::varchar IS NOT NULL OR ${personal}::text IS NOT NULL
      )`;
  }

  /**
   * Like recordCtes, for rows that each say something of their own about their reader (an
   * import: the date each one consented, and where). `from` names a CTE with `subscriber_id`,
   * `newsletter_id` and `personal` (JSON text or null); every row of it gets one `event` row
   * with the same non-personal `details`.
   */
  recordEachCtes(
    p: Params,
    from: string,
    record: { event: ConsentEventType; noticeVersion: number; details: object | null },
    origin: RequestOrigin,
    name = 'ledger',
  ): string {
    const [source, ip, userAgent] = originValues(origin).map((value) => p.add(value));
    return `${name}_entry AS (
        SELECT ${NEXT_ID} AS id, x.* FROM (SELECT subscriber_id, newsletter_id, personal FROM ${from} ORDER BY subscriber_id) AS x
      ), ${name} AS (
        INSERT INTO consent_events (${LEDGER_COLUMNS})
        SELECT id, subscriber_id, newsletter_id, ${p.add(record.event)}::varchar, ${p.add(record.noticeVersion)}::int, ${source}::varchar,
               ${p.add(record.details ? JSON.stringify(record.details) : null)}::text, coalesce(${p.add(origin.at ?? null)}::timestamptz, now())
        FROM ${name}_entry ORDER BY id
      ), ${name}_evidence AS (
        INSERT INTO consent_evidence (event_id, ip, user_agent, details)
        SELECT id, ${ip}::varchar, ${userAgent}::varchar, personal FROM ${name}_entry
        WHERE ${ip}::varchar IS NOT NULL OR ${userAgent}::varchar IS NOT NULL OR personal IS NOT NULL
      )`;
  }
}

/** Where a step came from, cut to what the ledger's columns hold. */
function originValues(origin: RequestOrigin): [source: string, ip: string | null, userAgent: string | null] {
  return [origin.source.slice(0, 512), origin.ip?.slice(0, 64) ?? null, origin.userAgent?.slice(0, 512) ?? null];
}
