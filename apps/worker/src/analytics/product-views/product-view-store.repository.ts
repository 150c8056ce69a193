/**
 * Stores product views in batches (BatchWriter), each in one transaction: the raw rows that are
 * new (idempotent on the event id, so a redelivered view is not counted twice), then the views
 * per product per UTC day, added from what actually went in.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { countRows, insertNew, upsertAdding, type KeyedTable } from '../batch-sql';
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
  protected async saveIn(
    manager: EntityManager,
    views: ProductViewRecord[],
    batchId: number,
  ): Promise<ProductViewRecord[]> {
    const fresh = await insertNew(manager, VIEWS, views, batchId);
    await upsertAdding(
      manager,
      'product_daily_views',
      ['product_id', 'day', 'views'],
      countRows(fresh, (view) => [view.productId, view.viewedDay]),
      ['views'],
    );
    return fresh;
  }
}
