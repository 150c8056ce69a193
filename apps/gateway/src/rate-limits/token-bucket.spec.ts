import type { RateLimitBucket } from '@beacon/config';
import { describe, expect, it } from 'vitest';
import { answerOf, fullBucket, takeToken, type BucketState } from './token-bucket';

/** One token a second, ten at most. */
const SECOND: RateLimitBucket = { max: 60, burst: 10 };
const MINUTE = 60_000;

function bucketWith(bucket: RateLimitBucket, windowMs = MINUTE) {
  let state: BucketState | undefined;
  const take = (now: number) => {
    state ??= fullBucket(bucket, windowMs, now);
    const allowed = takeToken(state, bucket, windowMs, now);
    return answerOf(allowed, state.level, bucket, windowMs);
  };
  /** Requests that pass at `now`, taken until one is refused. */
  const passing = (now: number) => {
    let passed = 0;
    while (take(now).allowed) passed++;
    return passed;
  };
  return { take, passing, state: () => state! };
}

describe('token bucket', () => {
  it('lets a burst pass from a full bucket, counting down, then refuses', () => {
    const { take } = bucketWith(SECOND);
    const answers = Array.from({ length: 11 }, () => take(0));
    expect(answers.map((answer) => answer.allowed)).toEqual([...Array(10).fill(true), false]);
    expect(answers.map((answer) => answer.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0]);
    expect(answers[0]).toEqual({ allowed: true, remaining: 9, waitMs: 0, fullInMs: 1_000 });
    expect(answers[10]).toEqual({ allowed: false, remaining: 0, waitMs: 1_000, fullInMs: 10_000 });
  });

  it('refills continuously: after the time of N tokens, exactly N more pass', () => {
    const { passing } = bucketWith(SECOND);
    expect(passing(0)).toBe(10);
    expect(passing(2_999)).toBe(2);
    expect(passing(3_000)).toBe(1);
    expect(passing(7_000)).toBe(4);
  });

  it('counts exact tokens at rates that are no whole number of ms per token', () => {
    // 7 tokens a second: a token every 142.857… ms.
    const { passing, take } = bucketWith({ max: 7, burst: 7 }, 1_000);
    expect(passing(0)).toBe(7);
    expect(take(142)).toMatchObject({ allowed: false, waitMs: 1 });
    expect(passing(143)).toBe(1);
    // A second after the bucket was emptied, seven tokens in all have come back.
    expect(passing(1_000)).toBe(6);
    expect(passing(1_142)).toBe(0);
    expect(passing(1_143)).toBe(1);
  });

  it('says how long until the next whole token and until full', () => {
    const { passing, take } = bucketWith(SECOND);
    passing(0);
    expect(take(400)).toEqual({ allowed: false, remaining: 0, waitMs: 600, fullInMs: 9_600 });
    expect(take(1_000)).toEqual({ allowed: true, remaining: 0, waitMs: 1_000, fullInMs: 10_000 });
  });

  it('never holds more than its capacity, however long it stayed unused', () => {
    const { passing } = bucketWith(SECOND);
    expect(passing(0)).toBe(10);
    expect(passing(365 * 24 * 3_600_000)).toBe(10);
  });

  it('counts in exact integers at the largest settings', () => {
    const largest = { max: 1_000_000_000, burst: 1_000_000_000 };
    const { take, state } = bucketWith(largest, 3_600_000);
    expect(take(0)).toMatchObject({ allowed: true, remaining: 999_999_999 });
    expect(Number.isSafeInteger(state().level)).toBe(true);
    expect(take(10 * 3_600_000)).toMatchObject({ allowed: true, remaining: 999_999_999 });
  });

  it('refills nothing while the clock goes back, then counts on from the new reading', () => {
    const { passing, take } = bucketWith(SECOND);
    expect(passing(10_000)).toBe(10);
    const earlier = take(4_000);
    expect(earlier).toEqual({ allowed: false, remaining: 0, waitMs: 1_000, fullInMs: 10_000 });
    expect(passing(3_000)).toBe(0);
    // One second after the last reading, one token: the step back was not granted as tokens.
    expect(passing(4_000)).toBe(1);
  });

  it('keeps the tokens held when a reload changes the window, and caps them at a smaller burst', () => {
    const state = fullBucket(SECOND, MINUTE, 0);
    takeToken(state, SECOND, MINUTE, 0);
    const longer = 2 * MINUTE;
    takeToken(state, SECOND, longer, 0);
    expect(answerOf(true, state.level, SECOND, longer).remaining).toBe(8);
    const smaller = { max: 60, burst: 3 };
    takeToken(state, smaller, longer, 0);
    expect(answerOf(true, state.level, smaller, longer).remaining).toBe(2);
  });
});
