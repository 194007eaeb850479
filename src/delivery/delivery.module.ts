import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module';
import { MailModule } from '../mail/mail.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { registerQueues } from '../queue/register-queues';
import { ReadersModule } from '../readers/readers.module';
import { BatchSender } from './batch-sender';
import { DeliveriesStore } from './deliveries.store';
import { DeliveryPartitions } from './delivery-partitions';
import { DeliveryPlanProcessor } from './delivery-plan.processor';
import { DeliveryPlanner } from './delivery-planner';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryService } from './delivery.service';
import { EditionMessages } from './edition-messages';

@Module({
  imports: [
    registerQueues(QUEUES.delivery, QUEUES.deliveryPlan),
    EditionsModule,
    MailModule,
    ReadersModule,
  ],
  providers: [
    DeliveryService,
    DeliveriesStore,
    DeliveryPlanner,
    EditionMessages,
    ...workerProviders(BatchSender, DeliveryProcessor, DeliveryPlanProcessor, DeliveryPartitions),
  ],
  exports: [DeliveryService],
})
export class DeliveryModule {}
