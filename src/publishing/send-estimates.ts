import { Inject, Injectable } from '@nestjs/common';
import { DeliveryConfig, deliveryConfig } from '../config/config';
import { DeliveryService } from '../delivery/delivery.service';
import { NewsletterTimetable, NewslettersService } from '../newsletters/newsletters.service';
import { Audience } from '../readers/audience';
import { nextRuns } from './schedule';
import {
  chooseRate,
  deadlineFor,
  estimateSeconds,
  estimateWords,
  firingStart,
  MEASURED_EDITIONS,
  MEASURED_MIN_SENT,
  SendRateEstimate,
  startFor,
} from './send-estimate';

export interface SendEstimate {
  readers: number;
  rate: SendRateEstimate;
  seconds: number;
  /** "about 14 minutes; done by 06:21", for a send starting at `start`. */
  words: string;
}

export interface ScheduledRun extends SendEstimate {
  /** When the timetable says. */
  run: Date;
  /** When it will start: earlier than `run` when the deadline asks, never before "not before", nor on the day before `run`. */
  start: Date;
  deadline: Date | null;
}

/** How long a newsletter's send takes, and when a scheduled one has to start to be done by its deadline. */
@Injectable()
export class SendEstimates {
  constructor(
    private readonly newsletters: NewslettersService,
    private readonly delivery: DeliveryService,
    private readonly audience: Audience,
    @Inject(deliveryConfig.KEY) private readonly config: DeliveryConfig,
  ) {}

  /** A send of the newsletter to `readers` (its whole audience when not given) starting at `start`. */
  async forSend(newsletterId: number, start = new Date(), readers?: number): Promise<SendEstimate> {
    const timetable = await this.timetable(newsletterId);
    const count = readers ?? (await this.audience.figures()).find((f) => f.newsletterId === newsletterId)?.active ?? 0;
    const rate = chooseRate(await this.delivery.recentRates(newsletterId, MEASURED_MIN_SENT, MEASURED_EDITIONS), this.config.sendRate);
    const seconds = estimateSeconds(count, rate.perSecond);
    return { readers: count, rate, seconds, words: estimateWords(seconds, start, timetable?.timezone ?? 'Europe/London') };
  }

  /** The timetable's next run, and when it starts to be done by the deadline; null when the newsletter goes out by hand only. */
  async nextRun(timetable: NewsletterTimetable, now = new Date()): Promise<ScheduledRun | null> {
    if (!timetable.cron) return null;
    const run = nextRuns({ cron: timetable.cron, timezone: timetable.timezone }, now, 1)[0];
    const estimate = await this.forSend(timetable.id, run);
    const deadline = timetable.deliverBy ? deadlineFor(run, timetable.deliverBy, timetable.timezone) : null;
    // As the job scheduler fires it (see SchedulesService.startPattern), so every page shows the real start.
    const start = firingStart(startFor(run, deadline, estimate.seconds, timetable.notBefore, timetable.timezone), run, timetable.timezone);
    return { ...estimate, run, start, deadline, words: estimateWords(estimate.seconds, start, timetable.timezone) };
  }

  /**
   * The deadline of a send of the newsletter starting now: its "delivered by" that day, if still
   * ahead; null when it has none or it has passed (a send in the afternoon is not late for the morning).
   */
  async deadlineOfSendNow(newsletterId: number, now = new Date()): Promise<Date | null> {
    const timetable = await this.timetable(newsletterId);
    if (!timetable?.deliverBy) return null;
    const deadline = deadlineFor(now, timetable.deliverBy, timetable.timezone);
    return deadline > now ? deadline : null;
  }

  private async timetable(newsletterId: number): Promise<NewsletterTimetable | undefined> {
    return (await this.newsletters.timetables()).find((t) => t.id === newsletterId);
  }
}
