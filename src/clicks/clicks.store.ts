import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './clicks.queries';
import { ClickDelta } from './click-counter';

/** An article link of an edition, as it was when sending started. */
export interface SentLink {
  articleId: number;
  position: number;
  url: string;
  title: string;
  section: string | null;
  sponsored: boolean;
}

/** The figures of one link of one segment, as flushed to PostgreSQL. */
export interface LinkClicks {
  articleId: number;
  segment: number;
  clicks: number;
  head: number;
  scanner: number;
  burst: number;
  repeat: number;
}

/** The SQL of the tables the clicks module owns: `edition_links` and `edition_clicks`. */
@Injectable()
export class ClicksStore {
  constructor(private readonly db: Db) {}

  /** In the caller's transaction (the one that starts the send); a second call changes nothing. */
  async recordLinks(editionId: number, links: SentLink[]): Promise<void> {
    if (links.length === 0) return;
    await this.db.run(queries.recordLinks, {
      editionId,
      articleIds: links.map((l) => l.articleId),
      positions: links.map((l) => l.position),
      urls: links.map((l) => l.url),
      titles: links.map((l) => l.title.slice(0, 500)),
      sections: links.map((l) => l.section?.slice(0, 100) ?? null),
      sponsored: links.map((l) => l.sponsored),
    });
  }

  async links(editionId: number): Promise<SentLink[]> {
    const found = await this.db.run(queries.links, { editionId });
    return found.rows;
  }

  /**
   * Adds a flush's counts, all editions in one statement. Counts of an edition that no longer
   * exists are dropped rather than refuse the whole flush.
   */
  async addCounts(deltas: ClickDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await this.db.run(queries.addCounts, {
      editionIds: deltas.map((d) => d.editionId),
      articleIds: deltas.map((d) => d.articleId),
      segments: deltas.map((d) => d.segment),
      clicks: deltas.map((d) => d.counted),
      heads: deltas.map((d) => d.head),
      scanners: deltas.map((d) => d.scanner),
      bursts: deltas.map((d) => d.burst),
      repeats: deltas.map((d) => d.repeat),
    });
  }

  async counts(editionId: number): Promise<LinkClicks[]> {
    const found = await this.db.run(queries.counts, { editionId });
    return found.rows.map((row) => ({ ...row, articleId: Number(row.articleId), segment: Number(row.segment) }));
  }
}
