/**
 * Every metric of ARCHITECTURE.md's observability contract, declared once: name, help, label
 * names and, for histograms, buckets. Code records them through the method decorators
 * (metric.decorators.ts) or the HTTP hook; docs/observability.md explains each one.
 */
export interface CounterDefinition<L extends string = string> {
  readonly kind: 'counter';
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
}

export interface HistogramDefinition<L extends string = string> {
  readonly kind: 'histogram';
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  readonly buckets: readonly number[];
}

export interface GaugeDefinition<L extends string = string> {
  readonly kind: 'gauge';
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
}

const counter = <L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
): CounterDefinition<L> => ({ kind: 'counter', name, help, labelNames });

const histogram = <L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: readonly number[],
): HistogramDefinition<L> => ({ kind: 'histogram', name, help, labelNames, buckets });

const gauge = <L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
): GaugeDefinition<L> => ({ kind: 'gauge', name, help, labelNames });

/** A redirect takes well under a millisecond; the low buckets keep its p50 and p99 apart. */
const REQUEST_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** Consumers batch their writes (up to 200 ms) and retries wait up to 30 s. */
const EVENT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export const HTTP_REQUESTS = counter(
  'http_requests_total',
  'HTTP responses, by method, route template and status code',
  ['method', 'route', 'status_code'],
);

export const HTTP_REQUEST_DURATION = histogram(
  'http_request_duration_seconds',
  'Time from the request arriving to the response being sent, by method, route template and status code',
  ['method', 'route', 'status_code'],
  REQUEST_BUCKETS,
);

export const LINKS_CREATED = counter('links_created_total', 'Short links created', []);

export const LINK_REDIRECTS = counter(
  'link_redirects_total',
  'Visits of a short link, by result (found, not_found, expired)',
  ['result'],
);

export const EVENTS_PUBLISHED = counter(
  'events_published_total',
  'Events handed to the publisher, by type and result (confirmed, returned, failed, spilled, invalid)',
  ['type', 'result'],
);

export const EVENTS_DROPPED = counter(
  'events_dropped_total',
  'Events lost before reaching the broker, by type: the buffer was full and the spool (outbox) full, failing or too slow (should stay 0)',
  ['type'],
);

export const OUTBOX_PENDING = gauge(
  'outbox_pending',
  'Events in the outbox not yet confirmed by the broker (reported by the replica whose relay runs; 0 on the others)',
  [],
);

export const OUTBOX_CAPACITY = gauge(
  'outbox_capacity',
  'Events the outbox may hold (OUTBOX_MAX_EVENTS); spilled events past it are dropped',
  [],
);

export const AMQP_CONNECTED = gauge(
  'amqp_connected',
  "1 for the RabbitMQ node (host:port, from AMQP_URL's list) this app is connected to, 0 for the others",
  ['node'],
);

export const EVENTS_CONSUMED = counter(
  'events_consumed_total',
  'Events delivered to a consumer, by consumer, type and result (processed, failed, dead)',
  ['consumer', 'type', 'result'],
);

export const EVENT_PROCESSING_DURATION = histogram(
  'event_processing_duration_seconds',
  "Time a consumer's handler took for one event, by consumer and type",
  ['consumer', 'type'],
  EVENT_BUCKETS,
);

export const EVENT_LAG = histogram(
  'event_lag_seconds',
  'Time from when an event occurred to when its consumer finished with it, by consumer and type',
  ['consumer', 'type'],
  EVENT_BUCKETS,
);

export const CACHE_REQUESTS = counter(
  'cache_requests_total',
  'Cache lookups, by cache and result (hit, miss)',
  ['cache', 'result'],
);

export const RATE_LIMIT_REJECTIONS = counter(
  'rate_limit_rejections_total',
  'Requests refused with 429 by a rate limit, by route template',
  ['route'],
);

export const AUTH_ATTEMPTS = counter(
  'auth_attempts_total',
  'Register, login, refresh, logout, link-password and API-key attempts, by action and result',
  ['action', 'result'],
);

export const AI_REQUESTS = counter(
  'ai_requests_total',
  'Classifications, by result: success (the provider answered), error (it failed; the local classifier answered), fallback (not asked: unset or circuit open)',
  ['result'],
);

export const WEBHOOK_DELIVERIES = counter(
  'webhook_deliveries_total',
  'Webhook delivery attempts, by result: success (2xx), failure (will be retried), dead (the last attempt failed: dead-lettered), refused (the URL breaks the address rules now, or its secret cannot be read: not sent), skipped (the webhook was deleted or disabled meanwhile)',
  ['result'],
);

/** A receiver answers in milliseconds to seconds; WEBHOOK_TIMEOUT_MS (5 s) bounds an attempt. */
export const WEBHOOK_DELIVERY_DURATION = histogram(
  'webhook_delivery_duration_seconds',
  'Time from connecting to a webhook receiver to its full answer (or the failure), every attempt',
  [],
  [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
);

export const CIRCUIT_BREAKER_STATE = gauge(
  'circuit_breaker_state',
  'State of a circuit breaker, by name: 0 closed, 1 half-open, 2 open',
  ['name'],
);

export const CIRCUIT_BREAKER_TRANSITIONS = counter(
  'circuit_breaker_transitions_total',
  'State changes of a circuit breaker, by name and the states left and entered (closed, half_open, open)',
  ['name', 'from', 'to'],
);

export const DB_READS = counter(
  'db_reads_total',
  'Reads of the routed read paths (stats, catalog, top products, link lookups), by the pool that answered (primary, replica)',
  ['pool'],
);

export const DB_READ_FALLBACKS = counter(
  'db_read_fallbacks_total',
  'Routed reads sent to the primary while replicas are configured, by reason: recent_write (the read-your-writes window), unavailable (every replica skipped), replica_error (the replica failed the read), not_found (missing on the replica, asked again)',
  ['reason'],
);

export const DB_REPLICA_LAG = gauge(
  'db_replica_lag_seconds',
  "A read replica's Seconds_Behind_Master at its last check, by replica (host:port); +Inf while replication is stopped or the replica cannot be reached",
  ['replica'],
);

export const CONFIG_RELOADS = counter(
  'config_reloads_total',
  'Reloads of RUNTIME_CONFIG_FILE (at start, on a change, on SIGHUP), by result: success (applied) or failure (invalid, nothing changed)',
  ['result'],
);

export const CONFIG_LAST_RELOAD_SUCCESSFUL = gauge(
  'config_last_reload_successful',
  "1 when the last reload of RUNTIME_CONFIG_FILE was applied (or there was none), 0 after a failed one: the settings in force are not the file's",
  [],
);

export const CONFIG_INFO = gauge(
  'config_info',
  'Always 1; hash: a short SHA-256 of the reloadable settings in force (replicas with different settings show different hashes)',
  ['hash'],
);

export const DEPENDENCY_UP = gauge(
  'dependency_up',
  "The readiness checks' state of a dependency (mysql, rabbitmq, redis, ai-provider, mysql-replica:<host:port>): 1 up, 0 down after HEALTH_UNHEALTHY_THRESHOLD failed checks in a row (and until HEALTH_HEALTHY_THRESHOLD passed ones)",
  ['dependency'],
);

/** A check answers in milliseconds, or fails at HEALTH_CHECK_TIMEOUT_MS (2 s by default). */
export const DEPENDENCY_CHECK_DURATION = histogram(
  'dependency_check_duration_seconds',
  'Time each dependency check took, passed or failed (a check that timed out counts its timeout), by dependency',
  ['dependency'],
  [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

export const DB_POOL_CONNECTIONS = gauge(
  'db_pool_connections',
  'Connections of a MySQL pool, read at scrape time, by pool (primary, replica:<host:port>) and state: idle (open, unused), in_use (held by a query or transaction, or opening), waiting (callers queued for a connection, the pool being at DB_POOL_SIZE)',
  ['pool', 'state'],
);

/** Issue 21: visits stored, by country (ISO code, `unknown`, or `withheld` for GPC/DNT). */
export const VISITS_BY_COUNTRY = counter(
  'visits_by_country_total',
  'Visits the worker stored, by ISO 3166-1 country, unknown, or withheld (GPC or DNT)',
  ['country'],
);

/** Issue 21: raw visits (and their per-day visitor rows) deleted past VISIT_RETENTION_DAYS. */
export const VISITS_PURGED = counter(
  'visits_purged_total',
  'Raw visits deleted once older than VISIT_RETENTION_DAYS (rollups are kept)',
  [],
);
