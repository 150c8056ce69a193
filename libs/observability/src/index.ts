export { HealthModule } from './health/health.module';
export type { DependencyProbe } from './health/dependency-probe';
export type { ReadReplicasProbe, ReplicaHealth } from './health/read-replicas-status';
export { httpErrorBody, httpErrorBodyOf, type HttpErrorBody } from './http-errors/http-error-body';
export { HttpErrorFilter, sendFrameworkError } from './http-errors/http-error.filter';
export { sendHttpErrorBody } from './http-errors/http-error.reply';
export {
  malformedRequestOptions,
  refuseRequestsWithoutHost,
} from './http-errors/malformed-requests';
export { createAppLogger, type LogDestination } from './logging/app-logger';
export { currentRequestId, runWithRequestId } from './logging/request-context';
export { requestIdOf, wellFormedRequestId } from './logging/request-id';
export { ObservabilityModule } from './observability.module';
export { observeHttpServer } from './http-server-observer';
export { UNMATCHED_ROUTE } from './metrics/http-metrics.hook';
export { isInfrastructurePath } from './infrastructure-paths';
export { INFRASTRUCTURE_ROUTE } from './infrastructure-route.decorator';
export { MetricsModule } from './metrics/metrics.module';
export { Counted, Observed, Timed, type CallOutcome } from './metrics/metric.decorators';
export {
  AI_REQUESTS,
  AMQP_CONNECTED,
  AUTH_ATTEMPTS,
  CACHE_REQUESTS,
  CIRCUIT_BREAKER_STATE,
  CIRCUIT_BREAKER_TRANSITIONS,
  DB_POOL_CONNECTIONS,
  DB_READ_FALLBACKS,
  DB_READS,
  DB_REPLICA_LAG,
  EVENT_LAG,
  EVENT_PROCESSING_DURATION,
  EVENTS_CONSUMED,
  EVENTS_DROPPED,
  EVENTS_PUBLISHED,
  LINK_REDIRECTS,
  LINKS_CREATED,
  OUTBOX_CAPACITY,
  OUTBOX_PENDING,
  RATE_LIMIT_REJECTIONS,
  VISITS_BY_COUNTRY,
  VISITS_PURGED,
  WEBHOOK_DELIVERIES,
  WEBHOOK_DELIVERY_DURATION,
} from './metrics/metric-catalog';
export { counterOf, gaugeOf, zeroCounter } from './metrics/metric-registry';
export { sampleAtScrape, type GaugeSample } from './metrics/scrape-time-gauge';
export { withoutTracing } from './tracing/without-tracing';
export { beaconVersion } from './beacon-version';
