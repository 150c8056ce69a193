import { CIRCUIT_BREAKER_STATE, CIRCUIT_BREAKER_TRANSITIONS } from '@beacon/observability';
import { register } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker, type BreakerSettings } from './circuit-breaker';
import {
  CallTimeoutError,
  CircuitOpenError,
  isBreakerRefusal,
  isOpenCircuit,
} from './circuit-breaker.errors';

const CLOSED = 0;
const HALF_OPEN = 1;
const OPEN = 2;

let breakers = 0;

/** A breaker of its own name (metrics are per process), over settings the test may change. */
function breakerWith(changes: Partial<BreakerSettings> = {}, isFailure?: (e: unknown) => boolean) {
  const settings: BreakerSettings = {
    timeoutMs: 1_000,
    failureThreshold: 3,
    successThreshold: 3,
    resetTimeoutMs: 5_000,
    ...changes,
  };
  const name = `test-${++breakers}`;
  const breaker = new CircuitBreaker(name, { settings: () => settings, isFailure });
  return { breaker, settings, name };
}

const succeed = () => Promise.resolve('answer');
const fail = () => Promise.reject(new Error('unreachable'));
const never = () => new Promise<never>(() => {});

async function failTimes(breaker: CircuitBreaker, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await expect(breaker.run(fail)).rejects.toThrow('unreachable');
}

async function succeedTimes(breaker: CircuitBreaker, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await expect(breaker.run(succeed)).resolves.toBe('answer');
}

async function sample(metric: string, labels: Record<string, string>): Promise<number | undefined> {
  const values = (await register.getSingleMetric(metric)?.get())?.values ?? [];
  return values.find((value) =>
    Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  )?.value;
}

const gauge = (name: string) => sample(CIRCUIT_BREAKER_STATE.name, { name });
const transitions = (name: string, from: string, to: string) =>
  sample(CIRCUIT_BREAKER_TRANSITIONS.name, { name, from, to });

describe('CircuitBreaker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after failureThreshold failures in a row, a success in between starting over', async () => {
    const { breaker, name } = breakerWith({ failureThreshold: 3 });
    await failTimes(breaker, 2);
    await succeedTimes(breaker, 1);
    await failTimes(breaker, 2);
    expect(breaker.state).toBe('closed');
    expect(await gauge(name)).toBe(CLOSED);
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');
    expect(await gauge(name)).toBe(OPEN);
  });

  it('refuses every call at once while open, without making it', async () => {
    const { breaker } = breakerWith({ failureThreshold: 1 });
    await failTimes(breaker, 1);
    const call = vi.fn(succeed);
    const refusal = await breaker.run(call).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CircuitOpenError);
    expect(isOpenCircuit(refusal)).toBe(true);
    expect(isBreakerRefusal(refusal)).toBe(true);
    expect(call).not.toHaveBeenCalled();
    expect(breaker.refusing).toBe(true);
  });

  it('turns half-open by itself once resetTimeoutMs has passed', async () => {
    const { breaker, name } = breakerWith({ failureThreshold: 1, resetTimeoutMs: 5_000 });
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(await gauge(name)).toBe(OPEN);
    await vi.advanceTimersByTimeAsync(1);
    expect(await gauge(name)).toBe(HALF_OPEN);
    expect(breaker.state).toBe('half_open');
    expect(breaker.refusing).toBe(false);
  });

  it('closes a half-open circuit after successThreshold successes, not before', async () => {
    const { breaker, name } = breakerWith({ failureThreshold: 1, successThreshold: 3 });
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    await succeedTimes(breaker, 2);
    expect(breaker.state).toBe('half_open');
    expect(await gauge(name)).toBe(HALF_OPEN);
    await succeedTimes(breaker, 1);
    expect(breaker.state).toBe('closed');
    expect(await gauge(name)).toBe(CLOSED);
  });

  it('reopens a half-open circuit on any failure, for a whole reset timeout again', async () => {
    const { breaker, name } = breakerWith({ failureThreshold: 1, resetTimeoutMs: 5_000 });
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    await succeedTimes(breaker, 2);
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');
    expect(await gauge(name)).toBe(OPEN);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(breaker.refusing).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(breaker.state).toBe('half_open');
    // The successes before the failure do not count any more.
    await succeedTimes(breaker, 2);
    expect(breaker.state).toBe('half_open');
  });

  it('lets at most successThreshold calls through a half-open circuit at once', async () => {
    const { breaker } = breakerWith({ failureThreshold: 1, successThreshold: 2 });
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    const answers: ((value: string) => void)[] = [];
    const pending = () => new Promise<string>((resolve) => answers.push(resolve));
    const probes = [breaker.run(pending), breaker.run(pending)];
    expect(breaker.refusing).toBe(true);
    await expect(breaker.run(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    for (const answer of answers) answer('back');
    await expect(Promise.all(probes)).resolves.toEqual(['back', 'back']);
    expect(breaker.state).toBe('closed');
  });

  it('fails a call slower than timeoutMs, and counts it as a failure', async () => {
    const { breaker } = breakerWith({ timeoutMs: 1_000, failureThreshold: 2 });
    for (let i = 0; i < 2; i++) {
      const call = breaker.run(never).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(1_000);
      const error = await call;
      expect(error).toBeInstanceOf(CallTimeoutError);
      expect(isBreakerRefusal(error)).toBe(true);
      expect(isOpenCircuit(error)).toBe(false);
    }
    expect(breaker.state).toBe('open');
  });

  it('passes errors isFailure rejects to the caller without counting them as failures', async () => {
    class NotFound extends Error {}
    const { breaker } = breakerWith({ failureThreshold: 1, successThreshold: 1 }, (error) => {
      return !(error instanceof NotFound);
    });
    const notFound = () => Promise.reject(new NotFound('no such link'));
    for (let i = 0; i < 3; i++) await expect(breaker.run(notFound)).rejects.toThrow('no such link');
    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    // The dependency answered: in a half-open circuit that is a success.
    await expect(breaker.run(notFound)).rejects.toBeInstanceOf(NotFound);
    expect(breaker.state).toBe('closed');
  });

  it('ignores outcomes of calls started before the last transition', async () => {
    const { breaker } = breakerWith({ failureThreshold: 1, timeoutMs: 60_000 });
    let failLate!: (error: Error) => void;
    const late = breaker.run(() => new Promise<never>((_, reject) => (failLate = reject)));
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(breaker.state).toBe('half_open');
    failLate(new Error('from before'));
    await expect(late).rejects.toThrow('from before');
    expect(breaker.state).toBe('half_open');
  });

  it('applies settings changed on the live object at the next decision', async () => {
    const { breaker, settings, name } = breakerWith({ failureThreshold: 5, resetTimeoutMs: 5_000 });
    await failTimes(breaker, 2);
    settings.failureThreshold = 3;
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');

    // A shorter reset timeout applies while open, and a lower success threshold at once.
    settings.resetTimeoutMs = 2_000;
    await vi.advanceTimersByTimeAsync(2_000);
    settings.successThreshold = 1;
    await succeedTimes(breaker, 1);
    expect(breaker.state).toBe('closed');

    settings.failureThreshold = 1;
    settings.resetTimeoutMs = 8_000;
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    settings.resetTimeoutMs = 10_000;
    await vi.advanceTimersByTimeAsync(4_999);
    expect(breaker.refusing, 'a longer reset timeout applies while open').toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(await gauge(name), 'turned half-open by its timer').toBe(HALF_OPEN);

    settings.timeoutMs = 200;
    const slow = breaker.run(never).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(200);
    expect(await slow).toBeInstanceOf(CallTimeoutError);
  });

  it('counts every transition by name, from and to, each exported at 0 from the start', async () => {
    const { breaker, name } = breakerWith({ failureThreshold: 1, successThreshold: 1 });
    expect(await transitions(name, 'closed', 'open')).toBe(0);
    expect(await transitions(name, 'half_open', 'open')).toBe(0);
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    await failTimes(breaker, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    await succeedTimes(breaker, 1);
    expect(await transitions(name, 'closed', 'open')).toBe(1);
    expect(await transitions(name, 'open', 'half_open')).toBe(2);
    expect(await transitions(name, 'half_open', 'open')).toBe(1);
    expect(await transitions(name, 'half_open', 'closed')).toBe(1);
  });
});
