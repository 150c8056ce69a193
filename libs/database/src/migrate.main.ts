/** `npm run migration:run`: create the database if needed and apply pending migrations. */
import { loadDatabaseConfig } from '@beacon/config';
import { parseArgs } from 'node:util';
import { migrateDatabase } from './migrate-database';

const USAGE = `usage: npm run migration:run

Creates the DB_* database if it does not exist, then applies the migrations it has not had yet
(one transaction each). Run it once per deploy, before the new apps start; the apps never
migrate by themselves. Undo the last one with: npm run migration:revert
`;

class UsageError extends Error {}

async function main(): Promise<void> {
  if (helpAsked()) {
    process.stdout.write(USAGE);
    return;
  }
  const database = loadDatabaseConfig();
  const applied = await migrateDatabase(database);
  const summary = applied.length > 0 ? applied.join(', ') : 'none pending';
  process.stdout.write(
    `migrations on ${database.host}:${database.port}/${database.name}: ${summary}\n`,
  );
}

function helpAsked(): boolean {
  try {
    return parseArgs({ options: { help: { type: 'boolean', short: 'h' } } }).values.help === true;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`migration failed: ${error.message}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
