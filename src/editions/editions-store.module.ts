import { Module } from '@nestjs/common';
import { EditionsStore } from './editions.store';

/**
 * The editions table's store on its own, so that delivery (which moves an edition's counters
 * and marks it sent) and the editions module (which uses delivery) can both depend on it.
 */
@Module({
  providers: [EditionsStore],
  exports: [EditionsStore],
})
export class EditionsStoreModule {}
