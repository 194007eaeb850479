import { Module } from '@nestjs/common';
import { EditorsModule } from '../editors/editors.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { registerQueues } from '../queue/register-queues';
import { QUEUES, workerProviders } from '../queue/queues';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { FeedsProcessor } from './feeds/feeds.processor';
import { FeedsService } from './feeds/feeds.service';

@Module({
  imports: [registerQueues(QUEUES.feeds), EditorsModule, NewslettersModule],
  controllers: [ArticlesController],
  providers: [ArticlesService, FeedsService, ...workerProviders(FeedsProcessor)],
  exports: [ArticlesService, FeedsService],
})
export class ArticlesModule {}
