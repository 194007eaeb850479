import { ChildProcess, spawn } from 'node:child_process';
import type { TestApp } from './app';
import { seedAudience } from './audience';
import { ADMIN_DATABASE_URL } from './database';
import { Deployment } from './deployment';
import { EDITOR_TOKEN } from './editor';
import { FaultProxy } from './fault-proxy';

/**
 * The outage that used to leave messages ambiguous with no worker dead: 2,000 readers, one API
 * and two workers reaching PostgreSQL through a proxy; for 1.5 s the server's answers are lost on
 * the way back (its statements still commit) and then every connection is cut, then new
 * connections are refused for 12 s or 30 s, on a machine whose CPU other processes take. A claim whose reply was
 * lost in the cut once left its rows claimed by a live run that never saw them, and another run
 * later counted them ambiguous. Every reader must get exactly one copy and nothing may be
 * counted ambiguous: only a killed worker may leave ambiguous messages.
 */
export function describeLiveWorkersOutage(refusedMs: number): void {
  describe(`PostgreSQL cut, then refused for ${refusedMs / 1000} s, with live workers on a starved CPU`, () => {
    let t: TestApp;
    let deployment: Deployment;
    let postgres: FaultProxy;
    let run = 0;
    let hogs: ChildProcess[] = [];

    beforeAll(async () => {
      process.env.APP_ROLE = 'api';
      const { startApp } = await import('./app');
      // A short lock, so a claim quiet through the outage looks abandoned long before it ends.
      t = await startApp({
        env: {
          EDITOR_TOKEN,
          DELIVERY_LOCK_MS: '5000',
          DELIVERY_BATCH_SIZE: '500',
        },
      });
      deployment = new Deployment(t);
    });

    beforeEach(async () => {
      run += 1;
      // A proxy of each test's own: the one before it was shut and reopened.
      postgres = await FaultProxy.forUrl(ADMIN_DATABASE_URL).start();
      await t.db.query(`UPDATE subscriptions SET status = 'unsubscribed'`);
      t.smtp.acceptDelayMs = 2;
      await deployment.startWorkers(2, {
        DATABASE_URL: postgres.url(process.env.DATABASE_URL!),
        DELIVERY_CONCURRENCY: '4',
        EMAILS_PER_SECOND: '100000',
      });
      // Busy loops in other processes, one more than there are cores: the workers get their share late.
      hogs = Array.from({ length: 3 }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    });

    afterEach(async () => {
      for (const hog of hogs) hog.kill('SIGKILL');
      await deployment.stopWorkers();
      await postgres.stop();
    });

    afterAll(async () => {
      await t?.close();
    });

    async function sendThroughOutage(refusedMs: number): Promise<void> {
      const readers = (await seedAudience(t, 'morning-call', { active: 2000 }, `live${run}`)).active;
      const id = await deployment.send('morning-call', `https://www.newstatesman.com/politics/2026/12/live-workers-${run}`);
      await deployment.waitForReaders(readers, 600, 240_000);
      // Statements run and commit but their answers never come back, then the connections are
      // cut: a claim committed whose answer was lost is the case that matters. Then the refusal.
      await postgres.loseAnswers(1500);
      postgres.outage(refusedMs);
      await new Promise((resolve) => setTimeout(resolve, refusedMs));
      const done = await deployment.api.waitForEdition(id, ['sent'], 240_000);

      const copies = [...deployment.copies(readers).values()];
      process.stderr.write(
        `live workers, PostgreSQL refused ${refusedMs / 1000} s: ${copies.filter((n) => n === 0).length} lost, ${copies.filter((n) => n > 1).length} duplicates, ${done.counts.ambiguous} ambiguous\n`,
      );
      expect(copies.filter((n) => n === 0)).toHaveLength(0);
      expect(copies.filter((n) => n > 1)).toHaveLength(0);
      expect(done.counts).toMatchObject({
        total: 2000,
        sent: 2000,
        failed: 0,
        ambiguous: 0,
      });
      expect(await t.rows(`SELECT 1 FROM deliveries WHERE edition_id = $1 AND (status <> 'sent' OR ambiguous)`, [id])).toEqual([]);
      expect(deployment.output()).toMatch(/PostgreSQL is unavailable/);
    }

    it('every reader once, none ambiguous', async () => {
      await sendThroughOutage(refusedMs);
    }, 600_000);
  });
}
