import { isNoteLink } from './click-codes';
import { LinkClicks, SentLink } from './clicks.store';
import { SegmentAudience } from './segment-sectors';

export interface Discounted {
  head: number;
  scanner: number;
  burst: number;
  repeat: number;
  total: number;
}

interface ClickFigures {
  clicks: number;
  discounted: Discounted;
}

export interface ArticleClicks extends ClickFigures {
  /** An article's id, or a link of the editor's note (`note`). */
  articleId: number;
  note: boolean;
  title: string;
  url: string;
  section: string | null;
  sponsored: boolean;
}

export interface SectionClicks extends ClickFigures {
  /** The article section, "Content from our partners" for sponsored pieces, or null: no section. */
  section: string | null;
}

export interface SegmentClicks extends ClickFigures {
  segment: number;
  everySector: boolean;
  sectors: Array<{ slug: string; label: string }>;
}

export interface SectorClicks extends ClickFigures {
  slug: string;
  label: string;
  /** The version this sector's readers got; its figures are that version's, shared with `sharedWith` other sectors. */
  segment: number;
  sharedWith: number;
}

export interface ClicksReport extends ClickFigures {
  editionId: number;
  /** Whether digests carry counted links (CLICK_COUNTS); off, figures only grow from older digests. */
  counting: boolean;
  /** Messages the SMTP server accepted. */
  delivered: number;
  /** Counted clicks ÷ delivered: clicks, not readers (nothing says who clicked); null before any delivery. */
  clickRate: number | null;
  articles: ArticleClicks[];
  sections: SectionClicks[];
  segments: SegmentClicks[];
  sectors: SectorClicks[];
}

export const PARTNERS_SECTION = 'Content from our partners';

/** The section the editor's note's links are counted under. */
export const NOTE_SECTION = 'Editor’s note';

const zero = (): ClickFigures => ({ clicks: 0, discounted: { head: 0, scanner: 0, burst: 0, repeat: 0, total: 0 } });

function add(into: ClickFigures, row: LinkClicks): void {
  into.clicks += row.clicks;
  into.discounted.head += row.head;
  into.discounted.scanner += row.scanner;
  into.discounted.burst += row.burst;
  into.discounted.repeat += row.repeat;
  into.discounted.total += row.head + row.scanner + row.burst + row.repeat;
}

/**
 * The click report from an edition's links and their counts (flushed and not yet flushed, one row
 * per link and segment, possibly several for one pair). Articles in the edition's order; sections
 * in the order their first article appears; segments by number; sectors in the catalogue's order.
 */
export function buildClicksReport(input: {
  editionId: number;
  counting: boolean;
  delivered: number;
  links: SentLink[];
  counts: LinkClicks[];
  segments: Map<number, SegmentAudience>;
  sectors: Array<{ slug: string; label: string }>;
}): ClicksReport {
  const total = zero();
  const articles = new Map<number, ArticleClicks>(
    input.links.map((link) => [
      link.articleId,
      {
        articleId: link.articleId,
        note: isNoteLink(link.articleId),
        title: link.title,
        url: link.url,
        section: link.section,
        sponsored: link.sponsored,
        ...zero(),
      },
    ]),
  );
  const sections = new Map<string | null, SectionClicks>();
  for (const article of articles.values()) {
    const name = article.sponsored ? PARTNERS_SECTION : article.section;
    if (!sections.has(name)) sections.set(name, { section: name, ...zero() });
  }
  const segments = new Map<number, SegmentClicks>();
  const segmentOf = (segment: number): SegmentClicks => {
    let found = segments.get(segment);
    if (!found) {
      const audience = input.segments.get(segment) ?? { everySector: true };
      const sectors = audience.everySector ? input.sectors : input.sectors.filter((s) => audience.sectors.includes(s.slug));
      found = { segment, everySector: audience.everySector, sectors: sectors.map(({ slug, label }) => ({ slug, label })), ...zero() };
      segments.set(segment, found);
    }
    return found;
  };
  for (const segment of input.segments.keys()) segmentOf(segment);
  for (const row of input.counts) {
    const article = articles.get(row.articleId);
    if (!article) continue;
    add(total, row);
    add(article, row);
    add(sections.get(article.sponsored ? PARTNERS_SECTION : article.section)!, row);
    add(segmentOf(row.segment), row);
  }
  const segmentList = [...segments.values()].sort((a, b) => a.segment - b.segment);
  const sectors: SectorClicks[] = [];
  for (const sector of input.sectors) {
    const segment = segmentList.find((s) => s.sectors.some((x) => x.slug === sector.slug));
    if (!segment) continue;
    sectors.push({
      slug: sector.slug,
      label: sector.label,
      segment: segment.segment,
      sharedWith: segment.sectors.length - 1,
      clicks: segment.clicks,
      discounted: { ...segment.discounted },
    });
  }
  return {
    editionId: input.editionId,
    counting: input.counting,
    delivered: input.delivered,
    clickRate: input.delivered > 0 ? total.clicks / input.delivered : null,
    ...total,
    articles: [...articles.values()],
    sections: [...sections.values()],
    segments: segmentList,
    sectors,
  };
}
