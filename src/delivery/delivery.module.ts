import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module';
import { MailModule } from '../mail/mail.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { ReadersModule } from '../readers/readers.module';
import { BatchSender } from './batch-sender';
import { DeliveriesStore } from './deliveries.store';
import { DeliveryPlanProcessor } from './delivery-plan.processor';
import { DeliveryPlanner } from './delivery-planner';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryService } from './delivery.service';
import { EditionMessages } from './edition-messages';

@Module({
  imports: [
    BullModule.registerQueue({ name: QUEUES.delivery }, { name: QUEUES.deliveryPlan }),
    EditionsModule,
    MailModule,
    ReadersModule,
  ],
  providers: [
    DeliveryService,
    DeliveriesStore,
    DeliveryPlanner,
    EditionMessages,
    ...workerProviders(BatchSender, DeliveryProcessor, DeliveryPlanProcessor),
  ],
  exports: [DeliveryService],
})
export class DeliveryModule {}
