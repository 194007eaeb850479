import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/config';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { entities } from './entities';
import { migrations } from './migrations';

/** One description of the database, used by the app and by the TypeORM CLI alike. */
export function dataSourceOptions(config: DatabaseConfig, embedded?: { host: string; port: number }): DataSourceOptions {
  const where = config.url ? { url: config.url } : { ...embedded, username: 'postgres', database: 'postgres' };
  return {
    type: 'postgres',
    ...where,
    // A server that does not answer fails a request in seconds (503) rather than holding it.
    extra: { max: config.poolSize, connectionTimeoutMillis: 5000, keepAlive: true },
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    // A generated uuid column (subscribers.public_id) defaults to gen_random_uuid(), in core since
    // PostgreSQL 13 and in PGlite: no extension to create, so none is created at each connect.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
  };
}

/** A data source that stops the embedded database it started when it is destroyed. */
class EmbeddedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly embedded: EmbeddedPostgres,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    try {
      await super.destroy();
    } finally {
      await this.embedded.stop();
    }
  }
}

export const isEmbedded = (dataSource: DataSource): boolean => dataSource instanceof EmbeddedDataSource;

/**
 * The database the settings name: DATABASE_URL's server, or, with none, the embedded PGlite
 * under VAR_DIR (started here, or joined when another process of the service has it open).
 */
export async function createDataSource(config: DatabaseConfig, overrides: Partial<DataSourceOptions> = {}): Promise<DataSource> {
  if (config.url) return new DataSource({ ...dataSourceOptions(config), ...overrides } as DataSourceOptions);
  const embedded = await startEmbeddedPostgres(config.varDir);
  return new EmbeddedDataSource({ ...dataSourceOptions(config, embedded), ...overrides } as DataSourceOptions, embedded);
}
