export { HealthModule } from './health/health.module';
export { createAppLogger } from './app-logger';
export { MetricsModule } from './metrics/metrics.module';
