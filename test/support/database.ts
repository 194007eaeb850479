import { createDatabase } from './services';

/** The PostgreSQL server end-to-end tests make their databases on (its user may create databases). */
export const ADMIN_DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Set by the `embedded` jest project: the app runs on PGlite under its VAR_DIR, as `npm start` does. */
const EMBEDDED = process.env.TEST_DATABASE === 'embedded';

export interface TestDatabase {
  /** Settings that point the app at this database. */
  env: Record<string, string | undefined>;
  drop(): Promise<void>;
}

/**
 * A new, empty database for one test file: a PostgreSQL database created next to the one
 * ADMIN_DATABASE_URL names; or, in the embedded project, no DATABASE_URL at all, so the app
 * opens a fresh PGlite under the test's own VAR_DIR.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  if (EMBEDDED) return { env: { DATABASE_URL: undefined }, drop: async () => undefined };
  const database = await createDatabase(ADMIN_DATABASE_URL, 'test');
  return { env: { DATABASE_URL: database.url }, drop: database.drop };
}
