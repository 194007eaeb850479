import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { ArticlesModule } from '../articles/articles.module';
import { ConsentModule } from '../consent/consent.module';
import { EditorsModule } from '../editors/editors.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { PublishingModule } from '../publishing/publishing.module';
import { ReadersDataModule } from '../readers-data/readers-data.module';
import { ArchiveSettingsController } from './archive-settings.controller';
import { ArticlesController } from './articles.controller';
import { ClicksController } from './clicks.controller';
import { EditionsController } from './editions.controller';
import { NewslettersController } from './newsletters.controller';
import { ReadersController } from './readers.controller';
import { SchedulesController } from './schedules.controller';
import { SignupSourcesController } from './signup-sources.controller';

/** The JSON API under /api: the catalogue for anyone, everything else for editors with a token. */
@Module({
  imports: [ArchiveModule, ArticlesModule, ConsentModule, EditorsModule, NewslettersModule, PublishingModule, ReadersDataModule],
  controllers: [NewslettersController, ArticlesController, EditionsController, ClicksController, ArchiveSettingsController, SchedulesController, ReadersController, SignupSourcesController],
})
export class ApiModule {}
