import { Module } from '@nestjs/common';
import { NewslettersService } from './newsletters.service';

@Module({
  providers: [NewslettersService],
  exports: [NewslettersService],
})
export class NewslettersModule {}
