import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth';
import MailComposer from 'nodemailer/lib/mail-composer';
import { mailConfig } from '../config/config';
import { ConfigError } from '../config/validate-env';
import { DkimSigner, relaxedBodyHash } from './dkim';

// mailauth's own relaxed body canonicalization (a deep module of the pinned 4.13.3), as the reference.
const { dkimBody } = require('mailauth/lib/dkim/body') as { dkimBody: (c: string, a: string, l: false) => { update(b: Buffer): void; digest(e: 'base64'): string } };
const mailauthBodyHash = (body: Buffer) => {
  const hash = dkimBody('relaxed', 'sha256', false);
  hash.update(body);
  return hash.digest('base64');
};

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

  describe('the signer', () => {
    const key = { domain: 'newstatesman.com', selector: 'nl2026', privateKey: rsa.privateKey };
    const record = `v=DKIM1; k=rsa; p=${rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    const resolver = async (name: string) => (name === 'nl2026._domainkey.newstatesman.com' ? [[record]] : []);
    const verify = async (raw: string | Buffer) => (await dkimVerify(raw, { resolver })).results.map((r) => r.status.result);

    const message = () =>
      new MailComposer({
        from: 'New Statesman <newsletters@newstatesman.com>',
        to: 'reader@example.com',
        subject: 'Morning Call',
        text: 'Hello,\r\n\r\nthe day in politics.  \r\n\r\n\r\n',
        headers: { 'List-Unsubscribe': '<https://n.example/u?token=x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Other': 'not signed' },
      })
        .compile()
        .build();
    const signedHeaders = (raw: string) =>
      /\bh=([^;]+);/
        .exec(raw.replace(/\r\n[ \t]+/g, ' '))![1]
        .replace(/\s+/g, '')
        .toLowerCase()
        .split(':');

    it('signs the listed headers the message has, and names those a forger would add once more', async () => {
      const raw = new DkimSigner(key).sign(await message()).toString('latin1');
      expect(raw).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=newstatesman.com;/);
      // Bottom up, as a verifier takes them; then one more of each that a forger would add.
      expect(signedHeaders(raw)).toEqual([
        ...['content-type', 'mime-version', 'date', 'message-id', 'subject', 'to', 'from', 'list-unsubscribe-post', 'list-unsubscribe'],
        ...['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'],
      ]);
      expect(await verify(raw)).toEqual(['pass']);
    });

    it('fails once a second Subject or List-Unsubscribe is added, above or below the signed one', async () => {
      const raw = new DkimSigner(key).sign(await message()).toString('latin1');
      for (const added of ['Subject: Sign in to keep your account', 'List-Unsubscribe: <https://attacker.example/u>']) {
        expect(await verify(raw.replace('\r\nFrom: ', `\r\n${added}\r\nFrom: `))).toEqual(['fail']);
        expect(await verify(raw.replace('\r\n\r\n', `\r\n${added}\r\n\r\n`))).toEqual(['fail']);
      }
      // Fields not in the list may come and go (a relay adds Received).
      expect(await verify(raw.replace('\r\nFrom: ', '\r\nReceived: by mx.example.com\r\nFrom: '))).toEqual(['pass']);
    });

    it('hashes a body exactly as mailauth does under relaxed canonicalization', () => {
      const bodies = [
        '',
        '\r\n',
        'a',
        'a \r\n\r\n\r\n',
        ' a  b \t\r\nc\r\n \r\n',
        'x\r\n\r\ny  \r\n  \r\n\r\n',
        'bare\nline feeds\n\n',
        'a stray\rcarriage return\r\n',
        '<td style="padding:0">  \r\n      <a href="x">Headline</a>=\r\n  \t text\r\n',
        readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'postfix', 'failed.eml'), 'latin1'),
      ];
      for (const body of bodies) expect([body, relaxedBodyHash(Buffer.from(body, 'latin1'))]).toEqual([body, mailauthBodyHash(Buffer.from(body, 'latin1'))]);
      // A body bigger than the scratch buffer it starts with.
      const big = Buffer.from('Lorem ipsum  dolor\t sit amet \r\n'.repeat(10_000));
      expect(relaxedBodyHash(big)).toBe(mailauthBodyHash(big));
    });

    it('treats the body as relaxed canonicalization does: trailing spaces and empty lines do not count', async () => {
      const raw = new DkimSigner(key).sign(await message()).toString('latin1');
      expect(await verify(raw.replace('the day in politics.  ', 'the day in politics.'))).toEqual(['pass']);
      expect(await verify(raw.replace('the day in politics.', 'the day in sport.'))).toEqual(['neutral']);
    });
  });
});
