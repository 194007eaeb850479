import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/config';
import { entities } from './entities';
import { migrations } from './migrations';

/** One description of the database, used by the app and by the TypeORM CLI alike. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = { entities, migrations, migrationsTableName: 'migrations', synchronize: false } as const;
  if (config.url) {
    return {
      ...common,
      type: 'postgres',
      url: config.url,
      extra: { max: config.poolSize },
    };
  }
  const path = resolve(config.sqlitePath);
  mkdirSync(dirname(path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: path,
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      // WAL lets a worker process and the API read while the other writes.
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 10000');
      db.pragma('synchronous = NORMAL');
    },
  };
}
