/**
 * Prometheus metrics for an app: prom-client's default process metrics, the metric providers
 * of the libs, and the guarded `/metrics` endpoint. Import once in each app's root module.
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
