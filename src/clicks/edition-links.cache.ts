import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { EditionsService } from '../editions/editions.service';
import { ClicksStore } from './clicks.store';
import { noteLinks } from './note-links';

/** Where an edition's links lead. */
export interface EditionLinks {
  /** Article id → URL, serialised as a Location header can carry it (percent-encoded ASCII). */
  urls: Map<number, string>;
  /** Links frozen when sending started: only these count clicks. False: a draft's (previews, test sends). */
  sent: boolean;
}

/** A sent edition's links never change; a draft's (or a missing edition's) are looked up again after this. */
const DRAFT_TTL_MS = 10_000;
/** Editions kept per process; the oldest looked-up goes first. */
const CAPACITY = 500;

interface Entry {
  links: EditionLinks;
  expires: number;
}

/** Only http(s) URLs, each in the one spelling a header can carry; anything else leads nowhere. */
function locations(links: Array<[number, string]>): Map<number, string> {
  const usable = new Map<number, string>();
  for (const [articleId, url] of links) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') usable.set(articleId, parsed.href);
    } catch {
      // not a URL: no redirect
    }
  }
  return usable;
}

/**
 * Each process reads an edition's links from PostgreSQL once and keeps them: the redirect costs
 * no database read per click. Concurrent first clicks on an edition share one read.
 */
@Injectable()
export class EditionLinksCache {
  private readonly entries = new Map<number, Entry>();
  private readonly loading = new Map<number, Promise<EditionLinks>>();

  constructor(
    private readonly store: ClicksStore,
    private readonly editions: EditionsService,
    private readonly articles: ArticlesService,
  ) {}

  /** The links if this process has them (the redirect's fast path), else undefined. */
  cached(editionId: number): EditionLinks | undefined {
    const entry = this.entries.get(editionId);
    return entry && entry.expires > Date.now() ? entry.links : undefined;
  }

  get(editionId: number): EditionLinks | Promise<EditionLinks> {
    const cached = this.cached(editionId);
    if (cached) return cached;
    let loading = this.loading.get(editionId);
    if (!loading) {
      loading = this.load(editionId).finally(() => this.loading.delete(editionId));
      this.loading.set(editionId, loading);
    }
    return loading;
  }

  /** Forgets what this process knew of the edition's links and reads them again. */
  async reload(editionId: number): Promise<EditionLinks> {
    if (!this.loading.has(editionId)) this.entries.delete(editionId);
    return this.get(editionId);
  }

  private async load(editionId: number): Promise<EditionLinks> {
    const sent = await this.store.links(editionId);
    let links: EditionLinks;
    if (sent.length > 0) {
      links = { urls: locations(sent.map((link) => [link.articleId, link.url])), sent: true };
    } else {
      // A draft: previews and test copies lead to its articles as they are now.
      const found = await this.articles.byIds(await this.editions.articleIds(editionId));
      const note = noteLinks(await this.editions.noteOf(editionId));
      links = {
        urls: locations([...note, ...found.map((article) => ({ articleId: article.id, url: article.url }))].map((link) => [link.articleId, link.url])),
        sent: false,
      };
    }
    this.entries.delete(editionId);
    this.entries.set(editionId, { links, expires: links.sent ? Infinity : Date.now() + DRAFT_TTL_MS });
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
    return links;
  }
}
