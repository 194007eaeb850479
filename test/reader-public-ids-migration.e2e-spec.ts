import { migrationDatabase } from './support/migration-database';

const MINE = 1765310000000;

/** Readers who signed up before public ids get one each as the column comes, all different. */
describe('the reader public ids migration', () => {
  const db = migrationDatabase(MINE);

  it('gives every existing reader a random public id of their own, and every new one too', async () => {
    const before = await db.before();
    await before.runMigrations();
    await before.query(
      `INSERT INTO subscribers (email, created_at, updated_at) SELECT 'old.' || g || '@example.com', now(), now() FROM generate_series(1, 50) g`,
    );
    await before.destroy();

    const after = await db.through();
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
