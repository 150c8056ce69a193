/**
 * A store whose writes go in batches (BatchWriter, WORKER_FLUSH_CONCURRENCY at once): a
 * handler's `write` resolves once its event's batch committed, and shutdown stores what waits.
 * Each batch is one write transaction (inWriteTransaction); a store says what it writes in it.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inWriteTransaction } from './batch-sql';
import { BatchWriter } from './batch-writer';

@Injectable()
export abstract class BatchedStore<T> implements OnApplicationShutdown {
  private readonly batches: BatchWriter<T>;

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() config: BeaconConfig,
  ) {
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
  save(items: T[]): Promise<number> {
    return inWriteTransaction(this.dataSource, (manager, batchId) =>
      this.saveIn(manager, items, batchId),
    );
  }

  /** Writes the batch in the transaction, its rows marked with `batchId`; how many were new. */
  protected abstract saveIn(manager: EntityManager, items: T[], batchId: number): Promise<number>;
}
