/**
 * The typed configuration every module injects: one section per concern, built from the
 * validated environment. Nothing outside libs/config reads process.env.
 */
import { Inject } from '@nestjs/common';
import { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';
import { environmentSchema, type Environment } from './environment.schema';
import { checkProductionRules } from './production-rules';
import { readRuntimeConfigFile } from './runtime/runtime-config-file';
import type {
  AppName,
  BeaconConfig,
  DatabaseConfig,
  HealthConfig,
  RabbitConfig,
  ReadReplicasConfig,
} from './config-sections';

export type EnvironmentSource = Record<string, string | undefined>;

/** Injection token of the BeaconConfig object (an interface, so it needs a symbol). */
export const BEACON_CONFIG = Symbol('BEACON_CONFIG');

/** Parameter decorator: `constructor(@InjectConfig() config: BeaconConfig)`. */
export const InjectConfig = () => Inject(BEACON_CONFIG);

const DEFAULT_PORTS: Record<AppName, number> = { gateway: 3333, worker: 3334 };

/**
 * Production keeps one trace in ten by default (the hot path stays fast, and parent-based
 * sampling keeps each kept trace whole across services); development and tests keep them all.
 */
const DEFAULT_SAMPLER_RATIO: Record<Environment['NODE_ENV'], number> = {
  production: 0.1,
  development: 1,
  test: 1,
};

/** The environment each config was built from: a reload rebuilds the config from the same one. */
const sources = new WeakMap<BeaconConfig, EnvironmentSource>();

export function loadConfig(app: AppName, source: EnvironmentSource = process.env): BeaconConfig {
  const config = configOf(app, withRuntimeSettings(source));
  sources.set(config, source);
  return config;
}

export function sourceOf(config: BeaconConfig): EnvironmentSource {
  return sources.get(config) ?? process.env;
}

/** The environment with RUNTIME_CONFIG_FILE's values over it, when the variable names a file. */
export function withRuntimeSettings(source: EnvironmentSource): EnvironmentSource {
  const file = source.RUNTIME_CONFIG_FILE;
  if (!file) return source;
  return { ...source, ...readRuntimeConfigFile(file) };
}

/** The config of an environment that already holds the runtime settings (withRuntimeSettings). */
export function configOf(app: AppName, source: EnvironmentSource): BeaconConfig {
  const config = toConfig(app, parseEnvironment(source));
  checkProductionRules(config);
  return config;
}

/** The database section alone, for tools (migrations) that need nothing else. */
export function loadDatabaseConfig(source: EnvironmentSource = process.env): DatabaseConfig {
  const env = parseEnvironment({ JWT_SECRET: 'unused-by-database-tools', ...source });
  return toDatabaseConfig(env);
}

/** The broker section alone, for tools (`npm run dlq`) that need nothing else. */
export function loadRabbitConfig(source: EnvironmentSource = process.env): RabbitConfig {
  const env = parseEnvironment({ JWT_SECRET: 'unused-by-broker-tools', ...source });
  return toRabbitConfig(env);
}

function toRabbitConfig(env: Environment): RabbitConfig {
  return {
    urls: env.AMQP_URL,
    prefix: env.AMQP_PREFIX,
    retryDelaysMs: env.EVENT_RETRY_DELAYS_MS,
    webhookRetryDelaysMs: env.WEBHOOK_RETRY_DELAYS_MS,
    publishBufferLimit: env.EVENT_BUFFER_LIMIT,
    spillLimit: env.EVENT_SPILL_LIMIT,
  };
}

/** ADMIN_PASSWORD, read by `npm run user:create-admin` only (never by the apps). */
export function loadAdminPassword(source: EnvironmentSource = process.env): string | undefined {
  return source.ADMIN_PASSWORD || undefined;
}

function parseEnvironment(source: EnvironmentSource): Environment {
  const result = environmentSchema.safeParse(withoutEmptyDefaults(source));
  if (result.success) return result.data;
  throw new ConfigValidationError(`Invalid environment: ${describeIssues(result.error)}`);
}

/** An empty variable means "use the default", as in most twelve-factor tooling. */
function withoutEmptyDefaults(source: EnvironmentSource): EnvironmentSource {
  const keepEmpty = new Set(['DB_PASSWORD', 'ALLOWED_ORIGINS', 'METRICS_AUTH_TOKEN', 'AI_API_KEY']);
  return Object.fromEntries(
    Object.entries(source).filter(([key, value]) => value !== '' || keepEmpty.has(key)),
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function toConfig(app: AppName, env: Environment): BeaconConfig {
  const port = parsePort(env.PORT, DEFAULT_PORTS[app]);
  checkMetricsPort(env.METRICS_PORT, port);
  return {
    app,
    env: env.NODE_ENV,
    http: {
      port,
      trustProxy: env.TRUST_PROXY,
      allowedOrigins: env.ALLOWED_ORIGINS,
      publicBaseUrl: env.PUBLIC_BASE_URL,
    },
    database: toDatabaseConfig(env),
    readReplicas: toReadReplicasConfig(env),
    rabbitmq: toRabbitConfig(env),
    auth: {
      jwtSecret: env.JWT_SECRET,
      accessTtlSeconds: durationSeconds(env.JWT_ACCESS_EXPIRES),
      refreshExpiresDays: env.JWT_REFRESH_EXPIRES_DAYS,
    },
    rateLimit: {
      windowMs: env.RATE_LIMIT_WINDOW_MS,
      api: { max: env.RATE_LIMIT_MAX, burst: env.RATE_LIMIT_BURST ?? env.RATE_LIMIT_MAX },
      redirect: {
        max: env.REDIRECT_RATE_LIMIT_MAX,
        burst: env.REDIRECT_RATE_LIMIT_BURST ?? env.REDIRECT_RATE_LIMIT_MAX,
      },
      auth: {
        max: env.AUTH_RATE_LIMIT_MAX,
        burst: env.AUTH_RATE_LIMIT_BURST ?? env.AUTH_RATE_LIMIT_MAX,
      },
      key: {
        max: env.API_KEY_RATE_LIMIT_MAX,
        burst: env.API_KEY_RATE_LIMIT_BURST ?? env.API_KEY_RATE_LIMIT_MAX,
      },
    },
    metrics: {
      enabled: env.METRICS_ENABLED,
      authTokens: env.METRICS_AUTH_TOKEN,
      port: env.METRICS_PORT,
    },
    cache: { enabled: env.CACHE_ENABLED, ttlMs: env.CACHE_TTL_MS },
    log: { level: env.LOG_LEVEL },
    runtimeConfigFile: env.RUNTIME_CONFIG_FILE,
    shutdown: { timeoutMs: env.SHUTDOWN_TIMEOUT_MS },
    health: toHealthConfig(env),
    visits: {
      delivery: env.VISIT_DELIVERY,
      confirmTimeoutMs: env.VISIT_CONFIRM_TIMEOUT_MS,
      honourPrivacySignals: env.PRIVACY_HONOUR_GPC,
      retentionDays: env.VISIT_RETENTION_DAYS,
      purgeIntervalMs: env.VISIT_PURGE_INTERVAL_MS,
      geoipDatabase: env.GEOIP_DATABASE,
    },
    liveVisits: {
      replayMs: env.LIVE_VISITS_REPLAY_MS,
      replayPerLink: env.LIVE_VISITS_REPLAY_MAX,
      heartbeatMs: env.LIVE_VISITS_HEARTBEAT_MS,
      streamsPerUser: env.LIVE_STREAMS_PER_USER,
    },
    outbox: { pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, maxEvents: env.OUTBOX_MAX_EVENTS },
    analytics: { flushConcurrency: env.WORKER_FLUSH_CONCURRENCY },
    redis: { url: env.REDIS_URL, keyPrefix: `${env.AMQP_PREFIX}:` },
    demoFaults: {
      workerDelayMs: env.DEMO_WORKER_DELAY_MS,
      workerFailureRate: env.DEMO_WORKER_FAILURE_RATE,
      aiFailure: env.DEMO_AI_FAILURE,
    },
    databaseBreaker: {
      timeoutMs: env.DB_BREAKER_TIMEOUT_MS,
      failureThreshold: env.DB_BREAKER_FAILURE_THRESHOLD,
      successThreshold: env.DB_BREAKER_SUCCESS_THRESHOLD,
      resetTimeoutMs: env.DB_BREAKER_RESET_MS,
    },
    ai: {
      providerUrl: env.AI_PROVIDER_URL,
      apiKey: env.AI_API_KEY || undefined,
      model: env.AI_MODEL,
      timeoutMs: env.AI_TIMEOUT_MS,
      breaker: {
        failureThreshold: env.AI_BREAKER_FAILURE_THRESHOLD,
        successThreshold: env.AI_BREAKER_SUCCESS_THRESHOLD,
        resetTimeoutMs: env.AI_BREAKER_RESET_MS,
      },
      agent: { maxSockets: env.AI_MAX_SOCKETS, keepAliveIdleMs: env.AI_KEEPALIVE_IDLE_MS },
    },
    webhooks: {
      allowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      disableAfterMs: env.WEBHOOK_DISABLE_AFTER_MS,
    },
    tracing: {
      enabled: !env.OTEL_SDK_DISABLED,
      endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: env.OTEL_SERVICE_NAME ?? `beacon-${app}`,
      sampler: env.OTEL_TRACES_SAMPLER,
      samplerRatio: env.OTEL_TRACES_SAMPLER_ARG ?? DEFAULT_SAMPLER_RATIO[env.NODE_ENV],
    },
  };
}

function toDatabaseConfig(env: Environment): DatabaseConfig {
  return {
    host: env.DB_HOST,
    port: env.DB_PORT,
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    name: env.DB_NAME,
    pool: {
      size: env.DB_POOL_SIZE,
      idleTimeoutMs: env.DB_POOL_IDLE_TIMEOUT_MS,
      maxLifetimeMs: env.DB_POOL_MAX_LIFETIME_MS,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    },
  };
}

function toReadReplicasConfig(env: Environment): ReadReplicasConfig {
  const primary = toDatabaseConfig(env);
  return {
    replicas: env.DB_REPLICA_HOSTS.map(({ host, port }) => ({
      ...primary,
      host,
      port,
      user: env.DB_REPLICA_USER ?? primary.user,
      password: env.DB_REPLICA_PASSWORD ?? primary.password,
    })),
    maxLagSeconds: env.DB_REPLICA_MAX_LAG_S,
  };
}

/** The timeout must end a check before the next one is due; caught here, naming both variables. */
function toHealthConfig(env: Environment): HealthConfig {
  if (env.HEALTH_CHECK_TIMEOUT_MS >= env.HEALTH_CHECK_INTERVAL_MS) {
    throw new ConfigValidationError(
      `Invalid environment: HEALTH_CHECK_TIMEOUT_MS: must be below HEALTH_CHECK_INTERVAL_MS ` +
        `(${env.HEALTH_CHECK_TIMEOUT_MS} >= ${env.HEALTH_CHECK_INTERVAL_MS})`,
    );
  }
  return {
    intervalMs: env.HEALTH_CHECK_INTERVAL_MS,
    timeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
    unhealthyThreshold: env.HEALTH_UNHEALTHY_THRESHOLD,
    healthyThreshold: env.HEALTH_HEALTHY_THRESHOLD,
  };
}

/** PORT's default depends on the app, so it is checked here rather than in the schema. */
function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (Number.isInteger(port) && port >= 0 && port <= 65535 && raw.trim() !== '') return port;
  throw new ConfigValidationError(
    'Invalid environment: PORT: expected a port number from 0 to 65535',
  );
}

/** Both listeners cannot share a port; caught here, where the message can name both variables. */
function checkMetricsPort(metricsPort: number | undefined, port: number): void {
  if (metricsPort === undefined || metricsPort !== port) return;
  throw new ConfigValidationError(
    `Invalid environment: METRICS_PORT: must differ from PORT (both are ${port})`,
  );
}

const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** `15m` → 900; the schema has already checked the `<digits><s|m|h|d>` shape. */
function durationSeconds(duration: string): number {
  const unit = duration.at(-1) as keyof typeof SECONDS_PER_UNIT;
  return Number(duration.slice(0, -1)) * SECONDS_PER_UNIT[unit];
}
