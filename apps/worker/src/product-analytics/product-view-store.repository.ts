/**
 * Writes a batch of product views in one transaction: the raw rows (idempotent on the event
 * id, so a redelivered view is not counted twice), then the views per product per UTC day.
 */
import type { EventData, EventEnvelope, productViewed } from '@beacon/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countBy, insertRows, upsertAdding, withoutStoredEvents } from '../batching/batch-sql';

export type ProductViewedEvent = EventEnvelope<EventData<typeof productViewed>>;

export interface ProductViewRecord {
  /** Envelope id of the product.viewed event: the idempotency key. */
  eventId: string;
  productId: string;
  viewedAt: Date;
  /** UTC day of viewedAt, YYYY-MM-DD. */
  viewedDay: string;
}

export function toProductViewRecord(event: ProductViewedEvent): ProductViewRecord {
  const viewedAt = new Date(event.occurredAt);
  return {
    eventId: event.id,
    productId: event.data.productId,
    viewedAt,
    viewedDay: viewedAt.toISOString().slice(0, 10),
  };
}

@Injectable()
export class ProductViewStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the views not stored yet; returns how many were new. */
  save(views: ProductViewRecord[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const fresh = await withoutStoredEvents(manager, 'product_views', views);
      if (fresh.length === 0) return 0;
      await insertRows(
        manager,
        'product_views',
        ['event_id', 'product_id', 'viewed_at'],
        fresh.map((view) => [view.eventId, view.productId, view.viewedAt]),
      );
      const daily = countBy(fresh, (view) => `${view.productId}|${view.viewedDay}`);
      await upsertAdding(
        manager,
        'product_daily_views',
        ['product_id', 'day', 'views'],
        [...daily].map(([key, count]) => [...key.split('|'), count]),
        ['views'],
      );
      return fresh.length;
    });
  }
}
