import { Module } from '@nestjs/common';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { SubscriptionsModule } from '../readers/readers.module';
import { ReadersExporter } from './readers-exporter';
import { ReadersImporter } from './readers-importer';

/** Readers in and out by CSV: the import (command line and newsroom upload) and the export. */
@Module({
  imports: [SubscriptionsModule, NewslettersModule],
  providers: [ReadersImporter, ReadersExporter],
  exports: [ReadersImporter, ReadersExporter],
})
export class ReadersImportModule {}
