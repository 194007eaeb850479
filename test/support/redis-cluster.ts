import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import IORedis from 'ioredis';
import { freePort } from './services';

const run = promisify(execFile);

interface Master {
  port: number;
  dir: string;
  child?: ChildProcess;
}

/**
 * A real Redis Cluster of three masters (no replicas) on free loopback ports, its files in a
 * directory of its own that `stop` removes: `redis-server --cluster-enabled yes` three times, then
 * `redis-cli --cluster create`. Nothing is kept on disk, so a master restarted with `restartEmpty`
 * comes back owning its slots and holding nothing, as after a crash without persistence. The
 * machine's shared Redis is never touched.
 */
export class RedisCluster {
  readonly masters: Master[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'nl-redis-cluster-'));

  async start(): Promise<this> {
    for (let i = 0; i < 3; i += 1) {
      const port = await freePort();
      const dir = join(this.dir, String(port));
      mkdirSync(dir);
      this.masters.push({ port, dir });
    }
    await Promise.all(this.masters.map((master) => this.launch(master)));
    await run('redis-cli', ['--cluster', 'create', ...this.masters.map((m) => `127.0.0.1:${m.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    await this.waitUntilOk();
    return this;
  }

  /** REDIS_CLUSTER_NODES for the service. */
  get nodes(): string {
    return this.masters.map((m) => `127.0.0.1:${m.port}`).join(',');
  }

  /** The master that holds a hash tag's slot (e.g. `{delivery}`, a queue's keys). */
  async masterOf(tag: string): Promise<Master> {
    const client = new IORedis({ port: this.masters[0].port, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      const slot = Number(await client.call('CLUSTER', 'KEYSLOT', tag));
      const ranges = (await client.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
      const owner = ranges.find(([from, to]) => slot >= from && slot <= to)![2][1];
      return this.masters.find((m) => m.port === Number(owner))!;
    } finally {
      client.disconnect();
    }
  }

  /** The keys one master holds that match `pattern`. */
  async keys(master: Master, pattern: string): Promise<string[]> {
    const client = new IORedis({ port: master.port, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      const found: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        found.push(...keys);
        cursor = next;
      } while (cursor !== '0');
      return found;
    } finally {
      client.disconnect();
    }
  }

  /** Stops a master at once (SHUTDOWN NOSAVE), waits `downMs`, and starts it again with its slots and no data. */
  async restartEmpty(master: Master, downMs: number): Promise<void> {
    await this.shutdown(master);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.launch(master);
    await this.waitUntilOk();
  }

  async stop(): Promise<void> {
    await Promise.all(this.masters.map((master) => this.shutdown(master)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(master: Master): Promise<void> {
    master.child = spawn(
      'redis-server',
      [
        '--port', String(master.port), '--bind', '127.0.0.1', '--dir', master.dir,
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000',
        '--save', '', '--appendonly', 'no',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new IORedis({ port: master.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${master.port}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
  }

  private async shutdown(master: Master): Promise<void> {
    const child = master.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const client = new IORedis({ port: master.port, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    client.disconnect();
    await exited;
  }

  /** Every master says the cluster is whole (all slots served). */
  private async waitUntilOk(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(
        this.masters.map(async (m) => {
          const client = new IORedis({ port: m.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
          client.on('error', () => undefined);
          try {
            await client.connect();
            return /cluster_state:ok/.test(String(await client.call('CLUSTER', 'INFO')));
          } catch {
            return false;
          } finally {
            client.disconnect();
          }
        }),
      );
      if (states.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error('The Redis Cluster did not become ok');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
