import { DataSource } from 'typeorm';

// Any constant works; it only has to be the same for every process of this service.
const MIGRATION_LOCK = 7_461_001;

/**
 * Runs pending migrations. On PostgreSQL an advisory lock makes processes that start together
 * take turns, so only the first one migrates.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
