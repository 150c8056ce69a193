/** Stores product views in batches (see BatchWriter), through ProductViewStore. */
import { Injectable } from '@nestjs/common';
import { BatchWriter } from '../batching/batch-writer';
import { ProductViewStore, type ProductViewRecord } from './product-view-store.repository';

@Injectable()
export class ProductViewBatchWriter extends BatchWriter<ProductViewRecord> {
  constructor(private readonly store: ProductViewStore) {
    super();
  }

  protected save(views: ProductViewRecord[]): Promise<number> {
    return this.store.save(views);
  }
}
