import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module';
import { EditorsModule } from '../editors/editors.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { SchedulesController } from '../api/schedules.controller';
import { SchedulesProcessor } from './schedules.processor';
import { SchedulesService } from './schedules.service';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.schedules }), EditionsModule, EditorsModule, NewslettersModule],
  controllers: [SchedulesController],
  providers: [SchedulesService, ...workerProviders(SchedulesProcessor)],
  exports: [SchedulesService],
})
export class SchedulesModule {}
