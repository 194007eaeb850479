import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { InvalidInputError, NotFoundError } from '../common/domain-errors';
import { NewslettersService, NewsletterTimetable } from '../newsletters/newsletters.service';
import { JOBS, QUEUES } from '../queue/queues';
import { nextRuns, Schedule, scheduleProblem, timezoneProblem } from './schedule';
import { clockIn, parseClock, patternAt } from './send-estimate';
import { SendEstimates } from './send-estimates';

export interface ScheduledEditionJob {
  newsletterId: number;
}

export interface ScheduleView {
  newsletter: string;
  cron: string | null;
  timezone: string;
  nextRuns: string[];
  minArticles: number;
  /** HH:MM in the time zone by which a scheduled send should be done; null: none. */
  deliverBy: string | null;
  /** HH:MM: never started before it. */
  notBefore: string | null;
  /** The next run: when it starts (earlier than the timetable when the deadline asks), and the estimate. */
  next: { start: string; startsEarly: boolean; estimate: string; deadline: string | null } | null;
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
    private readonly estimates: SendEstimates,
    @InjectQueue(QUEUES.schedules) private readonly queue: Queue<ScheduledEditionJob>,
  ) {}

  /** Makes Redis's job schedulers match the newsletters' schedules in the database. */
  async sync(): Promise<void> {
    for (const newsletter of await this.newsletters.timetables()) await this.apply(newsletter);
  }

  async view(slug: string): Promise<ScheduleView> {
    const newsletter = await this.schedule(slug);
    const next = await this.estimates.nextRun(newsletter);
    return {
      newsletter: newsletter.slug,
      cron: newsletter.cron,
      timezone: newsletter.timezone,
      minArticles: newsletter.minArticles,
      deliverBy: newsletter.deliverBy,
      notBefore: newsletter.notBefore,
      nextRuns: newsletter.cron ? nextRuns({ cron: newsletter.cron, timezone: newsletter.timezone }, new Date(), 3).map((d) => d.toISOString()) : [],
      next: next && {
        start: next.start.toISOString(),
        startsEarly: next.start < next.run,
        estimate: next.words,
        deadline: next.deadline?.toISOString() ?? null,
      },
    };
  }

  /**
   * A deadline ("delivered by", HH:MM in the schedule's time zone) and the editors' earliest
   * start ("not before"); null clears either. A deadline needs a timetable of one time a day.
   */
  async setDeadline(slug: string, deliverBy: string | null, notBefore: string | null): Promise<void> {
    const current = await this.schedule(slug);
    const errors: Array<{ field: string; message: string }> = [];
    if (deliverBy !== null && !parseClock(deliverBy)) errors.push({ field: 'deliverBy', message: 'a time of day, such as 06:30' });
    if (notBefore !== null && !parseClock(notBefore)) errors.push({ field: 'notBefore', message: 'a time of day, such as 05:30' });
    if (deliverBy !== null && current.cron && !patternAt(current.cron, { hour: 0, minute: 0 })) {
      errors.push({ field: 'deliverBy', message: 'a deadline needs a timetable of one time a day' });
    }
    if (errors.length > 0) throw new InvalidInputError(errors);
    const tidy = (clock: string | null) => (clock === null ? null : clockIn(new Date(Date.UTC(2000, 0, 1, parseClock(clock)!.hour, parseClock(clock)!.minute)), 'UTC'));
    await this.newsletters.setDeadline(current.id, tidy(deliverBy), tidy(notBefore));
    await this.apply(await this.schedule(slug));
  }

  /** After a run: the next one's start is worked out again (the audience and the measured rate have moved). */
  async reschedule(newsletterId: number): Promise<void> {
    const found = (await this.newsletters.timetables()).find((n) => n.id === newsletterId);
    if (found?.deliverBy) await this.apply(found);
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
    const pattern = await this.startPattern(newsletter);
    await this.queue.upsertJobScheduler(
      schedulerId(newsletter.slug),
      { pattern, tz: newsletter.timezone },
      { name: JOBS.scheduledEdition, data: { newsletterId: newsletter.id }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.logger.log(`${newsletter.slug} goes out on "${pattern}" (${newsletter.timezone})${pattern !== newsletter.cron ? `: its timetable "${newsletter.cron}" started early to be delivered by ${newsletter.deliverBy}` : ''}`);
  }

  /**
   * The pattern the job scheduler fires on: the timetable's, or with a deadline the same days at
   * the start its next run needs (estimate and margin before the deadline, never before "not
   * before"). A start that would fall on the day before starts at midnight.
   */
  private async startPattern(newsletter: NewsletterTimetable): Promise<string> {
    const cron = newsletter.cron!;
    if (!newsletter.deliverBy) return cron;
    const next = await this.estimates.nextRun(newsletter);
    if (!next || next.start >= next.run) return cron;
    const sameDay = clockIn(next.start, newsletter.timezone) <= clockIn(next.run, newsletter.timezone);
    const [hour, minute] = (sameDay ? clockIn(next.start, newsletter.timezone) : '00:00').split(':').map(Number);
    return patternAt(cron, { hour, minute }) ?? cron;
  }

  private async schedule(slug: string): Promise<NewsletterTimetable> {
    const found = (await this.newsletters.timetables()).find((n) => n.slug === slug);
    if (!found) throw new NotFoundError(`No newsletter ${slug}`);
    return found;
  }
}
