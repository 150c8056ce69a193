// The servers under test: the built gateway in each of its variants (gateway-variants.mts), on
// one migrated throw-away database with one AMQP prefix, and the ceiling
// (bench-ceiling-server.mts), each in its own process.
import { randomBytes } from 'node:crypto';
import { loadConfig } from './built-libs.mts';
import { describeExit, freePort, startChild, waitReady, type Child } from './child-processes.mts';
import { deleteTopologyOnCleanup, dropDatabaseOnCleanup } from './cleanup.mts';
import { variantEnvironment, type GatewayVariant } from './gateway-variants.mts';
import { log } from './log.mts';
import {
  CEILING_SERVER,
  GATEWAY_INSTRUMENTATION,
  GATEWAY_MAIN,
  HTTP_TIMEOUT_MS,
  MIGRATE_MAIN,
  MIGRATION_TIMEOUT_MS,
  READY_TIMEOUT_MS,
  SEED_MAIN,
  TARGET_URL,
  WORKER_MAIN,
} from './settings.mts';
import { withTimeout } from './with-timeout.mts';

export interface Server {
  child: Child;
  base: string;
}

export interface Gateway extends Server {
  variant: GatewayVariant;
  /** Its METRICS_AUTH_TOKEN, for reading `/metrics` back. */
  metricsToken: string;
  /** Spans the tracing SDK said it dropped, in its diagnostics, whoever printed them. */
  diagnostics: { droppedSpans: number };
}

/**
 * The BatchSpanProcessor's warning. Read from the output as well as from the metric, because
 * the metric counts only what reaches the app's diagnostic logger.
 */
const DROPPED_SPANS_LINE = /Dropped (\d+) spans because maxQueueSize reached/;

/** One secret for all variants, like replicas: the bench's access token works on each. */
const JWT_SECRET = randomBytes(32).toString('hex');

/** What every gateway shares: production mode, database and AMQP prefix `name`. */
function gatewayEnvironment(name: string, port: number): NodeJS.ProcessEnv {
  const base = `http://127.0.0.1:${port}`;
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DB_NAME: name,
    AMQP_PREFIX: name,
    JWT_SECRET,
    // The bench's one access token must outlive the longest run.
    JWT_ACCESS_EXPIRES: '1d',
    // Production requires a token while metrics are on (they are, in every variant).
    METRICS_AUTH_TOKEN: randomBytes(16).toString('hex'),
    PUBLIC_BASE_URL: base,
    // Measure the path, not the limiter's verdict: the load comes from one IP.
    RATE_LIMIT_MAX: '1000000000',
    REDIRECT_RATE_LIMIT_MAX: '1000000000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    // For profiling the gateways alone, e.g. `--perf-basic-prof` for `perf record -p <pid>`.
    ...(process.env.BENCH_GATEWAY_NODE_OPTIONS
      ? { NODE_OPTIONS: process.env.BENCH_GATEWAY_NODE_OPTIONS }
      : {}),
  };
}

/**
 * Migrates database `name` (with another build's migrations if `migrateMain` names them); the
 * clean-up drops it and deletes the AMQP topology `name`.
 */
export async function migrateDatabase(name: string, migrateMain = MIGRATE_MAIN): Promise<void> {
  const env = gatewayEnvironment(name, await freePort());
  // Read as the gateway reads it, so the clean-up removes exactly what the gateways created.
  const { database, rabbitmq } = loadConfig('gateway', env);
  log('migrating the database');
  dropDatabaseOnCleanup(database);
  deleteTopologyOnCleanup(rabbitmq);
  const migration = startChild('migration', [migrateMain], env);
  await withTimeout(migration.exited, MIGRATION_TIMEOUT_MS, 'migration');
  if (migration.process.exitCode !== 0) throw new Error(describeExit(migration));
}

/** The configuration every app of the run reads, as the gateways read it. */
export function runConfig(name: string) {
  return loadConfig('gateway', gatewayEnvironment(name, 3333));
}

/**
 * Boots the built worker (or another build's, `workerMain`) on database and AMQP prefix `name`;
 * `onLine` sees its output.
 */
export async function startWorker(
  name: string,
  onLine: (line: string) => void,
  workerMain = WORKER_MAIN,
): Promise<Server> {
  const port = await freePort();
  const env = { ...gatewayEnvironment(name, port), LOG_LEVEL: 'debug', OTEL_SDK_DISABLED: 'true' };
  log(`starting the worker on port ${port}`);
  const child = startChild(`worker ${name}`, [workerMain], env, { onLine });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(child, `${base}/health/ready`);
  return { child, base };
}

/** Fills database `name` with `products` demo products (`npm run seed`, built). */
export async function seedCatalog(name: string, products: number): Promise<void> {
  log(`seeding ${products} products`);
  const env = gatewayEnvironment(name, await freePort());
  const seed = startChild('seed', [SEED_MAIN, '--products', String(products)], env);
  await withTimeout(seed.exited, MIGRATION_TIMEOUT_MS, 'seed');
  if (seed.process.exitCode !== 0) throw new Error(describeExit(seed));
}

/**
 * Boots one gateway variant on the migrated database, exporting spans to `otlpEndpoint`;
 * `extraEnv` changes its configuration further (the catalog part turns its cache off).
 */
export async function startGateway(
  name: string,
  variant: GatewayVariant,
  otlpEndpoint: string | undefined,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Gateway> {
  const port = await freePort();
  const env = {
    ...variantEnvironment(gatewayEnvironment(name, port), variant, otlpEndpoint),
    ...extraEnv,
  };
  log(`starting the gateway "${variant.name}" on port ${port}`);
  const diagnostics = { droppedSpans: 0 };
  const child = startChild(
    `gateway ${variant.name}`,
    ['--import', GATEWAY_INSTRUMENTATION, GATEWAY_MAIN],
    env,
    {
      onLine: (line) => {
        const dropped = DROPPED_SPANS_LINE.exec(line);
        if (dropped) diagnostics.droppedSpans += Number(dropped[1]);
      },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitReady(child, `${base}/health/ready`);
  log(`gateway "${variant.name}" ready, pid ${child.process.pid}`);
  return { child, base, variant, metricsToken: env.METRICS_AUTH_TOKEN!, diagnostics };
}

/** Registers the bench's account and returns its `Authorization` header value. */
export async function benchAuthorization(gatewayBase: string): Promise<string> {
  const registered = await fetch(`${gatewayBase}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: randomBytes(16).toString('hex') }),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const session = (await registered.json()) as { accessToken?: string };
  if (registered.status !== 201 || !session.accessToken) {
    throw new Error(`POST /auth/register: expected 201 with a token, got ${registered.status}`);
  }
  return `Bearer ${session.accessToken}`;
}

/** Creates the link to TARGET_URL through the API and returns its slug. */
export async function createLink(gatewayBase: string, authorization: string): Promise<string> {
  const created = await fetch(`${gatewayBase}/api/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ url: TARGET_URL }),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const link = (await created.json()) as { slug?: string; url?: string };
  if (created.status !== 201 || !link.slug || link.url !== TARGET_URL) {
    throw new Error(`POST /api/links: expected 201 with a slug, got ${created.status}`);
  }
  return link.slug;
}

/** Starts the ceiling with that one link. */
export function startCeiling(slug: string): Promise<Server> {
  log('starting the ceiling server');
  return startScript('ceiling', CEILING_SERVER, {
    BENCH_CEILING_LINKS: JSON.stringify({ [slug]: TARGET_URL }),
  });
}

/** Starts one of the bench's own servers; it reports the port it listens on over IPC. */
export async function startScript(
  childName: string,
  script: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Server> {
  const child = startChild(childName, [script], { ...process.env, ...extraEnv }, { ipc: true });
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      child.process.once('message', (message) => resolve((message as { port: number }).port));
      child.exited.then(() => reject(new Error(describeExit(child))));
    }),
    READY_TIMEOUT_MS,
    `${childName} start`,
  );
  return { child, base: `http://127.0.0.1:${port}` };
}

/**
 * `GET /<slug>` must answer 302 to TARGET_URL (checked by hand, outside the load runs). Extra
 * headers: a `traceparent` makes a traced gateway record the request whatever its sampler.
 */
export async function checkRedirect(
  base: string,
  slug: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await fetch(`${base}/${slug}`, {
    redirect: 'manual',
    headers,
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || location !== TARGET_URL) {
    throw new Error(
      `${base}/${slug}: expected 302 to ${TARGET_URL}, got ${response.status} to ${location}`,
    );
  }
}
