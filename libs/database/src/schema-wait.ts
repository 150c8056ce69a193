/**
 * Waits until the database holds every migration this build knows. The apps' pods run it as an
 * init step on Kubernetes, so a new release's pod never starts on the previous schema: the Job
 * `beacon-migrate` applies the migrations, and the pods wait for it instead of racing it. It only
 * reads (the migrations table), so any number of pods may wait at once.
 */
import type { DatabaseConfig } from '@beacon/config';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, MigrationExecutor } from 'typeorm';
import { createDataSourceOptions } from './data-source-options';

/** The names of the migrations not applied yet (all of them while the table is missing). */
export async function pendingMigrations(database: DatabaseConfig): Promise<string[]> {
  const dataSource = new DataSource({ ...createDataSourceOptions(database), logging: false });
  await dataSource.initialize();
  try {
    const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
    return pending.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Polls until nothing is pending; an unreachable database or a missing table is waited out. */
export async function waitForSchema(
  database: DatabaseConfig,
  { intervalMs, log }: { intervalMs: number; log: (line: string) => void },
): Promise<void> {
  for (;;) {
    const pending = await pendingMigrations(database).catch((error: Error) => error);
    if (Array.isArray(pending) && pending.length === 0) return;
    log(
      Array.isArray(pending)
        ? `waiting for migrations: ${pending.join(', ')}`
        : `waiting for the database: ${pending.message}`,
    );
    await sleep(intervalMs);
  }
}
