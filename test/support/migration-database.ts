import { DataSource } from 'typeorm';
import { entities } from '../../src/database/entities';
import { migrations } from '../../src/database/migrations';
import { ADMIN_DATABASE_URL } from './database';
import { createDatabase, CreatedDatabase } from './services';

type Migration = (typeof migrations)[number];
const timestamp = (migration: Migration) => Number(/\d{13}/.exec(migration.name)![0]);

/**
 * A database of a migration spec's own (made before its tests, dropped after), opened as it was
 * before the migration under test (`before`), with it (`through`), or with every migration and the
 * entities (`complete`, to ask for drift).
 */
export function migrationDatabase(mine: number): {
  before: () => Promise<DataSource>;
  through: () => Promise<DataSource>;
  /** The schema changes the entities would still make to tables whose names match. */
  drift: (tables: RegExp) => Promise<string[]>;
} {
  let database: CreatedDatabase;
  beforeAll(async () => {
    database = await createDatabase(ADMIN_DATABASE_URL, 'migration');
  });
  afterAll(async () => {
    await database?.drop();
  });

  const open = async (upTo: (m: Migration) => boolean) => {
    const ds = new DataSource({ type: 'postgres', url: database.url, migrations: migrations.filter(upTo), migrationsTableName: 'migrations' });
    await ds.initialize();
    return ds;
  };
  return {
    before: () => open((m) => timestamp(m) < mine),
    through: () => open((m) => timestamp(m) <= mine),
    drift: async (tables) => {
      const ds = new DataSource({ type: 'postgres', url: database.url, entities, migrations, migrationsTableName: 'migrations' });
      await ds.initialize();
      await ds.runMigrations();
      const { upQueries } = await ds.driver.createSchemaBuilder().log();
      await ds.destroy();
      return upQueries.map((q) => q.query).filter((q) => tables.test(q));
    },
  };
}
