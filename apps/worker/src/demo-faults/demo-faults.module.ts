/**
 * Adds the demo fault interceptor when DEMO_WORKER_DELAY_MS or DEMO_WORKER_FAILURE_RATE is set,
 * or when RUNTIME_CONFIG_FILE may set them later (they are reloadable; the interceptor then
 * passes events straight through while both are 0).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DemoFaultInterceptor } from './demo-fault.interceptor';

@Module({})
export class DemoFaultsModule {
  /**
   * Warns from the constructor rather than from `register`: Nest buffers what is logged while
   * it builds the app and hands it to the app's logger, whereas `register` runs before the app
   * exists and would write to the console in Nest's own format.
   */
  constructor(@InjectConfig() { demoFaults }: BeaconConfig) {
    const { workerDelayMs, workerFailureRate } = demoFaults;
    if (workerDelayMs > 0 || workerFailureRate > 0) {
      new Logger(DemoFaultsModule.name).warn(
        `demo faults on: events wait ${workerDelayMs} ms, ${workerFailureRate * 100} % fail`,
      );
    }
  }

  static register({ demoFaults, runtimeConfigFile }: BeaconConfig): DynamicModule {
    const { workerDelayMs, workerFailureRate } = demoFaults;
    const faulty = workerDelayMs > 0 || workerFailureRate > 0;
    if (!faulty && !runtimeConfigFile) return { module: DemoFaultsModule };
    return {
      module: DemoFaultsModule,
      providers: [{ provide: APP_INTERCEPTOR, useClass: DemoFaultInterceptor }],
    };
  }
}
