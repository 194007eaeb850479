import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigType, registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { CronExpressionParser } from 'cron-parser';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ConfigError, parseList, validateEnv } from './validate-env';

const HTTP_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;

class AppEnv {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV = 'development';

  @Max(65535, { message: 'PORT must be a port number' })
  @Min(0, { message: 'PORT must be a port number' })
  @IsInt({ message: 'PORT must be a whole number' })
  @Type(() => Number)
  PORT: number = 3000;

  /** Defaults to http://localhost:<PORT>, so a newcomer's links point where the service listens. */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'PUBLIC_URL must be an http(s) URL with no query, e.g. https://newsletters.example.com' })
  PUBLIC_URL?: string;

  @IsIn(['all', 'api', 'worker'], { message: 'APP_ROLE must be all, api or worker' })
  APP_ROLE = 'all';

  @ValidateIf((env: AppEnv) => env.NODE_ENV === 'production' || env.APP_SECRET !== undefined)
  @MinLength(32, { message: 'APP_SECRET must be at least 32 characters' })
  @IsString({ message: 'APP_SECRET is required when NODE_ENV=production' })
  APP_SECRET?: string;

  @IsOptional()
  @IsString()
  APP_PREVIOUS_SECRETS?: string;

  @Matches(/^(true|false|\d+|[\w.:/, -]+)$/, { message: 'TRUST_PROXY must be true, false, a hop count or a list of addresses' })
  TRUST_PROXY = 'false';

  @Matches(HTTP_URL, { message: 'PRIVACY_POLICY_URL must be an http(s) URL' })
  PRIVACY_POLICY_URL = 'https://www.newstatesman.com/privacy-policy';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be a pino level' })
  LOG_LEVEL = 'info';

  @IsString()
  VAR_DIR = 'var';
}

class DatabaseEnv {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded database under VAR_DIR)' })
  DATABASE_URL?: string;

  @Min(1, { message: 'DATABASE_POOL_SIZE must be at least 1' })
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number' })
  @Type(() => Number)
  DATABASE_POOL_SIZE: number = 10;
}

class RedisEnv {
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[\w-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, - and _ only' })
  QUEUE_PREFIX = 'newsletter';
}

class MailEnv {
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Matches(/^([^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+>?$/, { message: 'MAIL_FROM must be an address, optionally with a name: "Name <a@b.c>"' })
  MAIL_FROM = 'New Statesman <newsletters@localhost>';

  @IsOptional()
  @Matches(/^[^\s@<>]+@[^\s@<>]+$/, { message: 'UNSUBSCRIBE_MAILTO must be an email address' })
  UNSUBSCRIBE_MAILTO?: string;

  @Max(100, { message: 'SMTP_POOL_SIZE must be between 1 and 100' })
  @Min(1, { message: 'SMTP_POOL_SIZE must be between 1 and 100' })
  @IsInt({ message: 'SMTP_POOL_SIZE must be a whole number' })
  @Type(() => Number)
  SMTP_POOL_SIZE: number = 5;
}

class SignupEnv {
  @Min(1, { message: 'SIGNUP_RATE_LIMIT must be at least 1' })
  @IsInt({ message: 'SIGNUP_RATE_LIMIT must be a whole number of requests per minute' })
  @Type(() => Number)
  SIGNUP_RATE_LIMIT: number = 10;
}

class EditorialEnv {
  @IsOptional()
  @MinLength(24, { message: 'EDITOR_TOKEN must be at least 24 characters' })
  @IsString()
  EDITOR_TOKEN?: string;

  @IsOptional()
  @IsString()
  FEED_URLS?: string;

  @IsString()
  FEED_POLL_CRON = '*/10 * * * *';

  @Min(1, { message: 'EDITOR_AUTH_FAILURES_PER_10_MIN must be at least 1' })
  @IsInt({ message: 'EDITOR_AUTH_FAILURES_PER_10_MIN must be a whole number' })
  @Type(() => Number)
  EDITOR_AUTH_FAILURES_PER_10_MIN: number = 20;
}

class DeliveryEnv {
  /** 0: no limit. Holds across every worker (the count is kept in Redis). */
  @Min(0, { message: 'EMAILS_PER_SECOND must be 0 (no limit) or more' })
  @IsInt({ message: 'EMAILS_PER_SECOND must be a whole number' })
  @Type(() => Number)
  EMAILS_PER_SECOND: number = 0;

  @Max(5000, { message: 'DELIVERY_BATCH_SIZE must be between 10 and 5000' })
  @Min(10, { message: 'DELIVERY_BATCH_SIZE must be between 10 and 5000' })
  @IsInt({ message: 'DELIVERY_BATCH_SIZE must be a whole number' })
  @Type(() => Number)
  DELIVERY_BATCH_SIZE: number = 500;

  @Max(64, { message: 'DELIVERY_CONCURRENCY must be between 1 and 64' })
  @Min(1, { message: 'DELIVERY_CONCURRENCY must be between 1 and 64' })
  @IsInt({ message: 'DELIVERY_CONCURRENCY must be a whole number' })
  @Type(() => Number)
  DELIVERY_CONCURRENCY: number = 4;

  @Max(20, { message: 'DELIVERY_MAX_ATTEMPTS must be between 1 and 20' })
  @Min(1, { message: 'DELIVERY_MAX_ATTEMPTS must be between 1 and 20' })
  @IsInt({ message: 'DELIVERY_MAX_ATTEMPTS must be a whole number' })
  @Type(() => Number)
  DELIVERY_MAX_ATTEMPTS: number = 5;

  /** First retry delay after a 4xx or a dropped connection; it doubles with each attempt. */
  @Min(10, { message: 'DELIVERY_RETRY_DELAY_MS must be at least 10' })
  @IsInt({ message: 'DELIVERY_RETRY_DELAY_MS must be a whole number' })
  @Type(() => Number)
  DELIVERY_RETRY_DELAY_MS: number = 30_000;

  /** How long a worker may go silent before its batch is taken over (BullMQ lock). */
  @Min(1000, { message: 'DELIVERY_LOCK_MS must be at least 1000' })
  @IsInt({ message: 'DELIVERY_LOCK_MS must be a whole number' })
  @Type(() => Number)
  DELIVERY_LOCK_MS: number = 30_000;
}

/**
 * In development a random secret is generated once and kept under var/, so links in mail
 * written to the outbox keep working across restarts. Production must supply its own.
 */
function developmentSecret(varDir: string): string {
  const path = resolve(varDir, 'app-secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secret;
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export const appConfig = registerAs('app', () => {
  const env = validateEnv(AppEnv);
  const previous = parseList(env.APP_PREVIOUS_SECRETS);
  if (previous.some((secret) => secret.length < 32)) {
    throw new ConfigError('Invalid configuration: every APP_PREVIOUS_SECRETS entry must be at least 32 characters');
  }
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  if (env.NODE_ENV === 'production' && !publicUrl.startsWith('https://')) {
    throw new ConfigError('Invalid configuration: PUBLIC_URL must be https:// in production (one-click unsubscribe requires it)');
  }
  return {
    env: env.NODE_ENV as 'development' | 'production' | 'test',
    port: env.PORT,
    publicUrl,
    role: env.APP_ROLE as 'all' | 'api' | 'worker',
    secret: env.APP_SECRET ?? developmentSecret(env.VAR_DIR),
    previousSecrets: previous,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    privacyPolicyUrl: env.PRIVACY_POLICY_URL,
    logLevel: env.LOG_LEVEL,
    varDir: env.VAR_DIR,
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = validateEnv(DatabaseEnv);
  return { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, varDir: validateEnv(AppEnv).VAR_DIR };
});

export const redisConfig = registerAs('redis', () => {
  const env = validateEnv(RedisEnv);
  return { url: env.REDIS_URL, prefix: env.QUEUE_PREFIX };
});

export const mailConfig = registerAs('mail', () => {
  const env = validateEnv(MailEnv);
  const fromAddress = /<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM;
  return {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    unsubscribeMailto: env.UNSUBSCRIBE_MAILTO ?? `unsubscribe@${fromAddress.split('@')[1]}`,
    poolSize: env.SMTP_POOL_SIZE,
    outboxDir: resolve(validateEnv(AppEnv).VAR_DIR, 'outbox'),
  };
});

export const signupConfig = registerAs('signup', () => {
  const env = validateEnv(SignupEnv);
  return { ratePerMinute: env.SIGNUP_RATE_LIMIT };
});

export const editorialConfig = registerAs('editorial', () => {
  const env = validateEnv(EditorialEnv);
  try {
    CronExpressionParser.parse(env.FEED_POLL_CRON);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: FEED_POLL_CRON must be a cron pattern (${(error as Error).message}) (got ${JSON.stringify(env.FEED_POLL_CRON)})`);
  }
  return {
    editorToken: env.EDITOR_TOKEN,
    feedUrls: parseList(env.FEED_URLS),
    feedPollCron: env.FEED_POLL_CRON,
    authFailuresPer10Min: env.EDITOR_AUTH_FAILURES_PER_10_MIN,
  };
});

export const deliveryConfig = registerAs('delivery', () => {
  const env = validateEnv(DeliveryEnv);
  return {
    emailsPerSecond: env.EMAILS_PER_SECOND,
    batchSize: env.DELIVERY_BATCH_SIZE,
    concurrency: env.DELIVERY_CONCURRENCY,
    maxAttempts: env.DELIVERY_MAX_ATTEMPTS,
    retryDelayMs: env.DELIVERY_RETRY_DELAY_MS,
    lockMs: env.DELIVERY_LOCK_MS,
  };
});

export type AppConfig = ConfigType<typeof appConfig>;
export type EditorialConfig = ConfigType<typeof editorialConfig>;
export type DeliveryConfig = ConfigType<typeof deliveryConfig>;
export type DatabaseConfig = ConfigType<typeof databaseConfig>;
export type RedisConfig = ConfigType<typeof redisConfig>;
export type MailConfig = ConfigType<typeof mailConfig>;
export type SignupConfig = ConfigType<typeof signupConfig>;

export const configSections = [appConfig, databaseConfig, redisConfig, mailConfig, signupConfig, editorialConfig, deliveryConfig];

/** Reads every section once so that a bad environment fails before anything starts. */
export function checkConfig(): void {
  for (const section of configSections) section();
}
