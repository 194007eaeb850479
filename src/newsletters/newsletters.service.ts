import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import { JobSector } from './job-sector.entity';
import { Cadence, Newsletter } from './newsletter.entity';
import * as queries from './newsletters.queries';

/** When a newsletter goes out by itself: a cron pattern in a time zone, or null for by hand only. */
export interface NewsletterTimetable {
  id: number;
  slug: string;
  cron: string | null;
  timezone: string;
  /** A scheduled edition with fewer new articles is held as a draft. */
  minArticles: number;
  /** HH:MM in `timezone` by which a scheduled send should be done; null: no deadline. */
  deliverBy: string | null;
  /** HH:MM in `timezone`: never start before it, however early the deadline asks. */
  notBefore: string | null;
}

/**
 * The newsletters and job sectors readers choose from. They change only by migration, so they
 * are read once and kept; timetables change at run time and are always read afresh.
 */
@Injectable()
export class NewslettersService {
  private catalogue?: Promise<{ newsletters: Newsletter[]; sectors: JobSector[] }>;

  constructor(private readonly db: Db) {}

  private load() {
    this.catalogue ??= Promise.all([this.db.run(queries.allNewsletters, undefined), this.db.run(queries.allJobSectors, undefined)]).then(
      ([newsletters, sectors]) => ({
        newsletters: newsletters.rows.map((n) => ({ ...n, cadence: n.cadence as Cadence })),
        sectors: sectors.rows,
      }),
    );
    this.catalogue.catch(() => (this.catalogue = undefined));
    return this.catalogue;
  }

  async list(): Promise<Newsletter[]> {
    return (await this.load()).newsletters;
  }

  async jobSectors(): Promise<JobSector[]> {
    return (await this.load()).sectors;
  }

  async bySlug(slug: string): Promise<Newsletter | undefined> {
    return (await this.list()).find((newsletter) => newsletter.slug === slug);
  }

  async byId(id: number): Promise<Newsletter | undefined> {
    return (await this.list()).find((newsletter) => newsletter.id === id);
  }

  async byIds(ids: number[]): Promise<Newsletter[]> {
    return (await this.list()).filter((newsletter) => ids.includes(newsletter.id));
  }

  async sectorBySlug(slug: string): Promise<JobSector | undefined> {
    return (await this.jobSectors()).find((sector) => sector.slug === slug);
  }

  async sectorById(id: number | null): Promise<JobSector | undefined> {
    return id === null ? undefined : (await this.jobSectors()).find((sector) => sector.id === id);
  }

  async timetables(): Promise<NewsletterTimetable[]> {
    return (await this.db.run(queries.timetables, undefined)).rows;
  }

  async setMinArticles(id: number, minArticles: number): Promise<void> {
    await this.db.run(queries.setMinArticles, { id, minArticles });
  }

  async setDeadline(id: number, deliverBy: string | null, notBefore: string | null): Promise<void> {
    await this.db.run(queries.setDeadline, { id, deliverBy, notBefore });
  }

  /** The newsroom's welcome paragraph (Markdown); read afresh, as the newsroom may change it at any time. */
  async welcomeText(id: number): Promise<string> {
    return (await this.db.run(queries.welcomeText, { id })).rows[0]?.welcomeText ?? '';
  }

  async setWelcomeText(id: number, text: string): Promise<void> {
    await this.db.run(queries.setWelcomeText, { id, text });
  }

  async setTimetable(id: number, cron: string | null, timezone: string): Promise<void> {
    await this.db.run(queries.setTimetable, { id, cron, timezone });
  }
}
