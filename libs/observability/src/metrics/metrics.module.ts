/**
 * Prometheus metrics for an app: prom-client's default process metrics and the guarded
 * `/metrics` endpoint, in OpenMetrics (see metric-registry.ts). Import once in each app's root
 * module; business metrics come from the decorators and HTTP metrics from `recordHttpMetrics`,
 * all in the process's registry.
 */
import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';

@Module({
  imports: [
    PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: true } }),
  ],
  providers: [MetricsAccessGuard],
})
export class MetricsModule {}
