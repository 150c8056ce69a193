/**
 * Circuit breakers (opossum) that export their state as `circuit_breaker_state{name}`: 0 closed,
 * 1 half-open, 2 open. A breaker opens once at least `volumeThreshold` calls in the rolling
 * window failed at `errorThresholdPercentage` or more (a call slower than `timeoutMs` fails),
 * answers at once while open, and after `resetTimeoutMs` lets one probe call through
 * (half-open): its success closes the breaker, its failure opens it again.
 */
import { CIRCUIT_BREAKER_STATE, gaugeOf } from '@beacon/observability';
import CircuitBreaker from 'opossum';

export interface BreakerOptions {
  /** A call slower than this fails (and is abandoned). */
  timeoutMs: number;
  /** How long the breaker stays open before its half-open probe. */
  resetTimeoutMs: number;
  /** Failed share of the window's calls, in percent, that opens the breaker. */
  errorThresholdPercentage?: number;
  /** Calls in the window before the breaker may open at all. */
  volumeThreshold?: number;
  /** Which errors count against the breaker; others pass through as answers (default: all). */
  isFailure?: (error: unknown) => boolean;
}

export type Breaker<TArgs extends unknown[], TResult> = CircuitBreaker<TArgs, TResult>;

export const BREAKER_STATE = { closed: 0, halfOpen: 1, open: 2 } as const;

/** What opossum rejects with, without calling, while the circuit is open. */
export function isOpenCircuit(error: unknown): boolean {
  return errorCode(error) === 'EOPENBREAKER';
}

/** What opossum rejects with when the circuit is open, or a call took longer than its timeout. */
export function isBreakerRefusal(error: unknown): boolean {
  return isOpenCircuit(error) || errorCode(error) === 'ETIMEDOUT';
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

const ROLLING_WINDOW_MS = 10_000;

export function createCircuitBreaker<TArgs extends unknown[], TResult>(
  name: string,
  action: (...args: TArgs) => Promise<TResult>,
  options: BreakerOptions,
): Breaker<TArgs, TResult> {
  const breaker = new CircuitBreaker(action, {
    name,
    timeout: options.timeoutMs,
    resetTimeout: options.resetTimeoutMs,
    errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
    volumeThreshold: options.volumeThreshold ?? 5,
    rollingCountTimeout: ROLLING_WINDOW_MS,
    ...(options.isFailure && { errorFilter: (error: unknown) => !options.isFailure!(error) }),
  });
  const state = gaugeOf(CIRCUIT_BREAKER_STATE).labels({ name });
  state.set(BREAKER_STATE.closed);
  breaker.on('open', () => state.set(BREAKER_STATE.open));
  breaker.on('halfOpen', () => state.set(BREAKER_STATE.halfOpen));
  breaker.on('close', () => state.set(BREAKER_STATE.closed));
  return breaker;
}
