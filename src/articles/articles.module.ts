import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { EditorsModule } from '../editors/editors.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { ArticlesController } from '../api/articles.controller';
import { ArticlesService } from './articles.service';
import { FeedsProcessor } from './feeds/feeds.processor';
import { FeedsService } from './feeds/feeds.service';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.feeds }), EditorsModule, NewslettersModule],
  controllers: [ArticlesController],
  providers: [ArticlesService, FeedsService, ...workerProviders(FeedsProcessor)],
  exports: [ArticlesService, FeedsService],
})
export class ArticlesModule {}
