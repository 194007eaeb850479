import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ArticlesService } from '../articles/articles.service';
import { ArticleView } from '../articles/dtos/article.dto';
import { FieldErrorsException } from '../common/field-errors';
import { DeliveryConfig, deliveryConfig } from '../config/config';
import { Db } from '../database/db.service';
import { DeliverabilityService } from '../deliverability/deliverability.service';
import type { DeliverabilityRates } from '../deliverability/rates';
import { DeliveryService } from '../delivery/delivery.service';
import { MailService } from '../mail/mail.service';
import { escapeHtml, PersonalisedTemplate } from '../mail/personalised-template';
import { TemplateError } from '../mail/templates.service';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { LinksService, PREVIEW_TOKEN } from '../tokens/links.service';
import { ClicksService } from '../clicks/clicks.service';
import { DigestRenderer, RenderedDigest } from '../publishing/digest-renderer';
import { Segment, segmentOf, segmentsFor } from './segments';
import { Edition, EditionStatus } from './edition.entity';
import { EditionsStore } from './editions.store';

export interface ComposeOptions {
  subject?: string;
  preheader?: string;
  /** In the order the edition shows them; when absent, the articles published since the last edition. */
  articleIds?: number[];
  /** Only readers in these job sectors (slugs); absent or null: every active reader. */
  audience?: { sectors: string[] } | null;
}

export interface EditionView {
  id: number;
  newsletter: string;
  subject: string;
  preheader: string | null;
  status: EditionStatus;
  origin: string;
  error: string | null;
  articles: Array<{ id: number; title: string; url: string }>;
  /** null: every active reader of the newsletter. */
  audience: { sectors: string[] } | null;
  counts: { total: number; sent: number; failed: number; skipped: number; pending: number; cancelled: number; ambiguous: number };
  ratePerSecond: number | null;
  etaSeconds: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** GET /api/editions/:id only (not in lists): null for a draft. */
  rates?: DeliverabilityRates | null;
}

export interface TestSendJob {
  editionId: number;
  to: string[];
}

const SAMPLE_READER = { email: 'reader@example.com' };

/** The articles a version shows: every editorial one, and the segment's partner pieces. */
function forSegment(articles: ArticleView[], segment: Segment): ArticleView[] {
  return articles.filter((article) => !article.sponsored || segment.partnerIds.includes(article.id));
}

function oneLine(value: string): string {
  return value.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** Editions: composing, previewing, test sends, and moving a send through its states. */
@Injectable()
export class EditionsService {
  private readonly logger = new Logger(EditionsService.name);

  constructor(
    private readonly db: Db,
    private readonly store: EditionsStore,
    private readonly catalogue: NewslettersService,
    private readonly renderer: DigestRenderer,
    private readonly library: ArticlesService,
    private readonly delivery: DeliveryService,
    private readonly mail: MailService,
    private readonly links: LinksService,
    @Inject(deliveryConfig.KEY) private readonly config: DeliveryConfig,
    @InjectQueue(QUEUES.editions) private readonly queue: Queue,
    private readonly deliverability: DeliverabilityService,
    private readonly clicks: ClicksService,
  ) {}

  async newsletter(slug: string): Promise<Newsletter> {
    const newsletter = await this.catalogue.bySlug(slug);
    if (!newsletter) throw new NotFoundException(`No newsletter ${slug}`);
    return newsletter;
  }

  /** The editor's compose: 201 with the draft, or 422 when there is nothing new to send. */
  async composeFor(slug: string, options: ComposeOptions): Promise<EditionView> {
    const newsletter = await this.newsletter(slug);
    const id = await this.compose(newsletter, options, 'editor');
    if (id === null) {
      throw new UnprocessableEntityException({
        errors: [{ field: 'articleIds', message: `No new articles for ${newsletter.name} since its last edition` }],
      });
    }
    return this.view(id);
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
      const lead = articles.find((article) => !article.sponsored) ?? articles[0];
      return this.store.insertDraft({
        newsletterId: newsletter.id,
        subject: oneLine(options.subject ?? `${newsletter.name}: ${lead.title}`).slice(0, 300),
        // Without one, the inbox shows the lead's standfirst after the subject, not the masthead.
        preheader: oneLine(options.preheader ?? lead.standfirst ?? '').slice(0, 300) || null,
        origin,
        batchSize: this.config.batchSize,
        articleIds: articles.map((article) => article.id),
        audienceSectors: audienceSectors ?? null,
      });
    });
  }

  /** Changes a draft; 409 once it has started or ended. */
  async update(id: number, change: ComposeOptions): Promise<EditionView> {
    const row = await this.row(id);
    if (row.status !== 'draft') throw new ConflictException(`Edition ${id} is ${row.status}: only a draft can be changed`);
    const articleIds = change.articleIds ? (await this.chosenArticles(change.articleIds)).map((article) => article.id) : undefined;
    const audienceSectors = await this.sectorIds(change.audience);
    const changed = await this.store.updateDraft(id, {
      audienceSectors,
      subject: change.subject === undefined ? undefined : oneLine(change.subject).slice(0, 300),
      preheader: change.preheader === undefined ? undefined : oneLine(change.preheader).slice(0, 300) || null,
      articleIds,
    });
    if (!changed) throw new ConflictException(`Edition ${id} is no longer a draft`);
    return this.view(id);
  }

  /** Editions newest first, a page at a time: `next` is the `before` of the following page. */
  async list(filter: { newsletter?: string; status?: EditionStatus; before?: number; limit?: number }): Promise<{ editions: EditionView[]; next: number | null }> {
    const limit = Math.max(1, Math.min(filter.limit ?? 20, 100));
    const newsletterId = filter.newsletter === undefined ? undefined : (await this.newsletter(filter.newsletter)).id;
    const rows = await this.store.list({ newsletterId, status: filter.status, before: filter.before, limit: limit + 1 });
    const shown = rows.slice(0, limit);
    return { editions: await Promise.all(shown.map((row) => this.viewOf(row))), next: rows.length > limit ? shown[shown.length - 1].id : null };
  }

  /** Sector slugs as ids: undefined when not given, null for everyone; 400 naming an unknown one. */
  private async sectorIds(audience: ComposeOptions['audience']): Promise<number[] | null | undefined> {
    if (audience === undefined) return undefined;
    if (audience === null) return null;
    const sectors = await this.catalogue.jobSectors();
    const unknown = audience.sectors.filter((slug) => !sectors.some((sector) => sector.slug === slug));
    if (unknown.length > 0) throw new FieldErrorsException([{ field: 'audience.sectors', message: `Unknown job sectors: ${unknown.join(', ')}` }]);
    return sectors.filter((sector) => audience.sectors.includes(sector.slug)).map((sector) => sector.id);
  }

  private async sectorSlugs(ids: number[]): Promise<string[]> {
    return (await this.catalogue.jobSectors()).filter((sector) => ids.includes(sector.id)).map((sector) => sector.slug);
  }

  private async chosenArticles(ids: number[]): Promise<ArticleView[]> {
    const unique = [...new Set(ids)];
    const found = await this.library.byIds(unique);
    const missing = unique.filter((id) => !found.some((article) => article.id === id));
    if (missing.length > 0) throw new FieldErrorsException([{ field: 'articleIds', message: `Unknown articles: ${missing.join(', ')}` }]);
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

  /** The edition; once it has started sending, with its bounce, complaint and unsubscribe rates too. */
  async view(id: number): Promise<EditionView> {
    const row = await this.row(id);
    const view = await this.viewOf(row);
    return { ...view, rates: row.status === 'draft' ? null : await this.deliverability.editionRates(id) };
  }

  private async viewOf(row: Edition): Promise<EditionView> {
    const [newsletter, articles] = await Promise.all([this.catalogue.byId(row.newsletterId), this.articles(row.id)]);
    const { total, sentCount: sent, failedCount: failed, skippedCount: skipped } = row;
    const open = Math.max(0, total - sent - failed - skipped);
    const started = row.startedAt;
    const finished = row.finishedAt;
    const seconds = started ? ((finished ?? new Date()).getTime() - started.getTime()) / 1000 : 0;
    const rate = started && seconds > 0 ? sent / seconds : null;
    const pending = row.status === 'cancelled' ? 0 : open;
    return {
      id: row.id,
      newsletter: newsletter?.slug ?? String(row.newsletterId),
      subject: row.subject,
      preheader: row.preheader,
      status: row.status,
      origin: row.origin,
      error: row.error,
      articles: articles.map((a) => ({ id: a.id, title: a.title, url: a.url })),
      audience: row.audienceSectors ? { sectors: await this.sectorSlugs(row.audienceSectors) } : null,
      counts: { total, sent, failed, skipped, pending, cancelled: row.status === 'cancelled' ? open : 0, ambiguous: row.ambiguousCount },
      ratePerSecond: rate === null ? null : Math.round(rate * 10) / 10,
      etaSeconds: rate && row.status === 'sending' ? Math.ceil(pending / rate) : pending === 0 ? 0 : null,
      createdAt: row.createdAt.toISOString(),
      startedAt: started?.toISOString() ?? null,
      finishedAt: finished?.toISOString() ?? null,
    };
  }

  /** The report after a send: failures grouped by SMTP reply code, each with its latest error. */
  failures(id: number): ReturnType<DeliveryService['failuresByCode']> {
    return this.delivery.failuresByCode(id);
  }

  /** The plain-text part exactly as a reader gets it, for the same sample reader. */
  async previewText(id: number, sector?: string): Promise<string> {
    const row = await this.row(id);
    const rendered = sector ? await this.renderedFor(row, sector) : await this.rendered(row);
    return new PersonalisedTemplate(rendered.text, undefined, rendered.nonce).fill(this.sampleValues());
  }

  /**
   * The HTML exactly as a reader gets it, for a sample reader whose links do nothing; with a job
   * sector (slug), as a reader of that sector gets it (its partner pieces).
   */
  async preview(id: number, sector?: string): Promise<string> {
    const row = await this.row(id);
    const rendered = sector ? await this.renderedFor(row, sector) : await this.rendered(row);
    return new PersonalisedTemplate(rendered.html, escapeHtml, rendered.nonce).fill(this.sampleValues());
  }

  /** The version a reader of this sector gets: stored once sending started, rendered for a draft. */
  private async renderedFor(row: Edition, sectorSlug: string): Promise<RenderedDigest> {
    const sector = await this.catalogue.sectorBySlug(sectorSlug);
    if (!sector) throw new FieldErrorsException([{ field: 'sector', message: `Unknown job sector ${sectorSlug}` }]);
    if (row.placeholderNonce) {
      const stored = await this.store.segments(row.id);
      const version = stored.find((s) => s.sectorIds.includes(sector.id)) ?? stored.find((s) => s.segment === 0);
      // Counted links become the test copies' uncounted ones, as for the untargeted version.
      if (version) return { html: this.clicks.asTestCopy(version.html), text: this.clicks.asTestCopy(version.text), nonce: row.placeholderNonce };
    }
    const articles = await this.articles(row.id);
    const segments = await this.segmentsOf(row, articles);
    const segment = segments[segmentOf(segments, sector.id)];
    try {
      return await this.render(row, { articles: forSegment(articles, segment), segment: segment.segment });
    } catch (error) {
      if (error instanceof TemplateError) throw new UnprocessableEntityException({ errors: [{ field: 'template', message: error.message }] });
      throw error;
    }
  }

  async queueTest(id: number, to: string[]): Promise<void> {
    await this.row(id);
    await this.queue.add(JOBS.testSend, { editionId: id, to } satisfies TestSendJob, { removeOnComplete: true, removeOnFail: 100, attempts: 3 });
  }

  async sendTest(job: TestSendJob): Promise<void> {
    const row = await this.row(job.editionId);
    const rendered = await this.rendered(row);
    const values = this.sampleValues();
    const html = new PersonalisedTemplate(rendered.html, escapeHtml, rendered.nonce).fill(values);
    const text = new PersonalisedTemplate(rendered.text, undefined, rendered.nonce).fill(values);
    for (const to of job.to) {
      await this.mail.send({
        to,
        subject: `[Test] ${row.subject}`,
        html,
        text,
        headers: this.links.listUnsubscribeHeaders(this.links.url(`/unsubscribe?token=${values.UNSUBSCRIBE_TOKEN}`)),
        kind: 'test',
      });
    }
  }

  /**
   * Starts sending: renders the edition once, then, in one transaction, moves it from draft to
   * sending (the lock: a second send finds no draft and gets 409) and freezes its audience.
   * Delivery jobs are planned by a delivery-plan job after the commit, never here.
   */
  async send(id: number): Promise<EditionView> {
    const row = await this.row(id);
    if (row.status !== 'draft') throw new ConflictException(`Edition ${id} is ${row.status}, not a draft`);
    let rendered: RenderedDigest;
    let versions: Array<Segment & RenderedDigest>;
    const articles = await this.articles(row.id);
    const segments = await this.segmentsOf(row, articles);
    try {
      // One rendering per distinct version: the untargeted one (with the web version), then one
      // per other set of partner pieces, never one per sector.
      rendered = await this.render(row, { forSending: true, articles: forSegment(articles, segments[0]), segment: 0 });
      versions = [{ ...segments[0], ...rendered }];
      for (const segment of segments.slice(1)) {
        versions.push({ ...segment, ...(await this.render(row, { articles: forSegment(articles, segment), segment: segment.segment, counted: true })) });
      }
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      await this.store.failDraft(id, error.message);
      this.logger.error(`Edition ${id} failed before sending: ${error.message}`);
      throw new UnprocessableEntityException({ errors: [{ field: 'template', message: error.message }] });
    }
    const started = await this.db.transaction(async () => {
      if (!(await this.store.startSending(id, rendered))) return false;
      await this.store.saveSegments(id, versions);
      // Where the digests' counted links lead: the articles as they are now, whatever they become.
      await this.clicks.recordLinks(
        id,
        articles.map((a, position) => ({ articleId: a.id, position, url: a.url, title: a.title, section: a.section, sponsored: a.sponsored })),
      );
      await this.store.setTotal(id, await this.delivery.snapshotAudience(id, row.newsletterId, row.audienceSectors));
      return true;
    });
    if (!started) throw new ConflictException(`Edition ${id} is already being sent`);
    await this.delivery.startDelivery(id);
    return this.view(id);
  }

  async pause(id: number): Promise<EditionView> {
    return this.transition(id, ['sending'], 'paused');
  }

  async resume(id: number): Promise<EditionView> {
    const view = await this.transition(id, ['paused'], 'sending');
    await this.delivery.startDelivery(id);
    return view;
  }

  /** Stops the send: recipients not yet claimed are marked cancelled; messages in flight finish. */
  async cancel(id: number): Promise<EditionView> {
    await this.row(id);
    const cancelled = await this.db.transaction(async () => {
      if (!(await this.store.transition(id, ['draft', 'sending', 'paused'], 'cancelled'))) return false;
      await this.delivery.cancelPending(id);
      return true;
    });
    if (!cancelled) throw new ConflictException(`Edition ${id} can no longer be cancelled`);
    return this.view(id);
  }

  /** What a newsletter's schedule does when it fires: compose from new articles and send, or skip. */
  async runSchedule(newsletterId: number): Promise<{ outcome: 'sent'; editionId: number } | { outcome: 'skipped'; reason: string }> {
    const newsletter = await this.catalogue.byId(newsletterId);
    if (!newsletter) return { outcome: 'skipped', reason: `no newsletter ${newsletterId}` };
    const editionId = await this.compose(newsletter, {}, 'schedule');
    if (editionId === null) {
      this.logger.log(`${newsletter.name}: no new articles since the last edition; scheduled edition skipped`);
      return { outcome: 'skipped', reason: 'no new articles' };
    }
    await this.send(editionId);
    this.logger.log(`${newsletter.name}: scheduled edition ${editionId} is sending`);
    return { outcome: 'sent', editionId };
  }

  private async transition(id: number, from: EditionStatus[], to: EditionStatus): Promise<EditionView> {
    await this.row(id);
    if (!(await this.store.transition(id, from, to))) {
      const current = await this.row(id);
      throw new ConflictException(`Edition ${id} is ${current.status}; it can be made ${to} only when ${from.join(' or ')}`);
    }
    return this.view(id);
  }

  private async row(id: number): Promise<Edition> {
    const found = await this.store.find(id);
    if (!found) throw new NotFoundException(`No edition ${id}`);
    return found;
  }

  private async articles(editionId: number): Promise<ArticleView[]> {
    return this.library.byIds(await this.store.articleIds(editionId));
  }

  /**
   * A draft renders fresh; once sending started, the stored rendering is the truth, with its
   * counted links turned into ones that count nothing (previews and test copies never count).
   */
  private async rendered(row: Edition): Promise<RenderedDigest> {
    if (row.html && row.text && row.placeholderNonce) {
      return { html: this.clicks.asTestCopy(row.html), text: this.clicks.asTestCopy(row.text), nonce: row.placeholderNonce };
    }
    // A draft's untargeted version: what readers with no sector, or no piece aimed at them, get.
    const articles = await this.articles(row.id);
    const [untargeted] = await this.segmentsOf(row, articles);
    try {
      return await this.render(row, { articles: forSegment(articles, untargeted) });
    } catch (error) {
      if (error instanceof TemplateError) throw new UnprocessableEntityException({ errors: [{ field: 'template', message: error.message }] });
      throw error;
    }
  }

  /** Sending also renders the web version, once; previews and test sends need only the email. */
  /** The edition's versions: one per distinct set of partner pieces among its audience's sectors. */
  private async segmentsOf(row: Edition, articles: ArticleView[]): Promise<Segment[]> {
    const sectors = (await this.catalogue.jobSectors()).map((sector) => sector.id).filter((id) => !row.audienceSectors || row.audienceSectors.includes(id));
    const partners = articles.filter((article) => article.sponsored).map((article) => ({ id: article.id, targetSectors: article.targetSectorIds ?? [] }));
    return segmentsFor(partners, sectors);
  }

  private async render(row: Edition, options: { forSending?: boolean; articles?: ArticleView[]; segment?: number; counted?: boolean } = {}): Promise<RenderedDigest> {
    const newsletter = (await this.catalogue.byId(row.newsletterId))!;
    const input = {
      newsletter: { slug: newsletter.slug, name: newsletter.name, blurb: newsletter.blurb },
      editionId: row.id,
      subject: row.subject,
      preheader: row.preheader,
      articles: options.articles ?? (await this.articles(row.id)),
      // Previews and test copies: their article links redirect but never count.
      preview: !options.forSending && !options.counted,
      segment: options.segment ?? 0,
    };
    return options.forSending ? this.renderer.renderForSending(input) : this.renderer.render(input);
  }

  private sampleValues(): Record<string, string> {
    return { EMAIL: SAMPLE_READER.email, PREFERENCES_TOKEN: PREVIEW_TOKEN, UNSUBSCRIBE_TOKEN: PREVIEW_TOKEN };
  }

}
