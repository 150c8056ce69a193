/**
 * Boots the real gateway and/or worker against the machine's MariaDB and RabbitMQ, isolated per
 * suite: its own database and its own AMQP_PREFIX (also its Redis key prefix), all removed by
 * `stop()`. In-process by
 * default (fast, the suite can reach into the apps); with `processes`, each app runs built from
 * dist/ in its own Node process, as in production (its own metrics, traces and logs).
 * In-process apps log into the suite's file under .vitest/app-logs/ (test-log-sink.ts), not the
 * terminal: the errors a suite provokes on purpose stay out of a passing run's output.
 */
import { createGatewayApp } from '../../apps/gateway/src/gateway-app';
import { createWorkerApp } from '../../apps/worker/src/worker-app';
import { loadConfig, type BeaconConfig, type EnvironmentSource } from '@beacon/config';
import { dropDatabase, migrateDatabase } from '@beacon/database';
import { connectToFirst, RabbitTopology } from '@beacon/messaging';
import type { LogDestination } from '@beacon/observability';
import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { startAppProcess, type AppName, type AppProcess } from './app-process';
import { appLogSink } from './test-log-sink';

export interface HarnessOptions {
  gateway?: boolean;
  worker?: boolean;
  /** Extra environment for both apps (e.g. an unreachable AMQP_URL). */
  env?: EnvironmentSource;
  /** Extra environment for one app only (e.g. its own METRICS_PORT), on top of `env`. */
  appEnv?: Partial<Record<AppName, EnvironmentSource>>;
  /**
   * The suite removes the broker itself (a cluster of its own): `stop()` leaves the run's queues
   * and exchanges to go with it, rather than wait on nodes the suite stopped (a quorum queue's
   * deletion waits about 5 s for each member it cannot reach).
   */
  keepTopology?: boolean;
  /** Run each app as its own process from dist/, optionally with its tracing instrumentation. */
  processes?: { traced?: boolean };
}

export interface BeaconHarness {
  gatewayUrl: string;
  workerUrl: string;
  config: BeaconConfig;
  topology: RabbitTopology;
  /**
   * What each app wrote: its processes' stdout and stderr (the last one's, with `processes`),
   * or the log lines of its in-process instances (also in the suite's log file).
   */
  output: Record<AppName, string[]>;
  /** Starts one more gateway on the same database and AMQP prefix (a second replica). */
  startGatewayReplica(): Promise<string>;
  /** Starts one more worker (after one was stopped, or beside it). */
  startWorker(): Promise<string>;
  /**
   * SIGTERM (or `signal`) to the app's last started process; resolves with its exit code.
   * Only with `processes`.
   */
  signalStop(app: AppName, signal?: NodeJS.Signals): Promise<number | null>;
  /** Sends a signal to the app's last started process, leaving it running. Only with `processes`. */
  signal(app: AppName, signal: NodeJS.Signals): void;
  /** The process id of the app's last started process. Only with `processes`. */
  pid(app: AppName): number;
  /** Runs one parameterised query against the suite's database. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-production';

export async function startBeacon(options: HarnessOptions = {}): Promise<BeaconHarness> {
  const runId = `e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const env: EnvironmentSource = {
    ...process.env,
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    DB_NAME: `beacon_${runId}`,
    AMQP_PREFIX: `beacon_${runId}`,
    PORT: '0',
    // Suites send many requests, follow many links and sign up many accounts from one IP; the
    // rate-limit suites set their own, low limits (each class's burst defaults to its max).
    RATE_LIMIT_MAX: '1000000',
    REDIRECT_RATE_LIMIT_MAX: '1000000',
    AUTH_RATE_LIMIT_MAX: '1000000',
    API_KEY_RATE_LIMIT_MAX: '1000000',
    // Readiness follows a dependency within a few seconds (3 failed checks a second apart),
    // rather than the production defaults' 15 s; the dependency-health suite sets its own.
    HEALTH_CHECK_INTERVAL_MS: '1000',
    HEALTH_CHECK_TIMEOUT_MS: '900',
    ...options.env,
  };
  const config = loadConfig('gateway', env);
  await migrateDatabase(config.database);
  const apps: { close(): Promise<unknown> }[] = [];
  const output: Record<AppName, string[]> = { gateway: [], worker: [] };
  const processes: Partial<Record<AppName, AppProcess>> = {};
  const stop = async () => {
    for (const app of apps.reverse()) await app.close();
    await dropDatabase(config.database);
    if (!options.keepTopology) await deleteTopology(config);
    await deleteRedisKeys(config);
  };
  const start = async (app: AppName): Promise<string> => {
    const appEnv = { ...env, ...options.appEnv?.[app] };
    if (!options.processes) {
      const logDestination = appLogSink().destination(output[app]);
      return listen(
        apps,
        app === 'worker'
          ? await startWorker(appEnv, logDestination)
          : await startGateway(appEnv, logDestination),
      );
    }
    const running = await startAppProcess(app, appEnv, options.processes);
    apps.push({ close: () => running.stop() });
    output[app] = running.output;
    processes[app] = running;
    return running.url;
  };
  const processOf = (app: AppName): AppProcess => {
    const running = processes[app];
    if (!running) throw new Error(`no ${app} process: start the harness with \`processes\``);
    return running;
  };
  try {
    const workerUrl = options.worker ? await start('worker') : '';
    const gatewayUrl = options.gateway === false ? '' : await start('gateway');
    return {
      gatewayUrl,
      workerUrl,
      config,
      topology: RabbitTopology.of(config.rabbitmq),
      output,
      startGatewayReplica: () => start('gateway'),
      startWorker: () => start('worker'),
      signalStop: (app, signal) => processOf(app).stop(signal),
      signal: (app, signal) => processOf(app).signal(signal),
      pid: (app) => processOf(app).pid,
      sql: (query, params) => runSql(config, query, params),
      stop,
    };
  } catch (error) {
    // What the apps logged before they failed to start is in the suite's file, not the terminal.
    if (!options.processes) console.log(appLogSink().report());
    await stop();
    throw error;
  }
}

function startGateway(
  env: EnvironmentSource,
  logDestination: LogDestination,
): Promise<INestApplication> {
  return createGatewayApp(loadConfig('gateway', env), { logDestination });
}

async function startWorker(
  env: EnvironmentSource,
  logDestination: LogDestination,
): Promise<INestApplication> {
  const worker = await createWorkerApp(loadConfig('worker', env), { logDestination });
  await worker.startAllMicroservices();
  return worker;
}

async function listen(
  apps: { close(): Promise<unknown> }[],
  app: INestApplication,
): Promise<string> {
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

async function runSql<T>(
  config: BeaconConfig,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  const { host, port, user, password, name } = config.database;
  const connection = await createConnection({ host, port, user, password, database: name });
  try {
    const [rows] = await connection.query(query, params);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

/** Removes the run's queues and exchanges (only when a node of the broker URL answers). */
async function deleteTopology(config: BeaconConfig): Promise<void> {
  const connection = await connectToFirst(config.rabbitmq.urls).catch(() => undefined);
  if (!connection) return;
  try {
    const channel = await connection.createChannel();
    await RabbitTopology.of(config.rabbitmq).delete(channel);
  } finally {
    await connection.close();
  }
}

/**
 * Removes the run's Redis keys (rate-limit buckets, the product cache), if it used Redis and
 * Redis is there (a suite may point REDIS_URL at nothing on purpose).
 */
async function deleteRedisKeys({ redis }: BeaconConfig): Promise<void> {
  if (!redis.url) return;
  const client = new Redis(redis.url, { lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => undefined);
  if (
    !(await client.connect().then(
      () => true,
      () => false,
    ))
  )
    return;
  try {
    const keys = await client.keys(`${redis.keyPrefix}*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    await client.quit();
  }
}
