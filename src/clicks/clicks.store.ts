import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
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
    await this.db.query(
      `INSERT INTO edition_links (edition_id, article_id, position, url, title, section, sponsored)
       SELECT $1, l.article_id, l.position, l.url, l.title, l.section, l.sponsored
       FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::boolean[]) AS l(article_id, position, url, title, section, sponsored)
       ON CONFLICT (edition_id, article_id) DO NOTHING`,
      [
        editionId,
        links.map((l) => l.articleId),
        links.map((l) => l.position),
        links.map((l) => l.url),
        links.map((l) => l.title.slice(0, 500)),
        links.map((l) => l.section?.slice(0, 100) ?? null),
        links.map((l) => l.sponsored),
      ],
    );
  }

  async links(editionId: number): Promise<SentLink[]> {
    const found = await this.db.query<SentLink>(
      `SELECT article_id AS "articleId", position, url, title, section, sponsored FROM edition_links WHERE edition_id = $1 ORDER BY position`,
      [editionId],
    );
    return found.rows;
  }

  /**
   * Adds a flush's counts, all editions in one statement. Counts of an edition that no longer
   * exists are dropped rather than refuse the whole flush.
   */
  async addCounts(deltas: ClickDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await this.db.query(
      `INSERT INTO edition_clicks AS c (edition_id, article_id, segment, clicks, discounted_head, discounted_scanner, discounted_burst, discounted_repeat, updated_at)
       SELECT d.edition_id, d.article_id, d.segment, d.clicks, d.head, d.scanner, d.burst, d.repeat, now()
       FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[]) AS d(edition_id, article_id, segment, clicks, head, scanner, burst, repeat)
       JOIN editions e ON e.id = d.edition_id
       ON CONFLICT (edition_id, article_id, segment) DO UPDATE SET
         clicks = c.clicks + excluded.clicks,
         discounted_head = c.discounted_head + excluded.discounted_head,
         discounted_scanner = c.discounted_scanner + excluded.discounted_scanner,
         discounted_burst = c.discounted_burst + excluded.discounted_burst,
         discounted_repeat = c.discounted_repeat + excluded.discounted_repeat,
         updated_at = now()`,
      [
        deltas.map((d) => d.editionId),
        deltas.map((d) => d.articleId),
        deltas.map((d) => d.segment),
        deltas.map((d) => d.counted),
        deltas.map((d) => d.head),
        deltas.map((d) => d.scanner),
        deltas.map((d) => d.burst),
        deltas.map((d) => d.repeat),
      ],
    );
  }

  async counts(editionId: number): Promise<LinkClicks[]> {
    const found = await this.db.query<LinkClicks>(
      `SELECT article_id AS "articleId", segment, clicks, discounted_head AS head, discounted_scanner AS scanner, discounted_burst AS burst,
              discounted_repeat AS repeat
       FROM edition_clicks WHERE edition_id = $1`,
      [editionId],
    );
    return found.rows.map((row) => ({ ...row, articleId: Number(row.articleId), segment: Number(row.segment) }));
  }
}
