import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { mailConfig } from '../config/config';
import { ConfigError } from '../config/validate-env';
import { DKIM_SIGNED_HEADERS, dkimOptions } from './dkim';

describe('DKIM and EHLO settings', () => {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'nl-dkim-spec-'));
  const pem = (name: string, key: { export(options: { type: 'pkcs8'; format: 'pem' }): string | Buffer }) => {
    const path = join(dir, name);
    writeFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }));
    return path;
  };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaFile = pem('rsa.pem', rsa.privateKey);

  afterEach(() => {
    process.env = { ...saved };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function withEnv(env: Record<string, string>): void {
    process.env = { ...saved, VAR_DIR: dir };
    for (const key of ['MAIL_FROM', 'SMTP_EHLO_NAME', 'DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY_FILE']) delete process.env[key];
    Object.assign(process.env, env);
  }

  function problem(env: Record<string, string>): string {
    withEnv(env);
    try {
      mailConfig();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    return '(no error)';
  }

  it('signs nothing, and greets with the MAIL_FROM domain, when nothing is set', () => {
    withEnv({ MAIL_FROM: 'New Statesman <newsletters@newstatesman.com>' });
    expect(mailConfig()).toMatchObject({ dkim: null, ehloName: 'newstatesman.com' });
    withEnv({ SMTP_EHLO_NAME: 'mta1.newstatesman.com' });
    expect(mailConfig().ehloName).toBe('mta1.newstatesman.com');
  });

  it('reads the key once, at start, when all three settings are given', () => {
    withEnv({ DKIM_DOMAIN: 'NewStatesman.com', DKIM_SELECTOR: 'nl2026', DKIM_PRIVATE_KEY_FILE: rsaFile });
    const { dkim } = mailConfig();
    expect(dkim).toMatchObject({ domain: 'newstatesman.com', selector: 'nl2026' });
    expect(dkim!.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(dkimOptions(dkim!).headerFieldNames).toBe(DKIM_SIGNED_HEADERS.join(':'));
  });

  it.each([
    [{ DKIM_DOMAIN: 'newstatesman.com' }, 'DKIM_DOMAIN is set but DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE are not'],
    [{ DKIM_SELECTOR: 'nl2026', DKIM_PRIVATE_KEY_FILE: '/etc/dkim.pem' }, 'DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE are set but DKIM_DOMAIN is not'],
  ])('names the missing DKIM settings when only some are set (%j)', (env, message) => {
    expect(problem(env)).toContain(`Invalid configuration: DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together: ${message}`);
  });

  it('refuses a key file it cannot use, saying why', () => {
    const all = { DKIM_DOMAIN: 'newstatesman.com', DKIM_SELECTOR: 'nl2026' };
    expect(problem({ ...all, DKIM_PRIVATE_KEY_FILE: join(dir, 'missing.pem') })).toContain('DKIM_PRIVATE_KEY_FILE cannot be read (ENOENT)');
    writeFileSync(join(dir, 'public.pem'), rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    expect(problem({ ...all, DKIM_PRIVATE_KEY_FILE: join(dir, 'public.pem') })).toContain('DKIM_PRIVATE_KEY_FILE is not an unencrypted PEM private key');
    const ed25519 = pem('ed25519.pem', generateKeyPairSync('ed25519').privateKey);
    expect(problem({ ...all, DKIM_PRIVATE_KEY_FILE: ed25519 })).toContain('DKIM_PRIVATE_KEY_FILE holds a ed25519 key; DKIM signing here needs RSA');
    const short = pem('short.pem', generateKeyPairSync('rsa', { modulusLength: 768 }).privateKey);
    expect(problem({ ...all, DKIM_PRIVATE_KEY_FILE: short })).toContain('DKIM_PRIVATE_KEY_FILE holds a 768-bit RSA key; receivers need at least 1024');
  });

  it.each([
    [{ DKIM_DOMAIN: 'not a domain', DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY_FILE: rsaFile }, 'DKIM_DOMAIN must be a domain name'],
    [{ DKIM_DOMAIN: 'newstatesman.com', DKIM_SELECTOR: 'nl;x=1', DKIM_PRIVATE_KEY_FILE: rsaFile }, 'DKIM_SELECTOR must be a DNS label'],
    [{ SMTP_EHLO_NAME: 'mail newstatesman' }, 'SMTP_EHLO_NAME must be a host name'],
  ])('validates the names (%#)', (env, message) => {
    expect(problem(env)).toContain(message);
  });

  it('accepts an address literal as the EHLO name', () => {
    withEnv({ SMTP_EHLO_NAME: '[192.0.2.1]' });
    expect(mailConfig().ehloName).toBe('[192.0.2.1]');
  });

  it('signs exactly the listed headers that the message has, one-click unsubscribe included', async () => {
    const key = { domain: 'newstatesman.com', selector: 'nl2026', privateKey: rsa.privateKey };
    const transport = createTransport({ streamTransport: true, buffer: true, dkim: dkimOptions(key) });
    const info = await transport.sendMail({
      from: 'New Statesman <newsletters@newstatesman.com>',
      to: 'reader@example.com',
      subject: 'Morning Call',
      text: 'Hello',
      headers: { 'List-Unsubscribe': '<https://n.example/u?token=x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Other': 'not signed' },
    });
    const message = (info.message as Buffer).toString();
    const h = /\bh=([^;]+);/.exec(message.replace(/\r\n[ \t]+/g, ' '))![1].replace(/\s+/g, '');
    expect(h.split(':')).toEqual(['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'list-unsubscribe', 'list-unsubscribe-post']);
  });
});
