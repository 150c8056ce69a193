/**
 * The rate-limit headers of the IETF draft (draft-ietf-httpapi-ratelimit-headers), as
 * structured-field items naming the bucket's class:
 *
 *   RateLimit-Policy: "api";q=300;w=60     the bucket's capacity (burst) and window in seconds
 *   RateLimit: "api";r=299;t=1             whole tokens left and `t` seconds
 *
 * `t` is when the client's allowance grows back: while tokens remain, the seconds until the
 * bucket is full again; once it is empty, the seconds until the next token, i.e. until a
 * request would pass (a 429's Retry-After).
 */
import type { RateLimitBucket } from '@beacon/config';
import type { BucketAnswer } from './token-bucket';

export function policyItem(name: string, bucket: RateLimitBucket, windowMs: number): string {
  return `"${name}";q=${bucket.burst};w=${Math.ceil(windowMs / 1000)}`;
}

export function stateItem(name: string, answer: BucketAnswer): string {
  const resetMs = answer.remaining > 0 ? answer.fullInMs : answer.waitMs;
  return `"${name}";r=${answer.remaining};t=${Math.ceil(resetMs / 1000)}`;
}

/** Whole seconds until a request would pass: a refused request's Retry-After. */
export function retryAfterSeconds(answer: BucketAnswer): number {
  return Math.ceil(answer.waitMs / 1000);
}
