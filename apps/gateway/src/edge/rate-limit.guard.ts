/**
 * @nestjs/throttler's guard with Beacon's conventions: `RateLimit-Limit`, `-Remaining` and
 * `-Reset` headers (the IETF draft's names), `Retry-After` in seconds on every 429, a JSON error
 * that says when to retry, `rate_limit_rejections_total{route}`, and keys without a hash per
 * request: the default limit counts per client IP across all routes, the stricter `auth` limit
 * per route and client IP.
 *
 * `canActivate` is leaner than the library's, which reads five metadata entries per limit and
 * request for @Throttle/@SkipThrottle overrides: Beacon uses neither (routes pick their limits
 * with `@AuthAttempt()`, through the limits' `skipIf`), so each limit applies as configured.
 */
import {
  Counted,
  RATE_LIMIT_REJECTIONS,
  UNMATCHED_ROUTE,
  type CallOutcome,
} from '@beacon/observability';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.commonOptions.skipIf?.(context)) return true;
    for (const throttler of this.throttlers) {
      if (throttler.skipIf?.(context)) continue;
      const { limit, ttl, blockDuration = ttl } = throttler;
      if (
        typeof limit !== 'number' ||
        typeof ttl !== 'number' ||
        typeof blockDuration !== 'number'
      ) {
        throw new Error(
          `rate limit ${throttler.name}: limit, ttl and blockDuration must be numbers`,
        );
      }
      await this.handleRequest({
        context,
        throttler,
        limit,
        ttl,
        blockDuration,
        getTracker: throttler.getTracker ?? this.commonOptions.getTracker!,
        generateKey: throttler.generateKey ?? this.commonOptions.generateKey!,
      });
    }
    return true;
  }

  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    if (name === 'default') return `${name}:${tracker}`;
    return `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`;
  }

  @Counted(RATE_LIMIT_REJECTIONS, {
    labels: ({ args: [context] }: CallOutcome<[ExecutionContext, ThrottlerLimitDetail]>) => ({
      route: routeOf(context),
    }),
  })
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('retry-after', detail.timeToBlockExpire);
    throw new ThrottlerException(`Too many requests: try again in ${detail.timeToBlockExpire} s`);
  }
}

function routeOf(context: ExecutionContext): string {
  return context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url ?? UNMATCHED_ROUTE;
}
