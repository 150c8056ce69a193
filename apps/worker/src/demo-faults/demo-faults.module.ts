/** Adds the demo fault interceptor when DEMO_WORKER_DELAY_MS or DEMO_WORKER_FAILURE_RATE is set. */
import type { DemoFaults } from '@beacon/config';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DemoFaultInterceptor } from './demo-fault.interceptor';

@Module({})
export class DemoFaultsModule {
  static register({ workerDelayMs, workerFailureRate }: DemoFaults): DynamicModule {
    if (workerDelayMs === 0 && workerFailureRate === 0) return { module: DemoFaultsModule };
    new Logger(DemoFaultsModule.name).warn(
      `demo faults on: events wait ${workerDelayMs} ms, ${workerFailureRate * 100} % fail`,
    );
    return {
      module: DemoFaultsModule,
      providers: [{ provide: APP_INTERCEPTOR, useClass: DemoFaultInterceptor }],
    };
  }
}
