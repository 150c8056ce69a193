/**
 * Boots the real gateway and/or worker in-process against the machine's MariaDB and RabbitMQ,
 * isolated per suite: its own database and its own AMQP_PREFIX, both removed by `stop()`.
 */
import { createGatewayApp } from '../../apps/gateway/src/gateway-app';
import { createWorkerApp } from '../../apps/worker/src/worker-app';
import { loadConfig, type BeaconConfig, type EnvironmentSource } from '@beacon/config';
import { dropDatabase, migrateDatabase } from '@beacon/database';
import { RabbitTopology } from '@beacon/messaging';
import type { INestApplication } from '@nestjs/common';
import { connect } from 'amqplib';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';

export interface HarnessOptions {
  gateway?: boolean;
  worker?: boolean;
  /** Extra environment for both apps (e.g. an unreachable AMQP_URL). */
  env?: EnvironmentSource;
}

export interface BeaconHarness {
  gatewayUrl: string;
  workerUrl: string;
  config: BeaconConfig;
  topology: RabbitTopology;
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
    ...options.env,
  };
  const config = loadConfig('gateway', env);
  await migrateDatabase(config.database);
  const apps: INestApplication[] = [];
  const stop = async () => {
    for (const app of apps.reverse()) await app.close();
    await dropDatabase(config.database);
    await deleteTopology(config);
  };
  try {
    const workerUrl = options.worker ? await listen(apps, await startWorker(env)) : '';
    const gatewayUrl =
      options.gateway === false
        ? ''
        : await listen(apps, await createGatewayApp(loadConfig('gateway', env)));
    return {
      gatewayUrl,
      workerUrl,
      config,
      topology: new RabbitTopology(config.rabbitmq.prefix),
      sql: (query, params) => runSql(config, query, params),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startWorker(env: EnvironmentSource): Promise<INestApplication> {
  const worker = await createWorkerApp(loadConfig('worker', env));
  await worker.startAllMicroservices();
  return worker;
}

async function listen(apps: INestApplication[], app: INestApplication): Promise<string> {
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

/** Removes the run's queues and exchanges (only reachable when the broker URL is). */
async function deleteTopology(config: BeaconConfig): Promise<void> {
  const connection = await connect(config.rabbitmq.url).catch(() => undefined);
  if (!connection) return;
  try {
    const channel = await connection.createChannel();
    await new RabbitTopology(config.rabbitmq.prefix).delete(channel);
  } finally {
    await connection.close();
  }
}
