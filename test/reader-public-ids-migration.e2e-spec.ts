import { DataSource } from 'typeorm';
import { migrations } from '../src/database/migrations';
import { ADMIN_DATABASE_URL } from './support/database';
import { createDatabase, CreatedDatabase } from './support/services';

const MINE = 1765310000000;
const timestamp = (migration: (typeof migrations)[number]) => Number(/\d{13}/.exec(migration.name)![0]);

/** Readers who signed up before public ids get one each as the column comes, all different. */
describe('the reader public ids migration', () => {
  let database: CreatedDatabase;

  beforeAll(async () => {
    database = await createDatabase(ADMIN_DATABASE_URL, 'migration');
  });

  afterAll(async () => {
    await database?.drop();
  });

  const open = async (upTo: (m: (typeof migrations)[number]) => boolean) => {
    const ds = new DataSource({ type: 'postgres', url: database.url, migrations: migrations.filter(upTo), migrationsTableName: 'migrations' });
    await ds.initialize();
    return ds;
  };

  it('gives every existing reader a random public id of their own, and every new one too', async () => {
    const before = await open((m) => timestamp(m) < MINE);
    await before.runMigrations();
    await before.query(
      `INSERT INTO subscribers (email, created_at, updated_at) SELECT 'old.' || g || '@example.com', now(), now() FROM generate_series(1, 50) g`,
    );
    await before.destroy();

    const after = await open((m) => timestamp(m) <= MINE);
    await after.runMigrations();
    await after.query(`INSERT INTO subscribers (email, created_at, updated_at) VALUES ('new@example.com', now(), now())`);
    const rows = (await after.query(`SELECT id, public_id FROM subscribers ORDER BY id`)) as Array<{ id: number; public_id: string }>;
    expect(rows).toHaveLength(51);
    expect(rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.public_id))).toBe(true);
    expect(new Set(rows.map((r) => r.public_id)).size).toBe(51);
    // In no order that follows the ids.
    const sorted = [...rows].sort((a, b) => a.public_id.localeCompare(b.public_id)).map((r) => r.id);
    expect(sorted).not.toEqual(rows.map((r) => r.id));
    await expect(after.query(`UPDATE subscribers SET public_id = (SELECT public_id FROM subscribers WHERE id = 1) WHERE id = 2`)).rejects.toThrow(
      /idx_subscribers_public_id/,
    );

    await after.undoLastMigration();
    const columns = (await after.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'subscribers'`)) as Array<{
      column_name: string;
    }>;
    expect(columns.map((c) => c.column_name)).not.toContain('public_id');
    await after.destroy();
  });
});
