import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { EditorialConfig, editorialConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { JOBS, QUEUES } from '../../queue/queues';
import { ArticleConflictError, ArticlesService } from '../articles.service';
import { FeedFormatError, parseFeed, SkippedFeedItem } from './feed-parser';
import { fetchFeed, FeedFetchError } from './fetch-feed';

export interface FeedImportSummary {
  url: string;
  /** New articles. */
  imported: number;
  /** Articles already stored that the feed changed. */
  updated: number;
  /** Articles already stored exactly as the feed has them. */
  unchanged: number;
  /** Items that could not be articles (no http(s) link, no title, no date, a clash). */
  skipped: number;
  /** Why nothing was imported from this feed: unreachable, not a feed, malformed. */
  error?: string;
}

export interface ImportFeedsJob {
  /** The feeds to import; FEED_URLS when absent. */
  urls?: string[];
}

/** The polling schedule's id in BullMQ: one per deployment, whatever the number of workers. */
export const FEED_SCHEDULER_ID = 'import-feeds';

/** Imports articles from the magazine's RSS and Atom feeds. */
@Injectable()
export class FeedsService {
  private readonly logger = new Logger(FeedsService.name);

  constructor(
    private readonly articles: ArticlesService,
    private readonly db: Db,
    @Inject(editorialConfig.KEY) private readonly config: EditorialConfig,
    @InjectQueue(QUEUES.feeds) private readonly queue: Queue<ImportFeedsJob>,
  ) {}

  /** Every feed in turn, each on its own: one that fails is reported and the others still import. */
  async importAll(urls: string[] = this.config.feedUrls): Promise<FeedImportSummary[]> {
    const summaries: FeedImportSummary[] = [];
    for (const url of urls) summaries.push(await this.importFeed(url));
    return summaries;
  }

  /**
   * Fetches and reads the whole feed before storing any of it, then stores all its articles in
   * one transaction: a feed that cannot be fetched or read imports nothing. Never throws.
   */
  async importFeed(url: string): Promise<FeedImportSummary> {
    const summary: FeedImportSummary = { url, imported: 0, updated: 0, unchanged: 0, skipped: 0 };
    try {
      const fetched = await fetchFeed(url, this.config.feedAllowPrivate ? { addressAllowed: () => true } : {});
      const feed = parseFeed(fetched.body, fetched.url);
      const clashes: SkippedFeedItem[] = [];
      const counts = await this.db.transaction(async () => {
        const outcomes = { created: 0, updated: 0, unchanged: 0 };
        for (const [index, article] of feed.articles.entries()) {
          try {
            outcomes[(await this.articles.upsert(article)).outcome] += 1;
          } catch (error) {
            if (!(error instanceof ArticleConflictError)) throw error;
            clashes.push({ position: index + 1, reason: `"${article.title}": ${error.message}` });
          }
        }
        return outcomes;
      });
      const skipped = [...feed.skipped, ...clashes];
      Object.assign(summary, { imported: counts.created, updated: counts.updated, unchanged: counts.unchanged, skipped: skipped.length });
      if (skipped.length > 0) {
        this.logger.log(`Feed ${url}: skipped ${skipped.length} item(s): ${skipped.map((s) => `#${s.position} ${s.reason}`).join('; ')}`);
      }
      this.logger.log(`Feed ${url}: ${describeImport(summary)}`);
    } catch (error) {
      const known = error instanceof FeedFetchError || error instanceof FeedFormatError;
      summary.error = known ? error.message : `could not store its articles: ${(error as Error).message}`;
      this.logger.warn(`Feed ${url} not imported: ${summary.error}`);
    }
    return summary;
  }

  /** Queues an import now (FEED_URLS when no URLs are given); a worker runs it. */
  requestImport(urls?: string[]): Promise<Job<ImportFeedsJob>> {
    return this.queue.add(JOBS.importFeeds, urls ? { urls } : {}, { removeOnComplete: 100, removeOnFail: 100 });
  }

  /**
   * With FEED_URLS set, one import as the service starts, so there are articles before the
   * first poll. Workers starting together queue it once (one job id).
   */
  async importAtStart(): Promise<void> {
    if (this.config.feedUrls.length === 0) return;
    await this.queue.add(JOBS.importFeeds, {}, { jobId: 'import-at-start', removeOnComplete: true, removeOnFail: true });
  }

  /**
   * Polls FEED_URLS on FEED_POLL_CRON while there are feeds; with none, removes the schedule an
   * earlier deployment may have left in Redis. Upserting is idempotent across workers.
   */
  async syncSchedule(): Promise<void> {
    if (this.config.feedUrls.length === 0) {
      if (await this.queue.removeJobScheduler(FEED_SCHEDULER_ID)) this.logger.log('FEED_URLS is empty: feed polling stopped');
      return;
    }
    try {
      await this.queue.upsertJobScheduler(
        FEED_SCHEDULER_ID,
        { pattern: this.config.feedPollCron },
        { name: JOBS.importFeeds, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    } catch (error) {
      throw new Error(`FEED_POLL_CRON "${this.config.feedPollCron}" cannot be scheduled: ${(error as Error).message}`);
    }
    this.logger.log(`Polling ${this.config.feedUrls.length} feed(s) on "${this.config.feedPollCron}"`);
  }
}

export function describeImport(summary: FeedImportSummary): string {
  if (summary.error) return `failed: ${summary.error}`;
  return `${summary.imported} imported, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped`;
}
