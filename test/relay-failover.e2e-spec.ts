import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { Reader } from './support/reader';
import { SmtpSink } from './support/smtp';

const READERS = 400;
const EDITOR = 'failover.desk@newstatesman.test';

describe('a second provider', () => {
  let t: TestApp;
  let primary: SmtpSink;
  let secondary: SmtpSink;
  let editor: Reader;

  beforeAll(async () => {
    primary = await new SmtpSink().start();
    secondary = await new SmtpSink().start();
    // Slow enough that the send is well under way, not over, when the primary dies.
    primary.acceptDelayMs = 5;
    t = await startApp({
      smtp: primary,
      env: {
        EDITOR_TOKEN,
        SMTP_URL: '',
        SMTP_URLS: `${primary.url}?pool=2,${secondary.url}?pool=3`,
        SMTP_FAILOVER_AFTER: '3',
        DELIVERY_RETRY_DELAY_MS: '200',
      },
    });
    await createEditor(t, EDITOR);
    ({ editor } = await signIn(t, EDITOR));
  });

  afterAll(async () => {
    await t?.close();
    await secondary?.stop();
  });

  it('moves to the second relay when the first dies mid-send: one copy each, none lost, every copy counted under its relay', async () => {
    const api = editorApi(t);
    const readers = (await seedAudience(t, 'morning-call', { active: READERS }, 'fo')).active;
    const [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2025/12/failover', title: 'The relay that went down at six' }]);
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId] });
    expect((await api.post(`/api/editions/${composed.json.id}/send`)).status).toBe(202);

    const deadline = Date.now() + 60_000;
    while (primary.received.length < 60 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await primary.kill();
    const killedAt = Date.now();
    const onPrimary = primary.received.length;
    expect(onPrimary).toBeLessThan(READERS);

    const view = await api.waitForEdition(composed.json.id, ['sent', 'failed'], 120_000);
    expect(view.status).toBe('sent');
    expect(view.counts).toMatchObject({ total: READERS, sent: READERS, failed: 0 });

    const rows = await t.rows<{ email: string; status: string; relay: string; ambiguous: boolean }>(
      `SELECT r.email, d.status, d.relay, d.ambiguous FROM deliveries d JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1`,
      [composed.json.id],
    );
    const ambiguous = new Set(rows.filter((row) => row.ambiguous).map((row) => row.email));
    const primaryName = `127.0.0.1:${primary.port}`;
    const secondaryName = `127.0.0.1:${secondary.port}`;
    let lost = 0;
    for (const email of readers) {
      const copies = primary.to(email).length + secondary.to(email).length;
      if (copies === 0) lost += 1;
      else if (ambiguous.has(email)) expect(copies).toBeLessThanOrEqual(2);
      else expect({ email, copies }).toEqual({ email, copies: 1 });
    }
    expect(lost).toBe(0);
    // Only messages in flight when the relay died can be ambiguous: at most a pool's worth per connection, far fewer than the audience.
    expect(ambiguous.size).toBeLessThan(50);
    expect(view.counts.ambiguous).toBe(ambiguous.size);

    // Each non-ambiguous reader's row names the relay whose sink holds their copy.
    for (const row of rows.filter((r) => !r.ambiguous)) {
      expect({ email: row.email, relay: row.relay }).toEqual({ email: row.email, relay: primary.to(row.email).length === 1 ? primaryName : secondaryName });
    }
    // The send finished on the second relay, which took everything after the first died.
    const lastOnSecondary = Math.max(...secondary.received.map((m) => m.receivedAt));
    expect(lastOnSecondary).toBeGreaterThan(killedAt);
    expect(primary.received.filter((m) => m.receivedAt > killedAt)).toEqual([]);
    expect(secondary.received.length).toBeGreaterThan(0);

    // The report counts copies per relay.
    const report = await editor.get(`/newsroom/editions/${composed.json.id}/report`);
    const relayRows = [...report.dom.querySelectorAll('table.relays tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.text.trim()));
    const sentBy = (name: string) => String(rows.filter((r) => r.relay === name).length);
    expect(relayRows.sort()).toEqual(
      [
        [primaryName, sentBy(primaryName)],
        [secondaryName, sentBy(secondaryName)],
      ].sort(),
    );
    expect(Number(sentBy(primaryName)) + Number(sentBy(secondaryName))).toBe(READERS);
  });
});
