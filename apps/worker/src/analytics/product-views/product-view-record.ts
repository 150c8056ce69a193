/** A product view as the analytics store keeps it, from its product.viewed event. */
import type { EventData, EventEnvelope, productViewed } from '@beacon/messaging';

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
