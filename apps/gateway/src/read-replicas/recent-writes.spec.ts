import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { readYourWritesWindowMs } from './read-replicas.constants';
import { writerScope } from './read-scope';
import { InProcessRecentWrites, type RecentWrites } from './recent-writes';
import { RedisRecentWrites } from './redis-recent-writes';

const WINDOW_MS = 200;
/** The machine's Redis (CI checks it is up); each run keeps to keys of its own prefix. */
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `recent_writes_spec_${randomBytes(4).toString('hex')}:`;
const opened: RedisRecentWrites[] = [];

async function inRedis(url = REDIS_URL): Promise<RedisRecentWrites> {
  const writes = new RedisRecentWrites(url, prefix, WINDOW_MS);
  opened.push(writes);
  await writes.onModuleInit();
  return writes;
}

afterAll(async () => {
  await Promise.all(opened.map((writes) => writes.onModuleDestroy()));
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('readYourWritesWindowMs', () => {
  it('outlasts the largest lag a serving replica may have, plus the age of its last check', () => {
    expect(readYourWritesWindowMs(10)).toBe(13_000);
  });
});

describe.each<[string, () => Promise<RecentWrites>]>([
  ['in process', async () => new InProcessRecentWrites(WINDOW_MS)],
  ['in Redis', () => inRedis()],
])('RecentWrites %s', (_name, create) => {
  it('remembers a writer for the window, and only that writer', async () => {
    const writes = await create();
    const writer = writerScope(randomBytes(4).toString('hex'));
    expect(await writes.has(writer)).toBe(false);
    await writes.note(writer);
    expect(await writes.has(writer)).toBe(true);
    expect(await writes.has(writerScope('someone-else'))).toBe(false);
    await sleep(WINDOW_MS + 50);
    expect(await writes.has(writer)).toBe(false);
  });
});

describe('RedisRecentWrites', () => {
  it('tells every gateway about a write on one of them', async () => {
    const [one, other] = [await inRedis(), await inRedis()];
    await one.note('catalog');
    expect(await other.has('catalog')).toBe(true);
  });

  it('sends every scoped read to the primary while Redis does not answer', async () => {
    const cutOff = new RedisRecentWrites('redis://127.0.0.1:1', prefix, WINDOW_MS);
    opened.push(cutOff);
    expect(await cutOff.has(writerScope('nobody-wrote'))).toBe(true);
  });
});
