/**
 * Liveness and readiness endpoints and the dependency checks behind readiness, shared by the
 * gateway and the worker. The app lists its dependencies as a factory of probes (providers of
 * the modules it imports here), so this lib needs no database, messaging or routing code:
 *
 *   HealthModule.forRoot({
 *     imports: [MessagingModule],
 *     probes: { inject: [DataSource, RabbitConnection], useFactory: (db, rabbit) => [...] },
 *   })
 */
import {
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Type,
} from '@nestjs/common';
import { DependencyChecker } from './dependency-checker.service';
import { DEPENDENCY_PROBES, type DependencyProbe } from './dependency-probe';
import { HealthController } from './health.controller';
import { READ_REPLICAS_PROBE, type ReadReplicasProbe } from './read-replicas-status';

export interface HealthModuleOptions {
  imports: ModuleMetadata['imports'];
  /** The app's dependencies, one probe each. */
  probes: Omit<FactoryProvider<DependencyProbe[]>, 'provide'>;
  /** Which read replicas serve, shown by readiness (the gateway's). */
  readReplicas?: Type<ReadReplicasProbe>;
}

@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: options.imports ?? [],
      controllers: [HealthController],
      providers: [
        { provide: DEPENDENCY_PROBES, ...options.probes },
        DependencyChecker,
        ...(options.readReplicas
          ? [{ provide: READ_REPLICAS_PROBE, useExisting: options.readReplicas }]
          : []),
      ],
    };
  }
}
