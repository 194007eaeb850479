import { ConfigType, registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class MetricsEnv {
  /** Unset: no /metrics anywhere. Its own port, so the scrape never shares the public one. */
  @IsOptional()
  @Max(65535, { message: 'METRICS_PORT must be a port number' })
  @Min(1, { message: 'METRICS_PORT must be a port number' })
  @IsInt({ message: 'METRICS_PORT must be a whole number' })
  @Type(() => Number)
  METRICS_PORT?: number;

  @Matches(/^([0-9.]+|[0-9a-f:]+|[a-z0-9.-]+)$/i, { message: 'METRICS_HOST must be an address to listen on, e.g. 0.0.0.0 or 127.0.0.1' })
  METRICS_HOST = '0.0.0.0';
}

export const metricsConfig = registerAs('metrics', () => {
  const env = validateEnv(MetricsEnv);
  return { port: env.METRICS_PORT ?? null, host: env.METRICS_HOST };
});

export type MetricsConfig = ConfigType<typeof metricsConfig>;
