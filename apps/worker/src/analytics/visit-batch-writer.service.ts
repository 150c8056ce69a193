/** Stores classified visits in batches (see BatchWriter), through VisitStore. */
import { Injectable } from '@nestjs/common';
import { BatchWriter } from '../batching/batch-writer';
import type { VisitRecord } from './visit-record';
import { VisitStore } from './visit-store.repository';

@Injectable()
export class VisitBatchWriter extends BatchWriter<VisitRecord> {
  constructor(private readonly store: VisitStore) {
    super();
  }

  protected save(visits: VisitRecord[]): Promise<number> {
    return this.store.save(visits);
  }
}
