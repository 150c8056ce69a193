import type { RateLimitBucket } from '@beacon/config';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { BucketStore } from './bucket-store';
import { InProcessBucketStore } from './in-process-bucket.store';
import { RedisBucketStore } from './redis-bucket.store';

/** The machine's Redis (CI checks it is up); each run keeps to keys of its own prefix. */
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `bucket_spec_${randomBytes(4).toString('hex')}:`;
const opened: { onModuleDestroy(): unknown }[] = [];

/** One token a second, five at most: a test's few milliseconds refill nothing that counts. */
const SLOW: RateLimitBucket = { max: 60, burst: 5 };
const MINUTE = 60_000;

async function inRedis(url = REDIS_URL): Promise<RedisBucketStore> {
  const store = new RedisBucketStore(url, prefix);
  opened.push(store);
  await store.onModuleInit();
  return store;
}

function inProcess(): InProcessBucketStore {
  const store = new InProcessBucketStore();
  opened.push(store);
  return store;
}

const freshKey = () => `rate-limit:test:${randomBytes(4).toString('hex')}`;

async function passing(store: BucketStore, key: string, bucket = SLOW): Promise<number> {
  let passed = 0;
  while ((await store.take(key, bucket, MINUTE)).allowed) passed++;
  return passed;
}

afterAll(async () => {
  await Promise.all(opened.map((store) => store.onModuleDestroy()));
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe.each<[string, () => Promise<BucketStore>]>([
  ['in process', async () => inProcess()],
  ['in Redis', () => inRedis()],
])('BucketStore %s', (_name, create) => {
  it('lets a burst pass, then refuses and says when the next token comes', async () => {
    const store = await create();
    const key = freshKey();
    const first = await store.take(key, SLOW, MINUTE);
    expect(first).toMatchObject({ allowed: true, remaining: 4, waitMs: 0 });
    expect(first.fullInMs).toBeGreaterThan(900);
    expect(first.fullInMs).toBeLessThanOrEqual(1_000);
    expect(await passing(store, key)).toBe(4);
    const refused = await store.take(key, SLOW, MINUTE);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.waitMs).toBeGreaterThan(900);
    expect(refused.waitMs).toBeLessThanOrEqual(1_000);
    expect(await passing(store, freshKey())).toBe(5);
  });

  it('keeps the tokens a bucket holds when a reload changes the window', async () => {
    const store = await create();
    const key = freshKey();
    await store.take(key, SLOW, MINUTE);
    await store.take(key, SLOW, MINUTE);
    const slower = await store.take(key, SLOW, 2 * MINUTE);
    expect(slower).toMatchObject({ allowed: true, remaining: 2 });
  });
});

describe('InProcessBucketStore', () => {
  afterEach(() => vi.useRealTimers());

  it('refills exactly N tokens in the time of N, and forgets buckets once they are full', async () => {
    vi.useFakeTimers({ now: 0 });
    const store = inProcess();
    const key = freshKey();
    expect(await passing(store, key)).toBe(5);
    vi.setSystemTime(2_999);
    expect(await passing(store, key)).toBe(2);
    expect(store.size).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(store.size).toBe(0);
  });
});

describe('RedisBucketStore', () => {
  const redis = new Redis(REDIS_URL);
  opened.push({ onModuleDestroy: () => redis.quit() });

  it('refills on Redis time: the time of exactly N tokens brings back N tokens', async () => {
    const store = await inRedis();
    const key = freshKey();
    expect(await passing(store, key)).toBe(5);
    // As if the bucket had last been counted 3 s earlier.
    await redis.hincrby(prefix + key, 'at', -3_000);
    expect(await passing(store, key)).toBe(3);
  });

  it("counts on Redis's clock, whatever the gateway's own clock says", async () => {
    const store = await inRedis();
    const key = freshKey();
    expect(await passing(store, key)).toBe(5);
    // A replica whose clock runs an hour ahead must not see the bucket refilled.
    vi.useFakeTimers({ now: Date.now() + 3_600_000, toFake: ['Date'] });
    try {
      expect((await store.take(key, SLOW, MINUTE)).allowed).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refills nothing when the clock reads earlier than the last count', async () => {
    const store = await inRedis();
    const key = freshKey();
    expect(await passing(store, key)).toBe(5);
    // As if Redis's clock had gone back 10 s (a fail-over to a server whose clock is behind).
    await redis.hincrby(prefix + key, 'at', 10_000);
    const refused = await store.take(key, SLOW, MINUTE);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.waitMs).toBeGreaterThan(0);
    expect(refused.waitMs).toBeLessThanOrEqual(1_000);
  });

  it('keeps a bucket only until it would be full again', async () => {
    const store = await inRedis();
    const key = freshKey();
    await store.take(key, SLOW, MINUTE);
    await store.take(key, SLOW, MINUTE);
    const ttl = await redis.pttl(prefix + key);
    expect(ttl).toBeGreaterThan(1_900);
    expect(ttl).toBeLessThanOrEqual(2_000);
  });

  it('shares one bucket between stores exactly, however their takes interleave', async () => {
    const [one, other] = [await inRedis(), await inRedis()];
    const key = freshKey();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? one : other).take(key, SLOW, MINUTE)),
    );
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
  });

  it('lets requests through while Redis does not answer', async () => {
    const store = await inRedis('redis://127.0.0.1:1');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => store.take(freshKey(), SLOW, MINUTE)),
    );
    expect(answers.every((answer) => answer.allowed)).toBe(true);
  }, 10_000);
});
