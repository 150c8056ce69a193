/**
 * The gateway's circuit breaker around MySQL on the redirect path (`mysql` in
 * `circuit_breaker_state`). A lookup that takes longer than DB_BREAKER_TIMEOUT_MS, or fails to
 * reach MySQL, answers 503 at once instead of waiting for the driver's own timeouts; once half
 * of at least 5 recent lookups failed the circuit opens and every uncached lookup answers 503
 * without trying, until a probe after DB_BREAKER_RESET_MS finds MySQL back. Domain answers
 * (a link not found) are not failures.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { createCircuitBreaker, isBreakerRefusal, type Breaker } from '@beacon/resilience';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';
import { isConnectionError } from './connection-errors';
import { DatabaseUnavailableError } from './database-unavailable.error';

@Injectable()
export class DatabaseBreaker implements OnModuleDestroy {
  private readonly breaker: Breaker<[() => Promise<unknown>], unknown>;

  constructor(@InjectConfig() { databaseBreaker }: BeaconConfig) {
    this.breaker = createCircuitBreaker('mysql', (work: () => Promise<unknown>) => work(), {
      timeoutMs: databaseBreaker.timeoutMs,
      resetTimeoutMs: databaseBreaker.resetTimeoutMs,
      isFailure: (error) => !(error instanceof DomainError),
    });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(work)) as T;
    } catch (error) {
      if (isBreakerRefusal(error) || isConnectionError(error)) {
        throw new DatabaseUnavailableError();
      }
      throw error;
    }
  }

  onModuleDestroy(): void {
    this.breaker.shutdown();
  }
}
