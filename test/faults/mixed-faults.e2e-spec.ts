import { RECORD_GROUP } from '../../src/delivery/batch-sender';
import type { TestApp } from '../support/app';
import { seedAudience } from '../support/audience';
import { ADMIN_DATABASE_URL } from '../support/database';
import { Deployment } from '../support/deployment';
import { EDITOR_TOKEN } from '../support/editor';
import { FaultProxy } from '../support/fault-proxy';
import { exited } from '../support/processes';
import { REDIS_URL } from '../support/services';

const READERS = 2500;
const CONCURRENCY = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One edition through a bad morning, sent by three workers: two killed with SIGKILL, three
 * PostgreSQL and three Redis cuts of 2–6 s, and two spells of SMTP 421, each started when a given
 * share of the readers has a copy, so every fault lands mid-send whatever the machine's speed.
 * Nobody may be lost; a second copy is allowed only to a reader counted ambiguous; and only the
 * killed workers may leave anything ambiguous: at most the rows each of their jobs held unrecorded,
 * one recording group (RECORD_GROUP, also the size of a claim) per job.
 */
describe('a send through mixed faults: worker kills, PostgreSQL and Redis cuts, SMTP 421', () => {
  let t: TestApp;
  let deployment: Deployment;
  let postgres: FaultProxy;
  let redis: FaultProxy;

  beforeAll(async () => {
    postgres = await FaultProxy.forUrl(ADMIN_DATABASE_URL).start();
    redis = await FaultProxy.forUrl(REDIS_URL).start();
    process.env.APP_ROLE = 'api';
    const { startApp } = await import('../support/app');
    // Batches of 250: ten jobs, two running at a time on each worker, so a kill lands mid-range.
    t = await startApp({ env: { EDITOR_TOKEN, DELIVERY_LOCK_MS: '3000', DELIVERY_BATCH_SIZE: '250' } });
    deployment = new Deployment(t);
  });

  afterAll(async () => {
    t.smtp.rule = () => undefined;
    await postgres?.restore();
    await redis?.restore();
    await deployment?.stopWorkers();
    await t?.close();
    await postgres?.stop();
    await redis?.stop();
  });

  it('loses nobody, sends a second copy only to readers counted ambiguous, and keeps ambiguous within kills × DELIVERY_CONCURRENCY × a recording group', async () => {
    const workerEnv = {
      DATABASE_URL: postgres.url(process.env.DATABASE_URL!),
      REDIS_URL: redis.url(REDIS_URL),
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
      DELIVERY_LOCK_MS: '3000',
      DELIVERY_RETRY_DELAY_MS: '200',
      // 421 spells are retried, not failed: a reader may meet both spells and a kill.
      DELIVERY_MAX_ATTEMPTS: '12',
      // Sending spread over some seconds, so there is sending between the faults.
      EMAILS_PER_SECOND: '200',
    };
    const readers = (await seedAudience(t, 'morning-call', { active: READERS }, 'mixed')).active;
    t.smtp.acceptDelayMs = 2;
    let refused421 = 0;
    const spellOf421 = async (ms: number) => {
      t.smtp.rule = () => {
        refused421 += 1;
        return { code: 421, message: '4.7.0 Try again later, closing connection' };
      };
      await sleep(ms);
      t.smtp.rule = () => undefined;
    };
    const cut = (proxy: FaultProxy, ms: number) => async () => {
      proxy.outage(ms);
      await sleep(ms);
    };
    // Three workers: two are killed mid-send and the third finishes (a worker started during a cut
    // would stop at boot, as a real one would, which is not what this test is about).
    const [first, second] = await deployment.startWorkers(3, workerEnv);
    const started = Date.now();
    const id = await deployment.send('morning-call', 'https://www.newstatesman.com/politics/2026/12/mixed-faults');

    const kill = async (worker: typeof first) => {
      worker.kill('SIGKILL');
      expect((await exited(worker)).signal).toBe('SIGKILL');
    };
    const faults: Array<{ at: number; name: string; run: () => Promise<void> }> = [
      { at: 0.06, name: 'SIGKILL worker 1', run: () => kill(first) },
      { at: 0.14, name: 'PostgreSQL cut 3 s', run: cut(postgres, 3000) },
      { at: 0.22, name: 'SMTP 421 for 2.5 s', run: () => spellOf421(2500) },
      { at: 0.3, name: 'Redis cut 4 s', run: cut(redis, 4000) },
      { at: 0.38, name: 'PostgreSQL cut 2 s', run: cut(postgres, 2000) },
      { at: 0.46, name: 'SIGKILL worker 2', run: () => kill(second) },
      { at: 0.54, name: 'Redis cut 2 s', run: cut(redis, 2000) },
      { at: 0.62, name: 'SMTP 421 for 2 s', run: () => spellOf421(2000) },
      { at: 0.7, name: 'PostgreSQL cut 4 s', run: cut(postgres, 4000) },
      { at: 0.78, name: 'Redis cut 5 s', run: cut(redis, 5000) },
    ];
    const kills = faults.filter((f) => f.name.startsWith('SIGKILL')).length;
    // Copies counted as they arrive, in one pass over what is new (this process is also the SMTP server).
    const audience = new Set(readers);
    const copies = new Map<string, number>(readers.map((email) => [email, 0]));
    let scanned = 0;
    let reachedCount = 0;
    const reached = () => {
      for (; scanned < t.smtp.received.length; scanned += 1) {
        for (const to of t.smtp.received[scanned].to) {
          if (!audience.has(to)) continue;
          const n = copies.get(to)! + 1;
          copies.set(to, n);
          if (n === 1) reachedCount += 1;
        }
      }
      return reachedCount;
    };
    const timeline: string[] = [];
    for (const fault of faults) {
      const deadline = Date.now() + 180_000;
      while (reached() < Math.ceil(READERS * fault.at)) {
        if (Date.now() > deadline) throw new Error(`${fault.name}: fewer than ${Math.ceil(READERS * fault.at)} readers reached;\n${deployment.output()}`);
        await sleep(50);
      }
      const before = reached();
      const from = Date.now();
      await fault.run();
      timeline.push(`${((from - started) / 1000).toFixed(1)} s ${fault.name} (${before} readers reached)`);
      // Each fault met a send still under way.
      expect({ fault: fault.name, reachedAll: before >= READERS }).toEqual({ fault: fault.name, reachedAll: false });
    }
    const done = await deployment.api.waitForEdition(id, ['sent'], 180_000);
    const seconds = (Date.now() - started) / 1000;

    const rows = await t.rows<{ email: string; status: string; ambiguous: boolean; last_error: string | null }>(
      `SELECT r.email, d.status, d.ambiguous, d.last_error FROM deliveries d JOIN subscribers r ON r.id = d.subscriber_id WHERE d.edition_id = $1`,
      [id],
    );
    reached();
    const lost = [...copies.values()].filter((n) => n === 0).length;
    const duplicated = [...copies].filter(([, n]) => n > 1).map(([email]) => email);
    const ambiguous = new Set(rows.filter((row) => row.ambiguous).map((row) => row.email));
    const bound = kills * CONCURRENCY * RECORD_GROUP;
    // Besides a killed worker's rows, a message whose connection dropped after the relay had read it
    // all is ambiguous by design (it may have been accepted): its row keeps that error, a socket
    // error with no SMTP reply ("ECONNECTION: …", "ETIMEDOUT: …"). The bound is for the others.
    const droppedOnTheWire = rows.filter((row) => row.ambiguous && /^E[A-Z]+: /.test(row.last_error ?? '')).length;
    process.stderr.write(
      `mixed faults: ${READERS} readers in ${seconds.toFixed(1)} s through ${faults.length} faults (${kills} kills, 3 PostgreSQL and 3 Redis cuts, 2 spells of SMTP 421: ${refused421} recipients refused): ` +
        `${lost} lost, ${duplicated.length} with two copies or more, ${done.counts.ambiguous} counted ambiguous, ${droppedOnTheWire} of them cut off on the wire by the relay (the rest: bound ${kills} kills × ${CONCURRENCY} jobs × ${RECORD_GROUP} = ${bound})\n  ${timeline.join('\n  ')}\n`,
    );

    // Nobody lost: every reader has a copy, and the database says every one was sent.
    expect(lost).toBe(0);
    expect(done.counts).toMatchObject({ total: READERS, sent: READERS, failed: 0, pending: 0 });
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
    // The spells of 421 did refuse messages, and they were sent again.
    expect(refused421).toBeGreaterThan(0);
    // A second copy only for a reader counted ambiguous; the count is the rows marked.
    expect(duplicated.filter((email) => !ambiguous.has(email))).toEqual([]);
    expect(done.counts.ambiguous).toBe(ambiguous.size);
    // Only the killed workers' unrecorded rows are ambiguous (a recording group per job they ran),
    // besides messages the relay's connection dropped after taking them whole.
    expect(done.counts.ambiguous - droppedOnTheWire).toBeLessThanOrEqual(bound);
    expect([...copies.values()].every((n) => n <= 1 + kills)).toBe(true);
  }, 300_000);
});
