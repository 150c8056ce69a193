import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_SIZE, BatchWriter, FLUSH_INTERVAL_MS } from './batch-writer';

/** A save that records each batch and holds it open until `release()`. */
function heldSaves() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const save = (items: number[]) =>
    new Promise<number>((resolve) => {
      batches.push(items);
      releases.push(() => resolve(items.length));
    });
  return { batches, save, releaseAll: () => releases.splice(0).forEach((release) => release()) };
}

const writeMany = (writer: BatchWriter<number>, count: number) =>
  Array.from({ length: count }, (_, index) => writer.write(index));

describe('BatchWriter', () => {
  afterEach(() => vi.useRealTimers());

  it('stores up to `concurrency` full batches at once, and the next when a slot frees', async () => {
    const saves = heldSaves();
    const writer = new BatchWriter('test', saves.save, 2);
    const written = writeMany(writer, BATCH_SIZE * 3);
    expect(saves.batches.map((batch) => batch.length)).toEqual([BATCH_SIZE, BATCH_SIZE]);
    saves.releaseAll();
    await vi.waitFor(() => expect(saves.batches).toHaveLength(3));
    saves.releaseAll();
    await Promise.all(written);
    expect(saves.batches.flat()).toHaveLength(BATCH_SIZE * 3);
  });

  it('sends a partial batch after the flush interval', async () => {
    vi.useFakeTimers();
    const saves = heldSaves();
    const writer = new BatchWriter('test', saves.save, 2);
    const written = writeMany(writer, 3);
    expect(saves.batches).toHaveLength(0);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    expect(saves.batches).toEqual([[0, 1, 2]]);
    saves.releaseAll();
    await Promise.all(written);
  });

  it('fails every write of a batch whose save failed, and goes on with the next', async () => {
    let calls = 0;
    const writer = new BatchWriter(
      'test',
      async (items: number[]) => {
        if (++calls === 1) throw new Error('deadlock');
        return items.length;
      },
      1,
    );
    const first = writeMany(writer, BATCH_SIZE);
    const second = writeMany(writer, BATCH_SIZE);
    await expect(Promise.all(first)).rejects.toThrow('deadlock');
    await expect(Promise.all(second)).resolves.toHaveLength(BATCH_SIZE);
  });

  it('drains what waits and what is being stored', async () => {
    const saves = heldSaves();
    const writer = new BatchWriter('test', saves.save, 1);
    const written = writeMany(writer, BATCH_SIZE + 7);
    const drained = writer.drain();
    saves.releaseAll();
    await vi.waitFor(() => expect(saves.batches).toHaveLength(2));
    saves.releaseAll();
    await drained;
    await Promise.all(written);
    expect(saves.batches.map((batch) => batch.length)).toEqual([BATCH_SIZE, 7]);
  });
});
