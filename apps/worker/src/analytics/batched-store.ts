/**
 * A store whose writes go in batches (BatchWriter, WORKER_FLUSH_CONCURRENCY at once): a
 * handler's `write` resolves once its event's batch committed, and shutdown stores what waits.
 * Each batch is one write transaction (inWriteTransaction); a store says what it writes in it,
 * and may act on the new items once they are committed (`committed`).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inWriteTransaction } from './batch-sql';
import { BatchWriter } from './batch-writer';

@Injectable()
export abstract class BatchedStore<T> implements OnApplicationShutdown {
  private readonly batches: BatchWriter<T>;
  private readonly logger = new Logger(this.constructor.name);

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
  async save(items: T[]): Promise<number> {
    const fresh = await inWriteTransaction(this.dataSource, (manager, batchId) =>
      this.saveIn(manager, items, batchId),
    );
    try {
      this.committed(fresh);
    } catch (error) {
      // The batch is stored: failing it now would only have its events delivered again.
      this.logger.error(`after storing ${fresh.length}: ${(error as Error).message}`);
    }
    return fresh.length;
  }

  /** Writes the batch in the transaction, its rows marked with `batchId`; the items that were new. */
  protected abstract saveIn(manager: EntityManager, items: T[], batchId: number): Promise<T[]>;

  /** Runs once the new items' transaction committed (never inside it); must not block. */
  protected committed(_fresh: T[]): void {}
}
