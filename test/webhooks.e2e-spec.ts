import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import {
  Answer,
  basicAuth,
  BOUNCE_SECRET,
  genericHeaders,
  MAILGUN_KEY,
  mailgunEvent,
  mailgunSigned,
  POSTMARK,
  postmarkRecord,
  postWebhook,
  SendgridKeys,
  sendgridEvent,
  sesNotification,
  SnsEndpoint,
  TOPIC,
} from './support/provider-webhooks';

const PROVIDERS = ['ses', 'postmark', 'mailgun', 'sendgrid', 'generic'] as const;
type Provider = (typeof PROVIDERS)[number];
type Kind = 'hard' | 'soft' | 'complaint';

const EDITOR = 'deliverability.desk@newstatesman.co.uk';
const WEBHOOK_SETTINGS = ['SES_TOPIC_ARNS', 'SNS_TEST_CERT_ORIGIN', 'POSTMARK_WEBHOOK_USER', 'POSTMARK_WEBHOOK_PASSWORD', 'MAILGUN_SIGNING_KEY', 'SENDGRID_WEBHOOK_PUBLIC_KEY', 'BOUNCE_WEBHOOK_SECRET'];

describe('bounce and complaint webhooks', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let sns: SnsEndpoint;
  const sendgrid = new SendgridKeys();
  let articleId: number;
  let editions = 0;
  let postmarkIds = 1_000_000;

  beforeAll(async () => {
    sns = await new SnsEndpoint().start();
    t = await startApp({
      env: {
        EDITOR_TOKEN,
        SES_TOPIC_ARNS: TOPIC,
        SNS_TEST_CERT_ORIGIN: sns.origin,
        POSTMARK_WEBHOOK_USER: POSTMARK.user,
        POSTMARK_WEBHOOK_PASSWORD: POSTMARK.password,
        MAILGUN_SIGNING_KEY: MAILGUN_KEY,
        SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKeyBase64,
        BOUNCE_WEBHOOK_SECRET: BOUNCE_SECRET,
      },
    });
    api = editorApi(t);
    [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2025/11/the-budget', title: 'What the Budget means for you' }]);
    await createEditor(t, EDITOR);
  });

  afterAll(async () => {
    await t?.close();
    await sns?.stop();
  });

  /** Sends an edition of The Saturday Read to every active reader, and waits until it is sent. */
  async function sendEdition(): Promise<{ id: number; subject: string }> {
    editions += 1;
    const subject = `The Saturday Read no. ${editions}`;
    const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId], subject });
    expect(composed.status).toBe(201);
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
    await api.waitForEdition(composed.json.id, ['sent']);
    return { id: composed.json.id, subject };
  }

  /** The Message-ID of the copy of this edition that reached the reader's mailbox, as the provider saw it. */
  function messageIdIn(email: string, subject: string): string {
    const mail = t.smtp.to(email).find((m) => m.parsed.subject === subject);
    expect(mail).toBeDefined();
    return mail!.header('message-id')!;
  }

  /** One provider telling us of one event, in its own format, signed as it signs. */
  async function report(provider: Provider, kind: Kind, email: string, messageId: string | null, id?: string): Promise<Answer> {
    switch (provider) {
      case 'ses': {
        const message = sns.message({ Message: sesNotification(kind === 'hard' ? 'Permanent' : kind === 'soft' ? 'Transient' : 'Complaint', email, messageId, id) });
        // SNS posts JSON as text/plain.
        return postWebhook(`${t.url}/webhooks/ses`, JSON.stringify(message), {}, 'text/plain; charset=UTF-8');
      }
      case 'postmark': {
        const record = postmarkRecord(kind === 'hard' ? 'HardBounce' : kind === 'soft' ? 'SoftBounce' : 'SpamComplaint', email, id ? Number(id) : (postmarkIds += 1));
        return postWebhook(`${t.url}/webhooks/postmark`, JSON.stringify(record), basicAuth(POSTMARK.user, POSTMARK.password));
      }
      case 'mailgun':
        return postWebhook(`${t.url}/webhooks/mailgun`, JSON.stringify(mailgunSigned(mailgunEvent(kind === 'hard' ? 'permanent' : kind === 'soft' ? 'temporary' : 'complained', email, messageId, id))));
      case 'sendgrid': {
        const body = JSON.stringify([sendgridEvent(kind === 'hard' ? 'bounce' : kind === 'soft' ? 'blocked' : 'spamreport', email, messageId, id)]);
        return postWebhook(`${t.url}/webhooks/sendgrid`, body, sendgrid.headers(body));
      }
      case 'generic': {
        const body = JSON.stringify({ id: id ?? randomUUID(), type: kind === 'hard' ? 'hard-bounce' : kind === 'soft' ? 'soft-bounce' : 'complaint', email, messageId, occurredAt: new Date().toISOString() });
        return postWebhook(`${t.url}/webhooks/bounce`, body, genericHeaders(body));
      }
    }
  }

  const reader = async (email: string) =>
    (await t.rows<{ id: number; suppressed_at: Date | null; suppression_reason: string | null }>(`SELECT id, suppressed_at, suppression_reason FROM subscribers WHERE email = $1`, [email]))[0];

  const eventsOf = (subscriberId: number) =>
    t.rows<{ provider: string; type: string; edition_id: number | null; message_id: string | null; linked_by: string }>(
      `SELECT provider, type, edition_id, message_id, detail->>'linkedBy' AS linked_by FROM deliverability_events WHERE subscriber_id = $1 ORDER BY id`,
      [subscriberId],
    );

  /** Everything a webhook could change, for "nothing changed". */
  const snapshot = async () =>
    (
      await t.rows(
        `SELECT (SELECT json_agg(d ORDER BY d.id) FROM deliverability_events d) AS events,
                (SELECT json_agg(json_build_array(id, suppressed_at, suppression_reason) ORDER BY id) FROM subscribers) AS subscribers,
                (SELECT json_agg(json_build_array(subscriber_id, newsletter_id, status) ORDER BY subscriber_id, newsletter_id) FROM subscriptions) AS subscriptions,
                (SELECT count(*) FROM consent_events) AS ledger,
                (SELECT json_agg(c) FROM complaint_rate_warnings c) AS warnings`,
      )
    )[0];

  it('suppresses an address after SOFT_BOUNCE_LIMIT (3) soft bounces of different messages, from every provider, not before', async () => {
    const readers = (await seedAudience(t, 'the-saturday-read', { active: PROVIDERS.length }, 'soft')).active;
    const sent: number[] = [];
    for (let round = 1; round <= 3; round += 1) {
      const edition = await sendEdition();
      sent.push(edition.id);
      for (const [index, provider] of PROVIDERS.entries()) {
        const answer = await report(provider, 'soft', readers[index], messageIdIn(readers[index], edition.subject));
        expect({ provider, ...answer }).toEqual({ provider, status: 200, json: { received: 1, recorded: 1 } });
      }
      if (round === 1) {
        // Mailgun reports each temporary failure of a copy while it retries: the same message counts once.
        expect(await report('mailgun', 'soft', readers[2], messageIdIn(readers[2], edition.subject))).toEqual({ status: 200, json: { received: 1, recorded: 1 } });
      }
      for (const email of readers) {
        const { suppressed_at, suppression_reason } = await reader(email);
        if (round < 3) expect({ email, suppressed_at }).toEqual({ email, suppressed_at: null });
        else expect({ email, suppression_reason }).toEqual({ email, suppression_reason: expect.stringMatching(/^3 soft bounces within 30 days \(the last reported by /) });
      }
    }
    for (const [index, provider] of PROVIDERS.entries()) {
      const events = await eventsOf((await reader(readers[index])).id);
      expect(events.filter((e) => e.type === 'soft-bounce').map((e) => [e.provider, e.edition_id])).toEqual(
        sent.flatMap((id, round) => (provider === 'mailgun' && round === 0 ? [[provider, id], [provider, id]] : [[provider, id]])),
      );
    }
  });

  it('suppresses a hard-bounced address at once, links the event to the delivery by its Message-ID, and the next edition skips the reader', async () => {
    const readers = (await seedAudience(t, 'the-saturday-read', { active: PROVIDERS.length + 1 }, 'hard')).active;
    const edition = await sendEdition();
    for (const [index, provider] of PROVIDERS.entries()) {
      const messageId = messageIdIn(readers[index], edition.subject);
      expect(await report(provider, 'hard', readers[index], messageId)).toEqual({ status: 200, json: { received: 1, recorded: 1 } });
      const { id, suppressed_at, suppression_reason } = await reader(readers[index]);
      expect(suppressed_at).not.toBeNull();
      expect(suppression_reason).toContain(`hard bounce reported by ${provider}`);
      // Postmark's events carry its own message id, not ours: they go to the last edition the reader was sent.
      expect(await eventsOf(id)).toEqual([
        {
          provider,
          type: 'hard-bounce',
          edition_id: edition.id,
          message_id: provider === 'postmark' ? null : messageId,
          linked_by: provider === 'postmark' ? 'last-edition' : 'message-id',
        },
      ]);
    }
    // The event rows hold no address, not even inside a diagnostic code that quoted it.
    const stored = await t.rows<{ row: string }>(`SELECT d::text AS row FROM deliverability_events d`);
    for (const email of readers) expect(stored.filter((r) => r.row.includes(email))).toEqual([]);

    const next = await sendEdition();
    const audience = await t.rows<{ email: string }>(`SELECT r.email FROM deliveries d JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1`, [next.id]);
    const kept = readers[PROVIDERS.length];
    expect(audience.map((r) => r.email)).toContain(kept);
    for (const email of readers.slice(0, PROVIDERS.length)) {
      expect(audience.map((r) => r.email)).not.toContain(email);
      expect(t.smtp.to(email).map((m) => m.parsed.subject)).toEqual([edition.subject]);
    }
    expect(t.smtp.to(kept).map((m) => m.parsed.subject)).toEqual([edition.subject, next.subject]);
  });

  it('unsubscribes a complaining reader from every newsletter (ledger source "complaint"), suppresses them, and warns once when complaints pass 0.1 %', async () => {
    const readers = (await seedAudience(t, 'the-saturday-read', { active: PROVIDERS.length }, 'complaint')).active;
    // They also read Morning Call (set-up data, as seedAudience writes it).
    await t.db.query(
      `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
       SELECT r.id, n.id, 'active', now(), now() FROM subscribers r, newsletters n WHERE r.email = ANY($1) AND n.slug = 'morning-call'`,
      [readers],
    );
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const edition = await sendEdition();
    for (const [index, provider] of PROVIDERS.entries()) {
      expect(await report(provider, 'complaint', readers[index], messageIdIn(readers[index], edition.subject))).toEqual({ status: 200, json: { received: 1, recorded: 1 } });
      const email = readers[index];
      const subscriptions = await t.rows<{ slug: string; status: string }>(
        `SELECT n.slug, s.status FROM subscriptions s JOIN newsletters n ON n.id = s.newsletter_id JOIN subscribers r ON r.id = s.subscriber_id WHERE r.email = $1 ORDER BY n.slug`,
        [email],
      );
      expect(subscriptions).toEqual([
        { slug: 'morning-call', status: 'unsubscribed' },
        { slug: 'the-saturday-read', status: 'unsubscribed' },
      ]);
      const ledger = await t.rows<{ slug: string; source: string }>(
        `SELECT n.slug, c.source FROM consent_events c JOIN newsletters n ON n.id = c.newsletter_id JOIN subscribers r ON r.id = c.subscriber_id
         WHERE r.email = $1 AND c.event = 'unsubscribed' ORDER BY n.slug`,
        [email],
      );
      expect(ledger).toEqual([
        { slug: 'morning-call', source: 'complaint' },
        { slug: 'the-saturday-read', source: 'complaint' },
      ]);
      expect((await reader(email)).suppression_reason).toBe(`complaint reported by ${provider}`);
    }

    const view = (await api.get(`/api/editions/${edition.id}`)).json;
    expect(view.rates).toMatchObject({ sent: view.counts.sent, complained: PROVIDERS.length, complaintRateWarning: true });
    expect(view.rates.complaintRate).toBeCloseTo(PROVIDERS.length / view.counts.sent, 5);
    // Once per edition, however many complaints follow the first that crossed the line.
    const warnings = warn.mock.calls.filter(([message]) => typeof message === 'string' && message.includes('complaint rate'));
    warn.mockRestore();
    expect(warnings).toHaveLength(1);
    expect(warnings[0][0]).toContain(`Edition ${edition.id}`);
    expect(await t.rows(`SELECT edition_id FROM complaint_rate_warnings`)).toEqual([{ edition_id: edition.id }]);

    const { editor } = await signIn(t, EDITOR);
    const page = await editor.get(`/newsroom/editions/${edition.id}/report`);
    expect(page.dom.querySelector('[role=alert]')?.text).toContain('Complaint rate above 0.10 %');
    expect(page.text).toContain(`${PROVIDERS.length} of the ${view.counts.sent} readers sent this edition reported it as spam`);
  });

  it('shows bounce, complaint and unsubscribe rates in the API, on the edition’s report and on the dashboard', async () => {
    const readers = (await seedAudience(t, 'the-saturday-read', { active: 4 }, 'rates')).active;
    const edition = await sendEdition();
    // One reader leaves by the one-click button in their mail client; another hard-bounces.
    const mail = t.smtp.to(readers[0]).find((m) => m.parsed.subject === edition.subject)!;
    const [, oneClick] = /<(http[^>]+)>/.exec(mail.header('list-unsubscribe')!)!;
    expect((await fetch(oneClick, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    expect((await report('generic', 'hard', readers[1], messageIdIn(readers[1], edition.subject))).status).toBe(200);

    const view = (await api.get(`/api/editions/${edition.id}`)).json;
    const sent = view.counts.sent;
    expect(view.rates).toEqual({
      sent,
      bounced: 1,
      hardBounced: 1,
      softBounced: 0,
      delayed: 0,
      complained: 0,
      unsubscribed: 1,
      bounceRate: Math.round((1 / sent) * 1e6) / 1e6,
      complaintRate: 0,
      unsubscribeRate: Math.round((1 / sent) * 1e6) / 1e6,
      complaintRateWarning: false,
    });
    // A draft has none yet.
    const draft = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId] });
    expect((await api.get(`/api/editions/${draft.json.id}`)).json.rates).toBeNull();

    const { editor } = await signIn(t, EDITOR);
    const report_ = await editor.get(`/newsroom/editions/${edition.id}/report`);
    const figures = Object.fromEntries(report_.dom.querySelectorAll('dl.figures div').map((d) => [d.querySelector('dt')!.text, d.querySelector('dd')!.text]));
    const pct = (n: number) => `${((n / sent) * 100).toFixed(2)} %`;
    expect(figures).toMatchObject({ 'Bounce rate': pct(1), 'Complaint rate': '0.00 %', 'Unsubscribe rate': pct(1) });
    expect(report_.dom.querySelector('[role=alert]')).toBeNull();

    const dashboard = await editor.get('/newsroom');
    const card = dashboard.dom.querySelectorAll('section.card').find((c) => c.querySelector('h2')?.text === 'The Saturday Read')!;
    const line = card.text.replace(/\s+/g, ' ');
    expect(line).toMatch(/Last 30 days \(\d+ editions, \d+ sent\): bounce rate \d+\.\d+ % · complaint rate \d+\.\d+ % · unsubscribe rate \d+\.\d+ %/);
    // The complaints of the edition before count in the newsletter's 30 days too.
    expect(line).toContain('complaints above 0.10 %');
  });

  it('checks an SNS message’s topic and age before fetching any certificate: a forged one gets 403 or 401 and makes no request', async () => {
    const bounce = sesNotification('Permanent', 'forged@example.com', null);
    // A certificate URL the service has not fetched yet (on the tests' stand-in for SNS's hosts), so a fetch would show.
    const forged = (fields: Record<string, string>) => ({ ...sns.message({ Message: bounce, ...fields }), SigningCertURL: `${sns.origin}/forged-${randomUUID()}.pem` });
    const ses = (message: Record<string, string>) => postWebhook(`${t.url}/webhooks/ses`, JSON.stringify(message), {}, 'text/plain; charset=UTF-8');
    const visits = sns.visits.length;
    expect((await ses(forged({ TopicArn: 'arn:aws:sns:eu-west-1:210987654321:someone-else' }))).status).toBe(403);
    expect((await ses(forged({ Timestamp: new Date(Date.now() - 3_600_000).toISOString() }))).status).toBe(401);
    expect((await ses(forged({ Timestamp: 'not a time' }))).status).toBe(401);
    expect(sns.visits.slice(visits)).toEqual([]);
    // A fresh message from a known topic is the one worth a certificate: this one's is not there (503, SNS retries).
    expect((await ses(forged({}))).status).toBe(503);
    expect(sns.visits.slice(visits)).toEqual([expect.stringMatching(/^\/forged-[\w-]+\.pem$/)]);
  });

  it('refuses anything unsigned, badly signed, stale or malformed, and changes nothing', async () => {
    const [email] = (await seedAudience(t, 'the-saturday-read', { active: 1 }, 'refused')).active;
    const edition = await sendEdition();
    const messageId = messageIdIn(email, edition.subject);
    const before = await snapshot();
    const now = Math.floor(Date.now() / 1000);
    const stale = now - 301;
    const expectAnswer = async (label: string, answer: Promise<Answer>, status: number, field?: string) => {
      const { status: got, json } = await answer;
      expect({ label, status: got }).toEqual({ label, status });
      if (field) expect({ label, fields: json.errors.map((e: { field: string }) => e.field) }).toEqual({ label, fields: [field] });
    };

    // SES through SNS
    const ses = (message: Record<string, string>) => postWebhook(`${t.url}/webhooks/ses`, JSON.stringify(message), {}, 'text/plain; charset=UTF-8');
    const bounce = sesNotification('Permanent', email, messageId);
    const { Signature: _signature, ...unsigned } = sns.message({ Message: bounce });
    await expectAnswer('ses unsigned', ses(unsigned), 401);
    await expectAnswer('ses altered', ses({ ...sns.message({ Message: bounce }), Message: sesNotification('Permanent', `${email}.attacker.example`, null) }), 401);
    await expectAnswer('ses stale', ses(sns.message({ Message: bounce, Timestamp: new Date(stale * 1000).toISOString() })), 401);
    await expectAnswer('ses certificate off SNS', ses(sns.message({ Message: bounce, SigningCertURL: 'https://s3.amazonaws.com/attacker/SimpleNotificationService.pem' })), 401);
    await expectAnswer('ses unknown topic', ses(sns.message({ Message: bounce, TopicArn: 'arn:aws:sns:eu-west-1:210987654321:someone-else' })), 403);
    await expectAnswer('ses version 3', ses({ ...sns.message({ Message: bounce }), SignatureVersion: '3' }), 401);
    await expectAnswer('ses not json', postWebhook(`${t.url}/webhooks/ses`, '{"Type": "Notification",', {}, 'text/plain; charset=UTF-8'), 400, 'body');
    await expectAnswer('ses message not SES', ses(sns.message({ Message: 'hello' })), 400, 'Message');

    // Postmark
    const record = JSON.stringify(postmarkRecord('HardBounce', email, 77));
    await expectAnswer('postmark no credentials', postWebhook(`${t.url}/webhooks/postmark`, record), 401);
    await expectAnswer('postmark wrong password', postWebhook(`${t.url}/webhooks/postmark`, record, basicAuth(POSTMARK.user, `${POSTMARK.password}x`)), 401);
    await expectAnswer('postmark not json', postWebhook(`${t.url}/webhooks/postmark`, '{"RecordType":', basicAuth(POSTMARK.user, POSTMARK.password)), 400, 'body');
    await expectAnswer('postmark no Email', postWebhook(`${t.url}/webhooks/postmark`, JSON.stringify({ ...JSON.parse(record), Email: undefined }), basicAuth(POSTMARK.user, POSTMARK.password)), 400, 'Email');

    // Mailgun
    const failed = mailgunEvent('permanent', email, messageId);
    const mailgun = (body: unknown) => postWebhook(`${t.url}/webhooks/mailgun`, typeof body === 'string' ? body : JSON.stringify(body));
    await expectAnswer('mailgun unsigned', mailgun({ 'event-data': failed }), 401);
    await expectAnswer('mailgun wrong key', mailgun(mailgunSigned(failed, { key: 'another-signing-key-0123456789' })), 401);
    await expectAnswer('mailgun stale', mailgun(mailgunSigned(failed, { timestamp: stale })), 401);
    await expectAnswer('mailgun not json', mailgun('{"signature":'), 400, 'body');
    await expectAnswer('mailgun no severity', mailgun(mailgunSigned({ ...failed, severity: undefined })), 400, 'event-data.severity');

    // SendGrid
    const events = JSON.stringify([sendgridEvent('bounce', email, messageId)]);
    const sendgridPost = (body: string, headers: Record<string, string>) => postWebhook(`${t.url}/webhooks/sendgrid`, body, headers);
    await expectAnswer('sendgrid unsigned', sendgridPost(events, {}), 401);
    await expectAnswer('sendgrid another key', sendgridPost(events, new SendgridKeys().headers(events)), 401);
    await expectAnswer('sendgrid altered body', sendgridPost(events.replace('"bounce"', '"spamreport"'), sendgrid.headers(events)), 401);
    await expectAnswer('sendgrid stale', sendgridPost(events, sendgrid.headers(events, String(stale))), 401);
    await expectAnswer('sendgrid not json', sendgridPost('[{"email":', sendgrid.headers('[{"email":')), 400, 'body');
    const noId = JSON.stringify([{ ...sendgridEvent('bounce', email, messageId), sg_event_id: undefined }]);
    await expectAnswer('sendgrid no event id', sendgridPost(noId, sendgrid.headers(noId)), 400, '[0].sg_event_id');

    // The generic receiver
    const generic = JSON.stringify({ id: 'relay-1', type: 'hard-bounce', email, messageId });
    const genericPost = (body: string, headers: Record<string, string>) => postWebhook(`${t.url}/webhooks/bounce`, body, headers);
    await expectAnswer('generic unsigned', genericPost(generic, {}), 401);
    await expectAnswer('generic wrong secret', genericPost(generic, genericHeaders(generic, { secret: 'not-the-secret-0123456789abcdef' })), 401);
    await expectAnswer('generic stale', genericPost(generic, genericHeaders(generic, { timestamp: String(stale) })), 401);
    await expectAnswer('generic timestamp not covered', genericPost(generic, { ...genericHeaders(generic), 'X-Timestamp': String(now) }), 401);
    await expectAnswer('generic not json', genericPost('{"id":', genericHeaders('{"id":')), 400, 'body');
    const noType = JSON.stringify({ id: 'relay-2', email });
    await expectAnswer('generic no type', genericPost(noType, genericHeaders(noType)), 400, 'type');

    expect(await snapshot()).toEqual(before);
    expect((await reader(email)).suppressed_at).toBeNull();
  });

  it('answers a replayed event 200 and changes nothing; a Mailgun token is good for its own event only', async () => {
    const readers = (await seedAudience(t, 'the-saturday-read', { active: PROVIDERS.length }, 'replay')).active;
    const edition = await sendEdition();
    const requests: Record<Provider, () => Promise<Answer>> = {} as never;
    const messageId = (index: number) => messageIdIn(readers[index], edition.subject);
    const sesMessage = JSON.stringify(sns.message({ Message: sesNotification('Transient', readers[0], messageId(0)) }, '2'));
    requests.ses = () => postWebhook(`${t.url}/webhooks/ses`, sesMessage, {}, 'text/plain; charset=UTF-8');
    const record = JSON.stringify(postmarkRecord('SoftBounce', readers[1], 424242));
    requests.postmark = () => postWebhook(`${t.url}/webhooks/postmark`, record, basicAuth(POSTMARK.user, POSTMARK.password));
    const mailgunBody = mailgunSigned(mailgunEvent('temporary', readers[2], messageId(2)));
    requests.mailgun = () => postWebhook(`${t.url}/webhooks/mailgun`, JSON.stringify(mailgunBody));
    const sendgridBody = JSON.stringify([sendgridEvent('blocked', readers[3], messageId(3))]);
    const sendgridSigned = sendgrid.headers(sendgridBody);
    requests.sendgrid = () => postWebhook(`${t.url}/webhooks/sendgrid`, sendgridBody, sendgridSigned);
    const genericBody = JSON.stringify({ id: 'relay-replayed', type: 'soft-bounce', email: readers[4], messageId: messageId(4) });
    const genericSigned = genericHeaders(genericBody, { timestamp: String(Math.floor(Date.now() / 1000)) });
    requests.generic = () => postWebhook(`${t.url}/webhooks/bounce`, genericBody, genericSigned);

    for (const provider of PROVIDERS) {
      expect({ provider, ...(await requests[provider]()) }).toEqual({ provider, status: 200, json: { received: 1, recorded: 1 } });
      const after = await snapshot();
      expect({ provider, ...(await requests[provider]()) }).toEqual({ provider, status: 200, json: { received: 1, recorded: 0 } });
      expect(await snapshot()).toEqual(after);
    }

    // A token seen with one event cannot sign another.
    const before = await snapshot();
    const reused = { ...mailgunSigned(mailgunEvent('permanent', readers[2], messageId(2))), signature: mailgunBody.signature };
    expect((await postWebhook(`${t.url}/webhooks/mailgun`, JSON.stringify(reused))).status).toBe(401);
    expect(await snapshot()).toEqual(before);
    expect((await reader(readers[2])).suppressed_at).toBeNull();
  });

  it('confirms an SNS subscription by visiting its SubscribeURL, only when signed, from a topic it knows', async () => {
    const confirmation = (fields: Record<string, string>) =>
      sns.message({ Type: 'SubscriptionConfirmation', Message: `You have chosen to subscribe to the topic ${TOPIC}.`, Token: 'token-1', SubscribeURL: `${sns.origin}/confirm?Token=token-1`, ...fields });
    const post = (message: Record<string, string>) => postWebhook(`${t.url}/webhooks/ses`, JSON.stringify(message), {}, 'text/plain; charset=UTF-8');

    expect(await post(confirmation({ TopicArn: 'arn:aws:sns:eu-west-1:210987654321:someone-else', SubscribeURL: `${sns.origin}/confirm?Token=other` }))).toMatchObject({ status: 403 });
    expect(await post({ ...confirmation({}), SubscribeURL: `${sns.origin}/confirm?Token=forged` })).toMatchObject({ status: 401 });
    expect(await post(confirmation({ SubscribeURL: 'https://attacker.example/confirm?Token=token-1' }))).toMatchObject({ status: 400, json: { errors: [{ field: 'SubscribeURL' }] } });
    expect(sns.visits.filter((v) => v.startsWith('/confirm'))).toEqual([]);

    expect(await post(confirmation({}))).toEqual({ status: 200, json: { confirmed: true } });
    expect(sns.visits.filter((v) => v.startsWith('/confirm'))).toEqual(['/confirm?Token=token-1']);
  });
});

describe('bounce and complaint webhooks, not configured', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: Object.fromEntries(WEBHOOK_SETTINGS.map((name) => [name, ''])) });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('are off: each answers 404, whatever is sent', async () => {
    for (const path of ['ses', 'postmark', 'mailgun', 'sendgrid', 'bounce']) {
      const answer = await postWebhook(`${t.url}/webhooks/${path}`, JSON.stringify({ id: 'x', type: 'hard-bounce', email: 'a@example.com' }), genericHeaders('{}'));
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    expect(await t.rows(`SELECT 1 FROM deliverability_events`)).toEqual([]);
  });
});
