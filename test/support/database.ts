import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

// Read once: startApp points DATABASE_URL at each test's own database afterwards.
const ADMIN_URL = process.env.DATABASE_URL;

export interface TestDatabase {
  /** Settings that point the app at this database. */
  env: Record<string, string | undefined>;
  drop(): Promise<void>;
}

/**
 * A new, empty database for one test file: a PostgreSQL database created next to the one
 * DATABASE_URL names, or a fresh SQLite file when DATABASE_URL is not set.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `nl_test_${randomBytes(6).toString('hex')}`;
  const adminUrl = ADMIN_URL;
  if (!adminUrl) {
    const path = join(tmpdir(), `${name}.sqlite`);
    return {
      env: { DATABASE_URL: undefined, SQLITE_PATH: path },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      },
    };
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
