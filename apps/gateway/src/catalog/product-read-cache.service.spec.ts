import type { BeaconConfig } from '@beacon/config';
import { describe, expect, it } from 'vitest';
import { ProductReadCache } from './product-read-cache.service';

const cacheWith = (enabled = true) =>
  new ProductReadCache({ cache: { enabled, ttlMs: 60_000 } } as BeaconConfig);

/** A loader that counts its calls and resolves when told to. */
function gatedLoader<T>(value: T) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const loader = {
    calls: 0,
    release,
    load: async () => {
      loader.calls++;
      await gate;
      return value;
    },
  };
  return loader;
}

describe('ProductReadCache', () => {
  it('loads a cold key once for any number of concurrent reads, then serves it', async () => {
    const cache = cacheWith();
    const loader = gatedLoader({ id: '1' });
    const reads = Array.from({ length: 20 }, () => cache.product('1', loader.load));
    loader.release();
    const values = await Promise.all(reads);
    expect(loader.calls).toBe(1);
    expect(new Set(values).size).toBe(1);
    await cache.product('1', loader.load);
    expect(loader.calls).toBe(1);
  });

  it('forgets a product and every list when that product is written', async () => {
    const cache = cacheWith();
    let loads = 0;
    const load = async () => ({ n: ++loads });
    await cache.list({ category: 'kitchen' }, load);
    await cache.product('7', load);
    cache.evict('7');
    await cache.list({ category: 'kitchen' }, load);
    await cache.product('7', load);
    expect(loads).toBe(4);
    await cache.list({ category: 'kitchen' }, load);
    expect(loads).toBe(4);
  });

  it('does not keep a load that a write overtook', async () => {
    const cache = cacheWith();
    const stale = gatedLoader({ version: 'before the write' });
    const read = cache.product('3', stale.load);
    cache.evict('3');
    stale.release();
    await read;
    const fresh = await cache.product('3', async () => ({ version: 'after the write' }));
    expect(fresh).toEqual({ version: 'after the write' });
  });

  it('reads through every time when disabled', async () => {
    const cache = cacheWith(false);
    let loads = 0;
    for (let i = 0; i < 3; i++) await cache.product('1', async () => ({ n: ++loads }));
    expect(loads).toBe(3);
  });
});
