import { createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigType, registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { CronExpressionParser } from 'cron-parser';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { DkimKey, readDkimKey } from './dkim-key';
import { metricsConfig } from './metrics.config';
import { redisTarget } from './redis-target';
import { smtpRelays } from './smtp-relays';
import { ConfigError, parseList, shown, validateEnv } from './validate-env';

const HTTP_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^(?=.{1,253}$)(?:${LABEL}\\.)+${LABEL}$`, 'i');
const SELECTOR = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'i');
const HOSTNAME_OR_LITERAL = new RegExp(`^(?:(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*|\\[(?:IPv6:)?[0-9a-f:.]+\\])$`, 'i');

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
  @Matches(/^rediss?(\+cluster)?:\/\//, {
    message: 'REDIS_URL must be a redis:// or rediss:// URL, or redis+cluster://host:port,host:port for a Redis Cluster',
  })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** A Redis Cluster's seed nodes; REDIS_URL's user, password and rediss:// still apply to each. */
  @IsOptional()
  @Matches(/^\s*[^\s,]+:\d{1,5}\s*(,\s*[^\s,]+:\d{1,5}\s*)*$/, {
    message: 'REDIS_CLUSTER_NODES must be a comma-separated list of host:port, e.g. 10.0.0.1:6379,10.0.0.2:6379',
  })
  REDIS_CLUSTER_NODES?: string;

  @Matches(/^[\w-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, - and _ only' })
  QUEUE_PREFIX = 'newsletter';
}

class MailEnv {
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Relays in order of preference, each smtp(s)://host:port?pool=N&rate=N (smtp-relays.ts); instead of SMTP_URL. */
  @IsOptional()
  @IsString()
  SMTP_URLS?: string;

  /** Consecutive connection failures or 4xx replies from a relay before batches move to the next one. */
  @Max(1000, { message: 'SMTP_FAILOVER_AFTER must be between 1 and 1000' })
  @Min(1, { message: 'SMTP_FAILOVER_AFTER must be between 1 and 1000' })
  @IsInt({ message: 'SMTP_FAILOVER_AFTER must be a whole number' })
  @Type(() => Number)
  SMTP_FAILOVER_AFTER: number = 5;

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

  /** Digests go out with the envelope sender bounces+<signed token>@BOUNCE_DOMAIN (VERP). */
  @IsOptional()
  @Matches(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, {
    message: 'BOUNCE_DOMAIN must be a domain name, e.g. bounces.newstatesman.com',
  })
  BOUNCE_DOMAIN?: string;

  /** The name the SMTP client greets with; without it a host with no FQDN says EHLO [127.0.0.1]. */
  @IsOptional()
  @Matches(HOSTNAME_OR_LITERAL, { message: 'SMTP_EHLO_NAME must be a host name, e.g. mail.newstatesman.com, or an address literal like [192.0.2.1]' })
  SMTP_EHLO_NAME?: string;

  @IsOptional()
  @Matches(DOMAIN, { message: 'DKIM_DOMAIN must be a domain name, e.g. newstatesman.com' })
  DKIM_DOMAIN?: string;

  @IsOptional()
  @Matches(SELECTOR, { message: 'DKIM_SELECTOR must be a DNS label (letters, digits, hyphens; dots between labels), e.g. nl2026' })
  DKIM_SELECTOR?: string;

  @IsOptional()
  @IsString()
  DKIM_PRIVATE_KEY_FILE?: string;
}

class InboundEnv {
  /** Unset: no listener. Where mail to the unsubscribe and bounce addresses arrives. */
  @IsOptional()
  @Max(65535, { message: 'INBOUND_SMTP_PORT must be a port number' })
  @Min(1, { message: 'INBOUND_SMTP_PORT must be a port number' })
  @IsInt({ message: 'INBOUND_SMTP_PORT must be a whole number' })
  @Type(() => Number)
  INBOUND_SMTP_PORT?: number;

  /** Loopback by default: a relay on the same host (Postfix's transport map) hands mail over. */
  @Matches(/^([0-9.]+|[0-9a-f:]+|[a-z0-9.-]+)$/i, { message: 'INBOUND_SMTP_HOST must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
  INBOUND_SMTP_HOST = '127.0.0.1';

  @Max(52_428_800, { message: 'INBOUND_SMTP_MAX_BYTES must be between 10240 and 52428800' })
  @Min(10_240, { message: 'INBOUND_SMTP_MAX_BYTES must be between 10240 and 52428800' })
  @IsInt({ message: 'INBOUND_SMTP_MAX_BYTES must be a whole number' })
  @Type(() => Number)
  INBOUND_SMTP_MAX_BYTES: number = 1_048_576;
}

class SignupEnv {
  @Min(1, { message: 'SIGNUP_RATE_LIMIT must be at least 1' })
  @IsInt({ message: 'SIGNUP_RATE_LIMIT must be a whole number of requests per minute' })
  @Type(() => Number)
  SIGNUP_RATE_LIMIT: number = 10;
}

class EmbedEnv {
  /** Origins allowed to host the sign-up box (script, iframe, plain form); unset: the embed is off. */
  @IsOptional()
  @IsString()
  EMBED_ORIGINS?: string;

  /** The proof-of-work challenge on this service's own sign-up page and the JSON API; the embed always asks for it. */
  @IsIn(['on', 'off'], { message: 'SIGNUP_CHALLENGE must be on or off' })
  SIGNUP_CHALLENGE = 'off';
}

class ReadersImportEnv {
  /** The largest CSV file the newsroom's import page takes (the command line has no limit). */
  @Max(4096, { message: 'IMPORT_UPLOAD_MAX_MB must be between 1 and 4096' })
  @Min(1, { message: 'IMPORT_UPLOAD_MAX_MB must be between 1 and 4096' })
  @IsInt({ message: 'IMPORT_UPLOAD_MAX_MB must be a whole number of megabytes' })
  @Type(() => Number)
  IMPORT_UPLOAD_MAX_MB: number = 100;
}

class RetentionEnv {
  /** Sign-ups never confirmed are erased this many days after the last one. */
  @Max(3650, { message: 'UNCONFIRMED_RETENTION_DAYS must be between 1 and 3650' })
  @Min(1, { message: 'UNCONFIRMED_RETENTION_DAYS must be between 1 and 3650' })
  @IsInt({ message: 'UNCONFIRMED_RETENTION_DAYS must be a whole number of days' })
  @Type(() => Number)
  UNCONFIRMED_RETENTION_DAYS: number = 30;
}

class EditorialEnv {
  @IsOptional()
  @MinLength(24, { message: 'EDITOR_TOKEN must be at least 24 characters' })
  @IsString()
  EDITOR_TOKEN?: string;

  @IsOptional()
  @IsString()
  FEED_URLS?: string;

  @IsIn(['true', 'false'], { message: 'FEED_ALLOW_PRIVATE must be true or false' })
  FEED_ALLOW_PRIVATE = 'false';

  @IsString()
  FEED_POLL_CRON = '*/10 * * * *';

  @Min(1, { message: 'EDITOR_AUTH_FAILURES_PER_10_MIN must be at least 1' })
  @IsInt({ message: 'EDITOR_AUTH_FAILURES_PER_10_MIN must be a whole number' })
  @Type(() => Number)
  EDITOR_AUTH_FAILURES_PER_10_MIN: number = 20;

  /** A newsroom session ends this long after sign-in, however busy it has been. */
  @Max(8760, {
    message: 'NEWSROOM_SESSION_MAX_HOURS must be between 1 and 8760',
  })
  @Min(1, { message: 'NEWSROOM_SESSION_MAX_HOURS must be between 1 and 8760' })
  @IsInt({
    message: 'NEWSROOM_SESSION_MAX_HOURS must be a whole number of hours',
  })
  @Type(() => Number)
  NEWSROOM_SESSION_MAX_HOURS: number = 168;

  /** Addresses made admins at start (comma-separated), so a fresh deployment needs no shell. */
  @IsOptional()
  @IsString()
  NEWSROOM_ADMINS?: string;

  @Max(3650, { message: 'AUDIT_RETENTION_DAYS must be between 30 and 3650' })
  @Min(30, { message: 'AUDIT_RETENTION_DAYS must be between 30 and 3650' })
  @IsInt({ message: 'AUDIT_RETENTION_DAYS must be a whole number of days' })
  @Type(() => Number)
  AUDIT_RETENTION_DAYS: number = 730;
}

class DeliveryEnv {
  /** 0: no limit. Holds across every worker (the count is kept in Redis). */
  @Min(0, { message: 'EMAILS_PER_SECOND must be 0 (no limit) or more' })
  @IsInt({ message: 'EMAILS_PER_SECOND must be a whole number' })
  @Type(() => Number)
  EMAILS_PER_SECOND: number = 0;

  /** Messages per second a send's estimate assumes until the newsletter's own editions have been measured. */
  @IsOptional()
  @Min(0.1, { message: 'SEND_RATE must be a number of messages per second, at least 0.1' })
  @Type(() => Number)
  SEND_RATE?: number;

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

  /**
   * Deliveries (who was sent what, Message-IDs, SMTP replies) leave a month at a time this many
   * days after the month ended. At least 90: bounces and complaints find their message that long.
   */
  @Max(3650, { message: 'DELIVERY_RETENTION_DAYS must be between 90 and 3650' })
  @Min(90, { message: 'DELIVERY_RETENTION_DAYS must be between 90 and 3650' })
  @IsInt({ message: 'DELIVERY_RETENTION_DAYS must be a whole number of days' })
  @Type(() => Number)
  DELIVERY_RETENTION_DAYS: number = 400;
}

class ClicksEnv {
  /** off: digests carry plain article links, and nothing is counted. */
  @IsIn(['on', 'off'], { message: 'CLICK_COUNTS must be on or off' })
  CLICK_COUNTS = 'on';

  /** How often click counts move from Redis to PostgreSQL: at most this much is lost with Redis. */
  @Max(3600, { message: 'CLICK_FLUSH_SECONDS must be between 1 and 3600' })
  @Min(1, { message: 'CLICK_FLUSH_SECONDS must be between 1 and 3600' })
  @IsInt({ message: 'CLICK_FLUSH_SECONDS must be a whole number' })
  @Type(() => Number)
  CLICK_FLUSH_SECONDS: number = 30;
}

class DeliverabilityEnv {
  @Max(100, { message: 'SOFT_BOUNCE_LIMIT must be between 1 and 100' })
  @Min(1, { message: 'SOFT_BOUNCE_LIMIT must be between 1 and 100' })
  @IsInt({ message: 'SOFT_BOUNCE_LIMIT must be a whole number' })
  @Type(() => Number)
  SOFT_BOUNCE_LIMIT: number = 3;

  /** How far a signed webhook timestamp may be from now (Mailgun, SendGrid, SNS, the generic receiver). */
  @Max(86_400, { message: 'WEBHOOK_MAX_AGE_SECONDS must be between 30 and 86400' })
  @Min(30, { message: 'WEBHOOK_MAX_AGE_SECONDS must be between 30 and 86400' })
  @IsInt({ message: 'WEBHOOK_MAX_AGE_SECONDS must be a whole number' })
  @Type(() => Number)
  WEBHOOK_MAX_AGE_SECONDS: number = 300;

  /** The SNS topics whose notifications /webhooks/ses accepts; unset, the receiver is off. */
  @IsOptional()
  @Matches(/^\s*arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}\s*(,\s*arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}\s*)*$/, {
    message: 'SES_TOPIC_ARNS must be a comma-separated list of SNS topic ARNs, e.g. arn:aws:sns:eu-west-1:123456789012:ses-bounces',
  })
  SES_TOPIC_ARNS?: string;

  /** Tests only: an origin (e.g. http://127.0.0.1:4567) trusted for SNS certificates and SubscribeURLs besides AWS's. */
  @IsOptional()
  @Matches(/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/, {
    message: 'SNS_TEST_CERT_ORIGIN must be a loopback origin such as http://127.0.0.1:4567',
  })
  SNS_TEST_CERT_ORIGIN?: string;

  @IsOptional()
  @IsString()
  POSTMARK_WEBHOOK_USER?: string;

  @IsOptional()
  @MinLength(16, { message: 'POSTMARK_WEBHOOK_PASSWORD must be at least 16 characters' })
  @IsString()
  POSTMARK_WEBHOOK_PASSWORD?: string;

  @IsOptional()
  @MinLength(16, { message: 'MAILGUN_SIGNING_KEY must be at least 16 characters' })
  @IsString()
  MAILGUN_SIGNING_KEY?: string;

  /** As SendGrid shows it: base64 of the DER SubjectPublicKeyInfo of an ECDSA P-256 key. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/=\s]+$/, { message: 'SENDGRID_WEBHOOK_PUBLIC_KEY must be the base64 public key SendGrid shows' })
  SENDGRID_WEBHOOK_PUBLIC_KEY?: string;

  @IsOptional()
  @MinLength(24, { message: 'BOUNCE_WEBHOOK_SECRET must be at least 24 characters' })
  @IsString()
  BOUNCE_WEBHOOK_SECRET?: string;
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
  const target = redisTarget(env.REDIS_URL, env.REDIS_CLUSTER_NODES);
  if (/^rediss?\+cluster:/.test(env.REDIS_URL) && !target.cluster) {
    throw new ConfigError(
      `Invalid configuration: REDIS_URL must name at least one node, e.g. redis+cluster://10.0.0.1:6379,10.0.0.2:6379 (got ${JSON.stringify(env.REDIS_URL.replace(/:[^:@/]*@/, ':***@'))})`,
    );
  }
  return { url: env.REDIS_URL, prefix: env.QUEUE_PREFIX, target };
});

const DKIM_SETTINGS = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY_FILE'] as const;

/** All three DKIM settings or none; the key is read and checked once, here. */
function dkimKey(env: MailEnv): DkimKey | null {
  const missing = DKIM_SETTINGS.filter((name) => !env[name]);
  if (missing.length === DKIM_SETTINGS.length) return null;
  if (missing.length > 0) {
    const set = DKIM_SETTINGS.filter((name) => env[name]);
    throw new ConfigError(
      `Invalid configuration: DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together: ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not (set all three to sign mail, or none)`,
    );
  }
  const path = resolve(env.DKIM_PRIVATE_KEY_FILE!);
  try {
    return { domain: env.DKIM_DOMAIN!.toLowerCase(), selector: env.DKIM_SELECTOR!, privateKey: readDkimKey(path) };
  } catch (error) {
    throw new ConfigError(`Invalid configuration: DKIM_PRIVATE_KEY_FILE ${(error as Error).message} (got ${JSON.stringify(path)})`);
  }
}

export const mailConfig = registerAs('mail', () => {
  const env = validateEnv(MailEnv);
  const fromAddress = /<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM;
  return {
    smtpUrl: env.SMTP_URL,
    /** Empty: no relay, mail is written to the outbox. */
    relays: smtpRelays(env),
    failoverAfter: env.SMTP_FAILOVER_AFTER,
    from: env.MAIL_FROM,
    unsubscribeMailto: unsubscribeMailto(env.UNSUBSCRIBE_MAILTO ?? `unsubscribe@${fromAddress.split('@')[1]}`),
    bounceDomain: (env.BOUNCE_DOMAIN ?? fromAddress.split('@')[1]).toLowerCase(),
    poolSize: env.SMTP_POOL_SIZE,
    ehloName: env.SMTP_EHLO_NAME ?? fromAddress.split('@')[1],
    dkim: dkimKey(env),
    outboxDir: resolve(validateEnv(AppEnv).VAR_DIR, 'outbox'),
  };
});

/**
 * Each reader's unsubscribe address is UNSUBSCRIBE_MAILTO with "+<45-character token>" after
 * its local part (the token carries the reader's 16-byte public id), which must stay within
 * RFC 5321's 64 characters.
 */
function unsubscribeMailto(address: string): string {
  const local = address.slice(0, address.lastIndexOf('@'));
  if (local.includes('+') || local.length > 18) {
    throw new ConfigError(
      `Invalid configuration: UNSUBSCRIBE_MAILTO's local part must be at most 18 characters with no "+" (each reader's address adds "+" and a 45-character token) (got ${JSON.stringify(address)})`,
    );
  }
  return address;
}

export const inboundConfig = registerAs('inbound', () => {
  const env = validateEnv(InboundEnv);
  return { port: env.INBOUND_SMTP_PORT ?? null, host: env.INBOUND_SMTP_HOST, maxBytes: env.INBOUND_SMTP_MAX_BYTES };
});

export const signupConfig = registerAs('signup', () => {
  const env = validateEnv(SignupEnv);
  return { ratePerMinute: env.SIGNUP_RATE_LIMIT };
});

/** An origin such as https://www.newstatesman.com, or https://*.example.com for every subdomain. */
const EMBED_ORIGIN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * EMBED_ORIGINS: origins only, lower-cased, each checked here. A wildcard stands for one or more
 * labels before a domain of at least two labels (https://*.example.com), never for a whole host.
 */
function embedOrigins(raw: string | undefined): string[] {
  return parseList(raw).map((entry) => {
    const match = EMBED_ORIGIN.exec(entry);
    const host = match?.[3] ?? '';
    const wildcard = Boolean(match?.[2]);
    const literal = !wildcard && URL.canParse(entry) && new URL(entry).origin !== 'null';
    if (!match || (wildcard ? !DOMAIN.test(host) || !host.includes('.') : !literal)) {
      throw new ConfigError(
        `Invalid configuration: EMBED_ORIGINS must be a comma-separated list of origins, e.g. https://www.newstatesman.com or https://*.newstatesman.com, with no path, query or other wildcard (got ${JSON.stringify(entry)})`,
      );
    }
    return wildcard ? entry.toLowerCase() : new URL(entry).origin;
  });
}

export const embedConfig = registerAs('embed', () => {
  const env = validateEnv(EmbedEnv);
  return { origins: embedOrigins(env.EMBED_ORIGINS), ownPageChallenge: env.SIGNUP_CHALLENGE === 'on' };
});

export const retentionConfig = registerAs('retention', () => {
  const env = validateEnv(RetentionEnv);
  return { unconfirmedDays: env.UNCONFIRMED_RETENTION_DAYS };
});

export const editorialConfig = registerAs('editorial', () => {
  const env = validateEnv(EditorialEnv);
  try {
    CronExpressionParser.parse(env.FEED_POLL_CRON);
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration: FEED_POLL_CRON must be a cron pattern (${(error as Error).message}) (got ${JSON.stringify(env.FEED_POLL_CRON)})`,
    );
  }
  const feedUrls = parseList(env.FEED_URLS);
  // A file: URL, or any other scheme, is never fetched: the process says so and stops.
  const notHttp = feedUrls.find((url) => !/^https?:\/\/[^/\s]/i.test(url) || !URL.canParse(url));
  if (notHttp !== undefined) {
    throw new ConfigError(`Invalid configuration: FEED_URLS must hold http(s) URLs only (got ${shown('FEED_URLS', notHttp)})`);
  }
  const admins = parseList(env.NEWSROOM_ADMINS).map((address) => address.toLowerCase());
  const notAddress = admins.find((address) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address));
  if (notAddress !== undefined)
    throw new ConfigError(`Invalid configuration: NEWSROOM_ADMINS must be email addresses, comma-separated (got ${JSON.stringify(notAddress)})`);
  return {
    editorToken: env.EDITOR_TOKEN,
    feedUrls,
    /** Development only: feeds may be fetched from loopback, private and link-local addresses. */
    feedAllowPrivate: env.FEED_ALLOW_PRIVATE === 'true',
    feedPollCron: env.FEED_POLL_CRON,
    authFailuresPer10Min: env.EDITOR_AUTH_FAILURES_PER_10_MIN,
    sessionMaxHours: env.NEWSROOM_SESSION_MAX_HOURS,
    admins,
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
  };
});

export const deliveryConfig = registerAs('delivery', () => {
  const env = validateEnv(DeliveryEnv);
  return {
    emailsPerSecond: env.EMAILS_PER_SECOND,
    sendRate: env.SEND_RATE ?? null,
    batchSize: env.DELIVERY_BATCH_SIZE,
    concurrency: env.DELIVERY_CONCURRENCY,
    maxAttempts: env.DELIVERY_MAX_ATTEMPTS,
    retryDelayMs: env.DELIVERY_RETRY_DELAY_MS,
    lockMs: env.DELIVERY_LOCK_MS,
    retentionDays: env.DELIVERY_RETENTION_DAYS,
  };
});

function sendgridKey(base64: string | undefined): KeyObject | null {
  if (!base64) return null;
  try {
    const key = createPublicKey({ key: Buffer.from(base64.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('not a P-256 key');
    return key;
  } catch {
    throw new ConfigError(
      'Invalid configuration: SENDGRID_WEBHOOK_PUBLIC_KEY must be the base64 DER public key (ECDSA P-256) that SendGrid shows for the signed Event Webhook',
    );
  }
}

export const deliverabilityConfig = registerAs('deliverability', () => {
  const env = validateEnv(DeliverabilityEnv);
  if (Boolean(env.POSTMARK_WEBHOOK_USER) !== Boolean(env.POSTMARK_WEBHOOK_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration: POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD go together (set both to receive Postmark webhooks, or neither)',
    );
  }
  if (env.SNS_TEST_CERT_ORIGIN && validateEnv(AppEnv).NODE_ENV !== 'test') {
    throw new ConfigError('Invalid configuration: SNS_TEST_CERT_ORIGIN is for the tests only (NODE_ENV=test); SNS certificates come from AWS');
  }
  return {
    softBounceLimit: env.SOFT_BOUNCE_LIMIT,
    webhookMaxAgeSeconds: env.WEBHOOK_MAX_AGE_SECONDS,
    sesTopicArns: parseList(env.SES_TOPIC_ARNS),
    snsTestCertOrigin: env.SNS_TEST_CERT_ORIGIN ?? null,
    postmark: env.POSTMARK_WEBHOOK_USER && env.POSTMARK_WEBHOOK_PASSWORD ? { user: env.POSTMARK_WEBHOOK_USER, password: env.POSTMARK_WEBHOOK_PASSWORD } : null,
    mailgunSigningKey: env.MAILGUN_SIGNING_KEY ?? null,
    sendgridPublicKey: sendgridKey(env.SENDGRID_WEBHOOK_PUBLIC_KEY),
    bounceWebhookSecret: env.BOUNCE_WEBHOOK_SECRET ?? null,
  };
});

export const readersImportConfig = registerAs('readersImport', () => {
  const env = validateEnv(ReadersImportEnv);
  return { uploadMaxBytes: env.IMPORT_UPLOAD_MAX_MB * 1024 * 1024 };
});

export const clicksConfig = registerAs('clicks', () => {
  const env = validateEnv(ClicksEnv);
  return { enabled: env.CLICK_COUNTS === 'on', flushSeconds: env.CLICK_FLUSH_SECONDS };
});

export type AppConfig = ConfigType<typeof appConfig>;
export type ClicksConfig = ConfigType<typeof clicksConfig>;
export type DeliverabilityConfig = ConfigType<typeof deliverabilityConfig>;
export type EditorialConfig = ConfigType<typeof editorialConfig>;
export type DeliveryConfig = ConfigType<typeof deliveryConfig>;
export type DatabaseConfig = ConfigType<typeof databaseConfig>;
export type RedisConfig = ConfigType<typeof redisConfig>;
export type MailConfig = ConfigType<typeof mailConfig>;
export type InboundConfig = ConfigType<typeof inboundConfig>;
export type SignupConfig = ConfigType<typeof signupConfig>;
export type RetentionConfig = ConfigType<typeof retentionConfig>;
export type EmbedConfig = ConfigType<typeof embedConfig>;
export type ReadersImportConfig = ConfigType<typeof readersImportConfig>;

export const configSections = [
  appConfig,
  databaseConfig,
  redisConfig,
  mailConfig,
  signupConfig,
  retentionConfig,
  editorialConfig,
  deliveryConfig,
  deliverabilityConfig,
  inboundConfig,
  clicksConfig,
  readersImportConfig,
  embedConfig,
  metricsConfig,
];

/** Reads every section once so that a bad environment fails before anything starts. */
export function checkConfig(): void {
  for (const section of configSections) section();
}
