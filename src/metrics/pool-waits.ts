import { performance } from 'node:perf_hooks';
import type { Pool, PoolClient } from 'pg';

type Callback = (error: Error | undefined, client: PoolClient | undefined, release: (error?: unknown) => void) => void;

/**
 * Times how long a query waits for a connection when every one of the pool's is busy. pg's pool
 * has no event for a queued request, so its `connect` is wrapped; `pool.query` and TypeORM's query
 * runners both come through it. Requests that find a free or new connection are not counted.
 */
export function timePoolWaits(pool: Pool, observe: (seconds: number) => void): void {
  const connect = pool.connect.bind(pool) as (callback?: Callback) => Promise<PoolClient> | void;
  const max = (pool as Pool & { options: { max?: number } }).options.max ?? 10;
  const timed = (callback?: Callback) => {
    if (pool.idleCount > 0 || pool.totalCount < max) return connect(callback);
    const started = performance.now();
    const done = () => observe((performance.now() - started) / 1000);
    if (callback) {
      return connect((error, client, release) => {
        done();
        callback(error, client, release);
      });
    }
    return (connect() as Promise<PoolClient>).finally(done);
  };
  pool.connect = timed as Pool['connect'];
}
