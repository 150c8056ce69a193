/**
 * Where the token buckets live: in the process (InProcessBucketStore), or in Redis when
 * REDIS_URL is set (RedisBucketStore), shared by every gateway replica. The bucket's settings
 * come with each call, read from the reloadable config at the moment of the request.
 */
import type { RateLimitBucket } from '@beacon/config';
import type { BucketAnswer } from './token-bucket';

export abstract class BucketStore {
  /** Takes one token from the bucket under `key` (a new bucket starts full). */
  abstract take(key: string, bucket: RateLimitBucket, windowMs: number): Promise<BucketAnswer>;
}
