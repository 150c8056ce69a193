export { HealthModule } from './health/health.module';
export { createAppLogger } from './app-logger';
export { MetricsModule } from './metrics/metrics.module';
export { recordHttpMetrics, UNMATCHED_ROUTE } from './metrics/http-metrics.hook';
export { Counted, Observed, Timed, type CallOutcome } from './metrics/metric.decorators';
export {
  CACHE_REQUESTS,
  EVENT_LAG,
  EVENT_PROCESSING_DURATION,
  EVENTS_CONSUMED,
  EVENTS_PUBLISHED,
  HTTP_REQUEST_DURATION,
  HTTP_REQUESTS,
  LINK_REDIRECTS,
  LINKS_CREATED,
} from './metrics/metric-catalog';
