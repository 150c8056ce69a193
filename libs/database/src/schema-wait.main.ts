/** The apps' init step on Kubernetes: exits once the database's schema is this build's. */
import { loadDatabaseConfig } from '@beacon/config';
import { waitForSchema } from './schema-wait';

const database = loadDatabaseConfig();
const log = (line: string) => process.stdout.write(`${line}\n`);
waitForSchema(database, { intervalMs: 2000, log }).then(
  () => log(`schema of ${database.host}:${database.port}/${database.name} is current`),
  (error: Error) => {
    process.stderr.write(`schema wait failed: ${error.message}\n`);
    process.exit(1);
  },
);
