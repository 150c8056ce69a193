import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Statement } from './outbox-inserts';
import { REFRESH_INTERVAL_MS, SpoolCapacity } from './spool-capacity';
import { SpoolDatabase } from './spool-database';

/** The outbox's size as the size query reads it; `failing` makes the query fail. */
class SizeOnlyDatabase extends SpoolDatabase {
  size = 0;
  reads = 0;
  failing = false;

  async query<T>(): Promise<T> {
    this.reads++;
    if (this.failing) throw new Error('connect ECONNREFUSED');
    return [{ size: String(this.size) }] as T;
  }

  async insert(_statements: readonly Statement[]): Promise<void> {}
}

describe('SpoolCapacity', () => {
  let database: SizeOnlyDatabase;
  let capacity: SpoolCapacity;
  beforeEach(async () => {
    vi.useFakeTimers();
    database = new SizeOnlyDatabase();
    database.size = 90;
    capacity = new SpoolCapacity(database, 100);
    await capacity.refresh();
  });
  afterEach(() => vi.useRealTimers());

  it('admits rows up to the maximum, counting what was stored since the last read', () => {
    expect(capacity.admits(10)).toBe(true);
    capacity.stored(6);
    expect(capacity.admits(5)).toBe(false);
    expect(capacity.admits(4)).toBe(true);
    expect(database.reads).toBe(1);
  });

  it('reads the size again, in the background, once the estimate is a second old', async () => {
    database.size = 20; // the relay sent most of them
    expect(capacity.admits(50)).toBe(false);
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS);
    expect(capacity.admits(50)).toBe(false); // this call starts the read
    await vi.advanceTimersByTimeAsync(0);
    expect(capacity.admits(50)).toBe(true);
    expect(database.reads).toBe(2);
  });

  it('keeps the last estimate when the read fails', async () => {
    database.failing = true;
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS);
    capacity.admits(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(capacity.admits(10)).toBe(true);
    expect(capacity.admits(11)).toBe(false);
  });
});
