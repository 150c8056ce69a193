/**
 * Collects consumed events and stores them in batches: a batch goes when BATCH_SIZE items are
 * waiting or FLUSH_INTERVAL_MS after the first one, one `save` (one transaction) per batch. Each
 * `write` resolves only after its batch committed, so the consumer acks a message only once its
 * event is stored. Up to `concurrency` batches are stored at once (WORKER_FLUSH_CONCURRENCY):
 * the stores are idempotent through unique keys and INSERT IGNORE, without locking reads, so
 * concurrent transactions neither deadlock on those reads nor count an event twice. While every
 * slot is busy, items keep collecting, and the next batch goes as soon as a slot frees.
 */
import { Logger } from '@nestjs/common';

export const BATCH_SIZE = 500;
export const FLUSH_INTERVAL_MS = 200;

/** Stores the items not stored yet, in one transaction; resolves to how many were new. */
export type SaveBatch<T> = (items: T[]) => Promise<number>;

interface PendingItem<T> {
  item: T;
  stored: () => void;
  failed: (error: unknown) => void;
}

export class BatchWriter<T> {
  private readonly logger: Logger;
  private pending: PendingItem<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The oldest waiting item has waited FLUSH_INTERVAL_MS: send what waits, whatever its size. */
  private due = false;
  private readonly storing = new Set<Promise<void>>();

  constructor(
    name: string,
    private readonly save: SaveBatch<T>,
    private readonly concurrency: number,
  ) {
    this.logger = new Logger(name);
  }

  write(item: T): Promise<void> {
    return new Promise((stored, failed) => {
      this.pending.push({ item, stored, failed });
      this.timer ??= setTimeout(() => {
        this.due = true;
        this.flush();
      }, FLUSH_INTERVAL_MS);
      this.flush();
    });
  }

  /** Stores whatever is still waiting; the consumer has stopped delivering by now. */
  async drain(): Promise<void> {
    this.due = true;
    this.flush();
    while (this.storing.size > 0) {
      await Promise.all(this.storing);
      this.flush();
    }
  }

  private flush(): void {
    while (this.storing.size < this.concurrency && this.hasBatchReady()) {
      this.store(this.pending.splice(0, BATCH_SIZE));
    }
    if (this.pending.length > 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
  }

  private hasBatchReady(): boolean {
    return this.pending.length >= BATCH_SIZE || (this.due && this.pending.length > 0);
  }

  private store(batch: PendingItem<T>[]): void {
    const work = this.storeBatch(batch).finally(() => {
      this.storing.delete(work);
      this.flush();
    });
    this.storing.add(work);
  }

  private async storeBatch(batch: PendingItem<T>[]): Promise<void> {
    try {
      const stored = await this.save(batch.map((pending) => pending.item));
      this.logger.debug(`stored ${stored} new of ${batch.length}`);
      batch.forEach((pending) => pending.stored());
    } catch (error) {
      this.logger.warn(`storing ${batch.length} failed: ${(error as Error).message}`);
      batch.forEach((pending) => pending.failed(error));
    }
  }
}
