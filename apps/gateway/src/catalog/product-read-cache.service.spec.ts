import type { BeaconConfig } from '@beacon/config';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { InProcessProductCacheStore, type ProductCacheStore } from './product-cache.store';
import { ProductReadCache } from './product-read-cache.service';
import { RedisProductCacheStore } from './redis-product-cache.store';

const TTL_MS = 60_000;
/** The machine's Redis (CI checks it is up); each run keeps to keys of its own prefix. */
const REDIS_URL = 'redis://127.0.0.1:6379';
const redisPrefix = `cache_spec_${randomBytes(4).toString('hex')}:`;
const redisStores: RedisProductCacheStore[] = [];

afterAll(async () => {
  await Promise.all(redisStores.map((store) => store.onModuleDestroy()));
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${redisPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const STORES: [string, () => Promise<ProductCacheStore>][] = [
  ['in process', async () => new InProcessProductCacheStore(TTL_MS)],
  [
    'in Redis',
    async () => {
      const store = new RedisProductCacheStore(REDIS_URL, redisPrefix, TTL_MS);
      redisStores.push(store);
      // Until connected, the store answers nothing (it never queues commands for Redis).
      while ((await store.mark()) === null) await new Promise((resolve) => setTimeout(resolve, 10));
      return store;
    },
  ],
];

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

describe.each(STORES)('ProductReadCache %s', (_mode, createStore) => {
  const cacheWith = async (enabled = true) =>
    new ProductReadCache(
      { cache: { enabled, ttlMs: TTL_MS } } as BeaconConfig,
      await createStore(),
    );

  it('loads a cold key once for any number of concurrent reads, then serves it', async () => {
    const cache = await cacheWith();
    const loader = gatedLoader({ id: '1' });
    const reads = Array.from({ length: 20 }, () => cache.product('1', loader.load));
    loader.release();
    const values = await Promise.all(reads);
    expect(loader.calls).toBe(1);
    expect(values).toEqual(Array(20).fill({ id: '1' }));
    await cache.product('1', loader.load);
    expect(loader.calls).toBe(1);
  });

  it('forgets a product and every list when that product is written', async () => {
    const cache = await cacheWith();
    let loads = 0;
    const load = async () => ({ n: ++loads });
    await cache.list({ category: 'kitchen' }, load);
    await cache.product('7', load);
    await cache.evict('7');
    await cache.list({ category: 'kitchen' }, load);
    await cache.product('7', load);
    expect(loads).toBe(4);
    await cache.list({ category: 'kitchen' }, load);
    expect(loads).toBe(4);
  });

  it('does not keep a load that a write overtook', async () => {
    const cache = await cacheWith();
    const stale = gatedLoader({ version: 'before the write' });
    const read = cache.product('3', stale.load);
    await eventuallyLoading(stale);
    await cache.evict('3');
    stale.release();
    await read;
    const fresh = await cache.product('3', async () => ({ version: 'after the write' }));
    expect(fresh).toEqual({ version: 'after the write' });
  });

  it('reads through every time when disabled', async () => {
    const cache = await cacheWith(false);
    let loads = 0;
    for (let i = 0; i < 3; i++) await cache.product('1', async () => ({ n: ++loads }));
    expect(loads).toBe(3);
  });
});

/** Until the loader was called (a store's lookup and mark come first). */
async function eventuallyLoading(loader: { calls: number }): Promise<void> {
  while (loader.calls === 0) await new Promise((resolve) => setImmediate(resolve));
}
