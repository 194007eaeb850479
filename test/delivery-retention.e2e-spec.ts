import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JOBS, QUEUES } from '../src/queue/queues';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { BOUNCE_SECRET, genericHeaders, postWebhook } from './support/provider-webhooks';

const READERS = 12;

/**
 * Deliveries leave a month at a time: the hourly job drops a month's partition once the month
 * ended DELIVERY_RETENTION_DAYS ago. What the edition's report shows stays; a recent month, its
 * Message-IDs and the consent ledger stay too.
 */
describe('retention of deliveries', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let articleId: number;
  let readers: string[];

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN, BOUNCE_WEBHOOK_SECRET: BOUNCE_SECRET, DELIVERY_RETENTION_DAYS: '400' } });
    api = editorApi(t);
    [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2025/11/the-budget', title: 'What the Budget means for you' }]);
    readers = (await seedAudience(t, 'the-saturday-read', { active: READERS }, 'kept')).active;
    // Their consent, as the sign-up wrote it long ago (set-up data).
    await t.db.query(
      `INSERT INTO consent_events (subscriber_id, newsletter_id, event, notice_version, source, created_at)
       SELECT r.id, n.id, 'subscribed', (SELECT max(version) FROM notice_versions), 'https://www.newstatesman.com/', now() - interval '450 days'
       FROM subscribers r, newsletters n WHERE r.email = ANY($1) AND n.slug = 'the-saturday-read'`,
      [readers],
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  async function sendEdition(subject: string): Promise<number> {
    const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [articleId], subject });
    expect(composed.status).toBe(201);
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);
    await api.waitForEdition(composed.json.id, ['sent']);
    return composed.json.id as number;
  }

  const partitions = () =>
    t.rows<{ name: string; month: string; first: number; end: number; exists: boolean }>(
      `SELECT name, month::text AS month, first_edition_id AS first, end_edition_id AS "end", to_regclass(name) IS NOT NULL AS exists
       FROM delivery_partitions ORDER BY first_edition_id`,
    );
  const deliveriesOf = async (editionId: number) =>
    Number((await t.rows<{ n: string }>(`SELECT count(*) AS n FROM deliveries WHERE edition_id = $1`, [editionId]))[0].n);
  const keepPartitions = async () => {
    await t.app.get<Queue>(getQueueToken(QUEUES.deliveryPlan)).add(JOBS.keepDeliveryPartitions, {});
    await t.drain();
  };

  it("drops a month past DELIVERY_RETENTION_DAYS whole, keeps its edition's report, a recent month and its Message-IDs, and the ledger", async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.deliveryPlan));
    expect((await queue.getJobSchedulers()).find((s) => s.key === JOBS.keepDeliveryPartitions)).toMatchObject({ every: 3_600_000 });
    // At start: this month's block and the next month's, each a partition of its own.
    const [thisMonth, nextMonth] = await partitions();
    expect([thisMonth, nextMonth].map((p) => p.exists)).toEqual([true, true]);
    expect(nextMonth.first).toBe(thisMonth.end);

    const oldId = await sendEdition('The Saturday Read, long ago');
    expect(oldId).toBeGreaterThanOrEqual(thisMonth.first);
    expect(oldId).toBeLessThan(thisMonth.end);
    const oldReport = (await api.get(`/api/editions/${oldId}`)).json;
    expect(oldReport.counts).toMatchObject({ total: READERS, sent: READERS, failed: 0, pending: 0 });
    expect(await deliveriesOf(oldId)).toBe(READERS);

    // Time passes (set-up data): that edition, and its month's block, are from 15 months ago.
    await t.db.query(
      `UPDATE editions SET created_at = created_at - interval '450 days', started_at = started_at - interval '450 days', finished_at = finished_at - interval '450 days' WHERE id = $1`,
      [oldId],
    );
    await t.db.query(`UPDATE delivery_partitions SET month = (date_trunc('month', now() - interval '450 days'))::date WHERE name = $1`, [thisMonth.name]);

    // The hourly job: this month has no block any more, so one is made above the others and
    // new editions take ids from it; the old month's partition goes.
    await keepPartitions();
    const after = await partitions();
    expect(after.find((p) => p.name === thisMonth.name)).toBeUndefined();
    expect((await t.rows<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [thisMonth.name]))[0].exists).toBe(false);
    expect(await deliveriesOf(oldId)).toBe(0);
    expect(after.find((p) => p.name === nextMonth.name)).toMatchObject({ exists: true });
    const newBlock = after.find((p) => p.first >= nextMonth.end)!;
    expect(newBlock).toMatchObject({ exists: true });

    // The old edition's report shows the same figures from delivery_counts.
    const kept = (await api.get(`/api/editions/${oldId}`)).json;
    expect(kept.counts).toEqual(oldReport.counts);
    expect(kept.status).toBe('sent');

    // A recent edition: its deliveries are untouched, and a bounce names its message.
    const recentId = await sendEdition('The Saturday Read, this week');
    expect(recentId).toBe(newBlock.first);
    await keepPartitions();
    expect(await deliveriesOf(recentId)).toBe(READERS);
    const bounced = readers[0];
    const mail = t.smtp.to(bounced).find((m) => m.parsed.subject === 'The Saturday Read, this week')!;
    const messageId = mail.header('message-id')!;
    const body = JSON.stringify({ id: randomUUID(), type: 'hard-bounce', email: bounced, messageId, occurredAt: new Date().toISOString() });
    expect(await postWebhook(`${t.url}/webhooks/bounce`, body, genericHeaders(body))).toEqual({ status: 200, json: { received: 1, recorded: 1 } });
    expect(
      await t.rows(
        `SELECT e.edition_id, e.detail->>'linkedBy' AS linked_by FROM deliverability_events e JOIN subscribers r ON r.id = e.subscriber_id WHERE r.email = $1`,
        [bounced],
      ),
    ).toEqual([{ edition_id: recentId, linked_by: 'message-id' }]);

    // The consent ledger is not the deliveries': every reader's consent of 15 months ago is still there.
    const ledger = await t.rows<{ n: string }>(
      `SELECT count(*) AS n FROM consent_events c JOIN subscribers r ON r.id = c.subscriber_id WHERE r.email = ANY($1) AND c.event = 'subscribed'`,
      [readers],
    );
    expect(Number(ledger[0].n)).toBe(READERS);
  });

  it("drops a month of bounce and complaint events whole, keeps the old edition's figures and a recent month's events, and records a replay once", async () => {
    const generic = (event: Record<string, unknown>) => {
      const body = JSON.stringify(event);
      return postWebhook(`${t.url}/webhooks/bounce`, body, genericHeaders(body));
    };
    const eventPartitions = async () =>
      (
        await t.rows<{ name: string }>(
          `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'deliverability_events'::regclass ORDER BY 1`,
        )
      ).map((p) => p.name);
    const eventsOf = async (editionId: number) =>
      Number((await t.rows<{ n: string }>(`SELECT count(*) AS n FROM deliverability_events WHERE edition_id = $1`, [editionId]))[0].n);
    const thisMonth = new Date().toISOString().slice(0, 7).replace('-', '_');
    expect(await eventPartitions()).toEqual(expect.arrayContaining([`deliverability_events_${thisMonth}`, 'deliverability_events_default']));

    const subject = 'The Saturday Read, a year ago';
    const oldId = await sendEdition(subject);
    const [bounced, complained, later] = [readers[1], readers[2], readers[3]];
    const messageIdOf = (email: string) =>
      t.smtp
        .to(email)
        .find((m) => m.parsed.subject === subject)!
        .header('message-id')!;
    const recorded = (n: number) => ({ status: 200, json: { received: 1, recorded: n } });
    const hardBounce = { id: randomUUID(), type: 'hard-bounce', email: bounced, messageId: messageIdOf(bounced), occurredAt: new Date().toISOString() };
    expect(await generic(hardBounce)).toEqual(recorded(1));
    expect(
      await generic({ id: randomUUID(), type: 'complaint', email: complained, messageId: messageIdOf(complained), occurredAt: new Date().toISOString() }),
    ).toEqual(recorded(1));
    // The same event again: recorded once.
    expect(await generic(hardBounce)).toEqual(recorded(0));
    // An event its provider does not date is dated on arrival, so its replay carries another
    // time (another month, even): still recorded once.
    const undated = { id: randomUUID(), type: 'soft-bounce', email: bounced, messageId: messageIdOf(bounced) };
    expect(await generic(undated)).toEqual(recorded(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await generic(undated)).toEqual(recorded(0));
    const report = (await api.get(`/api/editions/${oldId}`)).json;
    // One reader with a hard and a soft bounce counts once among the bounced.
    expect(report.rates).toMatchObject({ bounced: 1, hardBounced: 1, softBounced: 1, complained: 1 });
    expect(await eventsOf(oldId)).toBe(3);

    // Time passes (set-up data): the edition and its events are from 15 months ago, in that month's partition.
    await t.db.query(
      `UPDATE editions SET created_at = created_at - interval '450 days', started_at = started_at - interval '450 days', finished_at = finished_at - interval '450 days' WHERE id = $1`,
      [oldId],
    );
    const [{ month }] = await t.rows<{ month: string }>(`SELECT date_trunc('month', (now() - interval '450 days') AT TIME ZONE 'UTC')::date::text AS month`);
    const oldPartition = `deliverability_events_${month.slice(0, 7).replace('-', '_')}`;
    await t.db.query(`SELECT deliverability_event_partition_add($1::date)`, [month]);
    await t.db.query(`UPDATE deliverability_events SET occurred_at = occurred_at - interval '450 days' WHERE edition_id = $1`, [oldId]);
    expect((await t.rows<{ n: string }>(`SELECT count(*) AS n FROM ${oldPartition}`))[0].n).toBe('3');
    // A recent event, about another reader.
    const recent = { id: randomUUID(), type: 'complaint', email: later, occurredAt: new Date().toISOString() };
    expect(await generic(recent)).toEqual(recorded(1));

    await keepPartitions();
    // That month left whole; this month's events stay, and so does the old edition's report.
    expect(await eventPartitions()).not.toContain(oldPartition);
    expect(await eventPartitions()).toContain(`deliverability_events_${thisMonth}`);
    expect(await eventsOf(oldId)).toBe(0);
    expect((await api.get(`/api/editions/${oldId}`)).json.rates).toEqual(report.rates);
    const kept = await t.rows<{ type: string }>(`SELECT type FROM deliverability_events WHERE provider = 'generic' AND event_id = $1`, [recent.id]);
    expect(kept).toEqual([{ type: 'complaint' }]);
    expect(await generic(recent)).toEqual(recorded(0));
    // The consent ledger is never touched: both complaints' unsubscribes are still there.
    const ledger = await t.rows<{ email: string }>(
      `SELECT r.email FROM consent_events c JOIN subscribers r ON r.id = c.subscriber_id WHERE c.source = 'complaint' AND r.email = ANY($1) ORDER BY c.id`,
      [[complained, later]],
    );
    expect(ledger.map((row) => row.email)).toEqual([complained, later]);
  });
});
