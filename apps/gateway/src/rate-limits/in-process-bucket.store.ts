/**
 * Token buckets in a Map: O(1) per request. A bucket that has refilled to full is the same as no
 * bucket (a new one starts full), so a sweep every minute drops those, and the Map holds only the
 * clients of the last few windows.
 */
import type { RateLimitBucket } from '@beacon/config';
import type { OnModuleDestroy } from '@nestjs/common';
import { BucketStore } from './bucket-store';
import {
  answerOf,
  fullBucket,
  takeToken,
  type BucketAnswer,
  type BucketState,
} from './token-bucket';

const SWEEP_INTERVAL_MS = 60_000;

interface StoredBucket extends BucketState {
  fullAt: number;
}

export class InProcessBucketStore extends BucketStore implements OnModuleDestroy {
  private readonly buckets = new Map<string, StoredBucket>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();

  take(key: string, bucket: RateLimitBucket, windowMs: number): Promise<BucketAnswer> {
    const now = Date.now();
    let stored = this.buckets.get(key);
    if (!stored) {
      stored = { ...fullBucket(bucket, windowMs, now), fullAt: now };
      this.buckets.set(key, stored);
    }
    const answer = answerOf(
      takeToken(stored, bucket, windowMs, now),
      stored.level,
      bucket,
      windowMs,
    );
    stored.fullAt = now + answer.fullInMs;
    return Promise.resolve(answer);
  }

  /** Buckets held (for tests of the sweep). */
  get size(): number {
    return this.buckets.size;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(now = Date.now()): void {
    for (const [key, stored] of this.buckets) {
      if (stored.fullAt <= now) this.buckets.delete(key);
    }
  }
}
