/**
 * A store whose writes go in batches (BatchWriter, WORKER_FLUSH_CONCURRENCY at once): a
 * handler's `write` resolves once its event's batch committed, and shutdown stores what waits.
 * Each store says how one batch is saved.
 */
import type { BeaconConfig } from '@beacon/config';
import type { OnApplicationShutdown } from '@nestjs/common';
import { BatchWriter } from './batch-writer';

export abstract class BatchedStore<T> implements OnApplicationShutdown {
  private readonly batches: BatchWriter<T>;

  constructor(config: BeaconConfig) {
    this.batches = new BatchWriter(
      this.constructor.name,
      (items) => this.save(items),
      config.analytics.flushConcurrency,
    );
  }

  /** Resolves once the item's batch committed. */
  write(item: T): Promise<void> {
    return this.batches.write(item);
  }

  onApplicationShutdown(): Promise<void> {
    return this.batches.drain();
  }

  /** Stores the items not stored yet, in one transaction; resolves to how many were new. */
  abstract save(items: T[]): Promise<number>;
}
