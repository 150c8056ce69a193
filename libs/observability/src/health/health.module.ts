/**
 * Liveness and readiness endpoints, shared by the gateway and the worker. The app names its
 * broker connection and, if it has any, its read replicas (providers of imported modules), so
 * this lib needs no messaging or routing code:
 *
 *   HealthModule.forRoot({ imports: [MessagingModule], brokerConnection: RabbitConnection })
 */
import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  BROKER_CONNECTION_PROBE,
  BrokerHealthIndicator,
  type BrokerConnectionProbe,
} from './broker-health.indicator';
import { HealthController } from './health.controller';
import {
  READ_REPLICAS_PROBE,
  ReplicaHealthIndicator,
  type ReadReplicasProbe,
} from './replica-health.indicator';

export interface HealthModuleOptions {
  imports: ModuleMetadata['imports'];
  brokerConnection: Type<BrokerConnectionProbe>;
  readReplicas?: Type<ReadReplicasProbe>;
}

@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        BrokerHealthIndicator,
        { provide: BROKER_CONNECTION_PROBE, useExisting: options.brokerConnection },
        ReplicaHealthIndicator,
        ...(options.readReplicas
          ? [{ provide: READ_REPLICAS_PROBE, useExisting: options.readReplicas }]
          : []),
      ],
    };
  }
}
