import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

describe('the embedded database (PGlite on a unix socket)', () => {
  let dir: string;
  let embedded: EmbeddedPostgres;
  let pool: Pool;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nl-pglite-'));
    embedded = await startEmbeddedPostgres(dir);
    pool = new Pool({ host: embedded.host, port: embedded.port, user: 'postgres', database: 'postgres', max: 8 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each of many concurrent connections with its own statement, large or small', async () => {
    // A 300 kB parameter arrives in several socket reads; pglite-socket's own queue let other
    // connections' statements run between its Parse and its Bind, and some came back wrong.
    const big = 'x'.repeat(300_000);
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 3 === 0
          ? pool.query<{ r: number }>('SELECT length($1::text) + $2::int AS r', [big, i]).then((r) => r.rows[0].r === big.length + i)
          : pool.query<{ r: string }>('SELECT $1::text || $2::text AS r', ['a', String(i)]).then((r) => r.rows[0].r === `a${i}`),
      ),
    );
    expect(answers.filter((right) => !right)).toHaveLength(0);
  });

  it('keeps a transaction to itself: another connection waits for its commit, then sees it', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS t (v int)');
    const inTransaction = await pool.connect();
    await inTransaction.query('BEGIN');
    await inTransaction.query('INSERT INTO t VALUES (1)');
    let seen: number | undefined;
    const outside = pool.query<{ n: number }>('SELECT count(*)::int AS n FROM t').then((r) => (seen = r.rows[0].n));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toBeUndefined();
    await inTransaction.query('COMMIT');
    inTransaction.release();
    await outside;
    expect(seen).toBe(1);
  });

  it('goes on after a failed statement, and rolls back what a vanished connection left open', async () => {
    await expect(pool.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    const client = new Client({ host: embedded.host, port: embedded.port, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (2)');
    // The connection drops mid-transaction: its insert must not survive, nor block anyone.
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE v = 2');
    expect(rows[0].n).toBe(0);
  });
});
