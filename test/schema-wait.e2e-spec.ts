// The apps' init step on Kubernetes (dist/libs/database/src/schema-wait.main.js), run as its own
// process as a pod runs it: it waits while the database is missing or behind this build's
// migrations, and exits 0 as soon as the migration Job has applied them.
import { loadDatabaseConfig } from '@beacon/config';
import { dropDatabase, migrateDatabase } from '@beacon/database';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';

const ENTRY = join(resolve(__dirname, '..'), 'dist/libs/database/src/schema-wait.main.js');

describe('the schema wait (init step)', () => {
  const database = loadDatabaseConfig({
    ...process.env,
    DB_NAME: `beacon_e2e_schema_${randomBytes(3).toString('hex')}`,
  });
  let waiter: ChildProcess | undefined;
  afterAll(async () => {
    waiter?.kill();
    await dropDatabase(database);
  });

  const createEmptyDatabase = async () => {
    const { host, port, user, password, name } = database;
    const sql = await createConnection({ host, port, user, password });
    await sql.query(`CREATE DATABASE \`${name}\``);
    await sql.end();
  };

  it('waits for a missing database, then for its migrations, and exits once they are applied', async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first`);
    const env = {
      PATH: process.env.PATH,
      DB_HOST: database.host,
      DB_PORT: String(database.port),
      DB_USER: database.user,
      DB_PASSWORD: database.password,
      DB_NAME: database.name,
    };
    waiter = spawn(process.execPath, [ENTRY], { env });
    let output = '';
    waiter.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    const exited = once(waiter, 'exit');

    await eventually(() => expect(output).toContain('waiting for the database'));
    await createEmptyDatabase();
    await eventually(() => expect(output).toContain('waiting for migrations: CreateLinks'));
    expect(waiter.exitCode).toBeNull();
    await migrateDatabase(database);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).toMatch(/schema of .* is current/);
  });
});
