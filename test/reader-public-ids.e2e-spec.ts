import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { fromBase32 } from '../src/tokens/base32';
import { BounceTokens } from '../src/tokens/bounce-tokens';
import { LinkTokens } from '../src/tokens/link-tokens';
import { startApp, TestApp } from './support/app';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { format1Tokens } from './support/format-1-tokens';
import { linkIn } from './support/reader';
import { freePort } from './support/services';
import { ReceivedMail } from './support/smtp';

const DOMAIN = 'newstatesman.test';
/** The secret before a rotation: mail signed with it keeps working while it is listed in APP_PREVIOUS_SECRETS. */
const OLD_SECRET = 'the-secret-before-the-rotation-0123456789';

/** A bounce as a relay's MTA writes it (RFC 3464), for the copy `mail`. */
function hardBounce(mail: ReceivedMail, reportId: string): string {
  const boundary = `dsn_${reportId}`;
  return [
    'From: MAILER-DAEMON@mx.relay.test',
    `To: ${mail.from}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-Id: <${reportId}@mx.relay.test>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.relay.test',
    '',
    `Final-Recipient: rfc822; ${mail.to[0]}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    mail.raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0],
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe('links and addresses in mail name a reader by a random public id, not by their sign-up rank', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let inbound: ReturnType<typeof createTransport<SMTPTransport.SentMessageInfo>>;
  let morningCall: number;
  const links = new LinkTokens(process.env.APP_SECRET!);
  const bounces = new BounceTokens(process.env.APP_SECRET!);

  beforeAll(async () => {
    const port = await freePort();
    t = await startApp({ env: { EDITOR_TOKEN, INBOUND_SMTP_PORT: String(port), APP_PREVIOUS_SECRETS: OLD_SECRET } });
    api = editorApi(t);
    inbound = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
    [{ id: morningCall }] = await t.rows<{ id: number }>(`SELECT id FROM newsletters WHERE slug = 'morning-call'`);
    morningCall = Number(morningCall);
  });

  afterAll(async () => {
    inbound?.close();
    await t?.close();
  });

  const readerRow = async (email: string) => {
    const [row] = await t.rows<{ id: number; public_id: string; suppressed_at: Date | null }>(
      `SELECT id, public_id, suppressed_at FROM subscribers WHERE email = $1`,
      [email],
    );
    return { id: Number(row.id), publicId: row.public_id, suppressed: row.suppressed_at !== null };
  };
  const statusOf = async (email: string) =>
    (
      await t.rows<{ status: string }>(
        `SELECT s.status FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id WHERE r.email = $1 AND s.newsletter_id = $2`,
        [email, morningCall],
      )
    )[0]?.status;
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  const mailtoTokenOf = (mail: ReceivedMail) =>
    new RegExp(`<mailto:unsubscribe\\+([a-z2-7]+)@${DOMAIN.replace('.', '\\.')}\\?subject=unsubscribe>`).exec(mail.header('list-unsubscribe')!)![1];
  const verpTokenOf = (mail: ReceivedMail) => new RegExp(`^bounces\\+([a-z2-7]+)@${DOMAIN.replace('.', '\\.')}$`).exec(mail.from)![1];

  /** Every token the copy carries names this reader's public id, and no byte string of them is the reader's sequential id. */
  function expectNamedByPublicIdOnly(mail: ReceivedMail, reader: { id: number; publicId: string }, newsletterId: number | null, editionId: number | null) {
    const html = String(mail.parsed.html);
    const preferences = tokenOf(linkIn(html, /Manage your (newsletters|preferences)/));
    const unsubscribe = tokenOf(/<(http[^>]+)>/.exec(mail.header('list-unsubscribe')!)![1]);
    expect(tokenOf(linkIn(html, /unsubscribe/i))).toBe(unsubscribe);
    const mailto = mailtoTokenOf(mail);
    const verp = verpTokenOf(mail);
    const named = { publicId: reader.publicId };
    expect(links.verify(preferences, 'preferences')?.reader).toEqual(named);
    expect(links.verify(unsubscribe, 'unsubscribe')).toEqual({ purpose: 'unsubscribe', reader: named, newsletterId });
    expect(links.verifyAddressToken(mailto)).toEqual({ purpose: 'unsubscribe', reader: named, newsletterId });
    expect(bounces.verify(verp)).toEqual({ editionId, reader: named });
    expect(`unsubscribe+${mailto}`.length).toBeLessThanOrEqual(64);
    expect(`bounces+${verp}`.length).toBeLessThanOrEqual(64);

    // Every byte a reader can read is accounted for: the format, the public id, the newsletter and
    // (VERP) the edition, then the MAC. No field is left for the sequential id.
    const publicIdHex = reader.publicId.replace(/-/g, '');
    const newsletterHex = (newsletterId ?? 0).toString(16).padStart(4, '0');
    // A digest's two links share one payload; an account email's preferences link names every newsletter.
    const preferencesNewsletterHex = editionId === null ? '0000' : newsletterHex;
    expect(Buffer.from(preferences.split('.')[0], 'base64url').toString('hex')).toBe(`02${publicIdHex}${preferencesNewsletterHex}`);
    expect(Buffer.from(unsubscribe.split('.')[0], 'base64url').toString('hex')).toBe(`02${publicIdHex}${newsletterHex}`);
    expect(fromBase32(mailto)!.toString('hex')).toMatch(new RegExp(`^${publicIdHex}${newsletterHex}[0-9a-f]{20}$`));
    expect(fromBase32(verp)!.toString('hex')).toMatch(new RegExp(`^${(editionId ?? 0).toString(16).padStart(8, '0')}${publicIdHex}[0-9a-f]{20}$`));
    // The bytes the old format carried for this reader are in none of them (outside the MAC).
    const id = Buffer.alloc(4);
    id.writeUInt32BE(reader.id);
    expect(Buffer.from(unsubscribe.split('.')[0], 'base64url').includes(id)).toBe(false);
    expect(fromBase32(mailto)!.subarray(0, 18).includes(id)).toBe(false);
  }

  async function signUpAndConfirm(email: string) {
    expect((await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] })).status).toBe(202);
    const [confirmation] = await t.smtp.waitFor(email);
    const reader = t.reader();
    expect((await reader.submit(await reader.get(linkIn(String(confirmation.parsed.html), /Confirm my subscription/)))).status).toBe(200);
    expect(await statusOf(email)).toBe('active');
    return confirmation;
  }

  it('names a reader in the confirmation and in a digest by their public id, and each link, mailto and VERP address acts on that reader alone', async () => {
    const emails = ['first.reader@example.com', 'second.reader@example.com', 'third.reader@example.com'];
    for (const email of emails) {
      const confirmation = await signUpAndConfirm(email);
      expectNamedByPublicIdOnly(confirmation, await readerRow(email), null, null);
    }
    const ids = await Promise.all(emails.map(readerRow));
    // Sequential ids, each reader's own public id.
    expect(ids[1].id).toBe(ids[0].id + 1);
    expect(new Set(ids.map((r) => r.publicId)).size).toBe(3);

    const [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2026/12/public-ids', title: 'Who counts the readers?' }]);
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId] });
    expect(composed.status).toBe(201);
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
    await api.waitForEdition(composed.json.id, ['sent']);
    const digestOf = (email: string) => t.smtp.to(email).find((mail) => mail.parsed.subject?.includes('Who counts the readers?'))!;
    for (const [i, email] of emails.entries()) expectNamedByPublicIdOnly(digestOf(email), ids[i], morningCall, composed.json.id);

    // The first reader leaves by the digest's one-click link.
    const oneClick = /<(http[^>]+)>/.exec(digestOf(emails[0]).header('list-unsubscribe')!)![1];
    const left = await fetch(oneClick, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(left.status).toBe(200);
    expect(await Promise.all(emails.map(statusOf))).toEqual(['unsubscribed', 'active', 'active']);

    // The second by mail to the List-Unsubscribe mailto (an MTA on the way upper-cased it).
    const mailto = /<mailto:([^?>]+)\?subject=unsubscribe>/.exec(digestOf(emails[1]).header('list-unsubscribe')!)![1];
    await inbound.sendMail({ from: emails[1], to: mailto.toUpperCase(), subject: 'unsubscribe', text: '' });
    expect(await Promise.all(emails.map(statusOf))).toEqual(['unsubscribed', 'unsubscribed', 'active']);

    // The third reader's address bounces: the report to the copy's VERP address suppresses that reader only.
    const third = digestOf(emails[2]);
    await inbound.sendMail({ envelope: { from: '', to: [third.from] }, raw: hardBounce(third, 'pub1') });
    expect((await Promise.all(emails.map(readerRow))).map((r) => r.suppressed)).toEqual([false, false, true]);
    const events = await t.rows<{ subscriber_id: number; type: string; edition_id: number }>(
      `SELECT subscriber_id, type, edition_id FROM deliverability_events`,
    );
    expect(events.map((e) => [Number(e.subscriber_id), e.type, Number(e.edition_id)])).toEqual([[ids[2].id, 'hard-bounce', composed.json.id]]);
  });

  describe('mail sent before public ids (format 1: the sequential id)', () => {
    it('still unsubscribes its reader from a link signed with a listed previous secret, and not with a secret never listed', async () => {
      const email = 'old.mail.reader@example.com';
      await signUpAndConfirm(email);
      const { id } = await readerRow(email);
      const before = await t.rows(`SELECT id FROM consent_events ORDER BY id`);

      // Made with a secret never listed: refused, nothing changes.
      const unknown = format1Tokens('a-secret-this-service-never-had-0123456789', id, morningCall);
      const refused = await fetch(`${t.url}/unsubscribe?token=${unknown.unsubscribe}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(refused.status).toBe(400);
      expect(await statusOf(email)).toBe('active');
      expect(await t.rows(`SELECT id FROM consent_events ORDER BY id`)).toEqual(before);

      // Made as the old code made it, with the secret before the rotation: the page names the reader, the one-click leaves.
      const old = format1Tokens(OLD_SECRET, id, morningCall);
      const page = await t.reader().get(`${t.url}/unsubscribe?token=${old.unsubscribe}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(email);
      const preferences = await t.reader().get(`${t.url}/preferences?token=${format1Tokens(OLD_SECRET, id, null).preferences}`);
      expect(preferences.status).toBe(200);
      expect(preferences.text).toContain(email);
      const left = await fetch(`${t.url}/unsubscribe?token=${old.unsubscribe}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(left.status).toBe(200);
      expect(await statusOf(email)).toBe('unsubscribed');
      const ledger = await t.rows<{ subscriber_id: number; source: string; event: string }>(
        `SELECT subscriber_id, source, event FROM consent_events WHERE event = 'unsubscribed' AND subscriber_id = $1`,
        [id],
      );
      expect(ledger.map((e) => [Number(e.subscriber_id), e.source, e.event])).toEqual([[id, 'one-click', 'unsubscribed']]);
    });

    it('still unsubscribes by its mailto, and refuses one signed with a secret never listed', async () => {
      const email = 'old.mailto.reader@example.com';
      await signUpAndConfirm(email);
      const { id } = await readerRow(email);
      const unknown = format1Tokens('a-secret-this-service-never-had-0123456789', id, morningCall).unsubscribeAddress;
      await expect(inbound.sendMail({ from: email, to: `unsubscribe+${unknown}@${DOMAIN}`, subject: 'unsubscribe', text: '' })).rejects.toThrow(/550/);
      expect(await statusOf(email)).toBe('active');
      const old = format1Tokens(OLD_SECRET, id, morningCall).unsubscribeAddress;
      await inbound.sendMail({ from: email, to: `unsubscribe+${old}@${DOMAIN}`, subject: 'unsubscribe', text: '' });
      expect(await statusOf(email)).toBe('unsubscribed');
    });
  });
});
