import type { BeaconConfig } from '@beacon/config';
import type { DataSource, EntityManager } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { BatchedStore } from './batched-store';

/** A store whose "table" keeps each item once, and that records when `committed` ran. */
class RecordingStore extends BatchedStore<string> {
  readonly log: string[] = [];
  private readonly kept = new Set<string>();
  failAfterCommit = false;

  protected async saveIn(_manager: EntityManager, items: string[]): Promise<string[]> {
    this.log.push('in transaction');
    const fresh = items.filter((item) => !this.kept.has(item));
    fresh.forEach((item) => this.kept.add(item));
    return fresh;
  }

  protected override committed(fresh: string[]): void {
    this.log.push(`committed ${fresh.join(',')}`);
    if (this.failAfterCommit) throw new Error('broker away');
  }
}

function storeWithTransactions(): RecordingStore {
  const store: RecordingStore = new RecordingStore(
    {
      transaction: async (_level: string, work: (manager: EntityManager) => Promise<unknown>) => {
        const result = await work({} as EntityManager);
        store.log.push('commit');
        return result;
      },
    } as unknown as DataSource,
    { analytics: { flushConcurrency: 1 } } as BeaconConfig,
  );
  return store;
}

describe('BatchedStore', () => {
  it('hands only the new items to `committed`, after the transaction committed', async () => {
    const store = storeWithTransactions();
    expect(await store.save(['a', 'b'])).toBe(2);
    expect(await store.save(['b', 'c'])).toBe(1);
    expect(store.log).toEqual([
      'in transaction',
      'commit',
      'committed a,b',
      'in transaction',
      'commit',
      'committed c',
    ]);
  });

  it('still reports the batch stored when what follows the commit fails', async () => {
    const store = storeWithTransactions();
    store.failAfterCommit = true;
    await expect(store.save(['a'])).resolves.toBe(1);
  });
});
