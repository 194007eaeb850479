import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import IORedis, { Cluster } from 'ioredis';
import { clusterTags, REDIS } from './redis-connection';
import { QUEUES, runsWorkers } from './queues';

/** A key of the watch's own: gone means Redis lost everything it held. */
const MARKER = 'redis-watch:present';
/**
 * On a cluster each master can come back empty on its own, so there is a marker in every slot the
 * service keeps data in (each queue's hash tag, the click counts'): one gone is enough to rebuild.
 */
const markersFor = (redis: IORedis | Cluster) => (redis instanceof Cluster ? [MARKER, ...clusterTags(Object.values(QUEUES)).map((tag) => `redis-watch:${tag}`)] : [MARKER]);
const CHECK_EVERY_MS = 5000;

/**
 * Notices when Redis comes back empty (restarted without persistence, failed over to an empty
 * replica, flushed) and has each part of the service put back what it keeps there, rebuilt
 * from the database: job schedulers, the jobs of editions still sending, account emails not
 * yet sent. It checks a key of its own on a timer that lives in this process, not in Redis, so it
 * needs no restart and no job to notice. Every worker process watches; what they rebuild is
 * idempotent (upserted schedulers, deterministic job ids).
 */
@Injectable()
export class RedisWatch implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RedisWatch.name);
  private readonly restorers: Array<{ name: string; restore: () => Promise<unknown> }> = [];
  private timer?: NodeJS.Timeout;
  private checking = false;
  private lastUnavailable = 0;
  private readonly markers: string[];

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly modules: ModuleRef,
  ) {
    this.markers = markersFor(redis);
  }

  /** While Redis is away, queues and workers report it: one line every ten seconds, not a stack per retry. */
  unavailable(what: string, error: Error): void {
    if (Date.now() - this.lastUnavailable < 10_000) return;
    this.lastUnavailable = Date.now();
    this.logger.warn(`Redis is unavailable to ${what} (${error.message}); waiting for it`);
  }

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      let queue: Queue;
      try {
        queue = this.modules.get<Queue>(getQueueToken(name), { strict: false });
      } catch {
        continue;
      }
      queue.on('error', (error) => this.unavailable(`the ${name} queue`, error));
    }
  }

  /** Runs `restore` now, and again each time Redis is found empty. */
  async register(name: string, restore: () => Promise<unknown>): Promise<void> {
    this.restorers.push({ name, restore });
    await restore();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorkers()) return;
    for (const marker of this.markers) await this.redis.set(marker, String(Date.now()));
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Public for tests; the timer calls it. */
  async check(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      // SET NX answers OK only when the marker was missing: Redis has lost its data.
      const answers = await Promise.all(this.markers.map((marker) => this.redis.set(marker, String(Date.now()), 'NX')));
      if (!answers.includes('OK')) return false;
      this.logger.warn('Redis came back empty: rebuilding what it held from the database');
      for (const { name, restore } of this.restorers) {
        await restore().catch((error: Error) => this.logger.error(`Could not rebuild ${name}: ${error.message}`));
      }
      return true;
    } catch {
      // Redis is still away; the next check tries again.
      return false;
    } finally {
      this.checking = false;
    }
  }
}
