import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appConfig, databaseConfig, deliveryConfig, editorialConfig, embedConfig, mailConfig, signupConfig } from './config';
import { allowedOrigin } from '../common/embed-origins';
import { ConfigError } from './validate-env';

describe('configuration from the environment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  function withEnv(env: Record<string, string | undefined>): void {
    process.env = { ...saved, VAR_DIR: mkdtempSync(join(tmpdir(), 'nl-config-')) };
    for (const key of ['EMBED_ORIGINS', 'SIGNUP_CHALLENGE', 'NODE_ENV', 'APP_SECRET', 'PORT', 'PUBLIC_URL', 'SMTP_URL', 'MAIL_FROM', 'SIGNUP_RATE_LIMIT', 'APP_PREVIOUS_SECRETS', 'FEED_POLL_CRON', 'DELIVERY_BATCH_SIZE', 'EMAILS_PER_SECOND', 'DELIVERY_RETENTION_DAYS']) {
      delete process.env[key];
    }
    Object.assign(process.env, env);
  }

  it('uses the documented defaults when nothing is set', () => {
    withEnv({});
    expect(appConfig()).toMatchObject({ env: 'development', port: 3000, publicUrl: 'http://localhost:3000', role: 'all', trustProxy: false });
    expect(signupConfig()).toEqual({ ratePerMinute: 10 });
    expect(mailConfig()).toMatchObject({ smtpUrl: undefined, from: 'New Statesman <newsletters@localhost>', unsubscribeMailto: 'unsubscribe@localhost' });
  });

  it('builds links on the port the service listens on when PUBLIC_URL is not set', () => {
    withEnv({ PORT: '3055' });
    expect(appConfig()).toMatchObject({ port: 3055, publicUrl: 'http://localhost:3055' });
    withEnv({ PORT: '3055', PUBLIC_URL: 'https://newsletters.example.com/' });
    expect(appConfig().publicUrl).toBe('https://newsletters.example.com');
  });

  it('keeps a generated development secret under var/ and reuses it', () => {
    withEnv({});
    const first = appConfig().secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(process.env.VAR_DIR!, 'app-secret'), 'utf8').trim()).toBe(first);
    expect(appConfig().secret).toBe(first);
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be a whole number (got "abc")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT must be a port number (got "70000")'],
    [{ NODE_ENV: 'production' }, 'Invalid configuration: APP_SECRET is required when NODE_ENV=production'],
    [{ APP_SECRET: 'short' }, 'Invalid configuration: APP_SECRET must be at least 32 characters'],
    [{ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32), PUBLIC_URL: 'http://news.example' }, 'Invalid configuration: PUBLIC_URL must be https:// in production (one-click unsubscribe requires it)'],
    [{ PUBLIC_URL: 'javascript:alert(1)' }, 'PUBLIC_URL must be an http(s) URL'],
    [{ APP_ROLE: 'both' }, 'APP_ROLE must be all, api or worker'],
  ])('stops with a one-line reason for %j', (env, message) => {
    withEnv(env);
    expect(() => appConfig()).toThrow(ConfigError);
    expect(() => appConfig()).toThrow(message);
  });

  it.each([
    ['APP_SECRET', appConfig, 'too-short-secret'],
    ['APP_PREVIOUS_SECRETS', appConfig, 'old-but-short'],
    ['EDITOR_TOKEN', editorialConfig, 'secret'],
    ['DATABASE_URL', databaseConfig, 'mysql://editor:hunter2@db.example/news'],
    ['SMTP_URL', mailConfig, 'http://relay:hunter2@mail.example'],
  ])('never prints the secret in a bad %s', (name, section, value) => {
    withEnv({ [name]: value });
    let message = '';
    try {
      section();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(name);
    expect(message).not.toContain(value.startsWith('mysql') || value.startsWith('http') ? 'hunter2' : value);
  });

  it('reads the newsroom settings: admins to make at start, the session lifetime, the audit log retention', () => {
    withEnv({ NEWSROOM_ADMINS: ' Chief@NewStatesman.co.uk ,deputy@newstatesman.co.uk' });
    expect(editorialConfig()).toMatchObject({ admins: ['chief@newstatesman.co.uk', 'deputy@newstatesman.co.uk'], sessionMaxHours: 168, auditRetentionDays: 730 });
  });

  it.each([
    [mailConfig, { SMTP_URL: 'http://mail.example' }, 'SMTP_URL must be an smtp:// or smtps:// URL'],
    [mailConfig, { MAIL_FROM: 'News <a@b.c>\r\nBcc: x@y.z' }, 'MAIL_FROM must be an address'],
    [signupConfig, { SIGNUP_RATE_LIMIT: '0' }, 'SIGNUP_RATE_LIMIT must be at least 1'],
    [editorialConfig, { FEED_POLL_CRON: 'every ten minutes' }, 'FEED_POLL_CRON must be a cron pattern'],
    [editorialConfig, { NEWSROOM_ADMINS: 'chief@newstatesman.co.uk, not an address' }, 'NEWSROOM_ADMINS must be email addresses'],
    [editorialConfig, { NEWSROOM_SESSION_MAX_HOURS: '0' }, 'NEWSROOM_SESSION_MAX_HOURS must be between 1 and 8760'],
    [editorialConfig, { AUDIT_RETENTION_DAYS: '7' }, 'AUDIT_RETENTION_DAYS must be between 30 and 3650'],
    [deliveryConfig, { DELIVERY_BATCH_SIZE: '5' }, 'DELIVERY_BATCH_SIZE must be between 10 and 5000'],
    [deliveryConfig, { EMAILS_PER_SECOND: '-1' }, 'EMAILS_PER_SECOND must be 0 (no limit) or more'],
    [deliveryConfig, { DELIVERY_RETENTION_DAYS: '30' }, 'DELIVERY_RETENTION_DAYS must be between 90 and 3650'],
  ])('validates the other sections too (%#)', (section, env, message) => {
    withEnv(env);
    expect(() => section()).toThrow(message);
  });

  it('reads EMBED_ORIGINS as origins only, off when empty, and matches the documented wildcard form', () => {
    withEnv({ EMBED_ORIGINS: '' });
    expect(embedConfig()).toEqual({ origins: [], ownPageChallenge: false });
    withEnv({ EMBED_ORIGINS: ' https://www.NewStatesman.com , https://*.example.com, http://127.0.0.2:8080', SIGNUP_CHALLENGE: 'on' });
    const { origins, ownPageChallenge } = embedConfig();
    expect(origins).toEqual(['https://www.newstatesman.com', 'https://*.example.com', 'http://127.0.0.2:8080']);
    expect(ownPageChallenge).toBe(true);
    expect(allowedOrigin('https://www.newstatesman.com', origins)).toBe(true);
    expect(allowedOrigin('https://shop.example.com', origins)).toBe(true);
    expect(allowedOrigin('https://a.b.example.com', origins)).toBe(true);
    for (const other of ['https://example.com', 'http://shop.example.com', 'https://evilexample.com', 'https://www.newstatesman.com.evil.org', 'http://127.0.0.2:8081', 'null', '']) {
      expect(allowedOrigin(other, origins)).toBe(false);
    }
  });

  it.each(['https://www.newstatesman.com/politics', 'https://www.newstatesman.com/', 'https://*', 'https://*.com', '*', 'https://www.*.com', 'ftp://files.example.com', 'www.newstatesman.com', 'https://a.example.com?x=1'])(
    'stops at start on EMBED_ORIGINS=%s',
    (value) => {
      withEnv({ EMBED_ORIGINS: value });
      expect(() => embedConfig()).toThrow('EMBED_ORIGINS must be a comma-separated list of origins');
    },
  );

  it('takes SIGNUP_CHALLENGE as on or off only', () => {
    withEnv({ SIGNUP_CHALLENGE: 'yes' });
    expect(() => embedConfig()).toThrow('SIGNUP_CHALLENGE must be on or off');
  });
});
