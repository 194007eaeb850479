import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import IORedis, { Cluster } from 'ioredis';
import type { Pool } from 'pg';
import { Gauge } from 'prom-client';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Db } from '../database/db.service';
import { QUEUES } from '../queue/queues';
import { REDIS } from '../queue/redis-connection';
import { Metrics } from './metrics';
import { MetricsStore, SendingEdition, WindowRates } from './metrics.store';
import { timePoolWaits } from './pool-waits';

/** A scrape reuses what was read this recently: Prometheus may scrape every few seconds, PostgreSQL need not answer each time. */
const SCRAPE_CACHE_MS = 10_000;
/** A source that has not answered by then counts as unreachable for this scrape. */
const SOURCE_TIMEOUT_MS = 3_000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

interface DatabaseSnapshot {
  owed: Array<{ kind: string; owed: number; oldestSeconds: number }>;
  signupsWaiting: number;
  sending: SendingEdition[];
  rates: WindowRates[];
}

interface QueueSnapshot {
  name: string;
  counts: Record<(typeof QUEUE_STATES)[number], number>;
  oldestWaitingSeconds: number;
}

function withTimeout<T>(work: Promise<T>, ms = SOURCE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Gauges read at scrape time from PostgreSQL, the queues and Redis, each source at most once per
 * SCRAPE_CACHE_MS. Every process serves them (any one scrape target shows the whole service), so
 * dashboards and alerts take `max` across instances. A source that fails reports no figures, and
 * its `_up` gauge says 0.
 */
@Injectable()
export class ScrapeGauges implements OnModuleInit {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();
  private queues: Queue[] = [];

  constructor(
    private readonly metrics: Metrics,
    private readonly store: MetricsStore,
    private readonly db: Db,
    private readonly modules: ModuleRef,
    @Inject(REDIS) private readonly redis: IORedis | Cluster,
  ) {}

  onModuleInit(): void {
    this.queues = Object.values(QUEUES).flatMap((name) => {
      try {
        return [this.modules.get<Queue>(getQueueToken(name), { strict: false })];
      } catch {
        return [];
      }
    });
    if (this.pool) timePoolWaits(this.pool, (seconds) => this.metrics.poolWait.observe(seconds));
    this.defineGauges();
  }

  private get pool(): Pool | undefined {
    return (this.db.dataSource.driver as PostgresDriver).master as Pool | undefined;
  }

  private cached<T>(key: string, read: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < SCRAPE_CACHE_MS) return hit.value as Promise<T>;
    const value = withTimeout(read());
    value.catch(() => undefined);
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  private database(): Promise<DatabaseSnapshot> {
    return this.cached('database', async () => ({
      owed: await this.store.accountEmailsOwed(),
      signupsWaiting: await this.store.signupRequestsWaiting(),
      sending: await this.store.sendingEditions(),
      rates: await this.store.windowRates(),
    }));
  }

  private queueSnapshot(): Promise<QueueSnapshot[]> {
    return this.cached('queues', () =>
      Promise.all(
        this.queues.map(async (queue) => {
          const counts = (await queue.getJobCounts(...QUEUE_STATES)) as QueueSnapshot['counts'];
          // The wait list's far end holds the job queued first; a job taken before and put back
          // (a retry, a worker stopping) waits since it was last started.
          const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
          const since = oldest ? Math.max(oldest.timestamp, oldest.processedOn ?? 0) : null;
          return { name: queue.name, counts, oldestWaitingSeconds: since === null ? 0 : Math.max(0, (Date.now() - since) / 1000) };
        }),
      ),
    );
  }

  private redisUp(): Promise<boolean> {
    return this.cached('redis', async () => {
      // In a cluster every master holds some of the keys: all of them must answer.
      const nodes = this.redis instanceof Cluster ? this.redis.nodes('master') : [this.redis];
      if (nodes.length === 0) return false;
      await Promise.all(nodes.map((node) => node.ping()));
      return true;
    }).catch(() => false);
  }

  private defineGauges(): void {
    const registers = [this.metrics.registry];
    const database = () => this.database().catch(() => null);
    new Gauge({
      name: 'newsletter_postgres_up',
      help: 'Whether this process could read from PostgreSQL at the last scrape (1) or not (0)',
      registers,
      collect: async function () {
        this.set((await database()) ? 1 : 0);
      },
    });
    const redisUp = () => this.redisUp();
    new Gauge({
      name: 'newsletter_redis_up',
      help: 'Whether this process could reach Redis (every master, on a cluster) at the last scrape',
      registers,
      collect: async function () {
        this.set((await redisUp()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'newsletter_account_emails_owed',
      help: 'Confirmation and preferences emails not yet sent (the confirmation backlog), by kind',
      labelNames: ['kind'],
      registers,
      collect: async function () {
        const snapshot = await database();
        this.reset();
        if (!snapshot) return;
        for (const kind of ['confirmation', 'preferences']) this.set({ kind }, snapshot.owed.find((o) => o.kind === kind)?.owed ?? 0);
      },
    });
    new Gauge({
      name: 'newsletter_account_email_oldest_owed_age_seconds',
      help: 'How long the oldest account email not yet sent has waited, by kind (0: none owed)',
      labelNames: ['kind'],
      registers,
      collect: async function () {
        const snapshot = await database();
        this.reset();
        if (!snapshot) return;
        for (const kind of ['confirmation', 'preferences']) this.set({ kind }, snapshot.owed.find((o) => o.kind === kind)?.oldestSeconds ?? 0);
      },
    });
    new Gauge({
      name: 'newsletter_signup_requests_waiting',
      help: 'Sign-ups stored and answered 202 but not yet carried out',
      registers,
      collect: async function () {
        const snapshot = await database();
        this.reset();
        if (snapshot) this.set(snapshot.signupsWaiting);
      },
    });
    new Gauge({
      name: 'newsletter_edition_recipients',
      help: 'Recipients of each edition now sending, by state (total, sent, failed, skipped, ambiguous); only sending editions appear',
      labelNames: ['newsletter', 'edition', 'state'],
      registers,
      collect: async function () {
        const snapshot = await database();
        this.reset();
        for (const e of snapshot?.sending ?? []) {
          for (const state of ['total', 'sent', 'failed', 'skipped', 'ambiguous'] as const) this.set({ newsletter: e.newsletter, edition: String(e.editionId), state }, e[state]);
        }
      },
    });
    new Gauge({
      name: 'newsletter_edition_open_recipients',
      help: 'Recipients of each edition now sending with no outcome yet (waiting, in flight, or waiting for a retry)',
      labelNames: ['newsletter', 'edition'],
      registers,
      collect: async function () {
        const snapshot = await database();
        this.reset();
        for (const e of snapshot?.sending ?? []) this.set({ newsletter: e.newsletter, edition: String(e.editionId) }, Math.max(0, e.total - e.sent - e.failed - e.skipped));
      },
    });
    new Gauge({
      name: 'newsletter_edition_deadline_late_seconds',
      help: 'For each edition now sending with a deadline: when it ends at the rate kept since it started, less its deadline (above 0: it will miss it)',
      labelNames: ['newsletter', 'edition'],
      registers,
      collect: async function () {
        const snapshot = await database();
        this.reset();
        for (const e of snapshot?.sending ?? []) if (e.lateSeconds !== null) this.set({ newsletter: e.newsletter, edition: String(e.editionId) }, Math.round(e.lateSeconds));
      },
    });
    const rateGauge = (name: string, help: string, value: (r: WindowRates) => number | null) =>
      new Gauge({
        name,
        help,
        labelNames: ['newsletter', 'window'],
        registers,
        collect: async function () {
          const snapshot = await database();
          this.reset();
          for (const r of snapshot?.rates ?? []) {
            const v = value(r);
            if (v !== null) this.set({ newsletter: r.newsletter, window: r.window }, v);
          }
        },
      });
    rateGauge('newsletter_window_sent_emails', 'Copies sent by the editions that started sending in the window (24h, 30d)', (r) => r.sent);
    rateGauge('newsletter_bounce_ratio', 'Readers who bounced over copies sent, for the editions that started sending in the window (absent while nothing was sent)', (r) => (r.sent > 0 ? r.bounced / r.sent : null));
    rateGauge('newsletter_complaint_ratio', 'Readers who complained over copies sent, for the editions that started sending in the window (absent while nothing was sent)', (r) => (r.sent > 0 ? r.complained / r.sent : null));

    const queues = () => this.queueSnapshot().catch(() => null);
    new Gauge({
      name: 'newsletter_queue_jobs',
      help: 'Jobs in each queue by state (waiting is the depth; active are being worked on)',
      labelNames: ['queue', 'state'],
      registers,
      collect: async function () {
        const snapshot = await queues();
        this.reset();
        for (const q of snapshot ?? []) for (const state of QUEUE_STATES) this.set({ queue: q.name, state }, q.counts[state] ?? 0);
      },
    });
    new Gauge({
      name: 'newsletter_queue_oldest_waiting_age_seconds',
      help: "Age of each queue's oldest waiting job (since queued, or since last started if it was put back); 0 when none waits",
      labelNames: ['queue'],
      registers,
      collect: async function () {
        const snapshot = await queues();
        this.reset();
        for (const q of snapshot ?? []) this.set({ queue: q.name }, q.oldestWaitingSeconds);
      },
    });
    const pool = () => this.pool;
    new Gauge({
      name: 'newsletter_db_pool_clients',
      help: "This process's PostgreSQL connections: idle, busy, and queries waiting for one (waiting)",
      labelNames: ['state'],
      registers,
      collect: function () {
        const p = pool();
        this.reset();
        // No pool once the data source is closed (a scrape during shutdown).
        if (!p) return;
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'busy' }, p.totalCount - p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
  }
}
