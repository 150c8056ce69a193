/**
 * Collects visits and stores them in batches: a flush when BATCH_SIZE visits are waiting or
 * FLUSH_INTERVAL_MS after the first one, one transaction per flush. Each `write` resolves only
 * after its batch committed, so the consumer acks a message only once its visit is stored.
 * Flushes run one at a time: concurrent transactions on the same rollup rows would only wait
 * on each other's locks.
 */
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { VisitRecord } from './visit-record';
import { VisitStore } from './visit-store.repository';

export const BATCH_SIZE = 500;
export const FLUSH_INTERVAL_MS = 200;

interface PendingVisit {
  visit: VisitRecord;
  stored: () => void;
  failed: (error: unknown) => void;
}

@Injectable()
export class VisitBatchWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(VisitBatchWriter.name);
  private pending: PendingVisit[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushes: Promise<void> = Promise.resolve();

  constructor(private readonly store: VisitStore) {}

  write(visit: VisitRecord): Promise<void> {
    return new Promise((stored, failed) => {
      this.pending.push({ visit, stored, failed });
      if (this.pending.length >= BATCH_SIZE) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
    });
  }

  /** Stores whatever is still waiting; the consumer has stopped delivering by now. */
  async onApplicationShutdown(): Promise<void> {
    this.flush();
    await this.flushes;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.flushes = this.flushes.then(() => this.storeBatch(batch));
  }

  private async storeBatch(batch: PendingVisit[]): Promise<void> {
    try {
      const stored = await this.store.save(batch.map((item) => item.visit));
      this.logger.debug(`stored ${stored} new of ${batch.length} visits`);
      batch.forEach((item) => item.stored());
    } catch (error) {
      this.logger.warn(`storing ${batch.length} visits failed: ${(error as Error).message}`);
      batch.forEach((item) => item.failed(error));
    }
  }
}
