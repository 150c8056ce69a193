/**
 * Collects consumed events and stores them in batches: a flush when BATCH_SIZE items are waiting
 * or FLUSH_INTERVAL_MS after the first one, one `save` (one transaction) per flush. Each `write`
 * resolves only after its batch committed, so the consumer acks a message only once its event
 * is stored. Flushes run one at a time: concurrent transactions on the same rollup rows would
 * only wait on each other's locks. Subclasses name what they store and how.
 */
import { Logger, type OnApplicationShutdown } from '@nestjs/common';

export const BATCH_SIZE = 500;
export const FLUSH_INTERVAL_MS = 200;

interface PendingItem<T> {
  item: T;
  stored: () => void;
  failed: (error: unknown) => void;
}

export abstract class BatchWriter<T> implements OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private pending: PendingItem<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushes: Promise<void> = Promise.resolve();

  /** Stores the items not stored yet, in one transaction; returns how many were new. */
  protected abstract save(items: T[]): Promise<number>;

  write(item: T): Promise<void> {
    return new Promise((stored, failed) => {
      this.pending.push({ item, stored, failed });
      if (this.pending.length >= BATCH_SIZE) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
    });
  }

  /** Stores whatever is still waiting; the consumer has stopped delivering by now. */
  async onApplicationShutdown(): Promise<void> {
    this.flush();
    await this.flushes;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.flushes = this.flushes.then(() => this.storeBatch(batch));
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
