import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

/** A reader who receives a newsletter now, as an export lists them. */
export interface ActiveReader {
  id: number;
  email: string;
  jobSectorId: number | null;
  subscribedAt: Date;
  confirmedAt: Date | null;
}

/**
 * The audience read model: who receives each newsletter now (an active subscription and no
 * suppression), by newsletter and job sector. Delivery's snapshot, the newsroom's counts and the
 * readers' export read it, and nothing else decides who is in an audience.
 */
@Injectable()
export class Audience {
  constructor(private readonly db: Db) {}

  /** A newsletter's audience now (active, not suppressed) per job sector; null: no sector given. */
  async bySector(newsletterId: number): Promise<Array<{ sectorId: number | null; readers: number }>> {
    const found = await this.db.query<{ sectorId: number | null; readers: number }>(
      `SELECT r.job_sector_id AS "sectorId", count(*)::int AS readers
       FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
       WHERE s.newsletter_id = $1 AND s.status = 'active' AND r.suppressed_at IS NULL
       GROUP BY r.job_sector_id`,
      [newsletterId],
    );
    return found.rows;
  }

  /** Per newsletter: active and pending readers, and who left or was suppressed in the last 7 days. */
  async figures(): Promise<Array<{ newsletterId: number; active: number; pending: number; unsubscribed7d: number; suppressed7d: number }>> {
    const found = await this.db.query<{ newsletterId: number; active: number; pending: number; unsubscribed7d: number; suppressed7d: number }>(
      `SELECT s.newsletter_id AS "newsletterId",
              count(*) FILTER (WHERE s.status = 'active' AND r.suppressed_at IS NULL)::int AS active,
              count(*) FILTER (WHERE s.status = 'pending')::int AS pending,
              count(*) FILTER (WHERE s.status = 'unsubscribed' AND s.unsubscribed_at > now() - interval '7 days')::int AS "unsubscribed7d",
              count(*) FILTER (WHERE r.suppressed_at > now() - interval '7 days')::int AS "suppressed7d"
       FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
       GROUP BY s.newsletter_id`,
    );
    return found.rows;
  }

  /** The next `limit` readers after `afterId` who receive the newsletter now (active, not suppressed), by id. */
  async activeAfter(newsletterId: number, afterId: number, limit: number): Promise<ActiveReader[]> {
    const found = await this.db.query<ActiveReader>(
      `SELECT r.id, r.email, r.job_sector_id AS "jobSectorId", s.created_at AS "subscribedAt", s.confirmed_at AS "confirmedAt"
       FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
       WHERE s.newsletter_id = $1 AND s.status = 'active' AND s.subscriber_id > $2 AND r.suppressed_at IS NULL
       ORDER BY s.subscriber_id LIMIT $3`,
      [newsletterId, afterId, limit],
    );
    return found.rows;
  }
}
