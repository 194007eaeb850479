import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { InvalidInputError, NotFoundError } from '../common/domain-errors';
import { NewslettersService, NewsletterTimetable } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { nextRuns, Schedule, scheduleProblem, timezoneProblem } from './schedule';

export interface ScheduledEditionJob {
  newsletterId: number;
}

export interface ScheduleView {
  newsletter: string;
  cron: string | null;
  timezone: string;
  nextRuns: string[];
  minArticles: number;
}

const schedulerId = (slug: string) => `newsletter-${slug}`;

/**
 * Newsletters going out on their timetable, as BullMQ job schedulers: one per newsletter, kept
 * in Redis, so any number of workers fire it once.
 */
@Injectable()
export class SchedulesService {
  private readonly logger = new Logger(SchedulesService.name);

  constructor(
    private readonly newsletters: NewslettersService,
    @InjectQueue(QUEUES.schedules) private readonly queue: Queue<ScheduledEditionJob>,
  ) {}

  /** Makes Redis's job schedulers match the newsletters' schedules in the database. */
  async sync(): Promise<void> {
    for (const newsletter of await this.newsletters.timetables()) await this.apply(newsletter);
  }

  async view(slug: string): Promise<ScheduleView> {
    const newsletter = await this.schedule(slug);
    return {
      newsletter: newsletter.slug,
      cron: newsletter.cron,
      timezone: newsletter.timezone,
      minArticles: newsletter.minArticles,
      nextRuns: newsletter.cron ? nextRuns({ cron: newsletter.cron, timezone: newsletter.timezone }, new Date(), 3).map((d) => d.toISOString()) : [],
    };
  }

  /** A new timetable for a newsletter; null stops it going out by itself. */
  async set(slug: string, cron: string | null, timezone?: string): Promise<ScheduleView> {
    const current = await this.schedule(slug);
    const next = { ...current, cron, timezone: timezone ?? current.timezone };
    // Off keeps a time zone too, for when it is switched on again: it must be a real one.
    const problem = next.cron === null ? timezoneProblem(next.timezone) : scheduleProblem(next as Schedule);
    if (problem) throw new InvalidInputError([problem]);
    await this.newsletters.setTimetable(current.id, next.cron, next.timezone);
    await this.apply(next);
    return this.view(slug);
  }

  /** Below this many new articles, a scheduled edition is held as a draft for the editors. */
  async setMinArticles(slug: string, minArticles: number): Promise<void> {
    if (!Number.isInteger(minArticles) || minArticles < 1 || minArticles > 50) throw new InvalidInputError([{ field: 'minArticles', message: 'a whole number from 1 to 50' }]);
    await this.newsletters.setMinArticles((await this.schedule(slug)).id, minArticles);
  }

  private async apply(newsletter: NewsletterTimetable): Promise<void> {
    if (!newsletter.cron) {
      await this.queue.removeJobScheduler(schedulerId(newsletter.slug));
      return;
    }
    await this.queue.upsertJobScheduler(
      schedulerId(newsletter.slug),
      { pattern: newsletter.cron, tz: newsletter.timezone },
      { name: JOBS.scheduledEdition, data: { newsletterId: newsletter.id }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.logger.log(`${newsletter.slug} goes out on "${newsletter.cron}" (${newsletter.timezone})`);
  }

  private async schedule(slug: string): Promise<NewsletterTimetable> {
    const found = (await this.newsletters.timetables()).find((n) => n.slug === slug);
    if (!found) throw new NotFoundError(`No newsletter ${slug}`);
    return found;
  }
}
