import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FieldErrorsException } from '../common/field-errors';
import { Db } from '../database/db.service';
import { JOBS, QUEUES } from '../queue/queues';
import { nextRuns, Schedule, scheduleProblem } from './schedule';

export interface ScheduledEditionJob {
  newsletterId: number;
}

export interface ScheduleView {
  newsletter: string;
  cron: string | null;
  timezone: string;
  nextRuns: string[];
}

interface NewsletterSchedule {
  id: number;
  slug: string;
  schedule_cron: string | null;
  schedule_timezone: string;
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
    private readonly db: Db,
    @InjectQueue(QUEUES.schedules) private readonly queue: Queue<ScheduledEditionJob>,
  ) {}

  /** Makes Redis's job schedulers match the newsletters' schedules in the database. */
  async sync(): Promise<void> {
    for (const newsletter of await this.schedules()) await this.apply(newsletter);
  }

  async view(slug: string): Promise<ScheduleView> {
    const newsletter = await this.schedule(slug);
    return {
      newsletter: newsletter.slug,
      cron: newsletter.schedule_cron,
      timezone: newsletter.schedule_timezone,
      nextRuns: newsletter.schedule_cron
        ? nextRuns({ cron: newsletter.schedule_cron, timezone: newsletter.schedule_timezone }, new Date(), 3).map((d) => d.toISOString())
        : [],
    };
  }

  /** A new timetable for a newsletter; null stops it going out by itself. */
  async set(slug: string, cron: string | null, timezone?: string): Promise<ScheduleView> {
    const current = await this.schedule(slug);
    const next = { cron, timezone: timezone ?? current.schedule_timezone };
    const problem = next.cron === null ? null : scheduleProblem(next as Schedule);
    if (problem) throw new FieldErrorsException([problem]);
    await this.db.query(`UPDATE newsletters SET schedule_cron = $2, schedule_timezone = $3 WHERE id = $1`, [current.id, next.cron, next.timezone]);
    await this.apply({ ...current, schedule_cron: next.cron, schedule_timezone: next.timezone });
    return this.view(slug);
  }

  private async apply(newsletter: NewsletterSchedule): Promise<void> {
    if (!newsletter.schedule_cron) {
      await this.queue.removeJobScheduler(schedulerId(newsletter.slug));
      return;
    }
    await this.queue.upsertJobScheduler(
      schedulerId(newsletter.slug),
      { pattern: newsletter.schedule_cron, tz: newsletter.schedule_timezone },
      { name: JOBS.scheduledEdition, data: { newsletterId: Number(newsletter.id) }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.logger.log(`${newsletter.slug} goes out on "${newsletter.schedule_cron}" (${newsletter.schedule_timezone})`);
  }

  private async schedules(): Promise<NewsletterSchedule[]> {
    return (await this.db.query<NewsletterSchedule>(`SELECT id, slug, schedule_cron, schedule_timezone FROM newsletters ORDER BY position`)).rows;
  }

  private async schedule(slug: string): Promise<NewsletterSchedule> {
    const found = (await this.schedules()).find((n) => n.slug === slug);
    if (!found) throw new NotFoundException(`No newsletter ${slug}`);
    return found;
  }
}
