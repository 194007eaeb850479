import './config/load-env';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { createHttpApp } from './app';
import { AppModule } from './app.module';
import { AppConfig, appConfig, checkConfig, redisConfig } from './config/config';
import { ConfigError } from './config/validate-env';
import { MetricsServer } from './metrics/metrics-server';
import { currentRole } from './queue/queues';
import { pingRedis } from './queue/redis-connection';

/**
 * SIGTERM (or Ctrl-C) stops taking new work, lets messages in flight finish and their outcomes be
 * recorded, then exits 0. A second signal does not cut that short; SIGKILL does.
 */
function closeOnSignals(app: INestApplicationContext): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.get(Logger).log(`${signal}: finishing the work in hand, then stopping`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

function maskedUrl(url: string): string {
  const where = new URL(url);
  where.password = '';
  return where.toString();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function bootstrap(): Promise<void> {
  try {
    checkConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const redis = redisConfig();
  try {
    await pingRedis(redis.target);
  } catch (error) {
    const where = redis.target.cluster ? `the Redis Cluster at ${redis.target.cluster.map((n) => `${n.host}:${n.port}`).join(', ')}` : maskedUrl(redis.url);
    fail(
      `Redis is not reachable at ${where} (${(error as Error).message || 'no answer'}). ` +
        'Start one with "redis-server --daemonize yes", or set REDIS_URL to a running Redis.',
    );
  }

  if (currentRole() === 'worker') {
    const context = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
    context.useLogger(context.get(Logger));
    closeOnSignals(context);
    await context.get(MetricsServer).listen();
    context.get(Logger).log('Worker started (APP_ROLE=worker): processing queues, no HTTP');
    return;
  }
  const app = await createHttpApp();
  closeOnSignals(app);
  await app.get(MetricsServer).listen();
  const config = app.get<AppConfig>(appConfig.KEY);
  await app.listen(config.port);
  app.get(Logger).log(`Listening on port ${config.port} (APP_ROLE=${config.role}); sign-up page at ${config.publicUrl}/`);
}

void bootstrap();
