import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Db } from '../database/db.service';
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
}

export interface ConsentRecord {
  subscriberId: number;
  newsletterId: number | null;
  event: ConsentEventType;
  noticeVersion?: number;
  details?: object;
}

/** The privacy notice split around its link, ready for a page or an email. */
/** The ledger's columns, in the order every insert into it gives them. */
export const LEDGER_COLUMNS = 'subscriber_id, newsletter_id, event, notice_version, source, ip, user_agent, details, created_at';

@Injectable()
export class ConsentService {
  private current?: Promise<NoticeVersion>;

  constructor(
    private readonly db: Db,
    @InjectRepository(NoticeVersion) private readonly notices: Repository<NoticeVersion>,
  ) {}

  /** The notice readers are shown now: the highest version. */
  currentNotice(): Promise<NoticeVersion> {
    this.current ??= this.notices
      .find({ order: { version: 'DESC' }, take: 1 })
      .then(([notice]) => notice);
    return this.current;
  }

  async notice(version: number): Promise<NoticeVersion | null> {
    return this.notices.findOneBy({ version });
  }

  async noticeView(version?: number): Promise<NoticeView> {
    const notice = version === undefined ? await this.currentNotice() : await this.notice(version);
    if (!notice) throw new Error(`No notice version ${version}`);
    return toNoticeView(notice);
  }

  /** Appends rows to the ledger, inside the caller's transaction when there is one. */
  async record(records: ConsentRecord[], origin: RequestOrigin): Promise<void> {
    if (records.length === 0) return;
    const version = (await this.currentNotice()).version;
    const [source, ip, userAgent] = ConsentService.originValues(origin);
    for (const record of records) {
      await this.db.query(
        `INSERT INTO consent_events (${LEDGER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${this.db.now})`,
        [
          record.subscriberId,
          record.newsletterId,
          record.event,
          record.noticeVersion ?? version,
          source,
          ip,
          userAgent,
          record.details ? JSON.stringify(record.details) : null,
        ],
      );
    }
  }

  /** Where a step came from, cut to what the ledger's columns hold. */
  static originValues(origin: RequestOrigin): [source: string, ip: string | null, userAgent: string | null] {
    return [origin.source.slice(0, 512), origin.ip?.slice(0, 64) ?? null, origin.userAgent?.slice(0, 512) ?? null];
  }
}
