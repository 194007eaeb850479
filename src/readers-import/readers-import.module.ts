import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { ReadersModule } from '../readers/readers.module';
import { SignupModule } from '../signup/signup.module';
import { ReadersExporter } from './readers-exporter';
import { ReadersImporter } from './readers-importer';

/** Readers in and out by CSV: the import (command line and newsroom upload) and the export. Owns no table. */
@Module({
  imports: [ReadersModule, SignupModule, ConsentModule, NewslettersModule],
  providers: [ReadersImporter, ReadersExporter],
  exports: [ReadersImporter, ReadersExporter],
})
export class ReadersImportModule {}
