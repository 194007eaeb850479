import '../config/load-env';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/config';
import { dataSourceOptions } from './database-options';

/** For the TypeORM CLI (`npm run migrate`, the drift check). */
export default new DataSource(dataSourceOptions(databaseConfig()));
