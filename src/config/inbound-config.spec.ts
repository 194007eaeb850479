import { inboundConfig, mailConfig } from './config';

describe('inbound mail and VERP settings', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  function withEnv(env: Record<string, string>): void {
    process.env = { ...saved };
    for (const key of ['INBOUND_SMTP_PORT', 'INBOUND_SMTP_HOST', 'INBOUND_SMTP_MAX_BYTES', 'BOUNCE_DOMAIN', 'UNSUBSCRIBE_MAILTO', 'MAIL_FROM'])
      delete process.env[key];
    Object.assign(process.env, env);
  }

  it('is off by default, on loopback, with a 1 MiB limit, and bounces go to the MAIL_FROM domain', () => {
    withEnv({ MAIL_FROM: 'New Statesman <newsletters@NewStatesman.com>' });
    expect(inboundConfig()).toEqual({ port: null, host: '127.0.0.1', maxBytes: 1_048_576 });
    expect(mailConfig()).toMatchObject({ bounceDomain: 'newstatesman.com', unsubscribeMailto: 'unsubscribe@NewStatesman.com' });
    withEnv({ INBOUND_SMTP_PORT: '2526', INBOUND_SMTP_HOST: '0.0.0.0', BOUNCE_DOMAIN: 'bounces.newstatesman.com' });
    expect(inboundConfig()).toMatchObject({ port: 2526, host: '0.0.0.0' });
    expect(mailConfig().bounceDomain).toBe('bounces.newstatesman.com');
  });

  it('stops at a bad value with the setting named', () => {
    withEnv({ INBOUND_SMTP_PORT: '70000' });
    expect(() => inboundConfig()).toThrow(/INBOUND_SMTP_PORT must be a port number/);
    withEnv({ INBOUND_SMTP_MAX_BYTES: '100' });
    expect(() => inboundConfig()).toThrow(/INBOUND_SMTP_MAX_BYTES must be between/);
    withEnv({ BOUNCE_DOMAIN: 'not a domain' });
    expect(() => mailConfig()).toThrow(/BOUNCE_DOMAIN must be a domain name/);
  });

  it('refuses an UNSUBSCRIBE_MAILTO whose readers\u2019 addresses would not fit 64 characters, or that holds the "+" delimiter', () => {
    withEnv({ UNSUBSCRIBE_MAILTO: `${'u'.repeat(19)}@newstatesman.com` });
    expect(() => mailConfig()).toThrow(/UNSUBSCRIBE_MAILTO's local part must be at most 18 characters/);
    withEnv({ UNSUBSCRIBE_MAILTO: 'leave+me@newstatesman.com' });
    expect(() => mailConfig()).toThrow(/no "\+"/);
    withEnv({ UNSUBSCRIBE_MAILTO: `${'u'.repeat(18)}@newstatesman.com` });
    expect(mailConfig().unsubscribeMailto).toBe(`${'u'.repeat(18)}@newstatesman.com`);
  });
});
