import type { SignupSourceCount } from './consent.service';

export interface RecruitCounts {
  signups: number;
  confirmations: number;
  /** Confirmations per sign-up, 0 to 1; null with no sign-ups. */
  rate: number | null;
  /** The same, per newsletter id. */
  byNewsletter: Record<number, { signups: number; confirmations: number }>;
}

export interface RecruitsReport {
  since: string;
  total: RecruitCounts;
  articles: Array<RecruitCounts & { articleId: number; title: string; section: string | null }>;
  sections: Array<RecruitCounts & { section: string }>;
  pages: Array<RecruitCounts & { page: string; articleId: number | null }>;
  /** Per way in: script, iframe, form (no JavaScript, no proof of work), page (this service's own), api. */
  ways: Array<RecruitCounts & { via: string }>;
}

function empty(): RecruitCounts {
  return { signups: 0, confirmations: 0, rate: null, byNewsletter: {} };
}

function add(counts: RecruitCounts, row: SignupSourceCount): void {
  counts.signups += row.signups;
  counts.confirmations += row.confirmations;
  const one = (counts.byNewsletter[row.newsletterId] ??= { signups: 0, confirmations: 0 });
  one.signups += row.signups;
  one.confirmations += row.confirmations;
  counts.rate = counts.signups > 0 ? counts.confirmations / counts.signups : null;
}

const bySignups = (a: RecruitCounts, b: RecruitCounts) => b.signups - a.signups || b.confirmations - a.confirmations;

/** Which articles, sections and pages recruit readers: counts per group, newest figures from the ledger's counters. */
export function recruitsReport(since: string, rows: SignupSourceCount[]): RecruitsReport {
  const total = empty();
  const articles = new Map<number, RecruitsReport['articles'][number]>();
  const sections = new Map<string, RecruitsReport['sections'][number]>();
  const pages = new Map<string, RecruitsReport['pages'][number]>();
  const ways = new Map<string, RecruitsReport['ways'][number]>();
  for (const row of rows) {
    add(total, row);
    if (row.articleId !== null) {
      const article = articles.get(row.articleId) ?? { ...empty(), articleId: row.articleId, title: row.articleTitle ?? row.page, section: row.section };
      articles.set(row.articleId, article);
      add(article, row);
      const name = row.section ?? 'No section';
      const section = sections.get(name) ?? { ...empty(), section: name };
      sections.set(name, section);
      add(section, row);
    }
    const page = pages.get(row.page) ?? { ...empty(), page: row.page, articleId: row.articleId };
    pages.set(row.page, page);
    add(page, row);
    const way = ways.get(row.via) ?? { ...empty(), via: row.via };
    ways.set(row.via, way);
    add(way, row);
  }
  return {
    since,
    total,
    articles: [...articles.values()].sort(bySignups),
    sections: [...sections.values()].sort(bySignups),
    pages: [...pages.values()].sort(bySignups),
    ways: [...ways.values()].sort(bySignups),
  };
}

const DAY = 86_400_000;
const londonDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * The first day counted, as a London date: `7d` is today and the six days before; a date is taken
 * as it is. Null for anything else, for the future, or for more than 400 days back.
 */
export function sinceDate(raw: unknown, now: Date): string | null {
  if (typeof raw !== 'string') return null;
  const days = /^([1-9]\d{0,2})d$/.exec(raw);
  if (days) return Number(days[1]) <= 400 ? londonDate(new Date(now.getTime() - (Number(days[1]) - 1) * DAY)) : null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T12:00:00Z`)) || new Date(`${raw}T12:00:00Z`).toISOString().slice(0, 10) !== raw)
    return null;
  const today = londonDate(now);
  const earliest = londonDate(new Date(now.getTime() - 400 * DAY));
  return raw <= today && raw >= earliest ? raw : null;
}
