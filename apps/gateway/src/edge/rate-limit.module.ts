/**
 * Rate limits of the gateway (@nestjs/throttler): RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_MS
 * and client IP on every route, AUTH_RATE_LIMIT_MAX on `@AuthAttempt()` routes, and a per-link
 * limit on a protected link's password attempts. Counts live in Redis when REDIS_URL is set
 * (shared by all replicas), in the process otherwise. The client IP is Fastify's `request.ip`,
 * which reads X-Forwarded-For only from the proxies TRUST_PROXY names. Scrapes and probes are
 * never limited.
 */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { isInfrastructurePath } from '@beacon/observability';
import { Module, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { isAuthAttempt, isLinkPasswordAttempt } from './auth-attempt.decorator';
import { InProcessFixedWindowStorage } from './fixed-window.storage';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisFixedWindowStorage } from './redis-fixed-window.storage';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** A link's password takes this many times AUTH_RATE_LIMIT_MAX per window, all clients together. */
const LINK_PASSWORD_LIMIT_FACTOR = 5;

@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [BEACON_CONFIG],
      useFactory: ({ redis }: BeaconConfig): ThrottlerStorage =>
        redis.url
          ? new RedisFixedWindowStorage(redis.url, redis.keyPrefix)
          : new InProcessFixedWindowStorage(),
    },
  ],
  exports: [RATE_LIMIT_STORAGE],
})
class RateLimitStorageModule {}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [BEACON_CONFIG, RATE_LIMIT_STORAGE],
      useFactory: ({ rateLimit }: BeaconConfig, storage: ThrottlerStorage) => ({
        throttlers: [
          { name: 'default', ttl: rateLimit.windowMs, limit: rateLimit.max },
          {
            name: 'auth',
            ttl: rateLimit.windowMs,
            limit: rateLimit.authMax,
            skipIf: (context: ExecutionContext) => !isAuthAttempt(context),
          },
          {
            name: 'link-password',
            ttl: rateLimit.windowMs,
            limit: rateLimit.authMax * LINK_PASSWORD_LIMIT_FACTOR,
            skipIf: (context: ExecutionContext) => !isLinkPasswordAttempt(context),
            getTracker: (_request: unknown, context: ExecutionContext) =>
              `link:${context.switchToHttp().getRequest<SlugRequest>().params.slug}`,
          },
        ],
        skipIf: (context: ExecutionContext) =>
          isInfrastructurePath(context.switchToHttp().getRequest<FastifyRequest>().url),
        storage,
      }),
    }),
  ],
  // One guard for every Nest route and for the redirect route, which is Fastify's own.
  providers: [RateLimitGuard, { provide: APP_GUARD, useExisting: RateLimitGuard }],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
