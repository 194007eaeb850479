import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { ArticlesModule } from '../articles/articles.module';
import { ConsentModule } from '../consent/consent.module';
import { DeliverabilityModule } from '../deliverability/deliverability.module';
import { EditionsModule } from '../editions/editions.module';
import { EditorsModule } from '../editors/editors.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { PublishingModule } from '../publishing/publishing.module';
import { ReadersDataModule } from '../readers-data/readers-data.module';
import { ReadersImportModule } from '../readers-import/readers-import.module';
import { ReadersModule } from '../readers/readers.module';
import { ArticlesPageController } from './articles-page.controller';
import { NewsroomDashboard } from './dashboard';
import { DashboardController } from './dashboard.controller';
import { EditionPagesController } from './edition-pages.controller';
import { ImportUpload } from './import-upload';
import { NewsroomEditions } from './newsroom-editions';
import { NewsletterSettingsController } from './newsletter-settings.controller';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomSessionGuard } from './newsroom-session';
import { NewsroomReaders } from './readers-page';
import { ReadersPageController } from './readers-page.controller';
import { ReadersImportPageController } from './readers-import-page.controller';
import { NewsroomSchedules } from './schedules-page';
import { SchedulesPageController } from './schedules-page.controller';
import { SignInController } from './sign-in.controller';
import { NewsroomRecruits } from './recruits-page';
import { RecruitsPageController } from './recruits-page.controller';
import { TeamPageController } from './team-page.controller';

/** The editors' web pages: sign-in, and everything an editor does without curl. */
@Module({
  imports: [ArchiveModule, ArticlesModule, ConsentModule, DeliverabilityModule, EditionsModule, EditorsModule, MailModule, NewslettersModule, PublishingModule, ReadersDataModule, ReadersImportModule, ReadersModule],
  controllers: [SignInController, DashboardController, SchedulesPageController, ReadersImportPageController, ReadersPageController, ArticlesPageController, EditionPagesController, RecruitsPageController, TeamPageController, NewsletterSettingsController],
  providers: [NewsroomPages, NewsroomSessionGuard, NewsroomDashboard, NewsroomSchedules, NewsroomReaders, NewsroomEditions, ImportUpload, NewsroomRecruits],
})
export class NewsroomModule {}
