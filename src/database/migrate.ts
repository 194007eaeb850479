import { DataSource } from 'typeorm';

// Any constant works; it only has to be the same for every process of this service.
const MIGRATION_LOCK = 7_461_001;

/**
 * Runs pending migrations. An advisory lock makes processes that start together take turns, so
 * only the first one migrates. (On the embedded database every connection is one session, where
 * the lock never waits; only one process opens it anyway.)
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
