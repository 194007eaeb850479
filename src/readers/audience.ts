import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './audience.queries';

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
    const found = await this.db.run(queries.bySector, { newsletterId });
    return found.rows;
  }

  /** Per newsletter: active and pending readers, and who left or was suppressed in the last 7 days. */
  async figures(): Promise<Array<{ newsletterId: number; active: number; pending: number; unsubscribed7d: number; suppressed7d: number }>> {
    const found = await this.db.run(queries.figures, undefined);
    return found.rows;
  }

  /** The next `limit` readers after `afterId` who receive the newsletter now (active, not suppressed), by id. */
  async activeAfter(newsletterId: number, afterId: number, limit: number): Promise<ActiveReader[]> {
    const found = await this.db.run(queries.activeAfter, { newsletterId, afterId, limit });
    return found.rows;
  }
}
