/**
 * The shape of the configuration: one section per concern, each documented where it is
 * declared. beacon-config.ts builds it from the validated environment.
 */
import type { Environment } from './environment.schema';

export type AppName = 'gateway' | 'worker';

export interface BeaconConfig {
  app: AppName;
  env: Environment['NODE_ENV'];
  http: {
    port: number;
    trustProxy: boolean | number | string[];
    allowedOrigins: string[];
    publicBaseUrl: string;
  };
  database: DatabaseConfig;
  readReplicas: ReadReplicasConfig;
  rabbitmq: RabbitConfig;
  auth: {
    jwtSecret: string;
    /** Lifetime of an access token (JWT_ACCESS_EXPIRES, e.g. 15m), in seconds. */
    accessTtlSeconds: number;
    refreshExpiresDays: number;
  };
  /**
   * Token buckets per client IP and route class, or per API key (apps/gateway/src/rate-limits):
   * each class refills `max` tokens per `windowMs` and holds at most `burst`.
   */
  rateLimit: {
    windowMs: number;
    /** Every route but the redirect and the auth attempts, and requests that match no route. */
    api: RateLimitBucket;
    /** `GET /:slug` (and HEAD): generous, since one office behind one NAT clicks many links. */
    redirect: RateLimitBucket;
    /** Login, register, refresh and link-password attempts: strict, since guessing pays. */
    auth: RateLimitBucket;
    /** Requests made with a valid API key: one bucket per key, whatever address it comes from. */
    key: RateLimitBucket;
  };
  metrics: {
    enabled: boolean;
    authTokens: string[];
    /**
     * METRICS_PORT: `/metrics` is served there, and only there (so a network policy can keep
     * it apart from the public port). Unset: on the main HTTP port.
     */
    port?: number;
  };
  /** The catalog's read cache: CACHE_ENABLED=false reads MySQL every time (for comparison). */
  cache: { enabled: boolean; ttlMs: number };
  log: { level: Environment['LOG_LEVEL'] };
  /** RUNTIME_CONFIG_FILE: reloadable settings over the environment (runtime/config-reloader.ts). */
  runtimeConfigFile: string | undefined;
  shutdown: { timeoutMs: number };
  health: HealthConfig;
  visits: VisitsConfig;
  liveVisits: LiveVisitsConfig;
  outbox: {
    /** How often the relay looks for events written by other replicas (and spilled ones). */
    pollIntervalMs: number;
    /** Events the outbox holds at most; past it, spilled events are dropped (and counted). */
    maxEvents: number;
  };
  /** The worker's analytics writes: how many batches may be stored at once. */
  analytics: { flushConcurrency: number };
  /** `keyPrefix` namespaces this deployment's keys (from AMQP_PREFIX, so test runs stay apart). */
  redis: { url?: string; keyPrefix: string };
  /** Faults for showing alerts and dashboards firing; off by default, refused in production. */
  demoFaults: DemoFaults;
  /**
   * The gateway's circuit breakers around MySQL: the redirect's lookups (`mysql`) and, with
   * half the timeout, each read replica's reads. Reloadable: read at each use.
   */
  databaseBreaker: BreakerConfig & {
    /** A statement slower than this fails (and counts against the circuit). */
    timeoutMs: number;
  };
  ai: {
    /** Base URL of an OpenAI-compatible API (`…/v1`); unset: the local classifier only. */
    providerUrl?: string;
    apiKey?: string;
    model: string;
    /** A provider call slower than this is aborted (and counts against the circuit). */
    timeoutMs: number;
    /** The `ai-provider` circuit breaker. Reloadable, with timeoutMs: read at each use. */
    breaker: BreakerConfig;
    /** The provider's kept-alive sockets; read once at start (a change needs a restart). */
    agent: AiAgentConfig;
  };
  webhooks: WebhooksConfig;
  tracing: TracingConfig;
}

/** Outgoing webhooks (apps/gateway/src/webhooks, apps/worker/src/webhooks). */
export interface WebhooksConfig {
  /**
   * WEBHOOK_ALLOW_PRIVATE: accept URLs whose host is (or resolves to) a private, loopback,
   * link-local or otherwise internal address. Off by default: a webhook must not reach inside.
   */
  allowPrivate: boolean;
  /** WEBHOOK_TIMEOUT_MS: a delivery not answered within this fails (and is retried). */
  timeoutMs: number;
  /** WEBHOOK_DISABLE_AFTER_MS: a webhook failing without a success for this long is disabled. */
  disableAfterMs: number;
}

export interface RateLimitBucket {
  /** Tokens added per window, continuously: the sustained rate. */
  max: number;
  /** Tokens a bucket holds at most: the burst a client may send at once. */
  burst: number;
}

export interface TracingConfig {
  enabled: boolean;
  /** OTLP/HTTP base URL; spans go to `${endpoint}/v1/traces`. */
  endpoint: string;
  serviceName: string;
  sampler: Environment['OTEL_TRACES_SAMPLER'];
  /** Share of new traces kept by the ratio samplers. */
  samplerRatio: number;
}

/** A circuit breaker's thresholds (libs/resilience describes the states). */
export interface BreakerConfig {
  /** Failures in a row that open a closed circuit. */
  failureThreshold: number;
  /** Successes in a row that close a half-open circuit (and its calls let through at once). */
  successThreshold: number;
  /** How long the circuit stays open before it lets calls through again (half-open). */
  resetTimeoutMs: number;
}

/**
 * The active dependency checks behind readiness: each dependency is probed every `intervalMs`,
 * a probe that has not answered within `timeoutMs` fails, and the state changes only after
 * `unhealthyThreshold` failures or `healthyThreshold` successes in a row.
 */
export interface HealthConfig {
  intervalMs: number;
  /** Below `intervalMs`, so a round is over before the next one starts. */
  timeoutMs: number;
  unhealthyThreshold: number;
  healthyThreshold: number;
}

export interface DatabaseConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  name: string;
  /** The primary's pool and, as they copy it, every replica's. */
  pool: DatabasePoolConfig;
}

/** A MySQL connection pool (DB_POOL_*, DB_CONNECT_TIMEOUT_MS); a change needs a restart. */
export interface DatabasePoolConfig {
  /** DB_POOL_SIZE: connections the pool opens at most; beyond them, queries wait their turn. */
  size: number;
  /** DB_POOL_IDLE_TIMEOUT_MS: an unused connection is closed after this long. */
  idleTimeoutMs: number;
  /**
   * DB_POOL_MAX_LIFETIME_MS: a connection older than this is closed when it is released, and
   * the pool opens a fresh one when it needs one; 0: connections live as long as they work.
   */
  maxLifetimeMs: number;
  /** DB_CONNECT_TIMEOUT_MS: how long opening a connection may take. */
  connectTimeoutMs: number;
}

/** The AI provider's HTTP keep-alive agent (AI_MAX_SOCKETS, AI_KEEPALIVE_IDLE_MS). */
export interface AiAgentConfig {
  /** Sockets open to the provider at most; further requests wait for a free one. */
  maxSockets: number;
  /** A kept-alive socket unused this long is closed. */
  keepAliveIdleMs: number;
}

/** The gateway's read replicas (DB_REPLICA_*); with none, every read goes to the primary. */
export interface ReadReplicasConfig {
  /**
   * One connection per replica: its host and port, the primary's database name, and
   * DB_REPLICA_USER / DB_REPLICA_PASSWORD, or else the primary's credentials.
   */
  replicas: DatabaseConfig[];
  /** DB_REPLICA_MAX_LAG_S: a replica further behind the primary than this is skipped. */
  maxLagSeconds: number;
}

export interface DemoFaults {
  /** Every consumed event waits this long before its handler. */
  workerDelayMs: number;
  /** This share of consumed events fails in its handler (then retries and dead letters). */
  workerFailureRate: number;
  /** Every AI provider call fails (errors, then the circuit opens and the fallback answers). */
  aiFailure: boolean;
}

export interface RabbitConfig {
  /**
   * AMQP_URL: the broker, or the nodes of a cluster in the order they are tried. They hold
   * credentials: log a node as host:port only.
   */
  urls: string[];
  prefix: string;
  /** The delay before each retry of a failed event; after the last, it is dead-lettered. */
  retryDelaysMs: number[];
  /**
   * WEBHOOK_RETRY_DELAYS_MS: the same for one webhook delivery (the `webhook-deliveries`
   * consumer), longer since a receiver may be down for hours.
   */
  webhookRetryDelaysMs: number[];
  /**
   * Events the publisher holds in memory while the broker has not confirmed them; beyond it,
   * the gateway spills them into the outbox.
   */
  publishBufferLimit: number;
  /**
   * Events the publisher holds in memory on their way to the spool (the outbox), once the
   * buffer is full (about 1 KB each); beyond it, they are dropped (and counted).
   */
  spillLimit: number;
}

/** The gateway's live visit streams (`GET /api/links/:slug/visits/live`, Server-Sent Events). */
export interface LiveVisitsConfig {
  /** LIVE_VISITS_REPLAY_MS: how far back a stream resumed with Last-Event-ID is replayed. */
  replayMs: number;
  /** LIVE_VISITS_REPLAY_MAX: visits kept for replay per link at most (the newest). */
  replayPerLink: number;
  /** LIVE_VISITS_HEARTBEAT_MS: a comment this often keeps idle streams through proxies. */
  heartbeatMs: number;
  /** LIVE_STREAMS_PER_USER: streams one account may hold open on one replica; beyond, 429. */
  streamsPerUser: number;
}

/**
 * When a redirect answers (VISIT_DELIVERY). `buffered`: at once, its visit queued in memory (a
 * killed gateway loses the visits of its last tens of milliseconds). `confirmed`: once the visit
 * is durable, confirmed by the broker or stored in the outbox spool.
 */
export interface VisitsConfig {
  delivery: 'buffered' | 'confirmed';
  /**
   * In `confirmed` mode, how long a visit waits for the broker's confirm before it goes to the
   * spool, and then as long again for the spool before the redirect answers anyway.
   */
  confirmTimeoutMs: number;
  /** PRIVACY_HONOUR_GPC: a visit sent with `Sec-GPC: 1` or `DNT: 1` is counted, nothing more. */
  honourPrivacySignals: boolean;
  /** VISIT_RETENTION_DAYS: raw visits older than this are purged (0: kept forever). */
  retentionDays: number;
  purgeIntervalMs: number;
  /** GEOIP_DATABASE: an MMDB file of countries; the packaged CC0 one when unset. */
  geoipDatabase?: string;
}
