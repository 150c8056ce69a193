/**
 * Token-bucket arithmetic, free of clocks and I/O: a bucket holds at most `burst` tokens,
 * refills continuously at `max` tokens per `windowMs`, and each request takes one token.
 *
 * Everything is an integer, so that a refill is exact (after the time of N tokens, exactly N
 * more requests pass) and Redis's Lua (redis-bucket.store.ts, which repeats `refill`) computes
 * the very same numbers: a token is `windowMs` units and a bucket gains `max` units per
 * millisecond. The environment's bounds (window ≤ 1 h, burst ≤ 10⁹) keep a full bucket below
 * 2⁵³ units, a double's exact integers.
 */
import type { RateLimitBucket } from '@beacon/config';

export interface BucketState {
  /** Units held: `unit` of them make one token. */
  level: number;
  /** The window (ms) the level was counted in: a reload may change the window. */
  unit: number;
  /** The clock (ms) when the level was counted. */
  at: number;
}

export interface BucketAnswer {
  allowed: boolean;
  /** Whole tokens left, after this request's. */
  remaining: number;
  /** Ms until a request would pass: 0 while a whole token remains. */
  waitMs: number;
  /** Ms until the bucket is full again. */
  fullInMs: number;
}

export function fullBucket(bucket: RateLimitBucket, windowMs: number, now: number): BucketState {
  return { level: bucket.burst * windowMs, unit: windowMs, at: now };
}

/**
 * Brings the bucket to `now` and takes a token if it holds one; says whether it did. A clock
 * that went back refills nothing (never a negative time) and the bucket counts on from the new
 * reading: the step back is neither granted as tokens nor waited out.
 */
export function takeToken(
  state: BucketState,
  bucket: RateLimitBucket,
  windowMs: number,
  now: number,
): boolean {
  state.level = refill(state, bucket, windowMs, now);
  state.unit = windowMs;
  state.at = now;
  if (state.level < windowMs) return false;
  state.level -= windowMs;
  return true;
}

function refill(
  state: BucketState,
  bucket: RateLimitBucket,
  windowMs: number,
  now: number,
): number {
  const capacity = bucket.burst * windowMs;
  // After a reload that changed the window, the tokens held stay the tokens held.
  const level =
    state.unit === windowMs ? state.level : Math.floor((state.level / state.unit) * windowMs);
  const elapsed = now - state.at;
  // Past the time to full, the product may lose precision, but never falls below capacity.
  return Math.min(capacity, elapsed > 0 ? level + elapsed * bucket.max : level);
}

/** What a bucket left at `level` units answers, once `allowed` (or not) took its token. */
export function answerOf(
  allowed: boolean,
  level: number,
  bucket: RateLimitBucket,
  windowMs: number,
): BucketAnswer {
  const remaining = floorDiv(level, windowMs);
  return {
    allowed,
    remaining,
    waitMs: remaining > 0 ? 0 : ceilDiv(windowMs - level, bucket.max),
    fullInMs: ceilDiv(Math.max(0, bucket.burst * windowMs - level), bucket.max),
  };
}

/** Integer division without a float's rounding of the quotient. */
function floorDiv(dividend: number, divisor: number): number {
  return (dividend - (dividend % divisor)) / divisor;
}

function ceilDiv(dividend: number, divisor: number): number {
  const quotient = floorDiv(dividend, divisor);
  return dividend % divisor === 0 ? quotient : quotient + 1;
}
