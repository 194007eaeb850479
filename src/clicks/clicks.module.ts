import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { EditionsModule } from '../editions/editions.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { ClickCounter } from './click-counter';
import { ClickFlusher } from './click-flusher';
import { ClickLinks } from './click-links';
import { ClicksService } from './clicks.service';
import { ClicksStore } from './clicks.store';
import { EditionLinksCache } from './edition-links.cache';
import { RedirectController } from './redirect.controller';
import { SegmentSectors } from './segment-sectors';

/** Click counts without tracking anyone: the `/r/<code>` redirect, its counts, and the report. Owns edition_links, edition_clicks. */
@Module({
  imports: [ArticlesModule, EditionsModule, NewslettersModule],
  controllers: [RedirectController],
  providers: [ClickLinks, ClickCounter, ClicksStore, EditionLinksCache, ClicksService, ClickFlusher, SegmentSectors],
  exports: [ClicksService, ClickLinks, SegmentSectors],
})
export class ClicksModule {}
