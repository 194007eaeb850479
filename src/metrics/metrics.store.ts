import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './metrics.queries';

export interface SendingEdition {
  editionId: number;
  newsletter: string;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  ambiguous: number;
  /** With a deadline: projected end less the deadline, in seconds (above 0: late); null otherwise. */
  lateSeconds: number | null;
}

export interface WindowRates {
  newsletter: string;
  window: '24h' | '30d';
  sent: number;
  bounced: number;
  complained: number;
}

/**
 * The read-only statements behind the scrape-time gauges (metrics.sql). Each reads other
 * modules' tables (named beside it) and writes nothing; ScrapeGauges caches what they return, so
 * however often Prometheus scrapes, these run at most once per cache period per process.
 */
@Injectable()
export class MetricsStore {
  constructor(private readonly db: Db) {}

  /** Account emails not yet sent or skipped: the confirmation backlog, by kind. */
  async accountEmailsOwed(): Promise<Array<{ kind: string; owed: number; oldestSeconds: number }>> {
    return (await this.db.run(queries.accountEmailsOwed, undefined)).rows;
  }

  /** Sign-ups stored and not yet carried out. */
  async signupRequestsWaiting(): Promise<number> {
    return (await this.db.run(queries.signupRequestsWaiting, undefined)).rows[0].n;
  }

  /** Editions now sending, with their counters. */
  async sendingEditions(): Promise<SendingEdition[]> {
    return (await this.db.run(queries.sendingEditions, undefined)).rows;
  }

  /** Per newsletter, copies sent and readers who bounced or complained, over the last 24 hours and 30 days. */
  async windowRates(): Promise<WindowRates[]> {
    const found = await this.db.run(queries.windowRates, undefined);
    return found.rows.map((row) => ({ ...row, window: row.window as WindowRates['window'] }));
  }
}
