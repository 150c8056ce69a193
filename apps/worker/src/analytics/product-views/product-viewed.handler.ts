/** Consumes product.viewed from the product-analytics queue and stores it in a batch. */
import { EventHandlerErrorFilter, productViewed } from '@beacon/messaging';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { toProductViewRecord, type ProductViewedEvent } from './product-view-record';
import { ProductViewStore } from './product-view-store.repository';

@Controller()
@UseFilters(EventHandlerErrorFilter)
export class ProductViewedHandler {
  constructor(private readonly store: ProductViewStore) {}

  @EventPattern(productViewed.type, { consumer: 'product-analytics' })
  handle(@Payload() event: ProductViewedEvent): Promise<void> {
    return this.store.write(toProductViewRecord(event));
  }
}
