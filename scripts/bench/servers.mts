// The two servers under test: the built gateway, on a migrated throw-away database with its own
// AMQP prefix, and the ceiling (bench-ceiling-server.mts), each in its own process.
import { randomBytes } from 'node:crypto';
import { loadConfig } from './built-libs.mts';
import { describeExit, freePort, startChild, waitReady, type Child } from './child-processes.mts';
import { deleteTopologyOnCleanup, dropDatabaseOnCleanup } from './cleanup.mts';
import { log } from './log.mts';
import {
  CEILING_SERVER,
  GATEWAY_MAIN,
  HTTP_TIMEOUT_MS,
  MIGRATE_MAIN,
  MIGRATION_TIMEOUT_MS,
  READY_TIMEOUT_MS,
  TARGET_URL,
} from './settings.mts';
import { withTimeout } from './with-timeout.mts';

export interface Server {
  child: Child;
  base: string;
}

/** Migrates database `name`, then boots the gateway on it, with AMQP prefix `name`. */
export async function startGateway(name: string): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DB_NAME: name,
    AMQP_PREFIX: name,
    JWT_SECRET: randomBytes(32).toString('hex'),
    METRICS_AUTH_TOKEN: randomBytes(16).toString('hex'),
    PUBLIC_BASE_URL: base,
    // Measure the path, not the limiter's verdict: the load comes from one IP.
    RATE_LIMIT_MAX: '1000000000',
    SHUTDOWN_TIMEOUT_MS: '5000',
  };
  // Read as the gateway reads it, so the clean-up removes exactly what the gateway created.
  const { database, rabbitmq } = loadConfig('gateway', env);

  log('migrating the database');
  dropDatabaseOnCleanup(database);
  const migration = startChild('migration', [MIGRATE_MAIN], env);
  await withTimeout(migration.exited, MIGRATION_TIMEOUT_MS, 'migration');
  if (migration.process.exitCode !== 0) throw new Error(describeExit(migration));

  log(`starting the gateway on port ${port}`);
  deleteTopologyOnCleanup(rabbitmq);
  const child = startChild('gateway', [GATEWAY_MAIN], env);
  await waitReady(child, `${base}/health/ready`);
  return { child, base };
}

/** Creates the link to TARGET_URL through the API and returns its slug. */
export async function createLink(gatewayBase: string): Promise<string> {
  const created = await fetch(`${gatewayBase}/api/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: TARGET_URL }),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const link = (await created.json()) as { slug?: string; url?: string };
  if (created.status !== 201 || !link.slug || link.url !== TARGET_URL) {
    throw new Error(`POST /api/links: expected 201 with a slug, got ${created.status}`);
  }
  return link.slug;
}

/** Starts the ceiling with that one link; it reports the port it listens on over IPC. */
export async function startCeiling(slug: string): Promise<Server> {
  log('starting the ceiling server');
  const child = startChild(
    'ceiling',
    [CEILING_SERVER],
    { ...process.env, BENCH_CEILING_LINKS: JSON.stringify({ [slug]: TARGET_URL }) },
    true,
  );
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      child.process.once('message', (message) => resolve((message as { port: number }).port));
      child.exited.then(() => reject(new Error(describeExit(child))));
    }),
    READY_TIMEOUT_MS,
    'ceiling server start',
  );
  return { child, base: `http://127.0.0.1:${port}` };
}

/** `GET /<slug>` must answer 302 to TARGET_URL (checked by hand, outside the load runs). */
export async function checkRedirect(base: string, slug: string): Promise<void> {
  const response = await fetch(`${base}/${slug}`, {
    redirect: 'manual',
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || location !== TARGET_URL) {
    throw new Error(
      `${base}/${slug}: expected 302 to ${TARGET_URL}, got ${response.status} to ${location}`,
    );
  }
}
