import { generateKeyPairSync } from 'node:crypto';
import { deliverabilityConfig } from './config';
import { ConfigError } from './validate-env';

describe('the bounce and complaint settings', () => {
  const saved = { ...process.env };
  const NAMES = ['NODE_ENV', 'SOFT_BOUNCE_LIMIT', 'WEBHOOK_MAX_AGE_SECONDS', 'SES_TOPIC_ARNS', 'SNS_TEST_CERT_ORIGIN', 'POSTMARK_WEBHOOK_USER', 'POSTMARK_WEBHOOK_PASSWORD', 'MAILGUN_SIGNING_KEY', 'SENDGRID_WEBHOOK_PUBLIC_KEY', 'BOUNCE_WEBHOOK_SECRET'];
  afterEach(() => {
    process.env = { ...saved };
  });

  function withEnv(env: Record<string, string>): void {
    process.env = { ...saved };
    for (const name of NAMES) delete process.env[name];
    Object.assign(process.env, env);
  }

  const problem = (env: Record<string, string>): string => {
    withEnv(env);
    try {
      deliverabilityConfig();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('keeps every receiver off and the soft-bounce limit at 3 by default', () => {
    withEnv({});
    expect(deliverabilityConfig()).toEqual({
      softBounceLimit: 3,
      webhookMaxAgeSeconds: 300,
      sesTopicArns: [],
      snsTestCertOrigin: null,
      postmark: null,
      mailgunSigningKey: null,
      sendgridPublicKey: null,
      bounceWebhookSecret: null,
    });
  });

  it('reads each receiver’s secret, and SendGrid’s key as SendGrid shows it', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    withEnv({
      SOFT_BOUNCE_LIMIT: '5',
      SES_TOPIC_ARNS: 'arn:aws:sns:eu-west-1:123456789012:ses-bounces, arn:aws:sns:eu-west-1:123456789012:ses-complaints',
      POSTMARK_WEBHOOK_USER: 'postmark',
      POSTMARK_WEBHOOK_PASSWORD: 'a-password-of-16-plus',
      MAILGUN_SIGNING_KEY: 'key-0123456789abcdef',
      SENDGRID_WEBHOOK_PUBLIC_KEY: key,
      BOUNCE_WEBHOOK_SECRET: 'a-secret-of-at-least-24-chars',
    });
    const config = deliverabilityConfig();
    expect(config).toMatchObject({
      softBounceLimit: 5,
      sesTopicArns: ['arn:aws:sns:eu-west-1:123456789012:ses-bounces', 'arn:aws:sns:eu-west-1:123456789012:ses-complaints'],
      postmark: { user: 'postmark', password: 'a-password-of-16-plus' },
    });
    expect(config.sendgridPublicKey?.asymmetricKeyType).toBe('ec');
  });

  it('stops the process with the setting’s name, never showing a secret', () => {
    expect(problem({ SOFT_BOUNCE_LIMIT: '0' })).toContain('SOFT_BOUNCE_LIMIT must be between 1 and 100');
    expect(problem({ SES_TOPIC_ARNS: 'ses-bounces' })).toContain('SES_TOPIC_ARNS must be a comma-separated list of SNS topic ARNs');
    expect(problem({ POSTMARK_WEBHOOK_USER: 'postmark' })).toContain('POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD go together');
    const short = problem({ MAILGUN_SIGNING_KEY: 'short-secret' });
    expect(short).toContain('MAILGUN_SIGNING_KEY must be at least 16 characters');
    expect(short).not.toContain('short-secret');
    expect(problem({ BOUNCE_WEBHOOK_SECRET: 'too-short' })).not.toContain('too-short');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(problem({ SENDGRID_WEBHOOK_PUBLIC_KEY: rsa })).toContain('SENDGRID_WEBHOOK_PUBLIC_KEY must be the base64 DER public key (ECDSA P-256)');
  });

  it('trusts a loopback certificate origin for SNS in the tests only', () => {
    withEnv({ NODE_ENV: 'test', SNS_TEST_CERT_ORIGIN: 'http://127.0.0.1:4567' });
    expect(deliverabilityConfig().snsTestCertOrigin).toBe('http://127.0.0.1:4567');
    expect(problem({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32), SNS_TEST_CERT_ORIGIN: 'http://127.0.0.1:4567' })).toContain('SNS_TEST_CERT_ORIGIN is for the tests only');
    expect(problem({ NODE_ENV: 'development', SNS_TEST_CERT_ORIGIN: 'http://127.0.0.1:4567' })).toContain('SNS_TEST_CERT_ORIGIN is for the tests only');
    expect(problem({ NODE_ENV: 'test', SNS_TEST_CERT_ORIGIN: 'https://evil.example' })).toContain('SNS_TEST_CERT_ORIGIN must be a loopback origin');
  });
});
