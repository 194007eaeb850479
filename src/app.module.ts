import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';
import IORedis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, appConfig, configSections, RedisConfig, redisConfig, SignupConfig, signupConfig } from './config/config';
import { ApiModule } from './api/api.module';
import { ArchiveModule } from './archive/archive.module';
import { CsrfModule } from './common/csrf.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { InboundModule } from './inbound/inbound.module';
import { MetricsModule } from './metrics/metrics.module';
import { NewsroomModule } from './newsroom/newsroom.module';
import { PublishingModule } from './publishing/publishing.module';
import { bullConnection } from './queue/redis-connection';
import { QueueBoardModule } from './queue-board/queue-board.module';
import { REDIS, RedisModule } from './queue/redis.module';
import { ReaderPagesModule } from './reader-pages/reader-pages.module';
import { ReadersDataModule } from './readers-data/readers-data.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { LinksModule } from './tokens/links.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configSections }),
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: AppConfig) => ({
        pinoHttp: {
          level: app.logLevel,
          // A person at a terminal reads lines; a log collector in production reads JSON.
          transport:
            process.stdout.isTTY && app.env !== 'production'
              ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } }
              : undefined,
          // Links carry tokens in their query strings: log the path only.
          serializers: {
            req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        },
      }),
    }),
    DatabaseModule,
    RedisModule,
    MetricsModule,
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (redis: RedisConfig) => ({ connection: bullConnection(redis.target), prefix: redis.prefix }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [signupConfig.KEY, REDIS],
      useFactory: (signup: SignupConfig, redis: IORedis) => ({
        throttlers: [{ name: 'signup', ttl: 60_000, limit: signup.ratePerMinute }],
        storage: new ThrottlerStorageRedisService(redis),
      }),
    }),
    LinksModule,
    CsrfModule,
    // The doors; each brings in the workflow and domain modules it calls.
    ReaderPagesModule,
    ApiModule,
    NewsroomModule,
    ArchiveModule,
    WebhooksModule,
    InboundModule,
    QueueBoardModule,
    HealthModule,
    // Modules whose workers run with nothing calling them from a door: the newsletters' schedules and retention.
    PublishingModule,
    ReadersDataModule,
  ],
})
export class AppModule {}
