/**
 * The gateway's circuit breaker around MySQL on the redirect path (`mysql` in
 * `circuit_breaker_state`). A lookup that takes longer than DB_BREAKER_TIMEOUT_MS, or fails to
 * reach MySQL, answers 503 at once instead of waiting for the driver's own timeouts; after
 * DB_BREAKER_FAILURE_THRESHOLD failures in a row the circuit opens and every uncached lookup
 * answers 503 without trying, until DB_BREAKER_RESET_MS later DB_BREAKER_SUCCESS_THRESHOLD
 * lookups in a row find MySQL back. Domain answers (a link not found) are not failures. The
 * settings are read from the live configuration at each decision (reloadable).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { CircuitBreaker, isBreakerRefusal } from '@beacon/resilience';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';
import { isConnectionError } from './connection-errors';
import { DatabaseUnavailableError } from './database-unavailable.error';

@Injectable()
export class DatabaseBreaker {
  private readonly breaker: CircuitBreaker;

  constructor(@InjectConfig() config: BeaconConfig) {
    this.breaker = new CircuitBreaker('mysql', {
      settings: () => config.databaseBreaker,
      isFailure: (error) => !(error instanceof DomainError),
    });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.run(work);
    } catch (error) {
      if (isBreakerRefusal(error) || isConnectionError(error)) {
        throw new DatabaseUnavailableError();
      }
      throw error;
    }
  }
}
