import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ClicksReport } from '../clicks/click-report';
import { ClicksService } from '../clicks/clicks.service';
import { noteLinks } from '../clicks/note-links';
import { ConflictError } from '../common/domain-errors';
import { Db } from '../database/db.service';
import { DeliverabilityService } from '../deliverability/deliverability.service';
import { DeliveryService, SendCounts } from '../delivery/delivery.service';
import { Edition, EditionStatus } from '../editions/edition.entity';
import { ComposeOptions, EditionsService, LatestEdition } from '../editions/editions.service';
import { MailService } from '../mail/mail.service';
import { escapeHtml, PersonalisedTemplate } from '../mail/personalised-template';
import { TemplateError, TemplatesService } from '../mail/templates.service';
import { EditorsService } from '../editors/editors.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { LinksService, PREVIEW_TOKEN } from '../tokens/links.service';
import { RenderedDigest } from './digest-renderer';
import { EditionRenderer, templateProblem } from './edition-renderer';
import { editionView, EditionView } from './edition-view';
import { SendEstimates } from './send-estimates';

export type { EditionView } from './edition-view';

export interface TestSendJob {
  editionId: number;
  to: string[];
}

const articleWords = (n: number) => `${n} new ${n === 1 ? 'article' : 'articles'}`;

const SAMPLE_READER = { email: 'reader@example.com' };

/**
 * Publishing: an edition going out. It starts a send (rendering once per version and freezing
 * the audience), pauses, resumes and cancels it, runs a newsletter's schedule, previews and
 * test-sends, and shows an edition with its send's figures. It asks editions for the content,
 * delivery for the audience and the sending, clicks for where links lead, and deliverability for
 * the rates.
 */
@Injectable()
export class PublishingService {
  private readonly logger = new Logger(PublishingService.name);

  constructor(
    private readonly db: Db,
    private readonly editions: EditionsService,
    private readonly delivery: DeliveryService,
    private readonly clicks: ClicksService,
    private readonly deliverability: DeliverabilityService,
    private readonly catalogue: NewslettersService,
    private readonly rendering: EditionRenderer,
    private readonly mail: MailService,
    private readonly links: LinksService,
    private readonly templates: TemplatesService,
    private readonly editors: EditorsService,
    private readonly estimates: SendEstimates,
    @InjectQueue(QUEUES.editions) private readonly queue: Queue,
  ) {}

  /** The editor's compose: the new draft, or 422 when there is nothing new to send. */
  async compose(slug: string, options: ComposeOptions): Promise<EditionView> {
    return this.view(await this.editions.composeFor(slug, options));
  }

  /** Changes a draft; 409 once it has started or ended. */
  async update(id: number, change: ComposeOptions): Promise<EditionView> {
    await this.editions.update(id, change);
    return this.view(id);
  }

  /** The edition with its send's figures; once it has started sending, with its bounce, complaint and unsubscribe rates too. */
  async view(id: number): Promise<EditionView> {
    const row = await this.editions.find(id);
    const view = await this.viewOf(row, await this.delivery.counts(id));
    return { ...view, rates: row.status === 'draft' ? null : await this.deliverability.editionRates(id) };
  }

  /** Editions newest first, a page at a time: `next` is the `before` of the following page. */
  async list(filter: { newsletter?: string; status?: EditionStatus; before?: number; limit?: number }): Promise<{ editions: EditionView[]; next: number | null }> {
    const page = await this.editions.list(filter);
    const counts = await this.delivery.countsOf(page.editions.map((row) => row.id));
    return { editions: await Promise.all(page.editions.map((row) => this.viewOf(row, counts.get(row.id) ?? null))), next: page.next };
  }

  /** Each newsletter's most recent edition that went out (or started to), with its figures. */
  async latestSent(): Promise<Array<{ edition: LatestEdition; counts: SendCounts | null }>> {
    const rows = await this.editions.latestSent();
    const counts = await this.delivery.countsOf(rows.map((row) => row.id));
    return rows.map((edition) => ({ edition, counts: counts.get(edition.id) ?? null }));
  }

  /** The report after a send: failures grouped by SMTP reply code, each with its latest error. */
  failures(id: number): ReturnType<DeliveryService['failuresByCode']> {
    return this.delivery.failuresByCode(id);
  }

  /** Copies sent, by the relay that took each. */
  sentByRelay(id: number): ReturnType<DeliveryService['sentByRelay']> {
    return this.delivery.sentByRelay(id);
  }

  /** Clicks per article, section, segment and sector, against the copies delivered. */
  async clicksReport(id: number): Promise<ClicksReport> {
    await this.editions.find(id);
    return this.clicks.report(id, (await this.delivery.counts(id))?.sent ?? 0);
  }

  /**
   * Starts sending: renders the edition once per version, then, in one transaction, moves it
   * from draft to sending (the lock: a second send finds no draft and gets 409), records where
   * its counted links lead, and freezes its audience. Delivery jobs are planned by a
   * delivery-plan job after the commit, never here.
   */
  async send(id: number): Promise<EditionView> {
    const row = await this.editions.find(id);
    if (row.status !== 'draft') throw new ConflictError(`Edition ${id} is ${row.status}, not a draft`);
    const articles = await this.editions.articles(row.id);
    const segments = await this.editions.segmentsOf(row, articles);
    let versions: Awaited<ReturnType<EditionRenderer['forSending']>>;
    try {
      versions = await this.rendering.forSending(row, articles, segments);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      await this.editions.failDraft(id, error.message);
      this.logger.error(`Edition ${id} failed before sending: ${error.message}`);
      throw templateProblem(error);
    }
    // Its newsletter's "delivered by" that day, while still ahead: what the batches are ordered by, and the send measured against.
    const deadline = await this.estimates.deadlineOfSendNow(row.newsletterId);
    const started = await this.db.transaction(async () => {
      if (!(await this.editions.startSending(id, versions[0], versions))) return false;
      // Where the digests' counted links lead: the articles as they are now, whatever they become.
      await this.clicks.recordLinks(id, [
        ...noteLinks(row.note),
        ...articles.map((a, position) => ({ articleId: a.id, position, url: a.url, title: a.title, section: a.section, sponsored: a.sponsored })),
      ]);
      await this.delivery.snapshotAudience(id, row.newsletterId, row.audienceSectors, deadline);
      return true;
    });
    if (!started) throw new ConflictError(`Edition ${id} is already being sent`);
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
    await this.editions.find(id);
    const cancelled = await this.db.transaction(async () => {
      if (!(await this.editions.transition(id, ['draft', 'sending', 'paused'], 'cancelled'))) return false;
      await this.delivery.cancelPending(id);
      return true;
    });
    if (!cancelled) throw new ConflictError(`Edition ${id} can no longer be cancelled`);
    return this.view(id);
  }

  /**
   * What a newsletter's schedule does when it fires: compose from new articles and send; skip
   * when there is nothing new; hold as a draft, and tell the editors, when there are fewer new
   * articles than the newsletter's minimum.
   */
  async runSchedule(newsletterId: number): Promise<{ outcome: 'sent' | 'held'; editionId: number } | { outcome: 'skipped'; reason: string }> {
    const newsletter = await this.catalogue.byId(newsletterId);
    if (!newsletter) return { outcome: 'skipped', reason: `no newsletter ${newsletterId}` };
    const editionId = await this.editions.compose(newsletter, {}, 'schedule');
    if (editionId === null) {
      this.logger.log(`${newsletter.name}: no new articles since the last edition; scheduled edition skipped`);
      return { outcome: 'skipped', reason: 'no new articles' };
    }
    // Read afresh: the minimum changes at run time, the cached catalogue only by migration.
    const minArticles = (await this.catalogue.timetables()).find((t) => t.id === newsletterId)?.minArticles ?? 1;
    const articles = (await this.editions.articleIds(editionId)).length;
    if (articles < minArticles) {
      this.logger.log(`${newsletter.name}: ${articleWords(articles)}, fewer than ${minArticles}; scheduled edition ${editionId} held as a draft`);
      await this.tellEditorsHeld(newsletter.name, editionId, articles, minArticles);
      return { outcome: 'held', editionId };
    }
    await this.send(editionId);
    this.logger.log(`${newsletter.name}: scheduled edition ${editionId} is sending`);
    return { outcome: 'sent', editionId };
  }

  /** Scheduled editions held as drafts (below their newsletter's minimum) that no editor has sent or cancelled yet. */
  async held(): Promise<EditionView[]> {
    const drafts = await this.editions.list({ status: 'draft', limit: 100 });
    return Promise.all(drafts.editions.filter((row) => row.origin === 'schedule').map((row) => this.viewOf(row, null)));
  }

  /** The held edition's email to every editor; a failure is logged, the draft stays on the dashboard. */
  private async tellEditorsHeld(name: string, editionId: number, articles: number, minArticles: number): Promise<void> {
    const subject = `${name} has ${articleWords(articles)}: send it, add more, or skip today`;
    const draftUrl = this.links.url(`/newsroom/editions/${editionId}`);
    try {
      const { html, text } = await this.templates.email('edition-held', { subject, newsletter: name, articleWords: articleWords(articles), minArticles, draftUrl });
      for (const to of await this.editors.activeEmails()) await this.mail.send({ to, subject, html, text, kind: 'edition-held' });
    } catch (error) {
      this.logger.warn(`Edition ${editionId} is held, but the editors could not be told by email: ${(error as Error).message}`);
    }
  }

  /** The plain-text part exactly as a reader gets it, for the same sample reader. */
  async previewText(id: number, sector?: string): Promise<string> {
    const rendered = await this.rendering.forPreview(await this.editions.find(id), sector);
    return new PersonalisedTemplate(rendered.text, undefined, rendered.nonce).fill(this.sampleValues());
  }

  /**
   * The HTML exactly as a reader gets it, for a sample reader whose links do nothing; with a job
   * sector (slug), as a reader of that sector gets it (its partner pieces).
   */
  async preview(id: number, sector?: string): Promise<string> {
    const rendered = await this.rendering.forPreview(await this.editions.find(id), sector);
    return new PersonalisedTemplate(rendered.html, escapeHtml, rendered.nonce).fill(this.sampleValues());
  }

  /**
   * The largest version's HTML as a reader gets it, in bytes (the one with the most partner
   * pieces), and the job sector whose readers get it (null: the untargeted version).
   */
  async largestCopy(id: number): Promise<{ bytes: number; sector: string | null }> {
    const row = await this.editions.find(id);
    const segments = await this.editions.segmentsOf(row, await this.editions.articles(id));
    const largest = segments.reduce((a, b) => (b.partnerIds.length > a.partnerIds.length ? b : a));
    const sector = largest.segment === 0 ? undefined : (await this.catalogue.jobSectors()).find((s) => largest.sectorIds.includes(s.id));
    const html = await this.preview(id, sector?.slug);
    return { bytes: Buffer.byteLength(html), sector: sector?.label ?? null };
  }

  async queueTest(id: number, to: string[]): Promise<void> {
    await this.editions.find(id);
    await this.queue.add(JOBS.testSend, { editionId: id, to } satisfies TestSendJob, { removeOnComplete: true, removeOnFail: 100, attempts: 3 });
  }

  async sendTest(job: TestSendJob): Promise<void> {
    const row = await this.editions.find(job.editionId);
    const rendered: RenderedDigest = await this.rendering.forPreview(row);
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

  private async transition(id: number, from: EditionStatus[], to: EditionStatus): Promise<EditionView> {
    await this.editions.find(id);
    if (!(await this.editions.transition(id, from, to))) {
      const current = await this.editions.find(id);
      throw new ConflictError(`Edition ${id} is ${current.status}; it can be made ${to} only when ${from.join(' or ')}`);
    }
    return this.view(id);
  }

  private async viewOf(row: Edition, counts: SendCounts | null): Promise<EditionView> {
    const [newsletter, articles, audience] = await Promise.all([this.catalogue.byId(row.newsletterId), this.editions.articles(row.id), this.editions.audienceSlugs(row)]);
    return editionView(row, {
      newsletter: newsletter?.slug ?? String(row.newsletterId),
      articles: articles.map((a) => ({ id: a.id, title: a.title, url: a.url })),
      audience,
      counts,
    });
  }

  private sampleValues(): Record<string, string> {
    return { EMAIL: SAMPLE_READER.email, PREFERENCES_TOKEN: PREVIEW_TOKEN, UNSUBSCRIBE_TOKEN: PREVIEW_TOKEN };
  }
}
