import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InProcessFixedWindowStorage } from './fixed-window.storage';

describe('InProcessFixedWindowStorage', () => {
  let storage: InProcessFixedWindowStorage;
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    storage = new InProcessFixedWindowStorage();
  });
  afterEach(() => {
    storage.onModuleDestroy();
    vi.useRealTimers();
  });

  const hit = (key = 'k') => storage.increment(key, 10_000, 3, 30_000);

  it('counts hits in a window and blocks the one past the limit', async () => {
    expect(await hit()).toEqual({
      totalHits: 1,
      timeToExpire: 10,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    await hit();
    expect((await hit()).isBlocked).toBe(false);
    expect(await hit()).toEqual({
      totalHits: 4,
      timeToExpire: 10,
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    expect((await hit('other')).isBlocked).toBe(false);
  });

  it('stays blocked for blockDuration, then opens a new window', async () => {
    for (let i = 0; i < 4; i++) await hit();
    vi.setSystemTime(29_000);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    vi.setSystemTime(30_000);
    expect(await hit()).toEqual({
      totalHits: 1,
      timeToExpire: 10,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('starts over once the window has passed', async () => {
    await hit();
    await hit();
    vi.setSystemTime(10_000);
    expect((await hit()).totalHits).toBe(1);
  });
});
