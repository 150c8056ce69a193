/**
 * Entry point of the TypeORM CLI (`npm run migration:run`): the same options as the apps,
 * with only the database variables of the environment.
 */
import { loadDatabaseConfig } from '@beacon/config';
import { createDataSource } from './data-source-options';

export default createDataSource(loadDatabaseConfig());
