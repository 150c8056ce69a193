/**
 * Creates the database when it does not exist yet, then runs the pending migrations. Used by
 * `npm run migration:run` (a deploy step, never every replica at boot) and by the e2e suites.
 */
import type { DatabaseConfig } from '@beacon/config';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from './data-source-options';

export async function migrateDatabase(database: DatabaseConfig): Promise<string[]> {
  await createDatabaseIfMissing(database);
  const dataSource = new DataSource({ ...createDataSourceOptions(database), logging: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Drops the database (e2e suites and benchmarks clean up with it). */
export async function dropDatabase(database: DatabaseConfig): Promise<void> {
  await withServerConnection(database, (sql) =>
    sql.query(`DROP DATABASE IF EXISTS \`${database.name}\``),
  );
}

async function createDatabaseIfMissing(database: DatabaseConfig): Promise<void> {
  // The name is validated by libs/config ([A-Za-z0-9_]), so quoting it as an identifier is safe.
  await withServerConnection(database, (sql) =>
    sql.query(
      `CREATE DATABASE IF NOT EXISTS \`${database.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ),
  );
}

async function withServerConnection(
  database: DatabaseConfig,
  work: (sql: Awaited<ReturnType<typeof createConnection>>) => Promise<unknown>,
): Promise<void> {
  const sql = await createConnection({
    host: database.host,
    port: database.port,
    user: database.user,
    password: database.password,
  });
  try {
    await work(sql);
  } finally {
    await sql.end();
  }
}
