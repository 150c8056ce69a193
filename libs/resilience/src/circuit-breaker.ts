/**
 * A circuit breaker with three states, exported as `circuit_breaker_state{name}` (0 closed,
 * 1 half-open, 2 open) and counted at every change in
 * `circuit_breaker_transitions_total{name,from,to}` (closed, half_open, open):
 *
 * - closed: calls go through; `failureThreshold` failures in a row open the circuit;
 * - open: calls are refused at once (CircuitOpenError) until `resetTimeoutMs` has passed, then
 *   the circuit turns half-open by itself (a timer), or at the next call if that comes first;
 * - half-open: at most `successThreshold` calls go through at once, the others are refused as
 *   if open, so a dependency coming back is not flooded; `successThreshold` successes close the
 *   circuit, any failure opens it again.
 *
 * A call slower than `timeoutMs` is abandoned with CallTimeoutError and counts as a failure. An
 * error that `isFailure` rejects (a domain answer such as "not found") reaches the caller and
 * counts as a success: the dependency answered. An outcome counts only in the state its call
 * started in: a slow failure from before the circuit opened neither reopens it nor holds back
 * its closing later.
 *
 * The settings are read at each decision, from a function over the live configuration, so a
 * reload applies to the next call without a new breaker.
 *
 * Not opossum, which Beacon used before: it closes a half-open circuit on one success and cannot
 * be told to wait for several, and its options are fixed when the breaker is made.
 */
import {
  CIRCUIT_BREAKER_STATE,
  CIRCUIT_BREAKER_TRANSITIONS,
  counterOf,
  gaugeOf,
  zeroCounter,
} from '@beacon/observability';
import { CallTimeoutError, CircuitOpenError } from './circuit-breaker.errors';

export interface BreakerSettings {
  /** A call slower than this fails. */
  timeoutMs: number;
  /** Failures in a row that open a closed circuit. */
  failureThreshold: number;
  /** Successes that close a half-open circuit; also how many calls it lets through at once. */
  successThreshold: number;
  /** How long the circuit stays open before it lets calls through again (half-open). */
  resetTimeoutMs: number;
}

export interface BreakerOptions {
  /** Read at each decision: return the live configuration's values, never a copy. */
  settings: () => BreakerSettings;
  /** Which errors count against the breaker; others count as answers (default: all). */
  isFailure?: (error: unknown) => boolean;
}

export type BreakerState = 'closed' | 'half_open' | 'open';

const GAUGE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** Every change the breaker can make, exported at 0 from the start so increase() sees the first. */
const TRANSITIONS: [BreakerState, BreakerState][] = [
  ['closed', 'open'],
  ['open', 'half_open'],
  ['half_open', 'closed'],
  ['half_open', 'open'],
];

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  /** Changes at every transition: outcomes of calls started before it are ignored. */
  private generation = 0;
  private failures = 0;
  private successes = 0;
  private probes = 0;
  private openedAt = 0;
  private halfOpenTimer: NodeJS.Timeout | undefined;
  private readonly gauge;
  private readonly isFailure: (error: unknown) => boolean;

  constructor(
    readonly name: string,
    private readonly options: BreakerOptions,
  ) {
    this.isFailure = options.isFailure ?? (() => true);
    this.gauge = gaugeOf(CIRCUIT_BREAKER_STATE).labels({ name });
    this.gauge.set(GAUGE_VALUE.closed);
    for (const [from, to] of TRANSITIONS)
      zeroCounter(CIRCUIT_BREAKER_TRANSITIONS, { name, from, to });
  }

  get state(): BreakerState {
    this.halfOpenIfDue();
    return this.current;
  }

  /** Whether a call now would be refused without being made. */
  get refusing(): boolean {
    this.halfOpenIfDue();
    return !this.admits();
  }

  /** Runs `call` unless the circuit refuses it; rejects with its error, or a refusal. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    // Admission is decided before the first await, so a caller that just checked `refusing`
    // is not refused by a call that slipped in between.
    this.halfOpenIfDue();
    if (!this.admits()) throw new CircuitOpenError(this.name);
    const generation = this.generation;
    if (this.current === 'half_open') this.probes++;
    try {
      const result = await this.withinTimeout(call);
      this.succeeded(generation);
      return result;
    } catch (error) {
      if (error instanceof CallTimeoutError || this.isFailure(error)) this.failed(generation);
      else this.succeeded(generation);
      throw error;
    }
  }

  private admits(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') return false;
    return this.probes < this.options.settings().successThreshold;
  }

  private async withinTimeout<T>(call: () => Promise<T>): Promise<T> {
    const { timeoutMs } = this.options.settings();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CallTimeoutError(this.name, timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([call(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private succeeded(generation: number): void {
    if (generation !== this.generation) return;
    if (this.current === 'closed') {
      this.failures = 0;
      return;
    }
    this.probes--;
    this.successes++;
    if (this.successes >= this.options.settings().successThreshold) this.moveTo('closed');
  }

  private failed(generation: number): void {
    if (generation !== this.generation) return;
    if (this.current === 'half_open') return this.moveTo('open');
    this.failures++;
    if (this.failures >= this.options.settings().failureThreshold) this.moveTo('open');
  }

  /** On the timer, and before every decision in case a reload shortened the reset timeout. */
  private halfOpenIfDue(): void {
    if (this.current !== 'open') return;
    const remainingMs = this.openedAt + this.options.settings().resetTimeoutMs - Date.now();
    if (remainingMs <= 0) return this.moveTo('half_open');
    // A reload lengthened the reset timeout after the timer was set: wait for the rest.
    if (!this.halfOpenTimer) this.halfOpenAfter(remainingMs);
  }

  private halfOpenAfter(delayMs: number): void {
    this.halfOpenTimer = setTimeout(() => {
      this.halfOpenTimer = undefined;
      this.halfOpenIfDue();
    }, delayMs);
    // A timer of the breaker never keeps a process alive.
    this.halfOpenTimer.unref();
  }

  private moveTo(next: BreakerState): void {
    const from = this.current;
    this.current = next;
    this.generation++;
    this.failures = 0;
    this.successes = 0;
    this.probes = 0;
    clearTimeout(this.halfOpenTimer);
    this.halfOpenTimer = undefined;
    if (next === 'open') {
      this.openedAt = Date.now();
      this.halfOpenAfter(this.options.settings().resetTimeoutMs);
    }
    this.gauge.set(GAUGE_VALUE[next]);
    counterOf(CIRCUIT_BREAKER_TRANSITIONS).inc({ name: this.name, from, to: next });
  }
}
