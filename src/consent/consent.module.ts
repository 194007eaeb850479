import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentEvent } from './consent-event.entity';
import { ConsentService } from './consent.service';
import { NoticeVersion } from './notice-version.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ConsentEvent, NoticeVersion])],
  providers: [ConsentService],
  exports: [ConsentService],
})
export class ConsentModule {}
