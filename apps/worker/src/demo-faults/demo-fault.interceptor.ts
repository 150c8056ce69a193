/**
 * Demo faults on every consumed event (DEMO_WORKER_DELAY_MS, DEMO_WORKER_FAILURE_RATE), so the
 * event lag, retry and dead-letter alerts and panels can be shown firing. Registered only when
 * a fault is set or may be (RUNTIME_CONFIG_FILE); config refuses them in production. The faults
 * are read per event: a reload changes them in place.
 */
import { InjectConfig, type BeaconConfig, type DemoFaults } from '@beacon/config';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { setTimeout as sleep } from 'node:timers/promises';

export class DemoFaultError extends Error {}

@Injectable()
export class DemoFaultInterceptor implements NestInterceptor {
  private readonly faults: DemoFaults;

  constructor(@InjectConfig() config: BeaconConfig) {
    this.faults = config.demoFaults;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { workerDelayMs, workerFailureRate } = this.faults;
    if (context.getType() !== 'rpc' || (workerDelayMs === 0 && workerFailureRate === 0)) {
      return next.handle();
    }
    return from(this.inject()).pipe(mergeMap(() => next.handle()));
  }

  private async inject(): Promise<void> {
    if (this.faults.workerDelayMs > 0) await sleep(this.faults.workerDelayMs);
    if (Math.random() < this.faults.workerFailureRate) {
      throw new DemoFaultError('demo fault: DEMO_WORKER_FAILURE_RATE');
    }
  }
}
