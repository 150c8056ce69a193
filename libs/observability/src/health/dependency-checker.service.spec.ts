import type { BeaconConfig } from '@beacon/config';
import { register, type MetricValueWithName } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DependencyChecker } from './dependency-checker.service';
import type { DependencyProbe } from './dependency-probe';

const INTERVAL_MS = 1_000;
const TIMEOUT_MS = 400;

/** A probe whose next answers the test decides: pass, fail, or hang until released. */
class ScriptedProbe implements DependencyProbe {
  mode: 'pass' | 'fail' | 'hang' = 'pass';
  checks = 0;
  closed = false;
  private hanging: (() => void)[] = [];

  constructor(
    readonly dependency: string,
    readonly required = true,
  ) {}

  check(): Promise<void> {
    this.checks++;
    if (this.mode === 'pass') return Promise.resolve();
    if (this.mode === 'fail') return Promise.reject(new Error('connect ECONNREFUSED'));
    return new Promise((resolve) => this.hanging.push(resolve));
  }

  release(): void {
    for (const resolve of this.hanging.splice(0)) resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

let probeCount = 0;
const uniqueName = () => `unit-dependency-${++probeCount}`;

async function dependencyUp(dependency: string): Promise<number | undefined> {
  const metric = register.getSingleMetric('dependency_up');
  const values = (await metric?.get())?.values ?? [];
  return values.find((value) => value.labels.dependency === dependency)?.value;
}

async function checkDurations(dependency: string): Promise<number | undefined> {
  const metric = register.getSingleMetric('dependency_check_duration_seconds');
  const values = ((await metric?.get())?.values ?? []) as MetricValueWithName<string>[];
  return values.find(
    (value) => value.metricName?.endsWith('_count') && value.labels.dependency === dependency,
  )?.value;
}

function checkerOf(...probes: DependencyProbe[]) {
  const config = {
    health: {
      intervalMs: INTERVAL_MS,
      timeoutMs: TIMEOUT_MS,
      unhealthyThreshold: 3,
      healthyThreshold: 2,
    },
  } as BeaconConfig;
  return new DependencyChecker(probes, config);
}

/** One interval later, with every check of the round settled. */
const nextRound = () => vi.advanceTimersByTimeAsync(INTERVAL_MS);

describe('DependencyChecker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks every dependency once before the app starts, and reports what it found', async () => {
    const database = new ScriptedProbe(uniqueName());
    const provider = new ScriptedProbe(uniqueName(), false);
    provider.mode = 'fail';
    const checker = checkerOf(database, provider);

    await checker.onApplicationBootstrap();

    expect(checker.statuses()).toEqual([
      expect.objectContaining({ dependency: database.dependency, required: true, up: true }),
      expect.objectContaining({
        dependency: provider.dependency,
        required: false,
        up: false,
        failure: 'connect ECONNREFUSED',
      }),
    ]);
    expect(await dependencyUp(database.dependency)).toBe(1);
    expect(await dependencyUp(provider.dependency)).toBe(0);
    expect(await checkDurations(database.dependency)).toBe(1);
    await checker.onModuleDestroy();
  });

  it('turns a dependency down after three failed rounds, and up after two passed ones', async () => {
    const probe = new ScriptedProbe(uniqueName());
    const checker = checkerOf(probe);
    await checker.onApplicationBootstrap();

    probe.mode = 'fail';
    await nextRound();
    await nextRound();
    expect(checker.statuses()[0].up).toBe(true);
    expect(await dependencyUp(probe.dependency)).toBe(1);
    await nextRound();
    expect(checker.statuses()[0].up).toBe(false);
    expect(await dependencyUp(probe.dependency)).toBe(0);

    probe.mode = 'pass';
    await nextRound();
    expect(checker.statuses()[0].up).toBe(false);
    await nextRound();
    expect(checker.statuses()[0].up).toBe(true);
    expect(await dependencyUp(probe.dependency)).toBe(1);
    expect(await checkDurations(probe.dependency)).toBe(6);
    await checker.onModuleDestroy();
  });

  it('fails a check that does not answer within the timeout, and never sends a second one meanwhile', async () => {
    const probe = new ScriptedProbe(uniqueName());
    const checker = checkerOf(probe);
    await checker.onApplicationBootstrap();

    probe.mode = 'hang';
    await nextRound();
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS);
    expect(checker.statuses()[0].failure).toBe(`no answer within ${TIMEOUT_MS} ms`);
    await nextRound();
    await nextRound();
    expect(probe.checks, 'the hanging check is the last one sent').toBe(2);
    expect(checker.statuses()[0]).toMatchObject({
      up: false,
      failure: 'its previous check has not answered yet',
    });

    probe.mode = 'pass';
    probe.release();
    await nextRound();
    await nextRound();
    expect(probe.checks).toBe(4);
    expect(checker.statuses()[0].up).toBe(true);
    await checker.onModuleDestroy();
  });

  it('stops checking and closes its probes on shutdown', async () => {
    const probe = new ScriptedProbe(uniqueName());
    const checker = checkerOf(probe);
    await checker.onApplicationBootstrap();
    await nextRound();

    await checker.onModuleDestroy();
    await nextRound();
    await nextRound();

    expect(probe.checks).toBe(2);
    expect(probe.closed).toBe(true);
  });
});
