import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { exited, startWorker } from './support/processes';
import { ReceivedMail } from './support/smtp';

const DOMAIN = 'newstatesman.test';
const SELECTOR = 'nl2026';

/** A receiver's view of DNS: the one TXT record the test publishes, nothing else. */
function resolverFor(publicKeyDer: Buffer) {
  return async (name: string, type: string): Promise<string[][]> => {
    if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) {
      return [[`v=DKIM1; k=rsa; p=${publicKeyDer.toString('base64')}`]];
    }
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

/** The h= tag of the message's DKIM-Signature, lower-cased, in order. */
function signedHeaders(mail: ReceivedMail): string[] {
  const signature = mail.header('dkim-signature') ?? '';
  const tag = /(?:^|;)\s*h=([^;]+)/.exec(signature)?.[1] ?? '';
  return tag
    .replace(/\s+/g, '')
    .toLowerCase()
    .split(':')
    .filter(Boolean);
}

/** The headers a forger would add a second copy of: what a reader sees, what names the message, and RFC 8058's two. */
const OVERSIGNED = ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'];

/** How many times a header field occurs in the message's header block. */
function headerCount(raw: string, name: string): number {
  const head = raw.split(/\r?\n\r?\n/, 1)[0];
  return head.split(/\r?\n/).filter((line) => line.toLowerCase().startsWith(`${name}:`)).length;
}

describe('DKIM signing and the EHLO name', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let keyDir: string;
  let verify: (raw: Buffer | string) => Promise<{ result: string; domain: string; selector?: string; comment?: string }>;

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keyDir = mkdtempSync(join(tmpdir(), 'nl-dkim-'));
    const keyFile = join(keyDir, 'dkim.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const resolver = resolverFor(publicKey.export({ type: 'spki', format: 'der' }));
    verify = async (raw) => {
      const { results } = await dkimVerify(raw, { resolver, curTime: new Date() });
      expect(results).toHaveLength(1);
      const [result] = results;
      return { result: result.status.result, domain: result.signingDomain, selector: result.selector, comment: result.status.comment };
    };
    t = await startApp({ env: { EDITOR_TOKEN, DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_FILE: keyFile } });
    api = editorApi(t);
  });

  afterAll(async () => {
    await t?.close();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  it('signs every copy of an edition, covering the one-click unsubscribe headers, and greets with the MAIL_FROM domain', async () => {
    const audience = await seedAudience(t, 'morning-call', { active: 4 }, 'dkim');
    await insertArticles(t, [
      { url: 'https://www.newstatesman.com/politics/2026/12/signed', title: 'What a signature proves', section: 'Politics' },
      { url: 'https://www.newstatesman.com/culture/2026/12/sealed', title: 'Sealed with a key', section: 'Culture' },
    ]);
    const composed = await api.post('/api/newsletters/morning-call/editions', {});
    expect(composed.status).toBe(201);
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
    await api.waitForEdition(composed.json.id, ['sent']);

    for (const reader of audience.active) {
      const [mail] = await t.smtp.waitFor(reader);
      expect(await verify(mail.raw)).toMatchObject({ result: 'pass', domain: DOMAIN, selector: SELECTOR });
      expect(signedHeaders(mail)).toEqual(
        expect.arrayContaining(['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']),
      );
      // The one-click headers are there to be covered, and each of them once.
      expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.header('list-unsubscribe')).toMatch(/^<https?:\/\/[^>]+>, <mailto:[^>]+>$/);
      expect(mail.helo).toBe(DOMAIN);
    }
  });

  it('signs account emails too (a sign-up confirmation)', async () => {
    const email = 'dkim-signup@example.com';
    const response = await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read'] });
    expect(response.status).toBe(202);
    const [mail] = await t.smtp.waitFor(email);
    expect(mail.parsed.subject).toBe('Confirm your New Statesman newsletter subscription');
    expect(await verify(mail.raw)).toMatchObject({ result: 'pass', domain: DOMAIN, selector: SELECTOR });
    expect(signedHeaders(mail)).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']),
    );
    expect(mail.helo).toBe(DOMAIN);
  });

  it('fails verification once a signed header or the body is changed on the way', async () => {
    const [mail] = t.smtp.to('dkim-active-0@example.com');
    const raw = mail.raw.toString('latin1');
    expect(await verify(raw)).toMatchObject({ result: 'pass' });

    const subject = raw.replace(/^Subject: .*$/m, 'Subject: Your account is suspended, sign in here');
    expect(subject).not.toBe(raw);
    expect(await verify(subject)).toMatchObject({ result: 'fail', comment: 'bad signature' });

    const unsubscribe = raw.replace(/^List-Unsubscribe: <https?:\/\/[^/>]+/m, 'List-Unsubscribe: <https://attacker.example');
    expect(unsubscribe).not.toBe(raw);
    expect(await verify(unsubscribe)).toMatchObject({ result: 'fail', comment: 'bad signature' });

    // A changed body fails on its hash before the key is looked up (mailauth calls that "neutral").
    const body = raw.replace('What a signature proves', 'What a forgery proves');
    expect(body).not.toBe(raw);
    expect(await verify(body)).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });
  });

  it('oversigns what a reader sees and the one-click headers: an added Subject, List-Unsubscribe or From above the signed one fails', async () => {
    const digest = t.smtp.to('dkim-active-1@example.com')[0];
    const confirmation = (await t.smtp.waitFor('dkim-signup@example.com'))[0];
    // An editor's sign-in link has no list headers: adding one must fail too.
    await createEditor(t, 'dkim-editor@newstatesman.test');
    await signIn(t, 'dkim-editor@newstatesman.test');
    const signInMail = t.smtp.to('dkim-editor@newstatesman.test')[0];
    expect(signInMail.header('list-unsubscribe')).toBeUndefined();
    for (const mail of [digest, confirmation, signInMail]) {
      const raw = mail.raw.toString('latin1');
      expect(await verify(raw)).toMatchObject({ result: 'pass' });
      // h= names each of them once more than the message has it, so no copy can be added unseen.
      const h = signedHeaders(mail);
      for (const name of OVERSIGNED) expect([name, h.filter((n) => n === name).length]).toEqual([name, headerCount(raw, name) + 1]);
      expect(headerCount(raw, 'subject')).toBe(1);

      // Added above the signed one, where a mail client shows it, as a forger would.
      const added = (header: string) => raw.replace(/^(DKIM-Signature:.*\r\n(?:[ \t].*\r\n)*)/im, `$1${header}\r\n`);
      for (const header of [
        'Subject: Your account is suspended, sign in here',
        'List-Unsubscribe: <https://attacker.example/u>',
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
        'From: New Statesman <security@attacker.example>',
        'Message-ID: <forged@attacker.example>',
      ]) {
        const forged = added(header);
        expect(headerCount(forged, header.split(':')[0].toLowerCase())).toBe(headerCount(raw, header.split(':')[0].toLowerCase()) + 1);
        expect([header, await verify(forged)]).toEqual([header, expect.objectContaining({ result: 'fail', comment: 'bad signature' })]);
      }
    }
  });

  it('refuses to start with only some of the DKIM settings, naming the missing ones', async () => {
    const worker = startWorker({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: '', DKIM_PRIVATE_KEY_FILE: '' });
    const { code } = await exited(worker);
    expect(code).toBe(1);
    expect(worker.output().trim()).toBe(
      'Invalid configuration: DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together: DKIM_DOMAIN is set but DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE are not (set all three to sign mail, or none)',
    );
  });
});
