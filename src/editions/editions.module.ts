import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { EditionsService } from './editions.service';
import { EditionsStore } from './editions.store';

/** Drafts and their content. Owns editions, edition_articles and edition_segments; exports EditionsService only. */
@Module({
  imports: [ArticlesModule, NewslettersModule],
  providers: [EditionsService, EditionsStore],
  exports: [EditionsService],
})
export class EditionsModule {}
