import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseConfig, databaseConfig } from '../config/config';
import { dataSourceOptions } from './database-options';
import { Db } from './db.service';
import { runMigrations } from './migrate';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: DatabaseConfig) => dataSourceOptions(config),
      // Migrations run before anything else touches the database.
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
