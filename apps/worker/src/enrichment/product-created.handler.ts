/** Consumes product.created from the enrichment queue: classify the product, store the answer. */
import {
  EventHandlerErrorFilter,
  productCreated,
  type EventData,
  type EventEnvelope,
} from '@beacon/messaging';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnrichmentClassifier } from './enrichment-classifier.service';

type ProductCreatedEvent = EventEnvelope<EventData<typeof productCreated>>;

interface StoredProduct {
  name: string;
  description: string;
  category: string;
}

@Controller()
@UseFilters(EventHandlerErrorFilter)
export class ProductCreatedHandler {
  constructor(
    private readonly classifier: EnrichmentClassifier,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Reads the product (the event does not carry its description); one deleted meanwhile needs
   * nothing. Idempotent: a redelivered event classifies the product again.
   */
  @EventPattern(productCreated.type, { consumer: 'enrichment' })
  async handle(@Payload() event: ProductCreatedEvent): Promise<void> {
    const [product] = await this.dataSource.query<StoredProduct[]>(
      'SELECT name, description, category FROM products WHERE id = ?',
      [event.data.productId],
    );
    if (!product) return;
    const { category, summary } = await this.classifier.classify({ kind: 'product', ...product });
    await this.dataSource.query(
      'UPDATE products SET classified_category = ?, summary = ? WHERE id = ?',
      [category, summary, event.data.productId],
    );
  }
}
