import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ArticlesService } from '../articles/articles.service';
import { ArticleView } from '../articles/dtos/article.dto';
import { FieldErrorsException } from '../common/field-errors';
import { DeliveryConfig, deliveryConfig } from '../config/config';
import { Db, fromDbTime } from '../database/db.service';
import { DeliveryService } from '../delivery/delivery.service';
import { MailService } from '../mail/mail.service';
import { escapeHtml, PersonalisedTemplate } from '../mail/personalised-template';
import { TemplateError } from '../mail/templates.service';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { LinksService } from '../tokens/links.service';
import { DigestRenderer, RenderedDigest } from './digest-renderer';
import { EditionStatus } from './edition.entity';

export interface ComposeOptions {
  subject?: string;
  preheader?: string;
  /** In the order the edition shows them; when absent, the articles published since the last edition. */
  articleIds?: number[];
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
  counts: { total: number; sent: number; failed: number; skipped: number; pending: number; cancelled: number; ambiguous: number };
  ratePerSecond: number | null;
  etaSeconds: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface EditionRow {
  id: number;
  newsletter_id: number;
  subject: string;
  preheader: string | null;
  status: EditionStatus;
  origin: string;
  error: string | null;
  html: string | null;
  text: string | null;
  placeholder_nonce: string | null;
  total: number;
  sent_count: number;
  failed_count: number;
  skipped_count: number;
  ambiguous_count: number;
  created_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
}

export interface TestSendJob {
  editionId: number;
  to: string[];
}

const SAMPLE_READER = { id: 0, email: 'reader@example.com' };

const toDate = (value: string | Date | null): Date | null => (value === null || value === undefined ? null : fromDbTime(value));

function oneLine(value: string): string {
  return value.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** Editions: composing, previewing, test sends, and moving a send through its states. */
@Injectable()
export class EditionsService {
  private readonly logger = new Logger(EditionsService.name);

  constructor(
    private readonly db: Db,
    private readonly catalogue: NewslettersService,
    private readonly renderer: DigestRenderer,
    private readonly library: ArticlesService,
    private readonly delivery: DeliveryService,
    private readonly mail: MailService,
    private readonly links: LinksService,
    @Inject(deliveryConfig.KEY) private readonly config: DeliveryConfig,
    @InjectQueue(QUEUES.editions) private readonly queue: Queue,
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
    return this.db.transaction(async () => {
      if (this.db.isPostgres) await this.db.query(`SELECT id FROM newsletters WHERE id = $1 FOR UPDATE`, [newsletter.id]);
      const articles = options.articleIds ? await this.chosenArticles(options.articleIds) : await this.newArticles(newsletter);
      if (articles.length === 0) return null;
      const lead = articles.find((article) => !article.sponsored) ?? articles[0];
      const subject = oneLine(options.subject ?? `${newsletter.name}: ${lead.title}`).slice(0, 300);
      const created = await this.db.query<{ id: number }>(
        `INSERT INTO editions (newsletter_id, subject, preheader, status, origin, batch_size, created_at, updated_at)
         VALUES ($1, $2, $3, 'draft', $4, $5, ${this.db.now}, ${this.db.now}) RETURNING id`,
        [newsletter.id, subject, options.preheader ? oneLine(options.preheader).slice(0, 300) : null, origin, this.config.batchSize],
      );
      const id = Number(created.rows[0].id);
      for (const [position, article] of articles.entries()) {
        await this.db.query(`INSERT INTO edition_articles (edition_id, article_id, position) VALUES ($1, $2, $3)`, [id, article.id, position]);
      }
      return id;
    });
  }

  private async chosenArticles(ids: number[]): Promise<Array<{ id: number; title: string; sponsored: boolean }>> {
    const unique = [...new Set(ids)];
    const found = await this.library.byIds(unique);
    const missing = unique.filter((id) => !found.some((article) => article.id === id));
    if (missing.length > 0) throw new FieldErrorsException([{ field: 'articleIds', message: `Unknown articles: ${missing.join(', ')}` }]);
    return found;
  }

  /** Articles published since the newsletter's last edition went out, not yet in a live edition. */
  private async newArticles(newsletter: Newsletter): Promise<Array<{ id: number; title: string; sponsored: boolean }>> {
    const last = await this.db.query<{ since: string | Date | null }>(
      `SELECT max(created_at) AS since FROM editions WHERE newsletter_id = $1 AND status IN ('sending', 'paused', 'sent')`,
      [newsletter.id],
    );
    const since = last.rows[0]?.since ?? null;
    const found = await this.db.query<{ id: number; title: string; sponsored: boolean | number }>(
      `SELECT a.id, a.title, a.sponsored FROM articles a
       WHERE (${this.db.time('$2')} IS NULL OR a.published_at > ${this.db.time('$2')})
         AND NOT EXISTS (
           SELECT 1 FROM edition_articles ea JOIN editions e ON e.id = ea.edition_id
           WHERE ea.article_id = a.id AND e.newsletter_id = $1 AND e.status NOT IN ('cancelled', 'failed'))
       ORDER BY a.published_at DESC, a.id DESC LIMIT $3`,
      [newsletter.id, since, newsletter.maxArticles],
    );
    return found.rows.map((row) => ({ id: Number(row.id), title: row.title, sponsored: Boolean(row.sponsored) }));
  }

  async view(id: number): Promise<EditionView> {
    const row = await this.row(id);
    const [newsletter, articles] = await Promise.all([this.catalogue.byId(Number(row.newsletter_id)), this.articles(id)]);
    const total = Number(row.total);
    const sent = Number(row.sent_count);
    const failed = Number(row.failed_count);
    const skipped = Number(row.skipped_count);
    const open = Math.max(0, total - sent - failed - skipped);
    const started = toDate(row.started_at);
    const finished = toDate(row.finished_at);
    const seconds = started ? ((finished ?? new Date()).getTime() - started.getTime()) / 1000 : 0;
    const rate = started && seconds > 0 ? sent / seconds : null;
    const pending = row.status === 'cancelled' ? 0 : open;
    return {
      id: Number(row.id),
      newsletter: newsletter?.slug ?? String(row.newsletter_id),
      subject: row.subject,
      preheader: row.preheader,
      status: row.status,
      origin: row.origin,
      error: row.error,
      articles: articles.map((a) => ({ id: a.id, title: a.title, url: a.url })),
      counts: { total, sent, failed, skipped, pending, cancelled: row.status === 'cancelled' ? open : 0, ambiguous: Number(row.ambiguous_count) },
      ratePerSecond: rate === null ? null : Math.round(rate * 10) / 10,
      etaSeconds: rate && row.status === 'sending' ? Math.ceil(pending / rate) : pending === 0 ? 0 : null,
      createdAt: toDate(row.created_at)!.toISOString(),
      startedAt: started?.toISOString() ?? null,
      finishedAt: finished?.toISOString() ?? null,
    };
  }

  /** The HTML exactly as a reader gets it, for a sample reader whose links do nothing. */
  async preview(id: number): Promise<string> {
    const rendered = await this.rendered(await this.row(id));
    return new PersonalisedTemplate(rendered.html, escapeHtml, rendered.nonce).fill(this.sampleValues());
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
      await this.mail.send({ to, subject: `[Test] ${row.subject}`, html, text, headers: this.links.listUnsubscribeHeaders(this.links.url(`/unsubscribe?token=${values.UNSUBSCRIBE_TOKEN}`)) });
    }
  }

  /**
   * Starts sending: renders the edition once, then, in one transaction, moves it from draft to
   * sending (the lock: a second send finds no draft and gets 409) and freezes its audience.
   * Delivery jobs are queued by a fan-out job, never here.
   */
  async send(id: number): Promise<EditionView> {
    const row = await this.row(id);
    if (row.status !== 'draft') throw new ConflictException(`Edition ${id} is ${row.status}, not a draft`);
    let rendered: RenderedDigest;
    try {
      rendered = await this.render(row);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      await this.db.query(`UPDATE editions SET status = 'failed', error = $2, updated_at = ${this.db.now} WHERE id = $1 AND status = 'draft'`, [
        id,
        error.message,
      ]);
      this.logger.error(`Edition ${id} failed before sending: ${error.message}`);
      throw new UnprocessableEntityException({ errors: [{ field: 'template', message: error.message }] });
    }
    const started = await this.db.transaction(async () => {
      const moved = await this.db.query(
        `UPDATE editions SET status = 'sending', html = $2, text = $3, placeholder_nonce = $4, started_at = ${this.db.now}, updated_at = ${this.db.now}
         WHERE id = $1 AND status = 'draft'`,
        [id, rendered.html, rendered.text, rendered.nonce],
      );
      if (moved.affected === 0) return false;
      const total = await this.delivery.snapshotAudience(id, Number(row.newsletter_id));
      await this.db.query(`UPDATE editions SET total = $2 WHERE id = $1`, [id, total]);
      return true;
    });
    if (!started) throw new ConflictException(`Edition ${id} is already being sent`);
    await this.queueFanOut(id);
    return this.view(id);
  }

  async pause(id: number): Promise<EditionView> {
    return this.transition(id, ['sending'], 'paused');
  }

  async resume(id: number): Promise<EditionView> {
    const view = await this.transition(id, ['paused'], 'sending');
    await this.queueFanOut(id);
    return view;
  }

  /** Stops the send: recipients not yet claimed are marked cancelled; messages in flight finish. */
  async cancel(id: number): Promise<EditionView> {
    await this.row(id);
    const cancelled = await this.db.transaction(async () => {
      const moved = await this.db.query(
        `UPDATE editions SET status = 'cancelled', finished_at = ${this.db.now}, updated_at = ${this.db.now}
         WHERE id = $1 AND status IN ('draft', 'sending', 'paused')`,
        [id],
      );
      if (moved.affected === 0) return false;
      await this.db.query(`UPDATE deliveries SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [id]);
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

  private async queueFanOut(id: number): Promise<void> {
    await this.queue.add(JOBS.fanOut, { editionId: id }, { removeOnComplete: true, removeOnFail: 100, attempts: 10, backoff: { type: 'exponential', delay: 2000 } });
  }

  private async transition(id: number, from: EditionStatus[], to: EditionStatus): Promise<EditionView> {
    await this.row(id);
    const moved = await this.db.query(
      `UPDATE editions SET status = $2, updated_at = ${this.db.now} WHERE id = $1 AND status ${this.db.isPostgres ? '= ANY($3::text[])' : 'IN (SELECT value FROM json_each($3))'}`,
      [id, to, this.db.isPostgres ? from : JSON.stringify(from)],
    );
    if (moved.affected === 0) {
      const current = await this.row(id);
      throw new ConflictException(`Edition ${id} is ${current.status}; it can be made ${to} only when ${from.join(' or ')}`);
    }
    return this.view(id);
  }

  private async row(id: number): Promise<EditionRow> {
    const found = await this.db.query<EditionRow>(`SELECT * FROM editions WHERE id = $1`, [id]);
    if (!found.rows[0]) throw new NotFoundException(`No edition ${id}`);
    return found.rows[0];
  }

  private async articles(editionId: number): Promise<ArticleView[]> {
    const order = await this.db.query<{ article_id: number }>(
      `SELECT article_id FROM edition_articles WHERE edition_id = $1 ORDER BY position`,
      [editionId],
    );
    return this.library.byIds(order.rows.map((row) => Number(row.article_id)));
  }

  /** A draft renders fresh; once sending started, the stored rendering is the truth. */
  private async rendered(row: EditionRow): Promise<RenderedDigest> {
    if (row.html && row.text && row.placeholder_nonce) return { html: row.html, text: row.text, nonce: row.placeholder_nonce };
    try {
      return await this.render(row);
    } catch (error) {
      if (error instanceof TemplateError) throw new UnprocessableEntityException({ errors: [{ field: 'template', message: error.message }] });
      throw error;
    }
  }

  private async render(row: EditionRow): Promise<RenderedDigest> {
    const newsletter = (await this.catalogue.byId(Number(row.newsletter_id)))!;
    return this.renderer.render({
      newsletter: { slug: newsletter.slug, name: newsletter.name, blurb: newsletter.blurb },
      subject: row.subject,
      preheader: row.preheader,
      articles: await this.articles(Number(row.id)),
    });
  }

  private sampleValues(): Record<string, string> {
    const tokens = this.links.tokens(SAMPLE_READER.id, null);
    return { EMAIL: SAMPLE_READER.email, PREFERENCES_TOKEN: tokens.preferences, UNSUBSCRIBE_TOKEN: tokens.unsubscribe };
  }
}
