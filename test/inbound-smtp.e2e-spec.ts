import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { BounceTokens } from '../src/tokens/bounce-tokens';
import { LinkTokens } from '../src/tokens/link-tokens';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { freePort } from './support/services';
import { ReceivedMail } from './support/smtp';

const DOMAIN = 'newstatesman.test';
const MAX_BYTES = 200_000;

/** The header block of a message as it arrived: what a relay returns in text/rfc822-headers. */
const headerBlock = (mail: ReceivedMail) => mail.raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0];

/** A bounce as Postfix's bounce daemon writes it: multipart/report with the returned headers. */
function postfixDsn(digest: ReceivedMail, reportId: string, group: { action: string; status: string; diagnostic: string }): string {
  const boundary = `${reportId}.1701424805/mx.relay.test`;
  return [
    'Date: Fri,  1 Dec 2023 10:00:05 +0000 (UTC)',
    'From: MAILER-DAEMON@mx.relay.test (Mail Delivery System)',
    `Subject: ${group.action === 'delayed' ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender'}`,
    `To: ${digest.from}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    `\tboundary="${boundary}"`,
    'Content-Transfer-Encoding: 8bit',
    `Message-Id: <${reportId}@mx.relay.test>`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.relay.test.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients.',
    '',
    `--${boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.relay.test',
    `X-Postfix-Queue-ID: ${reportId}`,
    `X-Postfix-Sender: rfc822; ${digest.from}`,
    'Arrival-Date: Fri,  1 Dec 2023 10:00:00 +0000 (UTC)',
    '',
    `Final-Recipient: rfc822; ${digest.to[0]}`,
    `Original-Recipient: rfc822;${digest.to[0]}`,
    `Action: ${group.action}`,
    `Status: ${group.status}`,
    'Remote-MTA: dns; mx.example.com',
    `Diagnostic-Code: smtp; ${group.diagnostic}`,
    '',
    `--${boundary}`,
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    '',
    headerBlock(digest),
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/**
 * One of Postfix 3.7's own notices (test/fixtures/postfix/, made as its README says), about
 * `digest` instead of the copy it was made for: its VERP address, recipient and Message-ID
 * swapped in, and a report id of its own (each notice Postfix sends has one).
 */
function postfixNotice(name: 'delayed.eml' | 'failed.eml' | 'expired.eml', digest: ReceivedMail, reportId: string): string {
  const fixture = readFileSync(join(__dirname, 'fixtures', 'postfix', name), 'latin1');
  const copy =
    name === 'failed.eml' ? { to: 'unknown@example.com', id: 'failedcopyaaaaaaaaaaaaaaaa' } : { to: 'delayed@example.com', id: 'delayedcopyaaaaaaaaaaaaaaa' };
  return fixture
    .replaceAll(`bounces+${'a'.repeat(31)}@newstatesman.test`, digest.from)
    .replaceAll(`<${copy.id}@newstatesman.test>`, digest.parsed.messageId!)
    .replaceAll(copy.to, digest.to[0])
    .replace(/^Message-Id: <[^>]+>/m, `Message-Id: <${reportId}@mx.relay.test>`);
}

/** An abuse report (RFC 5965) with the reported message as the mailbox had it, Return-Path included. */
function arfReport(digest: ReceivedMail, reportId: string): string {
  const boundary = `arf_${reportId}`;
  return [
    'From: <staff@hotmail.com>',
    'Date: Fri, 1 Dec 2023 11:00:00 +0000',
    'Subject: complaint about message from 192.0.2.1',
    'To: <fbl@newstatesman.test>',
    `Message-ID: <${reportId}@fbl.example.com>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="US-ASCII"',
    'Content-Transfer-Encoding: 7bit',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.1.',
    '',
    `--${boundary}`,
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: Hotmail FBL',
    'Version: 1',
    `Original-Mail-From: <${digest.from}>`,
    'Original-Rcpt-To: <redacted@hotmail.com>',
    'Arrival-Date: Fri, 1 Dec 2023 10:00:00 +0000',
    'Reporting-MTA: dns; mx.fbl.example.com',
    'Source-IP: 192.0.2.1',
    '',
    `--${boundary}`,
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    `Return-Path: <${digest.from}>`,
    headerBlock(digest),
    '',
    'The digest, as the reader had it.',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe('inbound mail: the List-Unsubscribe mailto, VERP bounces and complaints', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let inbound: ReturnType<typeof createTransport<SMTPTransport.SentMessageInfo>>;
  let articleId: number;
  let firstEdition: number;
  let readers: string[];
  const ids = new Map<string, number>();
  const publicIds = new Map<string, string>();
  const newsletters: Record<string, number> = {};
  const links = new LinkTokens(process.env.APP_SECRET!);
  const bounces = new BounceTokens(process.env.APP_SECRET!);

  const digestOf = (email: string, editionId = firstEdition) =>
    t.smtp.to(email).find((mail) => bounces.verify(/^bounces\+([^@]+)@/.exec(mail.from)?.[1])?.editionId === editionId)!;

  async function sendEdition(): Promise<number> {
    const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId] });
    expect(composed.status).toBe(201);
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
    await api.waitForEdition(composed.json.id, ['sent']);
    return composed.json.id;
  }

  /** Everything a message to the listener could change, to show that a refused one changed nothing. */
  const state = async () => ({
    subscriptions: await t.rows(`SELECT subscriber_id, newsletter_id, status FROM subscriptions ORDER BY subscriber_id, newsletter_id`),
    ledger: await t.rows(`SELECT count(*)::int AS n FROM consent_events`),
    suppressed: await t.rows(`SELECT id FROM subscribers WHERE suppressed_at IS NOT NULL ORDER BY id`),
    events: await t.rows(`SELECT count(*)::int AS n FROM deliverability_events`),
  });

  const deliverabilityEvents = (subscriberId: number) =>
    t.rows<{ provider: string; type: string; edition_id: number | null; message_id: string | null }>(
      `SELECT provider, type, edition_id, message_id FROM deliverability_events WHERE subscriber_id = $1 ORDER BY id`,
      [subscriberId],
    );

  beforeAll(async () => {
    const port = await freePort();
    t = await startApp({
      env: { EDITOR_TOKEN, INBOUND_SMTP_PORT: String(port), INBOUND_SMTP_MAX_BYTES: String(MAX_BYTES), DELIVERY_RETRY_DELAY_MS: '100' },
    });
    api = editorApi(t);
    inbound = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
    [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/world/2023/03/ammunition', title: 'Will Ukraine run out of ammunition?' }]);
    readers = (await seedAudience(t, 'the-saturday-read', { active: 8 }, 'in')).active;
    for (const row of await t.rows<{ id: number; email: string; public_id: string }>(`SELECT id, email, public_id FROM subscribers`)) {
      ids.set(row.email, Number(row.id));
      publicIds.set(row.email, row.public_id);
    }
    for (const row of await t.rows<{ id: number; slug: string }>(`SELECT id, slug FROM newsletters`)) newsletters[row.slug] = Number(row.id);
    // The first two readers also take Morning Call: leaving one newsletter by mail keeps the other.
    for (const email of readers.slice(0, 2)) {
      await t.db.query(`INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at) VALUES ($1, $2, 'active', now(), now())`, [
        ids.get(email),
        newsletters['morning-call'],
      ]);
    }
    firstEdition = await sendEdition();
  });

  afterAll(async () => {
    inbound?.close();
    await t?.close();
  });

  it('sends each copy from its own VERP address, with a Message-ID that names nobody', async () => {
    const froms = new Set<string>();
    for (const email of readers) {
      const [digest] = t.smtp.to(email);
      // The envelope sender (MAIL FROM, the Return-Path to be): bounces+<signed token>@domain.
      const [, token] = /^bounces\+([a-z2-7]{48})@newstatesman\.test$/.exec(digest.from)!;
      expect(`bounces+${token}`.length).toBeLessThanOrEqual(64);
      expect(bounces.verify(token)).toEqual({ editionId: firstEdition, reader: { publicId: publicIds.get(email) } });
      froms.add(digest.from);
      // The header From stays the newsletter's.
      expect(digest.header('from')).toBe('New Statesman <newsletters@newstatesman.test>');
      // 128 bits of a hash under the edition's secret salt: no `e<edition>.s<subscriber>` any more.
      expect(digest.parsed.messageId).toMatch(/^<[a-z2-7]{26}@newstatesman\.test>$/);
      const [{ message_id }] = await t.rows<{ message_id: string }>(`SELECT message_id FROM deliveries WHERE edition_id = $1 AND subscriber_id = $2`, [
        firstEdition,
        ids.get(email),
      ]);
      expect(message_id).toBe(digest.parsed.messageId);
    }
    expect(froms.size).toBe(readers.length);
  });

  it('keeps a copy’s Message-ID on a resend, and gives another edition ids with nothing in common', async () => {
    const retried = readers[7];
    let drops = 0;
    t.smtp.dropAfterData = (to) => to.includes(retried) && drops++ === 0;
    const second = await sendEdition();
    t.smtp.dropAfterData = () => false;

    // The first attempt arrived in full, and the server hung up before its 250: the resend is the same message.
    const [firstAttempt] = t.smtp.dropped.filter((mail) => mail.to.includes(retried));
    const resent = digestOf(retried, second);
    const firstId = /^Message-ID: (.+)$/im.exec(firstAttempt.raw.toString('latin1'))![1].trim();
    expect(resent.parsed.messageId).toBe(firstId);
    const [row] = await t.rows<{ attempts: number; message_id: string }>(
      `SELECT attempts, message_id FROM deliveries WHERE edition_id = $1 AND subscriber_id = $2`,
      [second, ids.get(retried)],
    );
    expect(row).toEqual({ attempts: 2, message_id: firstId });

    // The same readers in two editions: no shared prefix, nothing of either edition's id.
    const firstIds = readers.map((email) => digestOf(email).parsed.messageId!);
    const secondIds = readers.map((email) => digestOf(email, second).parsed.messageId!);
    expect(new Set([...firstIds, ...secondIds]).size).toBe(2 * readers.length);
    for (const [i, id] of secondIds.entries()) {
      expect(id).toMatch(/^<[a-z2-7]{26}@newstatesman\.test>$/);
      expect(id.slice(1, 5)).not.toBe(firstIds[i].slice(1, 5));
      expect(id).not.toContain(`${second}.`);
    }
  });

  it('unsubscribes exactly the reader and newsletter whose List-Unsubscribe mailto got mail', async () => {
    const [leaver, shouter] = readers;
    const mailtoOf = (email: string) => /<mailto:([^?>]+)\?subject=unsubscribe>/.exec(digestOf(email).header('list-unsubscribe')!)![1];
    const address = mailtoOf(leaver);
    expect(address).toMatch(/^unsubscribe\+[a-z2-7]{45}@newstatesman\.test$/);
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);

    // As a mail client sends it when the reader presses "unsubscribe".
    const sent = await inbound.sendMail({ from: leaver, to: address, subject: 'unsubscribe', text: 'This message was automatically generated by Gmail.' });
    expect(sent.accepted).toEqual([address]);
    // An MTA on the way may change the case of the local part: the token still reads.
    await inbound.sendMail({ from: shouter, to: mailtoOf(shouter).toUpperCase(), subject: 'unsubscribe', text: '' });

    const statuses = await t.rows<{ email: string; slug: string; status: string }>(
      `SELECT r.email, n.slug, s.status FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id JOIN newsletters n ON n.id = s.newsletter_id
       WHERE r.email = ANY($1) ORDER BY r.email, n.slug`,
      [readers],
    );
    expect(statuses.filter((s) => s.status !== 'active').map((s) => [s.email, s.slug, s.status])).toEqual([
      [leaver, 'the-saturday-read', 'unsubscribed'],
      [shouter, 'the-saturday-read', 'unsubscribed'],
    ]);
    expect(statuses.filter((s) => s.slug === 'morning-call').map((s) => s.status)).toEqual(['active', 'active']);
    const ledger = async () =>
      t.rows<{ subscriber_id: number; newsletter_id: number; event: string }>(
        `SELECT subscriber_id, newsletter_id, event FROM consent_events WHERE source = 'mailto' ORDER BY subscriber_id`,
      );
    expect((await ledger()).map((e) => [Number(e.subscriber_id), Number(e.newsletter_id), e.event])).toEqual([
      [ids.get(leaver), newsletters['the-saturday-read'], 'unsubscribed'],
      [ids.get(shouter), newsletters['the-saturday-read'], 'unsubscribed'],
    ]);

    // A second message to the same address (a client that retries) changes nothing and records nothing.
    await inbound.sendMail({ from: leaver, to: address, subject: 'unsubscribe', text: '' });
    expect(await ledger()).toHaveLength(2);
  });

  it('refuses any other address with 550, and changes nothing', async () => {
    const before = await state();
    const genuine = /<mailto:([^?>]+)\?/.exec(digestOf(readers[2]).header('list-unsubscribe')!)![1];
    const [local, domain] = genuine.split('@');
    // One character of the token changed: a guess at another reader's address.
    const forged = `${local.slice(0, -1)}${local.endsWith('a') ? 'b' : 'a'}@${domain}`;
    const bounceToken = /^bounces\+([^@]+)@/.exec(digestOf(readers[2]).from)![1];
    for (const to of [
      forged,
      `unsubscribe@${DOMAIN}`,
      `unsubscribe+${'a'.repeat(45)}@${DOMAIN}`,
      `${local}@elsewhere.example`,
      `bounces+${bounceToken.slice(0, -1)}${bounceToken.endsWith('a') ? 'b' : 'a'}@${DOMAIN}`,
      `newsletters@${DOMAIN}`,
      'postmaster@example.com',
    ]) {
      const refused = await inbound.sendMail({ from: 'someone@example.com', to, subject: 'unsubscribe', text: '' }).then(
        () => null,
        (error: { responseCode?: number; code?: string }) => error,
      );
      expect(refused).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });
    }
    expect(await state()).toEqual(before);
  });

  it('suppresses a reader whose digest bounced for good (a DSN to its VERP address), once however often it comes', async () => {
    const reader = readers[2];
    const digest = digestOf(reader);
    const dsn = postfixDsn(digest, '4Zx1C0', { action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <reader>: Recipient address rejected: User unknown' });
    // Bounces come with a null envelope sender.
    await inbound.sendMail({ envelope: { from: '', to: [digest.from] }, raw: dsn });

    const [suppressed] = await t.rows<{ suppressed_at: Date | null; suppression_reason: string }>(
      `SELECT suppressed_at, suppression_reason FROM subscribers WHERE id = $1`,
      [ids.get(reader)],
    );
    expect(suppressed.suppressed_at).not.toBeNull();
    expect(suppressed.suppression_reason).toContain('5.1.1');
    expect(await deliverabilityEvents(ids.get(reader)!)).toEqual([
      { provider: 'dsn', type: 'hard-bounce', edition_id: firstEdition, message_id: digest.parsed.messageId },
    ]);

    await inbound.sendMail({ envelope: { from: '', to: [digest.from] }, raw: dsn });
    expect(await deliverabilityEvents(ids.get(reader)!)).toHaveLength(1);
    // Nobody else was touched.
    expect(await t.rows(`SELECT id FROM subscribers WHERE suppressed_at IS NOT NULL`)).toEqual([{ id: ids.get(reader) }]);
  });

  it('records Postfix’s delay notices apart and never as bounces: three, for three editions, suppress nobody', async () => {
    const reader = readers[3];
    const sent = [firstEdition, await sendEdition(), await sendEdition()];
    for (const [i, editionId] of sent.entries()) {
      const digest = digestOf(reader, editionId);
      await inbound.sendMail({ envelope: { from: '', to: [digest.from] }, raw: postfixNotice('delayed.eml', digest, `20261207060831.D${i}`) });
    }
    expect(await deliverabilityEvents(ids.get(reader)!)).toEqual(
      sent.map((editionId) => ({ provider: 'dsn', type: 'delayed', edition_id: editionId, message_id: digestOf(reader, editionId).parsed.messageId })),
    );
    const [row] = await t.rows<{ suppressed_at: Date | null }>(`SELECT suppressed_at FROM subscribers WHERE id = $1`, [ids.get(reader)]);
    expect(row.suppressed_at).toBeNull();
    expect(await t.rows(`SELECT status FROM subscriptions WHERE subscriber_id = $1`, [ids.get(reader)])).toEqual([{ status: 'active' }]);

    // Shown apart from bounces: in the API's rates and on the edition's report.
    const { rates } = (await api.get(`/api/editions/${sent[2]}`)).json;
    expect(rates).toMatchObject({ bounced: 0, hardBounced: 0, softBounced: 0, delayed: 1, bounceRate: 0 });
    await createEditor(t, 'delays@newstatesman.test');
    const { editor } = await signIn(t, 'delays@newstatesman.test');
    const report = await editor.get(`/newsroom/editions/${sent[2]}/report`);
    expect(report.text).toContain('0 bounced afterwards (0 hard, 0 soft)');
    expect(report.text).toContain('1 delay notice (the receiving server was still retrying; not a bounce');
  });

  it('counts Postfix’s bounce after its queue lifetime ran out (failed, 4.x.x) as a soft bounce, and its 550 bounce as a hard one', async () => {
    const [giveUp, unknown] = [readers[6], readers[7]];
    await inbound.sendMail({ envelope: { from: '', to: [digestOf(giveUp).from] }, raw: postfixNotice('expired.eml', digestOf(giveUp), '20261207061140.E1') });
    await inbound.sendMail({ envelope: { from: '', to: [digestOf(unknown).from] }, raw: postfixNotice('failed.eml', digestOf(unknown), '20261207060733.F1') });
    expect(await deliverabilityEvents(ids.get(giveUp)!)).toEqual([
      { provider: 'dsn', type: 'soft-bounce', edition_id: firstEdition, message_id: digestOf(giveUp).parsed.messageId },
    ]);
    expect(await deliverabilityEvents(ids.get(unknown)!)).toEqual([
      { provider: 'dsn', type: 'hard-bounce', edition_id: firstEdition, message_id: digestOf(unknown).parsed.messageId },
    ]);
    const suppressed = await t.rows<{ id: number }>(`SELECT id FROM subscribers WHERE id = ANY($1) AND suppressed_at IS NOT NULL`, [
      [ids.get(giveUp), ids.get(unknown)],
    ]);
    expect(suppressed.map((r) => Number(r.id))).toEqual([ids.get(unknown)]);
  });

  it('takes an abuse report (ARF) as a complaint, at the VERP address or at the bare bounce mailbox', async () => {
    const [complainer, viaLoop] = [readers[4], readers[5]];
    await inbound.sendMail({ envelope: { from: '', to: [digestOf(complainer).from] }, raw: arfReport(digestOf(complainer), 'arf1') });
    // A feedback loop sends to one registered address; the reported message's Return-Path names the reader.
    await inbound.sendMail({ envelope: { from: '', to: [`bounces@${DOMAIN}`] }, raw: arfReport(digestOf(viaLoop), 'arf2') });

    for (const reader of [complainer, viaLoop]) {
      expect(await deliverabilityEvents(ids.get(reader)!)).toEqual([
        { provider: 'arf', type: 'complaint', edition_id: firstEdition, message_id: digestOf(reader).parsed.messageId },
      ]);
      const [row] = await t.rows<{ suppressed_at: Date | null }>(`SELECT suppressed_at FROM subscribers WHERE id = $1`, [ids.get(reader)]);
      expect(row.suppressed_at).not.toBeNull();
      const subscriptions = await t.rows<{ status: string }>(`SELECT status FROM subscriptions WHERE subscriber_id = $1`, [ids.get(reader)]);
      expect(subscriptions.map((s) => s.status)).toEqual(['unsubscribed']);
      const ledger = await t.rows<{ source: string; event: string }>(`SELECT source, event FROM consent_events WHERE subscriber_id = $1`, [ids.get(reader)]);
      expect(ledger).toEqual([{ source: 'complaint', event: 'unsubscribed' }]);
    }

    // A report at the bare mailbox that names no genuine VERP address is nobody's.
    const before = await state();
    const stranger = digestOf(readers[6]);
    const anonymous = arfReport({ ...stranger, from: `bounces+${'a'.repeat(48)}@${DOMAIN}` } as ReceivedMail, 'arf3');
    await inbound.sendMail({ envelope: { from: '', to: [`bounces@${DOMAIN}`] }, raw: anonymous });
    expect(await state()).toEqual(before);
  });

  it('gives account emails a VERP address of their own, so a bounced confirmation suppresses the address', async () => {
    const email = 'typo@example.com';
    expect((await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] })).status).toBe(202);
    const [confirmation] = await t.smtp.waitFor(email);
    const [{ id, public_id: publicId }] = await t.rows<{ id: number; public_id: string }>(`SELECT id, public_id FROM subscribers WHERE email = $1`, [email]);
    expect(bounces.verify(/^bounces\+([a-z2-7]{48})@newstatesman\.test$/.exec(confirmation.from)?.[1])).toEqual({ editionId: null, reader: { publicId } });
    // Its mailto leaves every newsletter, like its link.
    const mailto = /<mailto:unsubscribe\+([a-z2-7]{45})@newstatesman\.test\?subject=unsubscribe>/.exec(confirmation.header('list-unsubscribe')!)![1];
    expect(links.verifyAddressToken(mailto)).toEqual({ purpose: 'unsubscribe', reader: { publicId }, newsletterId: null });

    await inbound.sendMail({
      envelope: { from: '', to: [confirmation.from] },
      raw: postfixDsn(confirmation, '7Cf4F3', { action: 'failed', status: '5.1.2', diagnostic: '550 5.1.2 Host or domain name not found' }),
    });
    expect(await deliverabilityEvents(id)).toEqual([{ provider: 'dsn', type: 'hard-bounce', edition_id: null, message_id: confirmation.parsed.messageId }]);
    const [row] = await t.rows<{ suppressed_at: Date | null }>(`SELECT suppressed_at FROM subscribers WHERE id = $1`, [id]);
    expect(row.suppressed_at).not.toBeNull();
  });

  it('refuses a message over INBOUND_SMTP_MAX_BYTES with 552, changing nothing', async () => {
    const before = await state();
    const digest = digestOf(readers[6]);
    const huge = postfixDsn(digest, '6Hg3E2', { action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }).replace(
      'This is the mail system at host mx.relay.test.',
      `${'x'.repeat(76)}\r\n`.repeat(Math.ceil(MAX_BYTES / 78) + 10),
    );
    const refused = await inbound.sendMail({ envelope: { from: '', to: [digest.from] }, raw: huge }).then(
      () => null,
      (error: { responseCode?: number }) => error,
    );
    expect(refused).toMatchObject({ responseCode: 552 });
    expect(await state()).toEqual(before);
  });
});
