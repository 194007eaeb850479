import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './articles.queries';
import { ArticleCursor, decodeCursor, encodeCursor } from './article-cursor';
import { ArticlePage, ArticleView } from './dtos/article.dto';

/** An article as an editor or a feed gives it. Absent optional fields are stored empty. */
export interface ArticleInput {
  url: string;
  /** A feed's guid or Atom id. When absent, an existing article keeps the guid it has. */
  guid?: string | null;
  title: string;
  standfirst?: string | null;
  author?: string | null;
  section?: string | null;
  topics?: string[] | null;
  publishedAt: Date;
  imageUrl?: string | null;
  sponsored?: boolean | null;
  /** Job sector ids a partner piece is aimed at; absent: unchanged on update (feeds never set them). */
  targetSectorIds?: number[] | null;
}

type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertResult {
  outcome: UpsertOutcome;
  article: ArticleView;
}

/** The item's guid names one article and its URL another: updating either would lose the other. */
export class ArticleConflictError extends Error {}

interface ArticleRow {
  id: number;
  url: string;
  guid: string | null;
  title: string;
  standfirst: string | null;
  author: string | null;
  section: string | null;
  topics: string;
  image_url: string | null;
  sponsored: boolean;
  target_sectors: number[] | null;
  published_at: Date;
}

function toView(row: ArticleRow): ArticleView {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    standfirst: row.standfirst,
    author: row.author,
    section: row.section,
    topics: JSON.parse(row.topics) as string[],
    publishedAt: row.published_at,
    imageUrl: row.image_url,
    sponsored: row.sponsored,
    targetSectorIds: row.target_sectors ?? [],
  };
}

/** The row the input should become, given the one stored (if any). */
function nextRow(input: ArticleInput, existingGuid: string | null, existingTargets: number[] | null = null) {
  return {
    targetSectors:
      input.targetSectorIds === undefined
        ? existingTargets
        : input.targetSectorIds && input.targetSectorIds.length > 0
          ? [...input.targetSectorIds].sort((a, b) => a - b)
          : null,
    url: input.url,
    guid: existingGuid ?? input.guid ?? null,
    title: input.title,
    standfirst: input.standfirst ?? null,
    author: input.author ?? null,
    section: input.section ?? null,
    topics: JSON.stringify(input.topics ?? []),
    imageUrl: input.imageUrl ?? null,
    sponsored: input.sponsored ?? false,
    publishedAt: input.publishedAt,
  };
}

type NextRow = ReturnType<typeof nextRow>;

function unchanged(row: ArticleRow, next: NextRow): boolean {
  const view = toView(row);
  return (
    row.url === next.url &&
    row.guid === next.guid &&
    row.title === next.title &&
    row.standfirst === next.standfirst &&
    row.author === next.author &&
    row.section === next.section &&
    JSON.stringify(view.topics) === next.topics &&
    row.image_url === next.imageUrl &&
    view.sponsored === next.sponsored &&
    JSON.stringify(row.target_sectors ?? null) === JSON.stringify(next.targetSectors) &&
    view.publishedAt.getTime() === next.publishedAt.getTime()
  );
}

/** The articles a digest can show: written by editors through the API or imported from feeds. */
@Injectable()
export class ArticlesService {
  constructor(private readonly db: Db) {}

  /**
   * Creates the article, or updates the one with the same guid (when given) or URL. A repeat of
   * what is stored changes nothing, so `updated_at` moves only when the article did.
   */
  upsert(input: ArticleInput): Promise<UpsertResult> {
    return this.db.transaction(() => this.write(input, true));
  }

  /**
   * Articles published at or after `since` (strictly after, with `after`; every one, when null),
   * newest first; continue after `cursor` for more.
   */
  async publishedSince(since: Date | null, options: { limit?: number; cursor?: ArticleCursor; after?: boolean } = {}): Promise<ArticleView[]> {
    const limit = Math.max(1, Math.min(options.limit ?? 200, 1000));
    const found = await this.db.run(queries.publishedSince, {
      since,
      after: options.after ?? false,
      limit,
      cursorAt: options.cursor?.publishedAt ?? null,
      cursorId: options.cursor?.id ?? null,
    });
    return found.rows.map(toView);
  }

  /** Articles by id, in the order given; ids that do not exist are left out. */
  async byIds(ids: number[]): Promise<ArticleView[]> {
    if (ids.length === 0) return [];
    const found = await this.db.run(queries.byIds, { ids });
    const byId = new Map(found.rows.map((row) => [row.id, toView(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The newsroom's list: newest first, optionally only titles containing `search` or one
   * section, a page at a time after `cursor`.
   */
  async browse(filter: { search?: string; section?: string; cursor?: string; limit: number }): Promise<ArticlePage> {
    const position = filter.cursor ? decodeCursor(filter.cursor) : null;
    const pattern = filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const found = await this.db.run(queries.browse, {
      pattern,
      section: filter.section ?? null,
      cursorAt: position?.publishedAt ?? null,
      cursorId: position?.id ?? null,
      limit: filter.limit + 1,
    });
    const shown = found.rows.slice(0, filter.limit).map(toView);
    const last = shown[shown.length - 1];
    return { articles: shown, next: found.rows.length > filter.limit && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null };
  }

  /** What an import brought in: articles first stored at or after `since`, newest first. */
  async createdSince(since: Date, limit: number): Promise<ArticleView[]> {
    const found = await this.db.run(queries.createdSince, { since, limit });
    return found.rows.map(toView);
  }

  async sections(): Promise<string[]> {
    const found = await this.db.run(queries.sections, undefined);
    return found.rows.map((row) => row.section);
  }

  /** One page of `publishedSince`, with the cursor of the next page when there is one. */
  async page(since: Date, limit: number, cursor?: string): Promise<ArticlePage> {
    const position = cursor ? (decodeCursor(cursor) ?? undefined) : undefined;
    const articles = await this.publishedSince(since, { limit: limit + 1, cursor: position });
    const more = articles.length > limit;
    const shown = articles.slice(0, limit);
    const last = shown[shown.length - 1];
    return { articles: shown, next: more && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null };
  }

  private async write(input: ArticleInput, retry: boolean): Promise<UpsertResult> {
    // Locked so that two imports of one feed cannot both update the same article.
    const byGuid = input.guid ? (await this.db.run(queries.byGuidForUpdate, { guid: input.guid })).rows[0] : undefined;
    const byUrl = (await this.db.run(queries.byUrlForUpdate, { url: input.url })).rows[0];
    if (byGuid && byUrl && byGuid.id !== byUrl.id) {
      throw new ArticleConflictError(`its guid is article ${byGuid.id}'s and its link is article ${byUrl.id}'s`);
    }
    const existing = byGuid ?? byUrl;
    const next = nextRow(input, existing?.guid ?? null, existing?.target_sectors ?? null);

    if (!existing) {
      const inserted = await this.db.run(queries.insertArticle, next);
      if (inserted.rows[0]) return { outcome: 'created', article: toView(inserted.rows[0]) };
      // Another writer stored it since we looked (PostgreSQL waited for them to commit): update theirs.
      if (retry) return this.write(input, false);
      throw new Error(`Article ${input.url} could neither be inserted nor found`);
    }
    if (unchanged(existing, next)) return { outcome: 'unchanged', article: toView(existing) };

    const updated = await this.db.run(queries.updateArticle, { ...next, id: existing.id });
    return { outcome: 'updated', article: toView(updated.rows[0]) };
  }
}
