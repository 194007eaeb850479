import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { DeliverabilityModule } from '../deliverability/deliverability.module';
import { EditionsStoreModule } from '../editions/editions-store.module';
import { EditorsModule } from '../editors/editors.module';
import { MailModule } from '../mail/mail.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { SchedulesModule } from '../publishing/publishing.module';
import { SubscriptionsModule } from '../readers/readers.module';
import { NewsroomDashboard } from './dashboard';
import { DashboardController } from './dashboard.controller';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomSessionGuard } from './newsroom-session';
import { SignInController } from './sign-in.controller';
import { ArticlesPageController } from './articles-page.controller';
import { EditionPagesController } from './edition-pages.controller';
import { NewsroomEditions } from './newsroom-editions';
import { ArticlesModule } from '../articles/articles.module';
import { ArchiveModule } from '../archive/archive.module';
import { ClicksModule } from '../clicks/clicks.module';
import { EditionsModule } from '../editions/editions.module';
import { ReadersModule } from '../readers-data/readers-data.module';
import { NewsroomReaders } from './readers-page';
import { ReadersPageController } from './readers-page.controller';
import { ReadersImportModule } from '../readers-import/readers-import.module';
import { ImportUpload } from './import-upload';
import { ReadersImportPageController } from './readers-import-page.controller';
import { NewsroomSchedules } from './schedules-page';
import { SchedulesPageController } from './schedules-page.controller';

/** The editors' web pages: sign-in, and everything an editor does without curl. */
@Module({
  imports: [EditorsModule, MailModule, NewslettersModule, SubscriptionsModule, ConsentModule, EditionsStoreModule, SchedulesModule, ArticlesModule, EditionsModule, ArchiveModule, ReadersModule, DeliverabilityModule, ClicksModule, ReadersImportModule],
  controllers: [SignInController, DashboardController, SchedulesPageController, ReadersImportPageController, ReadersPageController, ArticlesPageController, EditionPagesController],
  providers: [NewsroomPages, NewsroomSessionGuard, NewsroomDashboard, NewsroomSchedules, NewsroomReaders, NewsroomEditions, ImportUpload],
})
export class NewsroomModule {}
