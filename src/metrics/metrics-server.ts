import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsConfig, metricsConfig } from '../config/metrics.config';

/**
 * `GET /metrics` on METRICS_PORT, apart from the public port: the public server never answers it,
 * and this one answers nothing else. Started by main.ts in API and worker processes alike, each
 * with its own figures; never by the CLI.
 */
@Injectable()
export class MetricsServer implements OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    @Inject(metricsConfig.KEY) private readonly config: MetricsConfig,
  ) {}

  /** Listens on METRICS_PORT; does nothing when it is unset. Returns the port. */
  async listen(): Promise<number | null> {
    if (this.config.port === null) return null;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the metrics are at /metrics\n');
        return;
      }
      this.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(text),
        (error: Error) => {
          this.logger.warn(`Metrics could not be collected: ${error.message}`);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.port!, this.config.host, () => resolve());
    });
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    this.logger.log(`Metrics at http://${this.config.host}:${port}/metrics`);
    return port;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
