/**
 * Runs one of the built command-line tools (`npm run user:create-admin`, `npm run seed`,
 * `npm run dlq`) as its own process against a suite's database or broker, with nothing of the
 * test's environment but PATH, as an operator would.
 */
import type { DatabaseConfig, RabbitConfig } from '@beacon/config';
import { spawnSync } from 'node:child_process';
import { builtEntry, type AppName } from './app-process';

export interface ToolRun {
  status: number | null;
  /** stdout then stderr. */
  output: string;
}

interface ToolOptions {
  env?: Record<string, string>;
  stdin?: string;
}

export function runDatabaseTool(
  database: DatabaseConfig,
  tool: string,
  args: string[],
  { env = {}, stdin = '' }: ToolOptions = {},
): ToolRun {
  const databaseEnv = {
    DB_HOST: database.host,
    DB_PORT: String(database.port),
    DB_USER: database.user,
    DB_PASSWORD: database.password,
    DB_NAME: database.name,
  };
  return runTool('gateway', tool, args, { env: { ...databaseEnv, ...env }, stdin });
}

export function runBrokerTool(rabbit: RabbitConfig, tool: string, args: string[]): ToolRun {
  const env = {
    AMQP_URL: rabbit.urls.join(','),
    AMQP_PREFIX: rabbit.prefix,
    EVENT_RETRY_DELAYS_MS: rabbit.retryDelaysMs.join(','),
    WEBHOOK_RETRY_DELAYS_MS: rabbit.webhookRetryDelaysMs.join(','),
  };
  return runTool('worker', tool, args, { env });
}

function runTool(app: AppName, tool: string, args: string[], options: ToolOptions): ToolRun {
  return runCommand(process.execPath, [builtEntry(app, tool), ...args], options);
}

/** Any command (a script of scripts/, say), with nothing of the test's environment but PATH. */
export function runCommand(
  command: string,
  args: string[],
  { env = {}, stdin = '' }: ToolOptions = {},
): ToolRun {
  const result = spawnSync(command, args, {
    env: { PATH: process.env.PATH, ...env },
    input: stdin,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
