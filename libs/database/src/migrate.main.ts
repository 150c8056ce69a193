/** `npm run migration:run`: create the database if needed and apply pending migrations. */
import { loadDatabaseConfig } from '@beacon/config';
import { migrateDatabase } from './migrate-database';

async function main(): Promise<void> {
  const database = loadDatabaseConfig();
  const applied = await migrateDatabase(database);
  const summary = applied.length > 0 ? applied.join(', ') : 'none pending';
  process.stdout.write(
    `migrations on ${database.host}:${database.port}/${database.name}: ${summary}\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`migration failed: ${error.message}\n`);
  process.exit(1);
});
