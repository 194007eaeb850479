import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';

/** Where the `pg` driver finds a database: a unix socket's directory and the port in its name. */
interface SocketAddress {
  host: string;
  port: number;
}

export interface EmbeddedPostgres extends SocketAddress {
  /** True when this process opened the data directory; false when it joined another's server. */
  readonly owner: boolean;
  stop(): Promise<void>;
}

// The port only names the socket file (.s.PGSQL.5432); nothing listens on TCP.
const PORT = 5432;
const UNIX_PATH_MAX = 100;

type Item = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

// Extended-protocol messages that leave an unnamed statement or portal waiting for its Sync:
// Parse, Bind, Describe, Execute, Close, Flush.
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const SYNC = 0x53;
const QUERY = 0x51;

/**
 * Runs every connection's protocol messages on PGlite's single session, one connection at a
 * time. A connection keeps the session from its first extended-protocol message to its Sync,
 * and from BEGIN to COMMIT, so no other connection's statement can come between.
 *
 * pglite-socket's own queue keeps a connection only while a transaction is open, so two
 * connections' Parse/Bind/Execute could interleave and one bind the other's unnamed statement
 * (electric-sql/pglite#1046; embedded-postgres.spec.ts reproduces it). It also stopped for good
 * after one failed message; this one goes on.
 */
class SessionQueue {
  private readonly queue: Item[] = [];
  private readonly openBatches = new Set<number>();
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.run();
    });
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      if (this.queue[i].handlerId !== handlerId) continue;
      this.queue.splice(i, 1)[0].reject(new Error('Connection closed'));
    }
    this.openBatches.delete(handlerId);
  }

  /** A connection that went away inside a transaction: roll it back and let the others on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    this.owner = null;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
    void this.run();
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
        if (index < 0 || this.queue.length === 0) return;
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.openBatches.delete(item.handlerId);
          this.owner = this.db.isInTransaction() ? item.handlerId : null;
          item.reject(error);
          continue;
        }
        const type = item.message[0];
        if (EXTENDED.has(type)) this.openBatches.add(item.handlerId);
        else if (type === SYNC || type === QUERY) this.openBatches.delete(item.handlerId);
        this.owner = this.db.isInTransaction() || this.openBatches.has(item.handlerId) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }
}

/** The socket's directory: the data's own when its path is short enough for a unix socket. */
function socketDirFor(varDir: string): string {
  const own = resolve(varDir);
  if (join(own, `.s.PGSQL.${PORT}`).length <= UNIX_PATH_MAX) return own;
  return join(tmpdir(), `nl-pg-${createHash('sha256').update(own).digest('hex').slice(0, 12)}`);
}

async function answers(address: SocketAddress): Promise<boolean> {
  const client = new Client({ ...address, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data directory for this process, or says which live process has it. */
function lock(path: string): { taken: true } | { taken: false; holder: number } {
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { taken: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder && holder !== process.pid && alive(holder)) return { taken: false, holder };
      rmSync(path, { force: true });
    }
  }
}

/**
 * PostgreSQL with no server to install: PGlite (Postgres compiled to WASM) keeps its data in
 * `<varDir>/pglite` and is served on a unix socket to the same `pg` driver a real server gets.
 * Only one process may open the data directory; another process of the service (the CLI in a
 * second shell) finds the socket and connects to the first one's server.
 */
export async function startEmbeddedPostgres(varDir: string, options: { waitMs?: number } = {}): Promise<EmbeddedPostgres> {
  const dataDir = resolve(varDir, 'pglite');
  const socketDir = socketDirFor(varDir);
  const address = { host: socketDir, port: PORT };
  const socketPath = join(socketDir, `.s.PGSQL.${PORT}`);
  const lockPath = resolve(varDir, 'pglite.lock');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(socketDir, { recursive: true });

  const deadline = Date.now() + (options.waitMs ?? 60_000);
  for (;;) {
    const taken = lock(lockPath);
    if (taken.taken) break;
    if (existsSync(socketPath) && (await answers(address))) return { ...address, owner: false, stop: async () => undefined };
    if (Date.now() > deadline) {
      throw new Error(`The embedded database in ${dataDir} is held by process ${taken.holder}, which does not answer on ${socketPath}`);
    }
    // The other process is still opening the database.
    await new Promise((done) => setTimeout(done, 250));
  }

  let db: PGlite | undefined;
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  try {
    const [{ PGlite }, { PGLiteSocketHandler }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
    db = await PGlite.create(dataDir);
    const queue = new SessionQueue(db);
    rmSync(socketPath, { force: true });
    server = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // The handler frames the protocol's messages; the queue decides whose turn it is.
      const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
      void handler.attach(socket);
    });
    await new Promise<void>((listening, failed) => {
      server!.once('error', failed);
      server!.listen(socketPath, () => listening());
    });
  } catch (error) {
    server?.close();
    await db?.close().catch(() => undefined);
    rmSync(lockPath, { force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    ...address,
    owner: true,
    stop() {
      stopped ??= (async () => {
        const closed = new Promise<void>((done) => server!.close(() => done()));
        // Connections of other processes (a CLI in another shell) end with this one.
        for (const socket of sockets) socket.destroy();
        await closed;
        await db!.close();
        rmSync(socketPath, { force: true });
        rmSync(lockPath, { force: true });
      })();
      return stopped;
    },
  };
}
