import { ApiProperty } from '@nestjs/swagger';
import type { ArticleClicks, ClicksReport, Discounted, SectionClicks, SectorClicks, SegmentClicks } from '../click-report';

/** The report's shape for OpenAPI; ClicksService.report builds the values. */
export class DiscountedView implements Discounted {
  @ApiProperty({ description: 'HEAD requests: link checkers asking whether the link works' })
  head!: number;

  @ApiProperty({ description: 'Known scanner user agents: secure email gateways, preview fetchers, crawlers, HTTP libraries' })
  scanner!: number;

  @ApiProperty({ description: 'One client following three or more of the edition’s links within 2 seconds (all of that burst)' })
  burst!: number;

  @ApiProperty({ description: 'One client following the same link again within a minute of its click on it that counted (that first click counts)' })
  repeat!: number;

  @ApiProperty()
  total!: number;
}

export class ArticleClicksView implements ArticleClicks {
  @ApiProperty({ description: 'The article’s id, or for a link of the editor’s note (`note`) that link’s id' })
  articleId!: number;

  @ApiProperty({ description: 'A link in the editor’s note, not an article' })
  note!: boolean;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Where the link led when the edition was sent' })
  url!: string;

  @ApiProperty({ type: String, nullable: true })
  section!: string | null;

  @ApiProperty()
  sponsored!: boolean;

  @ApiProperty({ description: 'Counted clicks' })
  clicks!: number;

  @ApiProperty({ type: DiscountedView })
  discounted!: DiscountedView;
}

export class SectionClicksView implements SectionClicks {
  @ApiProperty({ type: String, nullable: true, description: 'The article section, "Content from our partners" for sponsored pieces, null for none' })
  section!: string | null;

  @ApiProperty()
  clicks!: number;

  @ApiProperty({ type: DiscountedView })
  discounted!: DiscountedView;
}

class SectorRef {
  @ApiProperty()
  slug!: string;

  @ApiProperty()
  label!: string;
}

export class SegmentClicksView implements SegmentClicks {
  @ApiProperty({ description: 'The version of the edition (0: the untargeted one)' })
  segment!: number;

  @ApiProperty({ description: 'Read in every sector, and by readers with none' })
  everySector!: boolean;

  @ApiProperty({ type: [SectorRef] })
  sectors!: SectorRef[];

  @ApiProperty()
  clicks!: number;

  @ApiProperty({ type: DiscountedView })
  discounted!: DiscountedView;
}

export class SectorClicksView implements SectorClicks {
  @ApiProperty()
  slug!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty({ description: 'The version this sector’s readers got; the figures are that version’s' })
  segment!: number;

  @ApiProperty({ description: 'How many other sectors got the same version, and so share these figures' })
  sharedWith!: number;

  @ApiProperty()
  clicks!: number;

  @ApiProperty({ type: DiscountedView })
  discounted!: DiscountedView;
}

export class ClicksReportView implements ClicksReport {
  @ApiProperty()
  editionId!: number;

  @ApiProperty({ description: 'CLICK_COUNTS: whether digests carry counted links' })
  counting!: boolean;

  @ApiProperty({ description: 'Messages the SMTP server accepted' })
  delivered!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Counted clicks ÷ delivered (clicks, not readers: nothing records who clicked)' })
  clickRate!: number | null;

  @ApiProperty({ description: 'Counted clicks, flushed and not yet flushed' })
  clicks!: number;

  @ApiProperty({ type: DiscountedView })
  discounted!: DiscountedView;

  @ApiProperty({ type: [ArticleClicksView] })
  articles!: ArticleClicksView[];

  @ApiProperty({ type: [SectionClicksView] })
  sections!: SectionClicksView[];

  @ApiProperty({ type: [SegmentClicksView] })
  segments!: SegmentClicksView[];

  @ApiProperty({ type: [SectorClicksView] })
  sectors!: SectorClicksView[];
}
