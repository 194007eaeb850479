import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { ArticleView } from '../articles/dtos/article.dto';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { Db } from '../database/db.service';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { NOTE_MAX_LENGTH } from './dtos/edition.dto';
import { Edition, EditionStatus } from './edition.entity';
import { ArchivedEdition, EditionsStore, LatestEdition, RenderedEdition } from './editions.store';
import { Segment, segmentsFor } from './segments';

export type { ArchivedEdition, LatestEdition, RenderedEdition } from './editions.store';

export interface ComposeOptions {
  /** Undefined or null when composing, null when changing: from the lead article, following it at every save until an editor writes one. */
  subject?: string | null;
  /** '' for none; null (or undefined when composing): the lead article's standfirst, following the lead. */
  preheader?: string | null;
  /** The editor's note in Markdown ('' or null: none), and the editor who signs it (null: unsigned). */
  note?: { text: string | null; signedBy: number | null };
  /** In the order the edition shows them; when absent, the articles published since the last edition. */
  articleIds?: number[];
  /** Only readers in these job sectors (slugs); absent or null: every active reader. */
  audience?: { sectors: string[] } | null;
}

/** One version of an edition as rendered when its send started. */
export interface StoredVersion {
  segment: number;
  sectorIds: number[];
  partnerIds: number[];
  html: string;
  text: string;
}

function oneLine(value: string): string {
  return value.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** What the subject and preheader say while the editor has written neither: the lead article's. */
function fromLead(newsletter: Pick<Newsletter, 'name'>, articles: ArticleView[]): { subject: string; preheader: string | null } {
  const lead = articles.find((article) => !article.sponsored) ?? articles[0];
  return {
    subject: oneLine(`${newsletter.name}: ${lead?.title ?? ''}`).slice(0, 300),
    // Without one, the inbox shows the lead's standfirst after the subject, not the masthead.
    preheader: oneLine(lead?.standfirst ?? '').slice(0, 300) || null,
  };
}

/** A note as stored: line breaks as \n, no other control characters, null when empty. */
function noteText(note: ComposeOptions['note']): { text: string | null; signedBy: number | null } | undefined {
  if (note === undefined) return undefined;
  const text = (note.text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();
  if (text.length > NOTE_MAX_LENGTH)
    throw new InvalidInputError([{ field: 'note', message: `The note is ${text.length} characters long: at most ${NOTE_MAX_LENGTH}` }]);
  return text === '' ? { text: null, signedBy: null } : { text, signedBy: note.signedBy };
}

/**
 * Editions: drafts and their content (newsletter, subject, preheader, articles in order, audience)
 * and, once sending starts, the rendering every copy is built from. The only way into the
 * editions module's tables; publishing moves an edition through its states through here.
 */
@Injectable()
export class EditionsService {
  constructor(
    private readonly db: Db,
    private readonly store: EditionsStore,
    private readonly catalogue: NewslettersService,
    private readonly library: ArticlesService,
  ) {}

  async newsletter(slug: string): Promise<Newsletter> {
    const newsletter = await this.catalogue.bySlug(slug);
    if (!newsletter) throw new NotFoundError(`No newsletter ${slug}`);
    return newsletter;
  }

  /** The editor's compose: the draft's id, or 422 (`articleIds`) when there is nothing new to send. */
  async composeFor(slug: string, options: ComposeOptions): Promise<number> {
    const newsletter = await this.newsletter(slug);
    const id = await this.compose(newsletter, options, 'editor');
    if (id === null) throw new InvalidInputError([{ field: 'articleIds', message: `No new articles for ${newsletter.name} since its last edition` }], true);
    return id;
  }

  /**
   * A new draft. Composing takes the newsletter's lock, and an article already in one of the
   * newsletter's live editions is never taken again: two schedulers, or an editor racing the
   * schedule, cannot make two editions of the same news. Null when there is nothing new.
   */
  async compose(newsletter: Newsletter, options: ComposeOptions, origin: 'editor' | 'schedule'): Promise<number | null> {
    const audienceSectors = await this.sectorIds(options.audience);
    return this.db.transaction(async () => {
      await this.store.lockNewsletter(newsletter.id);
      const articles = options.articleIds ? await this.chosenArticles(options.articleIds) : await this.newArticles(newsletter);
      if (articles.length === 0) return null;
      const auto = fromLead(newsletter, articles);
      const note = noteText(options.note);
      return this.store.insertDraft({
        newsletterId: newsletter.id,
        subject: options.subject == null ? auto.subject : oneLine(options.subject).slice(0, 300),
        preheader: options.preheader == null ? auto.preheader : oneLine(options.preheader).slice(0, 300) || null,
        subjectAuto: options.subject == null,
        preheaderAuto: options.preheader == null,
        note: note?.text ?? null,
        noteSignedBy: note?.signedBy ?? null,
        origin,
        articleIds: articles.map((article) => article.id),
        audienceSectors: audienceSectors ?? null,
      });
    });
  }

  /** Changes a draft; a ConflictError once it has started or ended. */
  async update(id: number, change: ComposeOptions): Promise<void> {
    const row = await this.find(id);
    if (row.status !== 'draft') throw new ConflictError(`Edition ${id} is ${row.status}: only a draft can be changed`);
    const chosen = change.articleIds ? await this.chosenArticles(change.articleIds) : undefined;
    const audienceSectors = await this.sectorIds(change.audience);
    const subjectAuto = change.subject === undefined ? row.subjectAuto : change.subject === null;
    const preheaderAuto = change.preheader === undefined ? row.preheaderAuto : change.preheader === null;
    // Automatic ones follow the lead as it is after this save: a reorder changes them too.
    const auto = subjectAuto || preheaderAuto ? fromLead((await this.catalogue.byId(row.newsletterId))!, chosen ?? (await this.articles(id))) : undefined;
    const changed = await this.store.updateDraft(id, {
      audienceSectors,
      subject: subjectAuto ? auto!.subject : change.subject == null ? undefined : oneLine(change.subject).slice(0, 300),
      preheader: preheaderAuto ? auto!.preheader : change.preheader == null ? undefined : oneLine(change.preheader).slice(0, 300) || null,
      subjectAuto,
      preheaderAuto,
      note: noteText(change.note),
      articleIds: chosen?.map((article) => article.id),
    });
    if (!changed) throw new ConflictError(`Edition ${id} is no longer a draft`);
  }

  /** Editions newest first, a page at a time: `next` is the `before` of the following page. */
  async list(filter: { newsletter?: string; status?: EditionStatus; before?: number; limit?: number }): Promise<{ editions: Edition[]; next: number | null }> {
    const limit = Math.max(1, Math.min(filter.limit ?? 20, 100));
    const newsletterId = filter.newsletter === undefined ? undefined : (await this.newsletter(filter.newsletter)).id;
    const rows = await this.store.list({ newsletterId, status: filter.status, before: filter.before, limit: limit + 1 });
    const shown = rows.slice(0, limit);
    return { editions: shown, next: rows.length > limit ? shown[shown.length - 1].id : null };
  }

  /** The edition, or a NotFoundError. */
  async find(id: number): Promise<Edition> {
    const found = await this.store.find(id);
    if (!found) throw new NotFoundError(`No edition ${id}`);
    return found;
  }

  /** The edition's articles, in the order it shows them (as they are now). */
  async articles(editionId: number): Promise<ArticleView[]> {
    return this.library.byIds(await this.store.articleIds(editionId));
  }

  /** The edition's note (Markdown), or null: none, or no such edition. */
  async noteOf(editionId: number): Promise<string | null> {
    return (await this.store.find(editionId))?.note ?? null;
  }

  articleIds(editionId: number): Promise<number[]> {
    return this.store.articleIds(editionId);
  }

  /** The edition's versions: one per distinct set of partner pieces among its audience's sectors (segments.ts). */
  async segmentsOf(row: Edition, articles: ArticleView[]): Promise<Segment[]> {
    const sectors = (await this.catalogue.jobSectors()).map((sector) => sector.id).filter((id) => !row.audienceSectors || row.audienceSectors.includes(id));
    const partners = articles.filter((article) => article.sponsored).map((article) => ({ id: article.id, targetSectors: article.targetSectorIds ?? [] }));
    return segmentsFor(partners, sectors);
  }

  /** The audience's sectors as slugs; null: every reader. */
  async audienceSlugs(row: Edition): Promise<string[] | null> {
    if (!row.audienceSectors) return null;
    return (await this.catalogue.jobSectors()).filter((sector) => row.audienceSectors!.includes(sector.id)).map((sector) => sector.slug);
  }

  status(id: number): Promise<EditionStatus | undefined> {
    return this.store.status(id);
  }

  /**
   * draft → sending, with the rendering every copy is built from and each version's, in the
   * caller's transaction; false when it was not a draft (someone else started it).
   */
  async startSending(id: number, rendered: { html: string; text: string; nonce: string; webHtml?: string }, versions: StoredVersion[]): Promise<boolean> {
    if (!(await this.store.startSending(id, rendered))) return false;
    await this.store.saveSegments(id, versions);
    return true;
  }

  /** A draft whose rendering failed (invalid MJML) fails; it is never sent. */
  failDraft(id: number, error: string): Promise<void> {
    return this.store.failDraft(id, error);
  }

  /** Moves the edition from one of `from` to `to`; false when it was in none of them. */
  transition(id: number, from: EditionStatus[], to: EditionStatus): Promise<boolean> {
    return this.store.transition(id, from, to);
  }

  /** Where an edition becomes `sent`, once delivery says every recipient has an outcome. */
  markSent(id: number): Promise<boolean> {
    return this.store.markSent(id);
  }

  /** When the newsletter's last edition to go out started, or null before the first. */
  lastSentAt(newsletterId: number): Promise<Date | null> {
    return this.store.lastSentAt(newsletterId);
  }

  sendingIds(): Promise<number[]> {
    return this.store.sendingIds();
  }

  /** The edition as sending started it: what every copy is built from. Null before then. */
  rendered(id: number): Promise<RenderedEdition | null> {
    return this.store.rendered(id);
  }

  /** Each version's rendering and the sectors whose readers get it; empty before sending. */
  versions(id: number): Promise<StoredVersion[]> {
    return this.store.segments(id);
  }

  /** Which sectors' readers got each version; empty before sending. */
  segmentSectors(id: number): Promise<Array<{ segment: number; sectorIds: number[] }>> {
    return this.store.segmentSectors(id);
  }

  /** Each newsletter's most recent edition that went out (or started to). */
  latestSent(): Promise<LatestEdition[]> {
    return this.store.latestSent();
  }

  archivePage(newsletterId: number, limit: number, before?: number): Promise<ArchivedEdition[]> {
    return this.store.archivePage(newsletterId, limit, before);
  }

  archivedWebHtml(newsletterId: number, id: number): Promise<string | null> {
    return this.store.archivedWebHtml(newsletterId, id);
  }

  /** Keeps an edition in the public archive, or out of it; false when there is no such edition. */
  setInArchive(id: number, inArchive: boolean): Promise<boolean> {
    return this.store.setInArchive(id, inArchive);
  }

  /** Sector slugs as ids: undefined when not given, null for everyone; a field error naming an unknown one. */
  private async sectorIds(audience: ComposeOptions['audience']): Promise<number[] | null | undefined> {
    if (audience === undefined) return undefined;
    if (audience === null) return null;
    const sectors = await this.catalogue.jobSectors();
    const unknown = audience.sectors.filter((slug) => !sectors.some((sector) => sector.slug === slug));
    if (unknown.length > 0) throw new InvalidInputError([{ field: 'audience.sectors', message: `Unknown job sectors: ${unknown.join(', ')}` }]);
    return sectors.filter((sector) => audience.sectors.includes(sector.slug)).map((sector) => sector.id);
  }

  private async chosenArticles(ids: number[]): Promise<ArticleView[]> {
    const unique = [...new Set(ids)];
    const found = await this.library.byIds(unique);
    const missing = unique.filter((id) => !found.some((article) => article.id === id));
    if (missing.length > 0) throw new InvalidInputError([{ field: 'articleIds', message: `Unknown articles: ${missing.join(', ')}` }]);
    return found;
  }

  /** Articles published since the newsletter's last edition went out, not yet in a live edition. */
  private async newArticles(newsletter: Newsletter): Promise<ArticleView[]> {
    const since = await this.store.lastSentAt(newsletter.id);
    const chosen: ArticleView[] = [];
    for (let page = await this.library.publishedSince(since, { after: true, limit: 100 }); page.length > 0; ) {
      const taken = await this.store.articlesTaken(newsletter.id, page.map((article) => article.id));
      for (const article of page) {
        if (taken.has(article.id)) continue;
        chosen.push(article);
        if (chosen.length === newsletter.maxArticles) return chosen;
      }
      const last = page[page.length - 1];
      page = page.length < 100 ? [] : await this.library.publishedSince(since, { after: true, limit: 100, cursor: { publishedAt: last.publishedAt, id: last.id } });
    }
    return chosen;
  }
}
