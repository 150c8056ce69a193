/** Write side of product analytics: product.viewed events become views per product per day. */
import { Module } from '@nestjs/common';
import { ProductViewBatchWriter } from './product-view-batch-writer.service';
import { ProductViewStore } from './product-view-store.repository';
import { ProductViewedHandler } from './product-viewed.handler';

@Module({
  controllers: [ProductViewedHandler],
  providers: [ProductViewBatchWriter, ProductViewStore],
})
export class ProductAnalyticsModule {}
