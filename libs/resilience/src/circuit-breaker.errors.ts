/** What a circuit breaker rejects with instead of the call's own answer. */

/** The circuit is open (or half-open with every probe slot taken): the call was not made. */
export class CircuitOpenError extends Error {
  constructor(breaker: string) {
    super(`circuit ${breaker} is open`);
    this.name = 'CircuitOpenError';
  }
}

/** The call took longer than the breaker's timeout: abandoned, and counted as a failure. */
export class CallTimeoutError extends Error {
  constructor(breaker: string, timeoutMs: number) {
    super(`call through circuit ${breaker} timed out after ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

/** The breaker refused the call without making it. */
export function isOpenCircuit(error: unknown): boolean {
  return error instanceof CircuitOpenError;
}

/** The breaker refused the call, or gave up waiting for it. */
export function isBreakerRefusal(error: unknown): boolean {
  return error instanceof CircuitOpenError || error instanceof CallTimeoutError;
}
