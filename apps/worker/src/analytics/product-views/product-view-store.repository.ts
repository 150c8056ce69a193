/**
 * Stores product views in batches (BatchWriter), each in one transaction: the raw rows that are
 * new (idempotent on the event id, so a redelivered view is not counted twice), then the views
 * per product per UTC day, added from what actually went in.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  countRows,
  inWriteTransaction,
  insertNew,
  upsertAdding,
  type KeyedTable,
} from '../batch-sql';
import { BatchedStore } from '../batched-store';
import type { ProductViewRecord } from './product-view-record';

const VIEWS: KeyedTable<ProductViewRecord> = {
  name: 'product_views',
  columns: ['event_id', 'product_id', 'viewed_at'],
  key: ['event_id'],
  keyOf: (view) => view.eventId,
  rowOf: (view) => [view.eventId, view.productId, view.viewedAt],
};

@Injectable()
export class ProductViewStore extends BatchedStore<ProductViewRecord> {
  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() config: BeaconConfig,
  ) {
    super(config);
  }

  /** Stores the views not stored yet; returns how many were new. */
  save(views: ProductViewRecord[]): Promise<number> {
    return inWriteTransaction(this.dataSource, async (manager, batchId) => {
      const fresh = await insertNew(manager, VIEWS, views, batchId);
      await upsertAdding(
        manager,
        'product_daily_views',
        ['product_id', 'day', 'views'],
        countRows(fresh, (view) => [view.productId, view.viewedDay]),
        ['views'],
      );
      return fresh.length;
    });
  }
}
