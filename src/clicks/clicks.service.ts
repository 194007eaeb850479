import { createHash, createHmac, Hash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, appConfig } from '../config/config';
import { NewslettersService } from '../newsletters/newsletters.service';
import { TEST_SEGMENT } from './click-codes';
import { ClickCounter, ClickDelta } from './click-counter';
import { ClickLinks } from './click-links';
import { buildClicksReport, ClicksReport } from './click-report';
import { ClicksStore, LinkClicks, SentLink } from './clicks.store';
import { EditionLinksCache, EditionLinks } from './edition-links.cache';
import { isScannerUserAgent } from './scanners';
import { SegmentSectors } from './segment-sectors';

/** What the redirect knows of a click: never who made it, beyond an address kept for a minute as a keyed hash. */
export interface ClickRequest {
  method: string;
  userAgent: string | undefined;
  ip: string | undefined;
}

/**
 * Click counts: the redirect behind digests' article links, the counts in Redis and their
 * flush to PostgreSQL, and the report. A click names an edition, an article and a segment;
 * nothing names a reader.
 */
@Injectable()
export class ClicksService {
  private readonly logger = new Logger(ClicksService.name);
  /** SHA-256 already fed a secret key: a client's tag is its address hashed after it (keyed, unlinkable without the key, and one hash per click). */
  private readonly clientTagging: Hash;
  private flushing?: Promise<number>;

  constructor(
    private readonly links: ClickLinks,
    private readonly cache: EditionLinksCache,
    private readonly counter: ClickCounter,
    private readonly store: ClicksStore,
    private readonly catalogue: NewslettersService,
    private readonly segmentSectors: SegmentSectors,
    @Inject(appConfig.KEY) app: AppConfig,
  ) {
    this.clientTagging = createHash('sha256').update(createHmac('sha256', app.secret).update('newsletter click clients v1').digest());
  }

  /**
   * Where a click on `/r/<code>` goes, or null (404) for a code that is altered, made up, or names
   * no link of its edition. Counting never holds up the answer: the click joins the batch going
   * to Redis within 10 ms, and a click while Redis is away is let through uncounted.
   */
  redirect(code: string, request: ClickRequest): string | null | Promise<string | null> {
    const claims = this.links.verify(code);
    if (!claims) return null;
    const links = this.cache.get(claims.editionId);
    const follow = (found: EditionLinks, again: boolean): string | null | Promise<string | null> => {
      const url = found.urls.get(claims.articleId);
      if (claims.segment === TEST_SEGMENT) return url ?? null;
      // A reader's link to an edition this process last saw as a draft (a test copy clicked just
      // before the send): its sent links are looked up again, once.
      if (!found.sent) return again ? this.cache.reload(claims.editionId).then((fresh) => follow(fresh, false)) : null;
      if (url === undefined) return null;
      if (this.links.enabled) this.count(claims.editionId, claims.articleId, claims.segment, request);
      return url;
    };
    return links instanceof Promise ? links.then((found) => follow(found, true)) : follow(links, true);
  }

  /** A reader's rendering as a preview or test copy: the same links, counting nothing. */
  asTestCopy(content: string): string {
    return this.links.asTestCopy(content);
  }

  /** Sending has started: the edition's links as they are now are where its digests' links lead. */
  async recordLinks(editionId: number, links: SentLink[]): Promise<void> {
    await this.store.recordLinks(editionId, links);
  }

  /**
   * Moves every edition's counts from Redis to PostgreSQL: each edition's hash is taken (read
   * and deleted) atomically, all are added in one statement, and if that fails they go back to
   * Redis for the next flush. Returns how many link-and-segment rows moved. One flush at a time.
   */
  flush(): Promise<number> {
    this.flushing ??= this.flushNow().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** The edition's click report, against `delivered` copies (the caller knows how many went). */
  async report(editionId: number, delivered: number): Promise<ClicksReport> {
    const [links, flushed, pending, sectors] = await Promise.all([
      this.store.links(editionId),
      this.store.counts(editionId),
      this.counter.peek(editionId).catch((): ClickDelta[] => []),
      this.catalogue.jobSectors(),
    ]);
    const counts: LinkClicks[] = [
      ...flushed,
      ...pending.map(({ articleId, segment, counted, head, scanner, burst, repeat }) => ({ articleId, segment, clicks: counted, head, scanner, burst, repeat })),
    ];
    const segments = [...new Set([0, ...counts.map((row) => row.segment)])].sort((a, b) => a - b);
    return buildClicksReport({
      editionId,
      counting: this.links.enabled,
      delivered,
      links,
      counts,
      segments: await this.segmentSectors.of(editionId, segments),
      sectors: sectors.map((sector) => ({ slug: sector.slug, label: sector.label })),
    });
  }

  private count(editionId: number, articleId: number, segment: number, request: ClickRequest): void {
    const kind = request.method === 'HEAD' ? 'head' : isScannerUserAgent(request.userAgent) ? 'scanner' : 'candidate';
    // Only a click that may be a repeat or part of a burst needs to say which client made it.
    const client =
      kind === 'candidate'
        ? this.clientTagging
            .copy()
            .update(request.ip ?? '')
            .digest('base64url')
            .slice(0, 16)
        : '';
    this.counter.record({ editionId, articleId, segment, kind, client });
  }

  private async flushNow(): Promise<number> {
    // This process's clicks still on their way to Redis are part of this flush.
    await this.counter.drain();
    const taken: ClickDelta[] = [];
    let interrupted: unknown;
    try {
      for (const editionId of await this.counter.pendingEditions()) taken.push(...(await this.counter.take(editionId)));
    } catch (error) {
      // Redis went away part way: what was taken is written all the same.
      interrupted = error;
    }
    if (taken.length > 0) {
      try {
        await this.store.addCounts(taken);
      } catch (error) {
        await this.counter
          .putBack(taken)
          .catch((lost: Error) => this.logger.error(`Click counts lost: ${taken.length} rows could not go back to Redis (${lost.message})`));
        throw error;
      }
    }
    if (interrupted) throw interrupted;
    return taken.length;
  }
}
