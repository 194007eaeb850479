import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConfig, databaseConfig } from '../config/config';
import { createDataSource, dataSourceOptions } from './database-options';
import { Db } from './db.service';
import { runMigrations } from './migrate';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: DatabaseConfig) => dataSourceOptions(config),
      // The embedded database starts before TypeORM connects; migrations run before anything
      // else touches the database.
      dataSourceFactory: async () => {
        const dataSource = await (await createDataSource(databaseConfig())).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
