import { Module } from '@nestjs/common';
import { EditionsStoreModule } from '../editions/editions-store.module';
import { MailModule } from '../mail/mail.module';
import { registerQueues } from '../queue/register-queues';
import { QUEUES, workerProviders } from '../queue/queues';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { BatchSender } from './batch-sender';
import { DeliveriesStore } from './deliveries.store';
import { DeliveryPlanProcessor } from './delivery-plan.processor';
import { DeliveryPlanner } from './delivery-planner';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryService } from './delivery.service';
import { EditionMessages } from './edition-messages';

@Module({
  imports: [
    registerQueues(QUEUES.delivery, QUEUES.deliveryPlan),
    EditionsStoreModule,
    MailModule,
    SubscriptionsModule,
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
