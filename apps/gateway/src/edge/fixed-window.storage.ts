/**
 * Rate-limit counters for @nestjs/throttler in fixed windows: a key's first hit opens a window of
 * `ttl` ms; the hit that goes past `limit` blocks the key for `blockDuration` ms. O(1) per
 * request: the library's own storage keeps a timestamp per hit, which a high limit turns into a
 * long array scanned on every request. RedisFixedWindowStorage runs the same algorithm in one
 * atomic script, so that gateway replicas share their counts.
 */
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { OnModuleDestroy } from '@nestjs/common';

export type RateLimitRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  endsAt: number;
  blockedUntil: number;
}

const SWEEP_INTERVAL_MS = 60_000;

export class InProcessFixedWindowStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<RateLimitRecord> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || (window.endsAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    if (window.blockedUntil <= now) {
      window.hits++;
      if (window.hits > limit) window.blockedUntil = now + blockDuration;
    }
    return Promise.resolve(toRecord(window.hits, window.endsAt - now, window.blockedUntil - now));
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(key);
    }
  }
}

/** Times in whole seconds, as the throttler's headers show them. */
export function toRecord(hits: number, windowLeftMs: number, blockLeftMs: number): RateLimitRecord {
  const isBlocked = blockLeftMs > 0;
  return {
    totalHits: hits,
    timeToExpire: Math.max(0, Math.ceil(windowLeftMs / 1000)),
    isBlocked,
    timeToBlockExpire: isBlocked ? Math.ceil(blockLeftMs / 1000) : 0,
  };
}
