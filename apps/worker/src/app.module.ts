/**
 * Root module of the worker: queue consumers (provided here, so that they stop first on
 * shutdown) plus health on its own HTTP port.
 */
import { ConfigModule, type BeaconConfig } from '@beacon/config';
import { DatabaseModule } from '@beacon/database';
import { MessagingModule } from '@beacon/messaging';
import { HealthModule, MetricsModule, ObservabilityModule } from '@beacon/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AnalyticsModule } from './analytics/analytics.module';
import { DemoFaultsModule } from './demo-faults/demo-faults.module';
import { EnrichmentModule } from './enrichment/enrichment.module';
import { eventConsumersProvider } from './event-consumers.provider';
import { workerDependencies } from './health/worker-dependencies';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class WorkerAppModule {
  static register(config: BeaconConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        ObservabilityModule.forRoot(logger),
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        MessagingModule,
        HealthModule.forRoot({ imports: [MessagingModule], probes: workerDependencies }),
        MetricsModule.forRoot(config.metrics),
        AnalyticsModule,
        EnrichmentModule,
        WebhooksModule,
        DemoFaultsModule.register(config),
      ],
      providers: [eventConsumersProvider],
    };
  }
}
