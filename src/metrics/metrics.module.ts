import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsServer } from './metrics-server';
import { MetricsStore } from './metrics.store';
import { ScrapeGauges } from './scrape-gauges';

/** Prometheus metrics: the registry and its counters (Metrics, for every module), the scrape-time gauges, and the METRICS_PORT server. */
@Global()
@Module({
  providers: [Metrics, MetricsStore, ScrapeGauges, MetricsServer],
  exports: [Metrics, MetricsServer],
})
export class MetricsModule {}
