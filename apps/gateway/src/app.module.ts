/**
 * Root module of the gateway: HTTP API (an access token or a scoped API key unless public),
 * redirects, stats, health.
 */
import { ConfigModule, type BeaconConfig } from '@beacon/config';
import { DatabaseModule } from '@beacon/database';
import { MessagingModule } from '@beacon/messaging';
import { HealthModule, MetricsModule, ObservabilityModule } from '@beacon/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AnalyticsModule } from './analytics/analytics.module';
import { ApiDocsModule } from './openapi/api-docs.module';
import { ConsoleModule } from './console/console.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { CatalogModule } from './catalog/catalog.module';
import { FaultModule } from './fault/fault.module';
import { gatewayDependencies } from './health/gateway-dependencies';
import { IdentityModule } from './identity/identity.module';
import { RateLimitModule } from './rate-limits/rate-limit.module';
import { LinksModule } from './links/links.module';
import { LiveVisitsModule } from './live-visits/live-visits.module';
import { LinkTransferModule } from './link-transfer/link-transfer.module';
import { OutboxSpoolModule } from './outbox/outbox-spool.module';
import { QrCodesModule } from './qr-codes/qr-codes.module';
import { ReadReplicaSet } from './read-replicas/read-replica-set';
import { ReadReplicasModule } from './read-replicas/read-replicas.module';

@Module({})
export class GatewayAppModule {
  static register(config: BeaconConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        ObservabilityModule.forRoot(logger),
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        MessagingModule,
        // The publisher's overflow: visits the broker cannot take in time wait in the outbox.
        OutboxSpoolModule,
        HealthModule.forRoot({
          imports: [MessagingModule, ReadReplicasModule],
          probes: gatewayDependencies,
          readReplicas: ReadReplicaSet,
        }),
        MetricsModule.forRoot(config.metrics),
        // Before IdentityModule: its JWT guard must not spare floods that fail authentication.
        RateLimitModule,
        IdentityModule,
        AnalyticsModule,
        CatalogModule,
        LinksModule,
        LiveVisitsModule,
        QrCodesModule,
        ApiKeysModule,
        WebhooksModule,
        LinkTransferModule,
        ApiDocsModule,
        ConsoleModule,
        ...(config.env === 'test' ? [FaultModule] : []),
      ],
    };
  }
}
