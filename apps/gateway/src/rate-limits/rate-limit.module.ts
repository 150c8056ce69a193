/**
 * Rate limits of the gateway (rate-limiter.service.ts): buckets in Redis when REDIS_URL is set
 * (shared by all replicas), in the process otherwise. The guard limits every Nest route; the
 * redirect route (Fastify's own) and requests that match no route (gateway-app.ts) call the
 * limiter themselves.
 */
import { AuthModule } from '@beacon/auth';
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BucketStore } from './bucket-store';
import { InProcessBucketStore } from './in-process-bucket.store';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter.service';
import { RedisBucketStore } from './redis-bucket.store';

@Module({
  // ApiKeyVerifier: the `key` class has a bucket per key.
  imports: [AuthModule],
  providers: [
    {
      provide: BucketStore,
      inject: [BEACON_CONFIG],
      useFactory: ({ redis }: BeaconConfig): BucketStore =>
        redis.url ? new RedisBucketStore(redis.url, redis.keyPrefix) : new InProcessBucketStore(),
    },
    RateLimiter,
    RateLimitGuard,
    { provide: APP_GUARD, useExisting: RateLimitGuard },
  ],
  exports: [RateLimiter],
})
export class RateLimitModule {}
