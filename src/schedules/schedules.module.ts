import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module';
import { EditorsModule } from '../editors/editors.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { registerQueues } from '../queue/register-queues';
import { QUEUES, workerProviders } from '../queue/queues';
import { SchedulesController } from './schedules.controller';
import { SchedulesProcessor } from './schedules.processor';
import { SchedulesService } from './schedules.service';

@Module({
  imports: [registerQueues(QUEUES.schedules), EditionsModule, EditorsModule, NewslettersModule],
  controllers: [SchedulesController],
  providers: [SchedulesService, ...workerProviders(SchedulesProcessor)],
  exports: [SchedulesService],
})
export class SchedulesModule {}
