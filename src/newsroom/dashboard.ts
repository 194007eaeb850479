import { Injectable } from '@nestjs/common';
import { ConsentService } from '../consent/consent.service';
import { DeliverabilityService } from '../deliverability/deliverability.service';
import { ratesForPage } from '../deliverability/rates';
import { NewslettersService } from '../newsletters/newsletters.service';
import { PublishingService } from '../publishing/publishing.service';
import { clockIn } from '../publishing/send-estimate';
import { SendEstimates } from '../publishing/send-estimates';
import { Audience } from '../readers/audience';

const CHART_DAYS = 30;

export interface NewsletterDashboard {
  slug: string;
  name: string;
  figures: { active: number; pending: number; unsubscribed7d: number; suppressed7d: number };
  /**
   * When the next scheduled send will start: the timetable's time, or earlier when its deadline
   * asks (the start the Schedules page shows), with the deadline it is to be done by.
   */
  nextSend: {
    at: string;
    /** "Tue 8 Dec, 06:00 (London)"; its day alone, and the zone's name, for the words with a deadline. */
    label: string;
    day: string;
    zone: string;
    /** "06:09" on the newsletter's clock, with a deadline; what the timetable says when it starts earlier. */
    startsAbout: string | null;
    timetable: string | null;
    deadline: { at: string; clock: string } | null;
  } | null;
  /** Scheduled editions held as drafts (fewer new articles than the newsletter's minimum), waiting for an editor. */
  held: Array<{ id: number; subject: string; articles: number; createdAt: string }>;
  lastEdition: { id: number; subject: string; status: string; sent: number; failed: number; ambiguous: number; total: number } | null;
  /** Bounce, complaint and unsubscribe rates over the editions started in the last 30 days; null when none was. */
  rates: (ReturnType<typeof ratesForPage> & { editions: number; days: number }) | null;
  /** One row per day, oldest first. */
  days: Array<{ day: string; label: string; subscribed: number; confirmed: number; unsubscribed: number }>;
}

const zoneName = (timezone: string) => (timezone === 'Europe/London' ? 'London' : timezone);

/** "Tue 8 Dec, 06:00 (London)", and "Tue 8 Dec": a time and its day as the newsletter's own clock shows them. */
function onClock(at: Date, timezone: string): { label: string; day: string } {
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: timezone }).format(at);
  return { label: `${day}, ${clockIn(at, timezone)} (${zoneName(timezone)})`, day };
}
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** What an editor sees first: each newsletter's readers, next send, last edition and last 30 days. */
@Injectable()
export class NewsroomDashboard {
  constructor(
    private readonly newsletters: NewslettersService,
    private readonly audience: Audience,
    private readonly consent: ConsentService,
    private readonly publishing: PublishingService,
    private readonly deliverability: DeliverabilityService,
    private readonly estimates: SendEstimates,
  ) {}

  async build(now = new Date()): Promise<NewsletterDashboard[]> {
    const [list, timetables, figures, activity, latest, rates, held] = await Promise.all([
      this.newsletters.list(),
      this.newsletters.timetables(),
      this.audience.figures(),
      this.consent.dailyActivity(CHART_DAYS),
      this.publishing.latestSent(),
      this.deliverability.newsletterRates(),
      this.publishing.held(),
    ]);
    // Days as the newsroom counts them: London's.
    const [year, month, today] = LONDON_DATE.format(now).split('-').map(Number);
    const days = Array.from({ length: CHART_DAYS }, (_, i) => {
      const day = new Date(Date.UTC(year, month - 1, today - (CHART_DAYS - 1 - i)));
      return { day: day.toISOString().slice(0, 10), label: DAY.format(day) };
    });
    const nextOf = async (timetable: (typeof timetables)[number] | undefined): Promise<NewsletterDashboard['nextSend']> => {
      const next = timetable ? await this.estimates.nextRun(timetable, now) : null;
      if (!timetable || !next) return null;
      const zone = timetable.timezone;
      return {
        at: next.start.toISOString(),
        ...onClock(next.start, zone),
        zone: zoneName(zone),
        startsAbout: next.deadline ? clockIn(next.start, zone) : null,
        timetable: next.start < next.run ? clockIn(next.run, zone) : null,
        deadline: next.deadline && { at: next.deadline.toISOString(), clock: clockIn(next.deadline, zone) },
      };
    };
    const nextSends = await Promise.all(list.map((newsletter) => nextOf(timetables.find((t) => t.id === newsletter.id))));
    return list.map((newsletter, index) => {
      const last = latest.find((e) => e.edition.newsletterId === newsletter.id);
      const recent = rates.get(newsletter.id);
      const count = (day: string, event: string) => activity.find((a) => a.newsletterId === newsletter.id && a.day === day && a.event === event)?.count ?? 0;
      return {
        slug: newsletter.slug,
        name: newsletter.name,
        figures: figures.find((f) => f.newsletterId === newsletter.id) ?? { active: 0, pending: 0, unsubscribed7d: 0, suppressed7d: 0 },
        nextSend: nextSends[index],
        held: held
          .filter((e) => e.newsletter === newsletter.slug)
          .map((e) => ({ id: e.id, subject: e.subject, articles: e.articles.length, createdAt: e.createdAt })),
        lastEdition: last
          ? {
              id: last.edition.id,
              subject: last.edition.subject,
              status: last.edition.status,
              sent: last.counts?.sent ?? 0,
              failed: last.counts?.failed ?? 0,
              ambiguous: last.counts?.ambiguous ?? 0,
              total: last.counts?.total ?? 0,
            }
          : null,
        rates: recent ? { ...ratesForPage(recent), editions: recent.editions, days: recent.days } : null,
        days: days.map(({ day, label }) => ({ day, label, subscribed: count(day, 'subscribed'), confirmed: count(day, 'confirmed'), unsubscribed: count(day, 'unsubscribed') })),
      };
    });
  }
}
