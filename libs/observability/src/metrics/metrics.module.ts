/**
 * Prometheus metrics for an app: prom-client's default process metrics and the guarded
 * `/metrics` endpoint, in OpenMetrics (see metric-registry.ts). Import once in each app's root
 * module; business metrics come from the decorators and HTTP metrics from `observeHttpServer`'s
 * hooks, all in the process's registry.
 *
 * Where `/metrics` is served: on the app's HTTP port by default; with METRICS_PORT, on that port
 * only (metrics-port.server.ts), and the HTTP port has no such route (404 like any unknown path,
 * not 401, so it does not even tell that metrics exist). With metrics off, the guard's 404 stays.
 */
import type { BeaconConfig } from '@beacon/config';
import { Module, type DynamicModule } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { collectDefaultMetrics, register } from 'prom-client';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { MetricsPortServer } from './metrics-port.server';

@Module({})
export class MetricsModule {
  static forRoot(metrics: BeaconConfig['metrics']): DynamicModule {
    collectProcessMetricsOnce();
    if (metrics.enabled && metrics.port !== undefined) {
      return { module: MetricsModule, providers: [MetricsPortServer] };
    }
    return {
      module: MetricsModule,
      imports: [
        PrometheusModule.register({
          controller: MetricsController,
          defaultMetrics: { enabled: false },
        }),
      ],
      providers: [MetricsAccessGuard],
    };
  }
}

/**
 * prom-client's process and Node.js metrics, in the registry of the process: registered once,
 * since the e2e suites build both apps in one process (a second registration throws).
 */
function collectProcessMetricsOnce(): void {
  if (register.getSingleMetric('process_start_time_seconds') === undefined) {
    collectDefaultMetrics();
  }
}
