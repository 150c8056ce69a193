/**
 * Liveness and readiness endpoints, shared by the gateway and the worker. The app names its
 * broker connection (a provider of an imported module), so this lib needs no messaging code:
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

export interface HealthModuleOptions {
  imports: ModuleMetadata['imports'];
  brokerConnection: Type<BrokerConnectionProbe>;
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
      ],
    };
  }
}
