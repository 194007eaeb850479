/**
 * The two databases the service runs on. Entity column types are chosen when the entity classes
 * load, so the environment (DATABASE_URL) must be read before any entity is imported: main.ts,
 * cli.ts and data-source.ts load `config/load-env` first.
 */
export type Dialect = 'postgres' | 'sqlite';

export const dialect = (): Dialect => (process.env.DATABASE_URL ? 'postgres' : 'sqlite');

/** timestamptz on PostgreSQL; SQLite keeps UTC text that sorts as time does. */
export const timestampType = (): 'timestamptz' | 'datetime' =>
  dialect() === 'postgres' ? 'timestamptz' : 'datetime';
