import type { ApiKeyEntity } from '@beacon/database';
import type { Repository } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { ApiKeyLastUse, LAST_USE_INTERVAL_MS } from './api-key-last-use';

function recorder() {
  const writes: { id: string; at: Date }[] = [];
  const keys = {
    update: (where: { id: string }, values: { lastUsedAt: Date }) => {
      writes.push({ id: where.id, at: values.lastUsedAt });
      return Promise.resolve();
    },
  } as unknown as Repository<ApiKeyEntity>;
  return { lastUse: new ApiKeyLastUse(keys), writes };
}

describe('ApiKeyLastUse', () => {
  it('writes at most once a minute per key, however many requests', () => {
    const { lastUse, writes } = recorder();
    const start = 1_000_000;
    // Requests keep reading the value stored before the first write.
    for (let ms = 0; ms < LAST_USE_INTERVAL_MS; ms += 100) {
      lastUse.record({ id: '1', lastUsedAt: null }, start + ms);
    }
    lastUse.record({ id: '2', lastUsedAt: null }, start);
    lastUse.record({ id: '1', lastUsedAt: null }, start + LAST_USE_INTERVAL_MS);
    expect(writes).toEqual([
      { id: '1', at: new Date(start) },
      { id: '2', at: new Date(start) },
      { id: '1', at: new Date(start + LAST_USE_INTERVAL_MS) },
    ]);
  });

  it('writes nothing while the stored time is less than a minute old (another replica wrote it)', () => {
    const { lastUse, writes } = recorder();
    const now = 5_000_000;
    lastUse.record({ id: '1', lastUsedAt: new Date(now - LAST_USE_INTERVAL_MS + 1) }, now);
    expect(writes).toEqual([]);
    lastUse.record({ id: '1', lastUsedAt: new Date(now - LAST_USE_INTERVAL_MS) }, now);
    expect(writes).toHaveLength(1);
  });
});
