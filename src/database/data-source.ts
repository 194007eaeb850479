import '../config/load-env';
import { databaseConfig } from '../config/config';
import { createDataSource } from './database-options';

/** For the TypeORM CLI (`npm run migrate`, the drift check); it awaits the promise. */
export default createDataSource(databaseConfig());
