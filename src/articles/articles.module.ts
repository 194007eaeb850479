import { Module } from '@nestjs/common';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { registerQueues } from '../queue/register-queues';
import { ArticlesService } from './articles.service';
import { FeedsProcessor } from './feeds/feeds.processor';
import { FeedsService } from './feeds/feeds.service';

@Module({
  imports: [registerQueues(QUEUES.feeds), NewslettersModule],
  providers: [ArticlesService, FeedsService, ...workerProviders(FeedsProcessor)],
  exports: [ArticlesService, FeedsService],
})
export class ArticlesModule {}
