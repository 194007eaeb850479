import { Injectable } from '@nestjs/common';
import { clockIn } from '../publishing/send-estimate';
import { SendEstimates } from '../publishing/send-estimates';
import { ArticlesService } from '../articles/articles.service';
import { ArticleView } from '../articles/dtos/article.dto';
import { webVersionPath } from '../editions/edition-paths';
import { EditionsService } from '../editions/editions.service';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { EditionView, PublishingService } from '../publishing/publishing.service';
import { Audience } from '../readers/audience';

export interface AudienceChoice {
  everyone: number;
  targeted: boolean;
  sectors: Array<{ slug: string; name: string; readers: number; checked: boolean }>;
  chosen: Array<{ slug: string; name: string; readers: number }>;
  /** How many readers the edition would reach now. */
  readers: number;
}

/** How many recent articles the compose page offers beside the new ones. */
const RECENT = 40;

export interface ArticleChoice {
  id: number;
  title: string;
  section: string | null;
  publishedAt: Date;
  fresh: boolean;
  chosen: boolean;
  sponsored: boolean;
  first?: boolean;
  last?: boolean;
}

const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  sending: 'Sending',
  paused: 'Paused',
  sent: 'Sent',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export const statusLabel = (status: string): string => STATUS_LABELS[status] ?? status;

/** Where an edition's newsroom page is: its draft, its progress or its report. */
export function editionPage(view: { id: number; status: string }): string {
  if (view.status === 'draft') return `/newsroom/editions/${view.id}/edit`;
  if (view.status === 'sending' || view.status === 'paused') return `/newsroom/editions/${view.id}/progress`;
  return `/newsroom/editions/${view.id}/report`;
}

/** The figures the progress page shows and its script polls for; times in the newsletter's zone. */
export function progressOf(view: EditionView, timezone = 'Europe/London') {
  const { total, sent, failed, skipped, pending, ambiguous, cancelled } = view.counts;
  const done = sent + failed + skipped + cancelled;
  return {
    id: view.id,
    status: view.status,
    statusLabel: statusLabel(view.status),
    finished: !['sending', 'paused', 'draft'].includes(view.status),
    total,
    sent,
    failed,
    skipped,
    pending,
    ambiguous,
    cancelled,
    done,
    percent: total > 0 ? Math.floor((done / total) * 100) : view.status === 'sent' ? 100 : 0,
    rate: view.ratePerSecond,
    eta: view.etaSeconds === null ? null : formatDuration(view.etaSeconds),
    deadline: view.deadline ? clockIn(new Date(view.deadline), timezone) : null,
    /** Always a sentence while there is a deadline, so the polling script replaces it either way. */
    deadlineNote: !view.deadline
      ? null
      : view.behind
        ? `Behind: at this rate it ends about ${clockIn(new Date(view.behind.finishAt), timezone)}, ${Math.ceil(view.behind.lateSeconds / 60)} min after its ${clockIn(new Date(view.deadline), timezone)} deadline`
        : view.status === 'sending' || view.status === 'paused'
          ? `On course for its ${clockIn(new Date(view.deadline), timezone)} deadline`
          : `Deadline ${clockIn(new Date(view.deadline), timezone)}`,
    behind: view.behind !== null,
  };
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The view models of the newsroom's edition pages: what to offer, count and show. */
@Injectable()
export class NewsroomEditions {
  constructor(
    readonly publishing: PublishingService,
    readonly estimates: SendEstimates,
    private readonly editions: EditionsService,
    private readonly library: ArticlesService,
    private readonly newsletters: NewslettersService,
    private readonly readers: Audience,
  ) {}

  newsletter(slug: string): Promise<Newsletter> {
    return this.editions.newsletter(slug);
  }

  /**
   * The compose page's list: the chosen articles first, in their order, then the newest others.
   * Articles published since the newsletter's last edition went out are marked new; on a new
   * draft they are the ones ticked.
   */
  async choices(newsletter: Newsletter, chosenIds: number[] | null): Promise<ArticleChoice[]> {
    const since = await this.editions.lastSentAt(newsletter.id);
    const recent = (await this.library.browse({ limit: RECENT })).articles;
    const isFresh = (article: ArticleView) => since === null || article.publishedAt > since;
    const chosen = chosenIds === null ? recent.filter(isFresh).slice(0, newsletter.maxArticles) : await this.library.byIds(chosenIds);
    const chosenSet = new Set(chosen.map((a) => a.id));
    const choice = (article: ArticleView, isChosen: boolean): ArticleChoice => ({
      id: article.id,
      title: article.title,
      section: article.section,
      publishedAt: article.publishedAt,
      sponsored: article.sponsored,
      fresh: isFresh(article),
      chosen: isChosen,
    });
    const list = [...chosen.map((a) => choice(a, true)), ...recent.filter((a) => !chosenSet.has(a.id)).map((a) => choice(a, false))];
    if (chosen.length > 0) {
      list[0].first = true;
      list[chosen.length - 1].last = true;
    }
    return list;
  }

  /**
   * Who a send would reach now (active, confirmed, not suppressed): everyone, and each job sector
   * with its readers, ticked when the edition targets it.
   */
  async audience(newsletterId: number, targeted: string[] | null): Promise<AudienceChoice> {
    const [sectors, counts] = await Promise.all([this.newsletters.jobSectors(), this.readers.bySector(newsletterId)]);
    const readersIn = (id: number | null) => counts.find((c) => c.sectorId === id)?.readers ?? 0;
    const options = sectors.map((sector) => ({ slug: sector.slug, name: sector.label, readers: readersIn(sector.id), checked: targeted?.includes(sector.slug) ?? false }));
    const everyone = counts.reduce((sum, c) => sum + c.readers, 0);
    const chosen = options.filter((o) => o.checked);
    return { everyone, targeted: targeted !== null, sectors: options, chosen, readers: targeted === null ? everyone : chosen.reduce((sum, o) => sum + o.readers, 0) };
  }

  /** The newsletter's time zone as it is now (the catalogue's copy is read once). */
  async timezoneOf(view: EditionView): Promise<string> {
    const newsletter = await this.editions.newsletter(view.newsletter);
    return (await this.newsletters.timetables()).find((t) => t.id === newsletter.id)?.timezone ?? newsletter.scheduleTimezone;
  }

  async newsletterOf(view: EditionView): Promise<Newsletter> {
    return this.editions.newsletter(view.newsletter);
  }

  /** Where the edition is in the public archive, once it has gone out; null before. */
  async archiveEntry(view: EditionView): Promise<{ inArchive: boolean; url: string } | null> {
    const row = await this.editions.find(view.id);
    if (!row.webHtml) return null;
    return { inArchive: row.inArchive, url: webVersionPath(view.newsletter, view.id) };
  }

  sectors() {
    return this.newsletters.jobSectors();
  }

  async allNewsletters(): Promise<Newsletter[]> {
    return this.newsletters.list();
  }
}
