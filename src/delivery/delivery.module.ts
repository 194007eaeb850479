import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { QUEUES, workerProviders } from '../queue/queues';
import { Delivery } from './delivery.entity';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryService } from './delivery.service';

@Module({
  imports: [TypeOrmModule.forFeature([Delivery]), BullModule.registerQueue({ name: QUEUES.delivery }), MailModule],
  providers: [DeliveryService, ...workerProviders(DeliveryProcessor)],
  exports: [DeliveryService],
})
export class DeliveryModule {}
