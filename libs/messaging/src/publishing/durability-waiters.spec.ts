import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DurabilityWaiters } from './durability-waiters';

describe('DurabilityWaiters', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('releases every waiter once', () => {
    const waiters = new DurabilityWaiters(1_000);
    const released = [vi.fn(), vi.fn()];
    for (const resolve of released) waiters.add(resolve);
    waiters.release();
    waiters.release();
    expect(released.map((resolve) => resolve.mock.calls.length)).toEqual([1, 1]);
  });

  it('releases them anyway once the cap is past, counted from the first', () => {
    const waiters = new DurabilityWaiters(1_000);
    const first = vi.fn();
    const second = vi.fn();
    waiters.add(first);
    vi.advanceTimersByTime(600);
    waiters.add(second);
    vi.advanceTimersByTime(399);
    expect(first).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
  });
});
