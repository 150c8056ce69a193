/**
 * Runs one of the gateway's built command-line tools (`npm run user:create-admin`, `npm run
 * seed`) as its own process against a suite's database, with nothing of the test's environment
 * but PATH, as an operator would.
 */
import type { DatabaseConfig } from '@beacon/config';
import { spawnSync } from 'node:child_process';
import { builtEntry } from './app-process';

export interface ToolRun {
  status: number | null;
  /** stdout then stderr. */
  output: string;
}

export function runDatabaseTool(
  database: DatabaseConfig,
  tool: string,
  args: string[],
  { env = {}, stdin = '' }: { env?: Record<string, string>; stdin?: string } = {},
): ToolRun {
  const result = spawnSync(process.execPath, [builtEntry('gateway', tool), ...args], {
    env: {
      PATH: process.env.PATH,
      DB_HOST: database.host,
      DB_PORT: String(database.port),
      DB_USER: database.user,
      DB_PASSWORD: database.password,
      DB_NAME: database.name,
      ...env,
    },
    input: stdin,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
